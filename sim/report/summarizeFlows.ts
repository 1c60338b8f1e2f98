import { join } from "node:path";
import { addLockEvent, emptyLockTally, type LockTally } from "../economics/capitalCost.ts";
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
  /** Σ bond posted × the chain time it was posted (wei × seconds), for the capital the bonds lock. */
  bondsPostedTimesTime: bigint;
  /** Σ bond returned or released × the chain time it came back (wei × seconds); bonds lost are in summarizeLatency. */
  bondsReleasedTimesTime: bigint;
};

/** What one investor moved through the raise and the token. */
export type HolderAccount = {
  deposited: bigint;
  /** Σ deposit × the time it was made, and Σ refund or withdrawal × its time (wei × seconds), for the capital the raise held. */
  depositedTimesTime: bigint;
  returned: bigint;
  returnedTimesTime: bigint;
  /** Revenue it claimed from the token, plus what the launch paid it with its allocation (its sale tokens' revenue). */
  claimed: bigint;
  redeemed: bigint;
};

/** How one snapshot split the token's ETH revenue (credit lines of flows.csv at the snapshot's block). */
export type RevenueSplit = { toClaimable: bigint; toRedeemPool: bigint; unclaimedRolledForward: bigint; unclaimedToRedeemPool: bigint };

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
  /** Raise and token accounts of investors, by agent id. */
  holderAccounts: Map<string, HolderAccount>;
  /** The token's revenue splits, by the block of the snapshot that made them. */
  revenueSplits: Map<number, RevenueSplit>;
  /** Bonds of usage-ledger operators over time, by agent: posted (register, addBond) against withdrawn or slashed. */
  usageBondLocks: Map<string, LockTally>;
};

const emptyAccount = (): OracleAccount => ({ bondsPosted: 0n, rewards: 0n, callbackGas: 0n, bondsReturned: 0n, slashIncome: 0n, bondsReleased: 0n, otherCredits: 0n, withdrawn: 0n, bondsPostedTimesTime: 0n, bondsReleasedTimesTime: 0n });

const emptyHolder = (): HolderAccount => ({ deposited: 0n, depositedTimesTime: 0n, returned: 0n, returnedTimesTime: 0n, claimed: 0n, redeemed: 0n });
const emptySplit = (): RevenueSplit => ({ toClaimable: 0n, toRedeemPool: 0n, unclaimedRolledForward: 0n, unclaimedToRedeemPool: 0n });
const SPLIT_PART: Record<string, keyof RevenueSplit> = {
  "revenue-to-claimable": "toClaimable",
  "revenue-to-redeem-pool": "toRedeemPool",
  "unclaimed-rolled-forward": "unclaimedRolledForward",
  "unclaimed-to-redeem-pool": "unclaimedToRedeemPool",
};

/** Streams flows.csv once and adds it up per epoch and line, per address (for conservation) and per agent's oracle account. */
export async function summarizeFlows(runDir: string, parameters: CreateFlowClassifierParameters): Promise<SummarizeFlowsReturnType> {
  const classifier = createFlowClassifier(parameters);
  const byEpoch = new Map<number, Map<string, FlowCell>>();
  const ethIn = new Map<string, bigint>();
  const ethOut = new Map<string, bigint>();
  const oracleAccounts = new Map<string, OracleAccount>();
  const holderAccounts = new Map<string, HolderAccount>();
  const revenueSplits = new Map<number, RevenueSplit>();
  const usageBondLocks = new Map<string, LockTally>();
  const usageBond = (name: string, amount: bigint, time: string | undefined, kind: "lock" | "release") => usageBondLocks.set(name, addLockEvent(usageBondLocks.get(name) ?? emptyLockTally(), amount, Number(time || "0"), kind));
  const holder = (name: string) => {
    let h = holderAccounts.get(name);
    if (!h) holderAccounts.set(name, (h = emptyHolder()));
    return h;
  };
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
        case "challenger-bonds-posted": {
          const a = account(flow.fromName);
          a.bondsPosted += flow.amount;
          a.bondsPostedTimesTime += flow.amount * BigInt(row.time || "0");
          break;
        }
        case "oracle-withdrawals":
          account(flow.toName).withdrawn += flow.amount;
          break;
        case "submitter-reward-paid":
          account(flow.toName).rewards += flow.amount;
          break;
        case "callback-gas-paid":
          account(flow.toName).callbackGas += flow.amount;
          break;
        case "bond-returned": {
          const a = account(flow.toName);
          a.bondsReturned += flow.amount;
          a.bondsReleasedTimesTime += flow.amount * BigInt(row.time || "0");
          break;
        }
        case "bond-to-winner":
          account(flow.toName).slashIncome += flow.amount;
          break;
        case "bond-released": {
          const a = account(flow.toName);
          a.bondsReleased += flow.amount;
          a.bondsReleasedTimesTime += flow.amount * BigInt(row.time || "0");
          break;
        }
        case "overpayment-refund":
        case "expired-escrow-refund":
          if (oracleAccounts.has(flow.toName)) account(flow.toName).otherCredits += flow.amount;
          break;
        case "raise-deposits": {
          const h = holder(flow.fromName);
          h.deposited += flow.amount;
          h.depositedTimesTime += flow.amount * BigInt(row.time || "0");
          break;
        }
        case "raise-refunds":
        case "raise-withdrawals": {
          const h = holder(flow.toName);
          h.returned += flow.amount;
          h.returnedTimesTime += flow.amount * BigInt(row.time || "0");
          break;
        }
        case "revenue-claims":
        case "launch-revenue-paid":
          if (flow.to === "investor") holder(flow.toName).claimed += flow.amount;
          break;
        case "burn-redemptions":
          if (flow.to === "investor") holder(flow.toName).redeemed += flow.amount;
          break;
        case "revenue-to-claimable":
        case "revenue-to-redeem-pool":
        case "unclaimed-rolled-forward":
        case "unclaimed-to-redeem-pool": {
          const block = Number(row.block);
          let split = revenueSplits.get(block);
          if (!split) revenueSplits.set(block, (split = emptySplit()));
          split[SPLIT_PART[flow.category] as keyof RevenueSplit] += flow.amount;
          break;
        }
        case "usage-bonds-posted":
          usageBond(flow.fromName, flow.amount, row.time, "lock");
          break;
        case "usage-bonds-withdrawn":
          usageBond(flow.toName, flow.amount, row.time, "release");
          break;
        // A slash takes the whole bond: its three parts together release it.
        case "usage-slash-to-token":
        case "usage-slash-to-prover":
        case "usage-slash-burned":
          usageBond(flow.fromName, flow.amount, row.time, "release");
          break;
      }
    }
  });
  return { byEpoch, ethIn, ethOut, oracleAccounts, openEscrows: classifier.openEscrows, holderAccounts, revenueSplits, usageBondLocks };
}
