import type { Action, Agent, Observation } from "./types.ts";

/**
 * The usage ledger's chores, which anyone may do and somebody always does on a live chain: slash an operator whose
 * next report is overdue (`slashOverdue`: the token gets its bond after the keeper's reward), push revenue the
 * ledger escrowed to the token once the token is the model's revenue receiver (the raise settled), and withdraw
 * the rewards it earned.
 */
export function usageKeeperPolicy(agent: Agent, obs: Observation): Action[] {
  const usage = obs.usage;
  if (!usage) return [];
  const actions: Action[] = [];
  for (const o of usage.operators.values()) {
    if (o.status !== "active" && o.status !== "exiting") continue;
    if (o.lastPeriod !== undefined && o.nextPeriod > o.lastPeriod) continue;
    if (obs.now >= usage.periodEnd(o.nextPeriod) + usage.reportWindow) actions.push({ kind: "slashOverdue", agent, operator: o.address });
  }
  if (usage.escrow > 0n && obs.raise.settled && obs.raise.succeeded) actions.push({ kind: "flushUsageRevenue", agent });
  if ((usage.credits.get(agent.address.toLowerCase()) ?? 0n) > 0n) actions.push({ kind: "withdrawUsageCredit", agent });
  return actions;
}
