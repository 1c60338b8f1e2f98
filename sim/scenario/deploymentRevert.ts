import { decodeErrorResult, hexToString, isHex, type Abi, type Hex } from "viem";
import * as abis from "../chain/abis.generated.ts";
import type { TxOutcome } from "../chain/executor.ts";
import type { RpcClient } from "../chain/rpc.ts";
import { TransactionRevertedError } from "../errors/index.ts";
import { formatValue } from "./errors.ts";
import type { Scenario } from "./schema.ts";

/** Every custom error of every contract, once (interfaces repeat them). */
const ALL_ERRORS: Abi = (() => {
  const seen = new Set<string>();
  const errors: Abi[number][] = [];
  for (const abi of Object.values(abis) as Abi[]) {
    for (const item of abi) {
      if (item.type !== "error") continue;
      const key = `${item.name}(${item.inputs.map((i) => i.type).join(",")})`;
      if (seen.has(key)) continue;
      seen.add(key);
      errors.push(item);
    }
  }
  return errors;
})();

/** A revert decoded against the contracts' ABIs: the error's name and its arguments, ready to print. */
export type DecodedRevert = { name: string; args: string[] };

/** Decodes revert data (a custom error, `Error(string)` or `Panic(uint256)`); undefined if it is none of them. */
export function decodeRevert(data: Hex): DecodedRevert | undefined {
  if (!isHex(data) || data.length < 10) return undefined;
  try {
    const decoded = decodeErrorResult({ abi: ALL_ERRORS, data });
    const inputs = decoded.abiItem.type === "error" ? decoded.abiItem.inputs : [];
    const args = (decoded.args ?? []).map((arg, i) => (inputs[i]?.type === "bytes32" ? bytes32Text(arg as Hex) : String(arg)));
    return { name: decoded.errorName, args };
  } catch {
    return undefined;
  }
}

/** A bytes32 that holds a short string (a parameter's name), as text; other words stay hex. */
function bytes32Text(word: Hex): string {
  const text = hexToString(word).replace(/\0+$/, "");
  return /^[\x20-\x7e]+$/.test(text) ? text : word;
}

/** The contracts' parameter names (OpmlOracle_InvalidParameter, AigcNFT_InvalidParameter) → scenario fields. */
const PARAMETER_FIELDS: Record<string, string> = {
  submitterBond: "oracle.submitterBond",
  challengerBond: "oracle.challengerBond",
  submitterReward: "oracle.submitterReward",
  callbackGasPrice: "oracle.callbackGasPriceGwei",
  challengeWindow: "oracle.challengeWindow",
  responseDeadline: "oracle.responseDeadline",
  slashWinnerBps: "oracle.slashToWinnerBps",
  maxCallbackGasLimit: "oracle.callbackGasLimit",
  requestTimeout: "oracle.requestTimeout",
  royaltyBps: "nft.royaltyBps",
  minRevealDelay: "nft.commitReveal",
  maxRevealDelay: "nft.commitReveal",
};

/** UsageLedger's parameter names (UsageLedger_InvalidParameter) → scenario fields. */
const USAGE_LEDGER_FIELDS: Record<string, string> = {
  periodLength: "offchain.ledger.periodEpochs",
  reportWindow: "offchain.ledger.reportWindow",
  challengeWindow: "offchain.ledger.challengeWindow",
  answerWindow: "offchain.ledger.answerWindow",
  unbondingDelay: "offchain.ledger.unbondingDelay",
  minBond: "offchain.ledger.minBond",
  penaltyBps: "offchain.ledger.penaltyBps",
  revenueGasLimit: "offchain.ledger.revenueGasLimit",
};

