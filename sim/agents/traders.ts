import { parseEther } from "viem";
import { gasPriceWeiOf } from "../economics/costParameters.ts";
import { burnArbitrage, fundamentalTrade, fundamentalValue, noiseTrade, updateBelief, type Trade } from "../market/traders.ts";
import type { Rng } from "../rng/createRng.ts";
import type { Action, Agent, AgentPolicy, Observation } from "./types.ts";

/**
 * The token's traders (scenario section `market`): pure policies over the market view the engine reads at each
 * epoch's first turn (`Observation.amm`). Each trades at most once per epoch, at turn 0, through the router with
 * the scenario's slippage limit and a deadline; a trader approves the router once, the epoch the market opens,
 * and trades from the next. The decision rules are sim/market/traders.ts.
 */

/** What a trader remembers: whether it approved the router, and a fundamental trader's revenue belief. */
export type TraderState = {
  readonly approved: boolean;
  readonly revenuePerTokenPerEpoch: number;
  readonly observations: number;
  readonly lastSnapshotId: number;
  /** The value per whole token it last traded by (wei, as a decimal string), for the reports. */
  readonly value: string;
};

export const initialTraderState = (): TraderState => ({ approved: false, revenuePerTokenPerEpoch: 0, observations: 0, lastSnapshotId: 0, value: "0" });

/** A gas reserve each trader keeps out of its trades. */
const GAS_RESERVE = parseEther("1");
/** Gas of a router swap plus a burn, for an arbitrageur's cost. */
const ARBITRAGE_GAS = 250_000n;

function toActions(agent: Agent, trade: Trade | undefined, obs: Observation): Action[] {
  if (!trade) return [];
  const deadline = obs.now + obs.scenario.market.deadlineSeconds;
  return trade.side === "buy"
    ? [{ kind: "swapEthForTokens", agent, ethIn: trade.ethIn, minOut: trade.minOut, deadline }]
    : [{ kind: "swapTokensForEth", agent, tokensIn: trade.tokensIn, minOut: trade.minOut, deadline }];
}

/** The market view, the agent's balances and whether it may trade this turn (listed, turn 0, router approved). */
function ready(agent: Agent, state: TraderState, obs: Observation) {
  const amm = obs.amm;
  if (!amm?.listed || obs.turn !== 0) return undefined;
  const balance = amm.balances.get(agent.address.toLowerCase()) ?? { eth: 0n, tokens: 0n };
  const eth = balance.eth > GAS_RESERVE ? balance.eth - GAS_RESERVE : 0n;
  return { amm, eth, tokens: balance.tokens, approve: !state.approved };
}

export const fundamentalTraderPolicy: AgentPolicy<TraderState> = (agent, state, obs) => {
  const r = ready(agent, state, obs);
  if (!r) return { actions: [], state };
  const m = obs.scenario.market;
  let next = state;
  const snapshot = r.amm.lastSnapshot;
  if (snapshot && snapshot.id > state.lastSnapshotId) {
    const belief = updateBelief(state, snapshot.revenuePerToken, obs.scenario.token.snapshotIntervalEpochs, m.beliefSmoothing);
    next = { ...next, ...belief, lastSnapshotId: snapshot.id };
  }
  const value = fundamentalValue(next, m.discountRatePerEpoch, r.amm.redeemPerToken);
  next = { ...next, value: value.toString() };
  if (r.approve) return { actions: [{ kind: "approveRouter", agent }], state: { ...next, approved: true } };
  const trade = fundamentalTrade(r.amm.reserves, { value, marginBps: m.marginBps, maxTradeWei: parseEther(m.maxTradeEth), slippageBps: m.slippageBps, ethBalance: r.eth, tokenBalance: r.tokens });
  return { actions: toActions(agent, trade, obs), state: next };
};

/** Trades at random (`noiseTrade`), on its stream forked by epoch (the agent's stream is the same each turn). */
export const noiseTraderPolicy: AgentPolicy<TraderState> = (agent, state, obs, rng: Rng) => {
  const r = ready(agent, state, obs);
  if (!r) return { actions: [], state };
  if (r.approve) return { actions: [{ kind: "approveRouter", agent }], state: { ...state, approved: true } };
  const m = obs.scenario.market;
  const trade = noiseTrade(r.amm.reserves, { probability: m.noiseProbability, maxTradeWei: parseEther(m.maxTradeEth), slippageBps: m.slippageBps, ethBalance: r.eth, tokenBalance: r.tokens }, rng.fork(`noise-${obs.epoch}`));
  return { actions: toActions(agent, trade, obs), state };
};

/** Buys at turn 0 when burning beats the pool's price plus gas; burns what it holds at turn 1. */
export const burnArbitrageurPolicy: AgentPolicy<TraderState> = (agent, state, obs) => {
  const amm = obs.amm;
  if (!amm?.listed) return { actions: [], state };
  const held = amm.balances.get(agent.address.toLowerCase())?.tokens ?? 0n;
  if (obs.turn === 1 && held > 0n) return { actions: [{ kind: "burn", agent, amount: held }], state };
  const r = ready(agent, { ...state, approved: true }, obs);
  if (!r) return { actions: [], state };
  const m = obs.scenario.market;
  const arb = burnArbitrage(r.amm.reserves, { redeemPerToken: r.amm.redeemPerToken, gasCostWei: gasPriceWeiOf(obs.scenario) * ARBITRAGE_GAS, ethBalance: r.eth < parseEther(m.maxTradeEth) ? r.eth : parseEther(m.maxTradeEth), slippageBps: m.slippageBps });
  if (!arb) return { actions: [], state };
  return { actions: [{ kind: "swapEthForTokens", agent, ethIn: arb.ethIn, minOut: arb.minOut, deadline: obs.now + m.deadlineSeconds }], state };
};
