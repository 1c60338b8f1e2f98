import fc from "fast-check";
import type { Address } from "viem";
import { describe, expect, it } from "vitest";
import { claimGas } from "../economics/gasCost.ts";
import { expectedAnnualYield } from "../economics/expectedYield.ts";
import { createRng } from "../rng/createRng.ts";
import { fcParams } from "../testing/fcParams.ts";
import { testAgent, testObservation, testRequest } from "../testing/observation.ts";
import { investorExpectedYield, investorStrategyPolicy, rationalClaims } from "./investorStrategies.ts";
import { investorPolicy } from "./investors.ts";
import type { HolderStrategy, Observation } from "./types.ts";

const seed = fc.integer({ min: 0, max: 2 ** 31 });
const GWEI = 10n ** 9n;

/** A holder's view in the last epoch before snapshot `current + 1`, with what it may claim of each open snapshot. */
function holderView(extra: string, claimable: ReadonlyMap<number, bigint>, me: Address, lastEpoch = true): Observation {
  const { observation } = testObservation({ scenario: `token: { claimWindow: 2 }\n${extra}` });
  return {
    ...observation,
    token: { ...observation.token, currentSnapshotId: 5, nextSnapshotAt: observation.now + (lastEpoch ? 600 : 7_200), claimable: new Map([[me.toLowerCase(), claimable]]) },
  };
}

const amounts = fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 16n }), fc.bigInt({ min: 0n, max: 10n ** 16n }));

describe("a rational holder", () => {
  it("never claims an amount below the claim's gas cost", () => {
    fc.assert(
      fc.property(amounts, fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 200_000 }), ([closing, newer], gwei, gas) => {
        const me = testAgent("investor", 0, "claim-every-snapshot");
        const claimable = new Map([[4, closing], [5, newer]].filter(([, v]) => (v as bigint) > 0n) as [number, bigint][]);
        const obs = holderView(`holders: { strategy: rational }\ngas: { priceGwei: ${gwei} }\ncosts: { gasEstimates: { claim: ${gas} } }\n`, claimable, me.address);
        for (const action of rationalClaims(me, obs)) {
          if (action.kind !== "claimRevenue") continue;
          const total = action.snapshotIds.reduce((t, id) => t + (claimable.get(id) ?? 0n), 0n);
          const cost = BigInt(claimGas(action.snapshotIds.length, obs.scenario.costs.gasEstimates)) * BigInt(gwei) * GWEI;
          expect(total).toBeGreaterThan(cost);
        }
      }),
      fcParams(300),
    );
  });

  it("waits for the last epoch before its oldest open snapshot's window closes, then takes every snapshot worth it in one claim", () => {
    const me = testAgent("investor", 0, "passive");
    const rich = new Map([[4, 10n ** 16n], [5, 10n ** 16n]]);
    const rational = "holders: { strategy: rational }\n";
    expect(rationalClaims(me, holderView(rational, rich, me.address, false))).toEqual([]);
    expect(rationalClaims(me, holderView(rational, rich, me.address))).toEqual([{ kind: "claimRevenue", agent: me, snapshotIds: [4, 5] }]);
    // Nothing in the closing snapshot (already claimed): the newer one waits for its own last chance.
    expect(rationalClaims(me, holderView(rational, new Map([[5, 10n ** 16n]]), me.address))).toEqual([]);
    // Small amounts are left to roll forward: 0.001 ETH does not pay 57,000 gas at 20 gwei.
    expect(rationalClaims(me, holderView(rational, new Map([[4, 10n ** 15n]]), me.address))).toEqual([]);
    // A never-claim holder never claims.
    const lost = testAgent("investor", 1, "never-claim");
    expect(rationalClaims(lost, holderView(rational, new Map([[4, 10n ** 18n]]), lost.address))).toEqual([]);
  });
});

describe("a yield-seeking investor", () => {
  /** The view of an investor during the raise, in its planned turn, with `seen` requests served so far. */
  function raiseView(investors: string, seen: number): Observation {
    const { observation, requests } = testObservation({ scenario: `raise: { windowEpochs: 3 }\ninvestors: { timing: early${investors} }\n`, epoch: 2, turn: 11 });
    if (seen > 0) requests.set(BigInt(seen), testRequest(BigInt(seen), [1, 2, 3, 4, 5, 6, 7, 8]));
    const start = observation.scenario.startTimestamp;
    const now = start + 2 * 3_600 + 11 * 300;
    return { ...observation, now, raise: { ...observation.raise, start, end: start + 3 * 3_600, settled: false, succeeded: false } };
  }

  it("never joins when the outside rate beats the yield it expects, and joins when it does not", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000 }), fc.integer({ min: 0, max: 100_000 }), seed, (seen, outsideBps, s) => {
        const obs = raiseView(`, strategy: yield-seeking, outsideRateBps: ${outsideBps}`, seen);
        const me = testAgent("investor", 3);
        const { actions, state } = investorStrategyPolicy(me, { requestsSeen: 0 }, obs, createRng(s));
        const expected = investorExpectedYield(obs, seen);
        const deposits = actions.filter((a) => a.kind === "deposit");
        // Its planned turn has come (epoch 2 of a 3-epoch window, last turn): the yield alone decides.
        expect(deposits.length).toBe(expected > outsideBps / 10_000 ? 1 : 0);
        expect(state.requestsSeen).toBe(seen);
        // It deposits what a scripted investor would have.
        const scripted = investorPolicy(me, obs, createRng(s)).filter((a) => a.kind === "deposit");
        if (deposits.length === 1) expect(deposits).toEqual(scripted);
      }),
      fcParams(200),
    );
  });

  it("forms its expectation from the advertised demand and the requests it has seen", () => {
    // 2 epochs and 11 of 12 turns have passed: 2.9167 epochs; with a prior of 20 requests worth 1 epoch and 60
    // requests seen, it expects (20 + 60) / 3.9167 = 20.43 requests an epoch.
    const obs = raiseView(", strategy: yield-seeking, priorWeightEpochs: 1", 60);
    expect(investorExpectedYield(obs, 60)).toBeCloseTo(expectedAnnualYield(80 / (1 + 2 + 11 / 12), obs.scenario), 12);
  });

  it("acts exactly as the scripted investor when both strategies are scripted, and keeps no state", () => {
    fc.assert(
      fc.property(seed, fc.constantFrom<HolderStrategy>("claim-every-snapshot", "claim-late", "never-claim", "burn-after-snapshot", "passive"), (s, strategy) => {
        const me = testAgent("investor", 2, strategy);
        for (const obs of [raiseView("", 10), holderView("", new Map([[4, 10n ** 15n], [5, 10n ** 12n]]), me.address)]) {
          const result = investorStrategyPolicy(me, {}, obs, createRng(s));
          expect(result.actions).toEqual(investorPolicy(me, obs, createRng(s)));
          expect(result.state).toEqual({});
        }
      }),
      fcParams(50),
    );
  });
});
