import type { Rng } from "../rng/createRng.ts";
import type { Action, Agent, Observation } from "./types.ts";

/** The epoch (from the raise's start) in which an investor deposits, by the scenario's timing. */
export function depositEpoch(timing: "uniform" | "early" | "late", windowEpochs: number, rng: Rng): number {
  const u = rng.float();
  const share = timing === "uniform" ? u : timing === "early" ? u * u : 1 - u * u;
  return Math.min(windowEpochs - 1, Math.floor(share * windowEpochs));
}

/** A deposit drawn from a log-normal distribution with the scenario's mean, in whole gwei. */
export function depositAmount(meanEth: number, spread: number, rng: Rng): bigint {
  const eth = meanEth * Math.exp(spread * rng.normal() - (spread * spread) / 2);
  return BigInt(Math.max(1, Math.round(eth * 1e9))) * 10n ** 9n;
}

/** Whether `holder` may still claim snapshot `id`, and has something there. */
function claimableIds(agent: Agent, obs: Observation): number[] {
  const mine = obs.token.claimable.get(agent.address.toLowerCase());
  if (!mine) return [];
  return [...mine.entries()].filter(([, amount]) => amount > 0n).map(([id]) => id).sort((a, b) => a - b);
}

/**
 * The deposit an investor has planned, while the raise is open and it has not deposited: its planned epoch
 * and turn (`due` once they have come) and its amount, all drawn from its "deposit" stream.
 */
export function plannedDeposit(agent: Agent, obs: Observation, rng: Rng): { due: boolean; value: bigint } | undefined {
  const { raise, scenario } = obs;
  if (!(obs.now >= raise.start && obs.now < raise.end) || raise.deposited.has(agent.address.toLowerCase())) return undefined;
  const epochSeconds = scenario.epoch.seconds;
  const plan = rng.fork("deposit");
  const epoch = depositEpoch(scenario.investors.timing, scenario.raise.windowEpochs, plan);
  const turn = plan.int(0, scenario.epoch.blocks - 1);
  const startEpoch = Math.floor((raise.start - scenario.startTimestamp) / epochSeconds);
  const due = obs.epoch >= startEpoch + epoch && obs.turn >= turn;
  return { due, value: depositAmount(Number(scenario.investors.meanDeposit), scenario.investors.depositSpread, plan) };
}

/** Whether this turn falls in the last epoch before the next snapshot is due. */
export function inLastEpochBeforeSnapshot(obs: Observation): boolean {
  return obs.now >= obs.token.nextSnapshotAt - obs.scenario.epoch.seconds;
}

/** The snapshot whose claim window the next snapshot closes (the oldest one still open). */
export function closingSnapshot(obs: Observation): number {
  return obs.token.currentSnapshotId - obs.scenario.token.claimWindow + 1;
}

/** Claims of a scripted holder: at once (claim every snapshot, and the burners), or in the last epoch before a window closes (claim late). */
export function scriptedClaims(agent: Agent, obs: Observation): Action[] {
  const strategy = agent.holderStrategy ?? "passive";
  const ids = claimableIds(agent, obs);
  if (strategy === "claim-every-snapshot" || strategy === "burn-after-snapshot" || strategy === "burn-before-snapshot") {
    if (ids.length > 0) return [{ kind: "claimRevenue", agent, snapshotIds: ids }];
  } else if (strategy === "claim-late") {
    // Claim a snapshot in the last epoch before its window closes.
    const closing = ids.filter((id) => id === closingSnapshot(obs) && inLastEpochBeforeSnapshot(obs));
    if (closing.length > 0) return [{ kind: "claimRevenue", agent, snapshotIds: closing }];
  }
  return [];
}

/** A holder's burns (the burners, right after or just before a snapshot) and its occasional transfer to another investor. */
export function burnsAndTransfers(agent: Agent, obs: Observation, rng: Rng): Action[] {
  const actions: Action[] = [];
  const me = agent.address.toLowerCase();
  const { token, scenario } = obs;
  const balance = token.balances.get(me) ?? 0n;
  const strategy = agent.holderStrategy ?? "passive";
  const current = token.currentSnapshotId;
  const burnShare = scenario.holders.burnShare;
  const burnAmount = (balance * BigInt(Math.round(burnShare * 10_000))) / 10_000n;
  const lastBurn = token.lastBurnSnapshot.get(me) ?? -1;
  if (strategy === "burn-after-snapshot" && current > 0 && lastBurn < current && burnAmount > 0n) {
    actions.push({ kind: "burn", agent, amount: burnAmount });
  } else if (strategy === "burn-before-snapshot" && inLastEpochBeforeSnapshot(obs) && obs.now < token.nextSnapshotAt && lastBurn !== current && burnAmount > 0n) {
    // Before the due time: a burn at or after it counts for the snapshot after, keeping this one's claim.
    actions.push({ kind: "burn", agent, amount: burnAmount });
  }

  if (obs.turn === 0 && balance > 0n && obs.investors.length > 1 && rng.fork(`transfer-${obs.epoch}`).bool(scenario.holders.transferProbability)) {
    const r = rng.fork(`transfer-to-${obs.epoch}`);
    const to = r.pick(obs.investors.filter((i) => i.address !== agent.address));
    actions.push({ kind: "transfer", agent, to: to.address, amount: balance / 10n });
  }
  return actions;
}

/**
 * What an investor does before it holds: deposit (when `deposits` says so), then take its allocation once
 * the raise succeeds. Undefined once it holds its tokens (or the raise failed): then it acts as a holder.
 */
export function raiseActions(agent: Agent, obs: Observation, rng: Rng, deposits: (planned: { due: boolean; value: bigint }) => boolean): Action[] | undefined {
  const me = agent.address.toLowerCase();
  const { raise } = obs;
  if (!raise.settled) {
    const planned = plannedDeposit(agent, obs, rng);
    return planned && deposits(planned) ? [{ kind: "deposit", agent, value: planned.value }] : [];
  }
  if (!raise.succeeded) return [];
  if (raise.deposited.has(me) && !raise.claimed.has(me)) return [{ kind: "claimAllocation", agent }];
  return undefined;
}

/**
 * Investors: deposit during the raise, take their allocation after it, then hold the token with a
 * strategy: claim every snapshot, claim late, never claim, burn right after or just before a snapshot;
 * and now and then transfer part of their balance to another investor.
 */
export function investorPolicy(agent: Agent, obs: Observation, rng: Rng): Action[] {
  const before = raiseActions(agent, obs, rng, (planned) => planned.due);
  if (before) return before;
  return [...scriptedClaims(agent, obs), ...burnsAndTransfers(agent, obs, rng)];
}
