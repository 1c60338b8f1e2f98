import { join } from "node:path";
import { createFlowClassifier, type CreateFlowClassifierParameters } from "./classifyFlow.ts";
import { readCsv } from "./readCsv.ts";

/** Sum and count of one line of the fee-flow table. */
export type FlowCell = { movement: "eth" | "credit"; category: string; from: string; to: string; amount: bigint; transfers: number };

/** What one agent moved through the oracle (agents that post bonds or earn oracle credit). */
export type OracleAccount = {
  bondsPosted: bigint;
  rewards: bigint;
  callbackGas: bigint;
  bondsReturned: bigint;
  slashIncome: bigint;
  /** Bonds of undefeated, non-winning claims pulled back after finality (releaseBond). */
  bondsReleased: bigint;
  otherCredits: bigint;
  withdrawn: bigint;
};

export type SummarizeFlowsReturnType = {
  /** Per epoch, then per line key (`movement|category|from|to`). */
  byEpoch: Map<number, Map<string, FlowCell>>;
  /** Real ETH into and out of each address name (agents, contracts, parties). */
  ethIn: Map<string, bigint>;
  ethOut: Map<string, bigint>;
  /** Oracle accounts of agents, by agent id. */
  oracleAccounts: Map<string, OracleAccount>;
  /** Requests whose escrow was never paid out nor refunded (still open at the end of the run). */
  openEscrows: number;
};

const emptyAccount = (): OracleAccount => ({ bondsPosted: 0n, rewards: 0n, callbackGas: 0n, bondsReturned: 0n, slashIncome: 0n, bondsReleased: 0n, otherCredits: 0n, withdrawn: 0n });

/** Streams flows.csv once and adds it up per epoch and line, per address (for conservation) and per agent's oracle account. */
export async function summarizeFlows(runDir: string, parameters: CreateFlowClassifierParameters): Promise<SummarizeFlowsReturnType> {
  const classifier = createFlowClassifier(parameters);
  const byEpoch = new Map<number, Map<string, FlowCell>>();
  const ethIn = new Map<string, bigint>();
  const ethOut = new Map<string, bigint>();
  const oracleAccounts = new Map<string, OracleAccount>();
  const account = (name: string) => {
    let a = oracleAccounts.get(name);
    if (!a) oracleAccounts.set(name, (a = emptyAccount()));
    return a;
  };
  await readCsv(join(runDir, "flows.csv"), (row) => {
    const epoch = Number(row.epoch);
    let cells = byEpoch.get(epoch);
    if (!cells) byEpoch.set(epoch, (cells = new Map()));
    for (const flow of classifier.classify(row)) {
      const key = `${flow.movement}|${flow.category}|${flow.from}|${flow.to}`;
      const cell = cells.get(key);
      if (cell) {
        cell.amount += flow.amount;
        cell.transfers++;
      } else cells.set(key, { movement: flow.movement, category: flow.category, from: flow.from, to: flow.to, amount: flow.amount, transfers: 1 });
      if (flow.movement === "eth") {
        ethIn.set(flow.toName, (ethIn.get(flow.toName) ?? 0n) + flow.amount);
        ethOut.set(flow.fromName, (ethOut.get(flow.fromName) ?? 0n) + flow.amount);
      }
      switch (flow.category) {
        case "submitter-bonds-posted":
        case "challenger-bonds-posted":
          account(flow.fromName).bondsPosted += flow.amount;
          break;
        case "oracle-withdrawals":
          account(flow.toName).withdrawn += flow.amount;
          break;
        case "submitter-reward-paid":
          account(flow.toName).rewards += flow.amount;
          break;
        case "callback-gas-paid":
          account(flow.toName).callbackGas += flow.amount;
          break;
        case "bond-returned":
          account(flow.toName).bondsReturned += flow.amount;
          break;
        case "bond-to-winner":
          account(flow.toName).slashIncome += flow.amount;
          break;
        case "bond-released":
          account(flow.toName).bondsReleased += flow.amount;
          break;
        case "overpayment-refund":
        case "expired-escrow-refund":
          if (oracleAccounts.has(flow.toName)) account(flow.toName).otherCredits += flow.amount;
          break;
      }
    }
  });
  return { byEpoch, ethIn, ethOut, oracleAccounts, openEscrows: classifier.openEscrows };
}
