import { parseEther } from "viem";
import { spotPrice } from "../market/amm.ts";
import { liquidityDecision } from "../market/liquidityProvider.ts";
import type { Rng } from "../rng/createRng.ts";
import type { Action, AgentPolicy } from "./types.ts";

/**
 * The pool's liquidity providers (scenario section `market`, `liquidityProviders`): pure policies over the market
 * view of each epoch's first turn. Each acts at most once per epoch, at turn 0, through Router02 (`addLiquidityETH`,
 * `removeLiquidityETH`, or a swap that buys the token half of a deposit) with the scenario's slippage limit and a
 * deadline; it approves the router for the token and for its LP tokens the epoch the market opens. The rule is
 * sim/market/liquidityProvider.ts.
 */

export type LiquidityProviderState = {
  readonly approved: boolean;
  /** Pool price (wei per whole token, decimal string) when it last added; "0" before. */
  readonly entryPrice: string;
};

export const initialLiquidityProviderState = (): LiquidityProviderState => ({ approved: false, entryPrice: "0" });

/** A gas reserve each provider keeps out of its deposits. */
const GAS_RESERVE = parseEther("1");

export const liquidityProviderPolicy: AgentPolicy<LiquidityProviderState> = (agent, state, obs, rng: Rng) => {
  const amm = obs.amm;
  if (!amm?.listed || obs.turn !== 0) return { actions: [], state };
  if (!state.approved) return { actions: [{ kind: "approveRouter", agent }, { kind: "approvePair", agent }], state: { ...state, approved: true } };
  const m = obs.scenario.market;
  // each provider's thresholds: the scenario's, times a factor drawn once from its own stream (the same each turn)
  const factor = 0.5 + rng.fork("lp-threshold").float();
  const key = agent.address.toLowerCase();
  const balance = amm.balances.get(key) ?? { eth: 0n, tokens: 0n };
  const window = amm.feesByEpoch.slice(-m.lpWindowEpochs);
  const decision = liquidityDecision(
    {
      pool: amm.reserves,
      lpSupply: amm.lpSupply,
      lpBalance: amm.lpBalances.get(key) ?? 0n,
      ethBalance: balance.eth > GAS_RESERVE ? balance.eth - GAS_RESERVE : 0n,
      tokenBalance: balance.tokens,
      trailingFeesWei: window.length < m.lpWindowEpochs ? [] : window,
      entryPrice: BigInt(state.entryPrice),
    },
    { enterYieldBps: m.lpEnterYieldBps * factor, exitYieldBps: m.lpExitYieldBps * factor, priceBandBps: m.lpPriceBandBps, depositWei: parseEther(m.lpDepositEth), slippageBps: m.slippageBps },
  );
  if (!decision) return { actions: [], state };
  const deadline = obs.now + m.deadlineSeconds;
  let action: Action;
  let next = state;
  switch (decision.kind) {
    case "buy":
      action = { kind: "swapEthForTokens", agent, ethIn: decision.ethIn, minOut: decision.minOut, deadline };
      break;
    case "add":
      action = { kind: "addLiquidityEth", agent, tokens: decision.tokens, eth: decision.eth, tokenMin: decision.tokenMin, ethMin: decision.ethMin, deadline };
      next = { ...state, entryPrice: spotPrice(amm.reserves).toString() };
      break;
    case "remove":
      action = { kind: "removeLiquidityEth", agent, liquidity: decision.liquidity, tokenMin: decision.tokenMin, ethMin: decision.ethMin, deadline };
      break;
  }
  return { actions: [action], state: next };
};
