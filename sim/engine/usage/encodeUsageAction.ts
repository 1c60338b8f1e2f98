import { encodeFunctionData, type Address, type Hex } from "viem";
import type { UsageAction, UsageReport } from "../../agents/types.ts";
import type { TxRequest } from "../../chain/executor.ts";
import { contractAbis } from "../../chain/contracts.ts";
import type { Receipt } from "../../usage/index.ts";
import type { Deployment } from "../deployment.ts";

const abi = contractAbis.UsageLedger;
const reportArg = (r: UsageReport) => ({ start: r.start, count: r.count, total: r.total, root: r.root, reportedAt: r.reportedAt });

function receiptOf(action: { kind: string; receipt?: Receipt | undefined }): Receipt {
  if (!action.receipt) throw new Error(`${action.kind}: the receipt was not filled in before encoding (the engine's off-chain step does it)`);
  return action.receipt;
}

function signedOf(action: { kind: string; receipt?: Receipt | undefined; signature?: Hex | undefined }): { receipt: Receipt; signature: Hex } {
  if (!action.signature) throw new Error(`${action.kind}: the receipt was not signed before encoding (the engine's off-chain step signs presented receipts)`);
  return { receipt: receiptOf(action), signature: action.signature };
}

/** The transaction of a usage-ledger action, labelled "UsageLedger.function". Off-chain actions have none. */
export function encodeUsageAction(action: UsageAction, d: Deployment): TxRequest {
  const ledger = d.ledger;
  if (ledger === undefined) throw new Error(`${action.kind}: the scenario has no off-chain usage, so no usage ledger is deployed`);
  const tx = (label: string, data: Hex, value = 0n): TxRequest => ({ from: action.agent.address, to: ledger as Address, data, value, label: `UsageLedger.${label}` });
  switch (action.kind) {
    case "useOffchain":
    case "requestUsageProof":
      throw new Error(`${action.kind} is off-chain: the engine serves it from the off-chain book and never sends it`);
    case "registerOperator":
      return tx("register", encodeFunctionData({ abi, functionName: "register", args: [d.modelId] }), action.bond);
    case "reportUsage":
      return tx("report", encodeFunctionData({ abi, functionName: "report", args: [d.modelId, action.period, action.count, action.total, action.root] }), action.value);
    case "answerChallenge":
      return tx("answerChallenge", encodeFunctionData({ abi, functionName: "answerChallenge", args: [receiptOf(action), reportArg(action.report), [...action.proof]] }));
    case "challengeReceipt": {
      const s = signedOf(action);
      return tx("challengeReceipt", encodeFunctionData({ abi, functionName: "challengeReceipt", args: [s.receipt, s.signature, reportArg(action.report)] }), action.bond);
    }
    case "proveOutOfRange": {
      const s = signedOf(action);
      return tx("proveOutOfRange", encodeFunctionData({ abi, functionName: "proveOutOfRange", args: [s.receipt, s.signature, reportArg(action.report)] }));
    }
    case "provePriceAboveTotal": {
      const s = signedOf(action);
      return tx("provePriceAboveTotal", encodeFunctionData({ abi, functionName: "provePriceAboveTotal", args: [s.receipt, s.signature, reportArg(action.report)] }));
    }
    case "slashUnanswered":
      return tx("slashUnanswered", encodeFunctionData({ abi, functionName: "slashUnanswered", args: [receiptOf(action)] }));
    case "slashOverdue":
      return tx("slashOverdue", encodeFunctionData({ abi, functionName: "slashOverdue", args: [d.modelId, action.operator] }));
    case "flushUsageRevenue":
      return tx("flushRevenue", encodeFunctionData({ abi, functionName: "flushRevenue", args: [d.modelId] }));
    case "withdrawUsageCredit":
      return tx("withdraw", encodeFunctionData({ abi, functionName: "withdraw" }));
  }
}
