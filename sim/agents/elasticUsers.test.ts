import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRng } from "../rng/createRng.ts";
import { fcParams } from "../testing/fcParams.ts";
import { testAgent, testObservation } from "../testing/observation.ts";
import { demandPolicy, elasticUsersPolicy } from "./elasticUsers.ts";
import type { Action, Observation } from "./types.ts";
import { usersPolicy } from "./users.ts";

const seed = fc.integer({ min: 0, max: 2 ** 31 });
const users = Array.from({ length: 5 }, (_, i) => testAgent("user", i));

const observations = new Map<string, Observation>();
/** An observation of a scenario with these demand fields (built once: loading the model is the slow part). */
function observationOf(extra: string): Observation {
  let observation = observations.get(extra);
  if (!observation) observations.set(extra, (observation = testObservation({ scenario: `demand: { meanRequestsPerEpoch: 20, ${extra.includes("nftMintProbability") ? "" : "nftMintProbability: 0, "}${extra} }\n` }).observation));
  return observation;
}

/** Requests the users make over a whole epoch (every turn) at a price per request, with the same stream. */
function requestsInEpoch(extra: string, priceWei: bigint, s: number): number {
  const observation = observationOf(extra);
  let count = 0;
  for (let turn = 0; turn < observation.scenario.epoch.blocks; turn++) {
    const obs = { ...observation, turn, oracle: { ...observation.oracle, fee: priceWei } };
    count += elasticUsersPolicy(users, obs, createRng(s)).filter((a: Action) => a.kind === "request").length;
  }
  return count;
}

describe("elastic users", () => {
  it("make no more requests at a higher price, for the same stream, when the elasticity is above zero", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 10n ** 14n, max: 10n ** 17n }), fc.bigInt({ min: 10n ** 14n, max: 10n ** 17n }), fc.constantFrom(0.1, 0.5, 1, 1.5, 3), seed, (a, b, elasticity, s) => {
        const [low, high] = a < b ? [a, b] : [b, a];
        const extra = `strategy: elastic, elasticity: ${elasticity}`;
        expect(requestsInEpoch(extra, high, s)).toBeLessThanOrEqual(requestsInEpoch(extra, low, s));
      }),
      fcParams(25),
    );
  });

  it("make fewer requests on average as the price rises: half as many at four times the reference price with elasticity 0.5", () => {
    const seeds = Array.from({ length: 60 }, (_, i) => i);
    const mean = (price: bigint) => seeds.reduce((t, s) => t + requestsInEpoch("strategy: elastic, elasticity: 0.5, referenceFee: \"0.001\"", price, s), 0) / seeds.length;
    const atReference = mean(10n ** 15n);
    const atFour = mean(4n * 10n ** 15n);
    expect(atReference).toBeGreaterThan(17);
    expect(atReference).toBeLessThan(23);
    expect(atFour / atReference).toBeGreaterThan(0.4);
    expect(atFour / atReference).toBeLessThan(0.6);
  });

  it("act as the scripted users at the reference price, or whatever the price at elasticity 0", () => {
    fc.assert(
      fc.property(seed, fc.integer({ min: 0, max: 11 }), fc.bigInt({ min: 1n, max: 10n ** 18n }), (s, turn, price) => {
        const at = (extra: string, fee: bigint) => ({ ...observationOf(`nftMintProbability: 0.2, ${extra}`), turn, oracle: { ...observationOf(`nftMintProbability: 0.2, ${extra}`).oracle, fee } });
        const reference = at("strategy: elastic, elasticity: 2, referenceFee: \"0.0016\"", 16n * 10n ** 14n);
        expect(elasticUsersPolicy(users, reference, createRng(s))).toEqual(usersPolicy(users, reference, createRng(s)));
        const flat = at("strategy: elastic, elasticity: 0", price);
        expect(elasticUsersPolicy(users, flat, createRng(s))).toEqual(usersPolicy(users, flat, createRng(s)));
        const scripted = at("", price);
        expect(demandPolicy(users, scripted, createRng(s))).toEqual(usersPolicy(users, scripted, createRng(s)));
      }),
      fcParams(30),
    );
  });
});
