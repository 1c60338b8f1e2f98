import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ETH, RevShareTokenModel, type UnclaimedPolicy } from "./revShareToken.ts";

/**
 * Replays contracts/test/vectors/erc7641-vectors.json through the TypeScript reference model
 * (sim/reference/revShareToken.ts), independently of the generator that wrote the vectors: two models
 * written separately must agree on every figure, and forge replays the same vectors on the contract.
 */

type VectorAction =
  | { type: "transfer"; from: string; to: string; amount: string }
  | { type: "burn"; holder: string; amount: string; expectedRedeemed: string }
  | { type: "claim"; holder: string; snapshotId: number; expectedPaid: string };

type VectorCase = {
  name: string;
  config: { claimableBps: number; claimWindow: number; unclaimedPolicy: UnclaimedPolicy };
  holders: { label: string; balance: string; excluded: boolean }[];
  periods: {
    revenue: string;
    actions: VectorAction[];
    /** Run at the due time, before the snapshot: they count for the next one. */
    dueActions: VectorAction[];
    expected: {
      snapshotId: number;
      revenue: string;
      toClaimable: string;
      toRedeemPool: string;
      expiredSnapshotId: number;
      expiredUnclaimed: string;
      rolledForward: boolean;
      pool: string;
      eligibleSupply: string;
      eligibleSupplyAt: string;
      totalSupply: string;
      pending: string;
      openClaimable: string;
      redeemPool: string;
      claimable: { holder: string; snapshotId: number; amount: string }[];
      redeemableOnBurn: { amount: string; redeemable: string }[];
    };
  }[];
  finalBooks: Record<"received" | "pending" | "openClaimable" | "redeemPool" | "claimed" | "redeemed", string>;
};

const VECTORS = join(fileURLToPath(new URL(".", import.meta.url)), "../../contracts/test/vectors/erc7641-vectors.json");
const INTERVAL = 86_400;

function loadCases(): VectorCase[] {
  const json = JSON.parse(readFileSync(VECTORS, "utf8")) as { version: number; cases: VectorCase[] };
  if (json.version !== 2) throw new Error(`unknown vector version ${json.version}`);
  return json.cases;
}

/** Replays one case; returns every figure that differs as "where: expected X, model Y" (empty if none). */
export function replayCase(c: VectorCase): string[] {
  const mismatches: string[] = [];
  const check = (where: string, expected: string | number | boolean, actual: bigint | number | boolean): void => {
    if (String(expected) !== String(actual)) mismatches.push(`${c.name} ${where}: expected ${expected}, model ${actual}`);
  };
  const model = new RevShareTokenModel({
    claimableBps: c.config.claimableBps,
    snapshotInterval: INTERVAL,
    claimWindow: c.config.claimWindow,
    unclaimedPolicy: c.config.unclaimedPolicy,
    revenueTokens: [],
    holders: c.holders.map((h) => ({ account: h.label, amount: BigInt(h.balance) })),
    revenueExcluded: c.holders.filter((h) => h.excluded).map((h) => h.label),
    deployedAt: 0,
    self: "token",
  });
  const must = <T extends { ok: boolean }>(where: string, r: T): T => {
    if (!r.ok) mismatches.push(`${c.name} ${where}: model refused (${(r as unknown as { error: string }).error})`);
    return r;
  };
  const run = (actions: VectorAction[], label: string, now: number): void => {
    actions.forEach((a, i) => {
      const where = `${label} ${i} ${a.type}`;
      if (a.type === "transfer") must(where, model.transfer(a.from, a.to, BigInt(a.amount), now));
      if (a.type === "burn") {
        const r = must(where, model.burn(a.holder, BigInt(a.amount), now));
        if (r.ok) check(`${where} redeemed`, a.expectedRedeemed, r.paid.get(ETH) ?? 0n);
      }
      if (a.type === "claim") {
        const r = must(where, model.claim(a.holder, a.snapshotId));
        if (r.ok) check(`${where} paid`, a.expectedPaid, r.paid.get(ETH) ?? 0n);
      }
    });
  };
  c.periods.forEach((period, p) => {
    const revenue = BigInt(period.revenue);
    if (revenue > 0n) must(`period ${p} deposit`, model.deposit(ETH, revenue));
    // Snapshot p + 1 is due at (p + 1) * INTERVAL (the previous one was taken at p * INTERVAL, its due time).
    run(period.actions, `period ${p} action`, p * INTERVAL);
    run(period.dueActions, `period ${p} due action`, (p + 1) * INTERVAL);
    const snap = model.snapshot((p + 1) * INTERVAL);
    if (!snap.ok) {
      mismatches.push(`${c.name} period ${p} snapshot refused (${snap.error})`);
      return;
    }
    checkSnapshot(model, snap, period.expected, `period ${p}`, check);
  });
  const books = model.books(ETH);
  for (const key of Object.keys(c.finalBooks) as (keyof VectorCase["finalBooks"])[]) check(`finalBooks.${key}`, c.finalBooks[key], books[key]);
  return mismatches;
}