/** Custom errors of the deployment path → the scenario field whose value the contract refused. */
const ERROR_FIELDS: Record<string, (args: string[]) => string | undefined> = {
  OpmlOracle_InvalidParameter: ([name]) => PARAMETER_FIELDS[name ?? ""],
  OpmlOracle_NotWholeGwei: ([name]) => PARAMETER_FIELDS[name ?? ""],
  OpmlOracle_WinnerShareTooHigh: () => "oracle.slashToWinnerBps",
  OpmlOracle_LyingPays: () => "oracle.submitterBond",
  AigcNFT_InvalidParameter: ([name]) => PARAMETER_FIELDS[name ?? ""],
  ModelRegistry_FeeTooLarge: () => "model.fee",
  ModelRegistry_InvalidReceiverBps: () => "model.receiverBps",
  ImoLaunch_InvalidRevenueShareBps: () => "model.receiverBps",
  ImoLaunch_InvalidTotalSupply: () => "token.supply",
  RevShareToken_SupplyTooLarge: () => "token.supply",
  RevShareToken_NoSupply: () => "token.supply",
  ImoLaunch_InvalidTarget: () => "raise.target",
  ImoLaunch_InvalidWindow: () => "raise.windowEpochs",
  ImoLaunch_InvalidVestingDuration: () => "raise.vestingEpochs",
  ImoLaunch_InvalidAllocationSum: () => "raise.allocation",
  ImoLaunch_EmptyPublicSale: () => "raise.allocation.publicSale",
  RevShareToken_InvalidClaimableBps: () => "token.claimableBps",
  RevShareToken_InvalidSnapshotInterval: () => "token.snapshotIntervalEpochs",
  RevShareToken_InvalidClaimWindow: () => "token.claimWindow",
  UsageLedger_InvalidParameter: ([name]) => USAGE_LEDGER_FIELDS[name ?? ""],
  UsageLedger_InvalidShare: () => "offchain.ledger.shareBps",
};

/** The scenario field a deployment revert is about, if the error names one. */
export function fieldOfRevert(revert: DecodedRevert): string | undefined {
  return ERROR_FIELDS[revert.name]?.(revert.args);
}

function valueAt(scenario: Scenario, path: string): unknown {
  let node: unknown = scenario;
  for (const key of path.split(".")) node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}

/**
 * The revert data of a deployment step that failed: the step is replayed as an eth_call on the current state
 * (a deployment step's checks are on its arguments, which the replay has unchanged).
 */
async function revertDataOf(rpc: RpcClient, outcome: TxOutcome): Promise<Hex | undefined> {
  const r = outcome.request;
  const [answer] = await rpc.batch([
    {
      method: "eth_call",
      params: [{ from: r.from, ...(r.to ? { to: r.to } : {}), data: r.data ?? "0x", value: `0x${(r.value ?? 0n).toString(16)}`, ...(r.gas ? { gas: `0x${r.gas.toString(16)}` } : {}) }, "latest"],
    },
  ]);
  const data = answer?.error?.data;
  if (typeof data === "string" && isHex(data)) return data;
  if (typeof data === "object" && data !== null && typeof (data as { data?: unknown }).data === "string") return (data as { data: Hex }).data;
  return undefined;
}

export type DeploymentRevertErrorParameters = { rpc: RpcClient; outcome: TxOutcome; scenario: Scenario };

/**
 * The error for a deployment step that did not succeed: the contract's custom error decoded from the ABIs,
 * and the scenario field it refused with the value the scenario gave it.
 */
export async function deploymentRevertError({ rpc, outcome, scenario }: DeploymentRevertErrorParameters): Promise<TransactionRevertedError> {
  const step = outcome.request.label ?? "?";
  const data = outcome.status === "reverted" ? await revertDataOf(rpc, outcome).catch(() => undefined) : undefined;
  const revert = data === undefined ? undefined : decodeRevert(data);
  const field = revert === undefined ? undefined : fieldOfRevert(revert);
  const error = revert === undefined ? `(${outcome.status}${data ? `, revert data ${data.slice(0, 74)}` : ""})` : `${revert.name}(${revert.args.join(", ")})`;
  if (field === undefined) {
    return new TransactionRevertedError(`Deployment step ${step} failed: ${error}`, {
      details: outcome.error,
      hints: ["Check the scenario's token, raise, model, oracle and nft parameters against the limits in scenarios/scenario.schema.json."],
    });
  }
  return new TransactionRevertedError(`Deployment step ${step} failed: ${error}: the contract refused the scenario's ${field}`, {
    details: `${field} = ${formatValue(valueAt(scenario, field))}`,
    hints: [
      `Bring ${field} within the contract's bound (docs/researcher-guide.md and scenarios/scenario.schema.json give every field's limit).`,
      "The schema accepted this value, so its limits and the contracts' differ: update sim/scenario/contractLimits.ts to the contracts' figures.",
    ],
  });
}
