import fc from "fast-check";
import type { Address } from "viem";
import { describe, expect, it } from "vitest";
import { createRng } from "../rng/createRng.ts";
import { fcParams } from "../testing/fcParams.ts";
import { testAgent, testObservation } from "../testing/observation.ts";
import type { Action, NftView, Observation } from "./types.ts";
import { nextBernoulli, usersPolicy } from "./users.ts";

const users = Array.from({ length: 8 }, (_, i) => testAgent("user", i));
const base = testObservation({ scenario: "demand: { meanRequestsPerEpoch: 0 }\nnft: { resaleProbability: 0.05 }\n" }).observation;

/** Turn 0 of `epoch` with `stock` NFTs minted, owned round-robin by the users (every user approved the market). */
function resaleTurn(stock: number, epoch: number, p: number, listedEvery = 0, draw: "per-nft" | "skip" = "per-nft"): Observation {
  const minted: NftView[] = Array.from({ length: stock }, (_, i) => ({
    tokenId: BigInt(i + 1),
    owner: (users[i % users.length] as (typeof users)[number]).address as Address,
    price: listedEvery > 0 && i % listedEvery === 0 ? 10n ** 16n : undefined,
  }));
  return {
    ...base,
    epoch,
    turn: 0,
    scenario: { ...base.scenario, nft: { ...base.scenario.nft, resaleProbability: p, resaleDraw: draw } },
    nft: {
      ...base.nft,
      enabled: true,
      minted,
      tokens: new Map(minted.map((t) => [t.tokenId, t])),
      listed: [],
      approved: new Set(users.map((u) => u.address.toLowerCase())),
    },
  };
}

const listedIds = (actions: readonly Action[]) => actions.flatMap((a) => (a.kind === "list" ? [Number(a.tokenId)] : []));

describe.each(["per-nft", "skip"] as const)("users' resale draw (%s)", (draw) => {
  it("lists each unlisted NFT with the scenario's probability per epoch, independently of its position and of the stock", () => {
    // 2,000 NFTs over 200 epochs at p = 0.05 (seeded: a fixed sample, so the test is stable; the bounds are
    // about 5 standard deviations wide).
    const stock = 2_000;
    const epochs = 200;
    const p = 0.05;
    const counts = new Array<number>(stock).fill(0);
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (const id of listedIds(usersPolicy(users, resaleTurn(stock, epoch, p, 0, draw), createRng(7)))) counts[id - 1] = (counts[id - 1] ?? 0) + 1;
    }
    const total = counts.reduce((a, b) => a + b, 0);
    const expected = stock * epochs * p;
    expect(Math.abs(total - expected)).toBeLessThan(5 * Math.sqrt(expected * (1 - p)));
    // The first and the last tenth of the stock each get their share (a skip scheme that favoured the start or
    // lost the end would fail here).
    const tenth = stock / 10;
    for (const slice of [counts.slice(0, tenth), counts.slice(stock - tenth)]) {
      const n = slice.reduce((a, b) => a + b, 0);
      const e = tenth * epochs * p;
      expect(Math.abs(n - e)).toBeLessThan(5 * Math.sqrt(e * (1 - p)));
    }
    // Per NFT, the count over the epochs is binomial(epochs, p): its variance across NFTs says the draws are
    // independent (clumped selections would inflate it).
    const mean = total / stock;
    const variance = counts.reduce((a, c) => a + (c - mean) ** 2, 0) / (stock - 1);
    expect(variance / (epochs * p * (1 - p))).toBeGreaterThan(0.85);
    expect(variance / (epochs * p * (1 - p))).toBeLessThan(1.15);
  });

  it("never lists an NFT already listed, and draws the same listings for the same stream", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 0, max: 300 }), fc.constantFrom(0, 0.01, 0.3, 1), (seed, stock, p) => {
        const obs = resaleTurn(stock, 3, p, 3, draw);
        const actions = usersPolicy(users, obs, createRng(seed));
        const ids = listedIds(actions);
        for (const id of ids) expect((id - 1) % 3).not.toBe(0);
        expect(new Set(ids).size).toBe(ids.length);
        if (p === 1) expect(ids.length).toBe(stock - Math.ceil(stock / 3));
        if (p === 0) expect(ids).toEqual([]);
        expect(usersPolicy(users, obs, createRng(seed))).toEqual(actions);
      }),
      fcParams(60),
    );
  });
});

describe("users' resale draw, per NFT or by skips", () => {
  it("the per-nft draw lists the same NFTs whatever the stock after them; the skip draw's cost is the NFTs drawn", () => {
    // per-nft: an NFT's draw is keyed by its id and the epoch, so adding NFTs after it changes nothing before it.
    const small = listedIds(usersPolicy(users, resaleTurn(500, 9, 0.05), createRng(3)));
    const large = listedIds(usersPolicy(users, resaleTurn(5_000, 9, 0.05), createRng(3)));
    expect(large.filter((id) => id <= 500)).toEqual(small);
    // skip: the two draws differ (another scheme), each still deterministic for the same stream.
    const skip = listedIds(usersPolicy(users, resaleTurn(500, 9, 0.05, 0, "skip"), createRng(3)));
    expect(skip).toEqual(listedIds(usersPolicy(users, resaleTurn(500, 9, 0.05, 0, "skip"), createRng(3))));
    expect(skip).not.toEqual(small);
  });

  it("nextBernoulli: selects positions with probability p (mean gap 1/p)", () => {
    const rng = createRng(11);
    let at = -1;
    let picks = 0;
    const positions = 1_000_000;
    while ((at = nextBernoulli(rng, 0.02, at)) < positions) picks++;
    expect(Math.abs(picks - 20_000)).toBeLessThan(5 * Math.sqrt(20_000 * 0.98));
    expect(nextBernoulli(rng, 0, 5)).toBe(Number.POSITIVE_INFINITY);
    expect(nextBernoulli(rng, 1, 5)).toBe(6);
  });
});
