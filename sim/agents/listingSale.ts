import { listingSale } from "../market/traders.ts";
import type { InvestorState } from "./investorStrategies.ts";
import type { Action, AgentPolicy } from "./types.ts";

/**
 * An investor's state with what its listing sale remembers: the allocation it first held (token wei, as a
 * decimal string) and whether it approved the router.
 */
export type ListingSaleState = InvestorState & { readonly allocation?: string; readonly routerApproved?: boolean };

/**
 * Investors who sell part of their allocation once the token trades (`market.listingSaleBps`): wraps an
 * investor policy and adds, once the investor holds its tokens and the pool is listed, one router approval and
 * then, at one turn of each epoch drawn from its stream, a sale down to `(1 - listingSaleBps)` of the
 * allocation it first held, with the scenario's slippage floor from the epoch's reserves. A sale that reverts
 * (the price moved past its floor) leaves the balance above the target, and it tries again the next epoch.
 */
export function withListingSale(policy: AgentPolicy<InvestorState>): AgentPolicy<ListingSaleState> {
  return (agent, state, obs, rng) => {
    const { allocation, routerApproved, ...inner } = state;
    const result = policy(agent, inner, obs, rng);
    const m = obs.scenario.market;
    const held = obs.token.balances.get(agent.address.toLowerCase()) ?? 0n;
    const kept: ListingSaleState = { ...result.state, ...(allocation === undefined ? {} : { allocation }), ...(routerApproved === undefined ? {} : { routerApproved }) };
    if (!m.enabled || m.listingSaleBps === 0 || !obs.amm?.listed || (allocation === undefined && held === 0n)) return { actions: result.actions, state: kept };
    const first = allocation === undefined ? held : BigInt(allocation);
    const next: ListingSaleState = { ...kept, allocation: first.toString() };
    if (!routerApproved) {
      const approve: Action = { kind: "approveRouter", agent };
      return { actions: [...result.actions, approve], state: { ...next, routerApproved: true } };
    }
    const target = (first * BigInt(10_000 - m.listingSaleBps)) / 10_000n;
    const turn = rng.fork(`listing-sale-${obs.epoch}`).int(1, Math.max(1, obs.scenario.epoch.blocks - 1));
    if (held <= target || obs.turn !== turn) return { actions: result.actions, state: next };
    const sale = listingSale(obs.amm.reserves, held - target, 10_000, m.slippageBps);
    if (!sale || sale.side !== "sell") return { actions: result.actions, state: next };
    const sell: Action = { kind: "swapTokensForEth", agent, tokensIn: sale.tokensIn, minOut: sale.minOut, deadline: obs.now + m.deadlineSeconds };
    return { actions: [...result.actions, sell], state: next };
  };
}