function checkSnapshot(
  model: RevShareTokenModel,
  snap: { id: number; splits: { asset: string; revenue: bigint; toClaimable: bigint; toRedeemPool: bigint; expiredSnapshotId: number; expiredUnclaimed: bigint; rolledForward: boolean; pool: bigint }[] },
  e: VectorCase["periods"][number]["expected"],
  where: string,
  check: (where: string, expected: string | number | boolean, actual: bigint | number | boolean) => void,
): void {
  const split = snap.splits.find((s) => s.asset === ETH);
  if (split === undefined) throw new Error("no ETH split");
  check(`${where} snapshotId`, e.snapshotId, snap.id);
  check(`${where} revenue`, e.revenue, split.revenue);
  check(`${where} toClaimable`, e.toClaimable, split.toClaimable);
  check(`${where} toRedeemPool`, e.toRedeemPool, split.toRedeemPool);
  check(`${where} expiredSnapshotId`, e.expiredSnapshotId, split.expiredSnapshotId);
  check(`${where} expiredUnclaimed`, e.expiredUnclaimed, split.expiredUnclaimed);
  check(`${where} rolledForward`, e.rolledForward, split.rolledForward);
  check(`${where} pool`, e.pool, split.pool);
  // The pool as the view reports it, not only as the split returned it.
  check(`${where} snapshotPool`, e.pool, model.snapshotPool(snap.id, ETH).amount);
  check(`${where} eligibleSupply`, e.eligibleSupply, model.eligibleSupply());
  check(`${where} eligibleSupplyAt`, e.eligibleSupplyAt, model.eligibleSupplyAt(snap.id));
  check(`${where} totalSupply`, e.totalSupply, model.totalSupply());
  check(`${where} pending`, e.pending, model.books(ETH).pending);
  check(`${where} openClaimable`, e.openClaimable, model.books(ETH).openClaimable);
  check(`${where} redeemPool`, e.redeemPool, model.books(ETH).redeemPool);
  for (const q of e.claimable) check(`${where} claimable(${q.holder}, ${q.snapshotId})`, q.amount, model.claimable(q.holder, q.snapshotId, ETH));
  for (const q of e.redeemableOnBurn) check(`${where} redeemableOnBurn(${q.amount})`, q.redeemable, model.redeemableOnBurn(BigInt(q.amount), ETH));
}

describe("ERC-7641 vectors through the TypeScript reference model", () => {
  const cases = loadCases();

  it("has the cases forge replays", () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });

  it.each(cases.map((c) => [c.name, c] as const))("%s: every expected figure matches the model", (_name, c) => {
    expect(replayCase(c)).toEqual([]);
  });

  it("a vector off by one wei is reported (the replay can fail)", () => {
    const c = structuredClone(cases[0] as VectorCase);
    const claim = c.periods.flatMap((p) => p.actions).find((a) => a.type === "claim");
    if (claim?.type !== "claim") throw new Error("first case has no claim");
    claim.expectedPaid = String(BigInt(claim.expectedPaid) + 1n);
    const last = c.periods.at(-1);
    if (last === undefined) throw new Error("no period");
    last.expected.redeemPool = String(BigInt(last.expected.redeemPool) - 1n);
    const mismatches = replayCase(c);
    expect(mismatches).toHaveLength(2);
    expect(mismatches[0]).toMatch(/claim paid: expected/);
    expect(mismatches[1]).toMatch(/redeemPool: expected/);
  });
});
