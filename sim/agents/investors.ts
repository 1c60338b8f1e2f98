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
 * Investors: deposit during the raise, take their allocation after it, then hold the token with a
 * strategy: claim every snapshot, claim late, never claim, burn right after or just before a snapshot;
 * and now and then transfer part of their balance to another investor.
 */
export function investorPolicy(agent: Agent, obs: Observation, rng: Rng): Action[] {
  const actions: Action[] = [];
  const me = agent.address.toLowerCase();
  const { raise, token, scenario } = obs;
  const epochSeconds = scenario.epoch.seconds;

  if (!raise.settled) {
    if (obs.now >= raise.start && obs.now < raise.end && !raise.deposited.has(me)) {
      const plan = rng.fork("deposit");
      const epoch = depositEpoch(scenario.investors.timing, scenario.raise.windowEpochs, plan);
      const turn = plan.int(0, scenario.epoch.blocks - 1);
      const startEpoch = Math.floor((raise.start - scenario.startTimestamp) / epochSeconds);
      if (obs.epoch >= startEpoch + epoch && obs.turn >= turn) {
        actions.push({ kind: "deposit", agent, value: depositAmount(Number(scenario.investors.meanDeposit), scenario.investors.depositSpread, plan) });
      }
    }
    return actions;
  }
  if (!raise.succeeded) return actions;
  if (raise.deposited.has(me) && !raise.claimed.has(me)) {
    actions.push({ kind: "claimAllocation", agent });
    return actions;
  }

  const balance = token.balances.get(me) ?? 0n;
  const strategy = agent.holderStrategy ?? "passive";
  const current = token.currentSnapshotId;
  const window = scenario.token.claimWindow;
  const lastEpochBeforeSnapshot = obs.now >= token.nextSnapshotAt - epochSeconds;
  const ids = claimableIds(agent, obs);

  if (strategy === "claim-every-snapshot" || strategy === "burn-after-snapshot" || strategy === "burn-before-snapshot") {
    if (ids.length > 0) actions.push({ kind: "claimRevenue", agent, snapshotIds: ids });
  } else if (strategy === "claim-late") {
    // Claim a snapshot in the last epoch before its window closes.
    const closing = ids.filter((id) => id === current - window + 1 && lastEpochBeforeSnapshot);
    if (closing.length > 0) actions.push({ kind: "claimRevenue", agent, snapshotIds: closing });
  }

  const burnShare = scenario.holders.burnShare;
  const burnAmount = (balance * BigInt(Math.round(burnShare * 10_000))) / 10_000n;
  const lastBurn = token.lastBurnSnapshot.get(me) ?? -1;
  if (strategy === "burn-after-snapshot" && current > 0 && lastBurn < current && burnAmount > 0n) {
    actions.push({ kind: "burn", agent, amount: burnAmount });
  } else if (strategy === "burn-before-snapshot" && lastEpochBeforeSnapshot && obs.now < token.nextSnapshotAt && lastBurn !== current && burnAmount > 0n) {
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
