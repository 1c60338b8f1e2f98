import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRng } from "../rng/createRng.ts";
import { amountOut, spotPrice } from "../market/amm.ts";
import { fcParams } from "../testing/fcParams.ts";
import { testAgent, testObservation } from "../testing/observation.ts";
import { withListingSale } from "./listingSale.ts";
import { burnArbitrageurPolicy, fundamentalTraderPolicy, initialTraderState, noiseTraderPolicy } from "./traders.ts";
import type { InvestorState } from "./investorStrategies.ts";
import type { AgentPolicy, AmmView, Observation } from "./types.ts";

const WHOLE = 10n ** 18n;
const MARKET = "market: { enabled: true, marginBps: 500, maxTradeEth: '5', slippageBps: 100, deadlineSeconds: 600, discountRatePerEpoch: 0.02, listingSaleBps: 2500 }\ntoken: { snapshotIntervalEpochs: 2 }\n";

function marketView(turn: number, amm: Partial<AmmView> & Pick<AmmView, "reserves">): Observation {
  const { observation } = testObservation({ scenario: MARKET, turn });
  return { ...observation, amm: { listed: true, redeemPerToken: 0n, balances: new Map(), lastSnapshot: undefined, lpSupply: 0n, lpBalances: new Map(), feesByEpoch: [], ...amm } };
}

describe("a fundamental trader's policy", () => {
  it("approves the router the first listed epoch, then trades only at turn 0, never buying above its value plus margin", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 10n ** 24n, max: 10n ** 27n }),
        fc.bigInt({ min: 10n ** 17n, max: 10n ** 21n }),
        fc.double({ min: 1e3, max: 1e12, noNaN: true }),
        fc.integer({ min: 0, max: 3 }),
        (tokens, eth, revenuePerToken, turn) => {
          const agent = testAgent("fundamental-trader");
          const obs = marketView(turn, { reserves: { tokens, eth }, lastSnapshot: { id: 1, revenuePerToken }, balances: new Map([[agent.address.toLowerCase(), { eth: 100n * WHOLE, tokens: 0n }]]) });
          const first = fundamentalTraderPolicy(agent, initialTraderState(), obs, createRng(1));
          if (turn !== 0) {
            expect(first.actions).toEqual([]);
            return;
          }
          expect(first.actions.map((a) => a.kind)).toEqual(["approveRouter"]);
          const { actions, state } = fundamentalTraderPolicy(agent, first.state, obs, createRng(1));
          const value = BigInt(state.value);
          for (const action of actions) {
            expect(action.kind).toBe("swapEthForTokens");
            if (action.kind !== "swapEthForTokens") continue;
            const out = amountOut(action.ethIn, eth, tokens);
            expect(action.ethIn * WHOLE).toBeLessThanOrEqual(((value * 10_500n) / 10_000n) * out);
            expect(action.minOut).toBeLessThanOrEqual(out);
            expect(action.deadline).toBe(obs.now + 600);
          }
          if (actions.length > 0) expect(spotPrice({ tokens, eth })).toBeLessThan(value);
        },
      ),
      fcParams(200),
    );
  });
});

describe("a burn arbitrageur's policy", () => {
  it("buys at turn 0 only when burning beats the price plus gas, and burns what it holds at turn 1", () => {
    const agent = testAgent("burn-arbitrageur");
    const reserves = { tokens: 10n ** 26n, eth: 10n * WHOLE }; // 1e11 wei per token
    const cheap = marketView(0, { reserves, redeemPerToken: 2n * 10n ** 11n, balances: new Map([[agent.address.toLowerCase(), { eth: 50n * WHOLE, tokens: 0n }]]) });
    const buy = burnArbitrageurPolicy(agent, initialTraderState(), cheap, createRng(1)).actions;
    expect(buy.map((a) => a.kind)).toEqual(["swapEthForTokens"]);
    const dear = marketView(0, { reserves, redeemPerToken: 5n * 10n ** 10n, balances: cheap.amm?.balances ?? new Map() });
    expect(burnArbitrageurPolicy(agent, initialTraderState(), dear, createRng(1)).actions).toEqual([]);
    const holding = marketView(1, { reserves, redeemPerToken: 2n * 10n ** 11n, balances: new Map([[agent.address.toLowerCase(), { eth: 40n * WHOLE, tokens: 123n }]]) });
    expect(burnArbitrageurPolicy(agent, initialTraderState(), holding, createRng(1)).actions).toEqual([{ kind: "burn", agent, amount: 123n }]);
  });
});

describe("a noise trader's policy", () => {
  it("draws a new trade each epoch from its stream (the agent's stream is the same each turn)", () => {
    const agent = testAgent("noise-trader");
    const state = { ...initialTraderState(), approved: true };
    const kinds = new Set<string>();
    const amounts = new Set<string>();
    for (let epoch = 0; epoch < 20; epoch++) {
      const obs = { ...marketView(0, { reserves: { tokens: 10n ** 26n, eth: 10n * WHOLE }, balances: new Map([[agent.address.toLowerCase(), { eth: 50n * WHOLE, tokens: 10n ** 24n }]]) }), epoch };
      for (const a of noiseTraderPolicy(agent, state, obs, createRng(5)).actions) {
        kinds.add(a.kind);
        if (a.kind === "swapEthForTokens") amounts.add(a.ethIn.toString());
      }
    }
    expect(kinds).toEqual(new Set(["swapEthForTokens", "swapTokensForEth"]));
    expect(amounts.size).toBeGreaterThan(1);
  });
});

describe("an investor's listing sale", () => {
  const idle: AgentPolicy<InvestorState> = (_agent, state) => ({ actions: [], state });
  const turns = (obs: Observation) => Array.from({ length: obs.scenario.epoch.blocks }, (_, t) => t);
  it("approves once, then sells down to (1 - listingSaleBps) of its first allocation, retrying while above it", () => {
    const agent = testAgent("investor");
    const policy = withListingSale(idle);
    const reserves = { tokens: 10n ** 26n, eth: 10n * WHOLE };
    const view = (turn: number, held: bigint, epoch = 10) => {
      const obs = marketView(turn, { reserves });
      return { ...obs, epoch, token: { ...obs.token, balances: new Map([[agent.address.toLowerCase(), held]]) } };
    };
    const first = policy(agent, {}, view(0, 1000n * WHOLE), createRng(1));
    expect(first.actions.map((a) => a.kind)).toEqual(["approveRouter"]);
    expect(first.state.allocation).toBe((1000n * WHOLE).toString());
    // the sale comes at one turn of the epoch (drawn from its stream), for a quarter of the allocation
    const all = turns(view(0, 0n));
    const sales = all.flatMap((turn) => policy(agent, first.state, view(turn, 1000n * WHOLE), createRng(1)).actions);
    expect(sales).toHaveLength(1);
    expect(sales[0]).toMatchObject({ kind: "swapTokensForEth", tokensIn: 250n * WHOLE });
    // sold: nothing more; a sale that reverted leaves the balance, and it tries again
    expect(all.flatMap((turn) => policy(agent, first.state, view(turn, 750n * WHOLE, 11), createRng(1)).actions)).toEqual([]);
    expect(all.flatMap((turn) => policy(agent, first.state, view(turn, 1000n * WHOLE, 11), createRng(1)).actions)).toHaveLength(1);
  });

  it("does nothing without a market", () => {
    const { observation } = testObservation({ turn: 1 });
    expect(withListingSale(idle)(testAgent("investor"), {}, observation, createRng(1))).toEqual({ actions: [], state: {} });
  });
});
