import fc from "fast-check";
import { getAddress, keccak256, toHex, type Abi, type Address } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contractAbis } from "../chain/contracts.ts";
import { agentAddress } from "../engine/agentAddress.ts";
import { fcCommandOptions, fcParams, fcTimeout } from "../testing/fcParams.ts";
import { startModelChain, type ChainSnapshot, type ModelChain, type TxResult } from "../testing/modelChain.ts";
import * as raise from "./raise.ts";
import { Status, type LaunchConfig, type Outcome, type RaiseState } from "./raise.ts";
import { expectOutcome, formatWei } from "./raiseNftHarness.ts";

/**
 * Model-based test of the IMO raise: two launches share one `ImoLaunch` (so its ETH balance mixes two
 * books), each with random parameters; fast-check drives deposits, time, settlement, claims, withdrawals,
 * proceeds, dust, revenue wiring, and the sale tokens' revenue (payments into the tokens, snapshots,
 * harvests, direct claims by holders, collections at a snapshot's due time, credits of an investor that refuses
 * ETH, at the launch and at the token) against a real Anvil, and
 * after every command the reference model (`raise.ts`) and the chain must agree on every balance, position,
 * preview and book. Every collection also checks that the investor received in revenue what a holder of its
 * tokens since settlement claimed from the same snapshots, to 1 wei per snapshot.
 */

const ETH = 10n ** 18n;
const L = contractAbis.ImoLaunch as Abi;
const R = contractAbis.ModelRegistry as Abi;
const T = contractAbis.RevShareToken as Abi;

/** An investor contract that refuses ETH (its code is copied to this address): its payments are credited. */
const REFUSER = agentAddress("raise-refusing-investor");
const INVESTORS = [...[0, 1, 2].map((i) => agentAddress(`raise-investor-${i}`)), REFUSER];
const KEEPER = agentAddress("raise-keeper");
/** Sends revenue to the tokens. */
const PAYER = agentAddress("raise-revenue-payer");
const OWNER = agentAddress("raise-model-owner");
const TREASURIES = [agentAddress("raise-treasury-1"), agentAddress("raise-treasury-2")];
const SLICES = { liquidity: agentAddress("raise-liquidity"), contributors: agentAddress("raise-contributors"), team: agentAddress("raise-team") };
const MODEL_IDS = [1n, 2n] as const;
const UNKNOWN_MODEL = 9n;
/** Callers of the permissionless functions: the investors and an outside keeper. */
const CALLERS = [...INVESTORS, KEEPER];
const STARTING_ETH = 1_000n * ETH;
const ETH_ASSET: Address = "0x0000000000000000000000000000000000000000";

const name = (a: Address): string => {
  if (a === REFUSER) return "refuser";
  const i = INVESTORS.indexOf(a);
  if (i >= 0) return `investor${i}`;
  const slice = Object.entries(SLICES).find(([, v]) => v === a);
  return slice ? slice[0] : a === KEEPER ? "keeper" : a;
};
const TOKEN_SETTINGS = { claimableBps: 8000, snapshotInterval: 86_400, claimWindow: 2 };

type Real = { chain: ModelChain; launch: Address; registry: Address };

/** The raise parameters fast-check draws for each launch, before the clock is known. */
type LaunchDraw = {
  totalSupply: bigint;
  bps: [number, number, number, number];
  target: bigint;
  minDeposit: bigint;
  startDelay: number;
  window: number;
  vestingDuration: number;
  revenueShareBps: number;
  excludeLiquidity: boolean;
};

const launchDrawArb: fc.Arbitrary<LaunchDraw> = fc.record({
  // from 1 token unit (every allocation rounds to 0) to a billion 18-decimal tokens plus odd units
  totalSupply: fc.oneof(fc.bigInt(1n, 1_000n), fc.bigInt(10n ** 20n, 10n ** 27n)),
  // public sale 1..10000 bps, the rest split into liquidity, contributors and team
  bps: fc
    .tuple(fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
    .map(([pub, x, y]): [number, number, number, number] => {
      const rest = 10_000 - pub;
      const liquidity = Math.floor(rest * x);
      const contributors = Math.floor((rest - liquidity) * y);
      return [pub, liquidity, contributors, rest - liquidity - contributors];
    }),
  // small targets are nearly always met, large ones rarely: both settlement branches get exercised
  target: fc.oneof({ weight: 2, arbitrary: fc.bigInt(1n, ETH) }, { weight: 3, arbitrary: fc.bigInt(ETH, 30n * ETH) }, { weight: 1, arbitrary: fc.bigInt(30n * ETH, 150n * ETH) }),
  minDeposit: fc.oneof(fc.constant(0n), fc.bigInt(1n, ETH)),
  startDelay: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 600 }) }),
  window: fc.integer({ min: 600, max: 2 * 86_400 }),
  vestingDuration: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 * 86_400 })),
  revenueShareBps: fc.integer({ min: 0, max: 10_000 }),
  excludeLiquidity: fc.boolean(),
});

function launchConfig(modelId: bigint, d: LaunchDraw, createdAt: number, treasury: Address): LaunchConfig {
  const start = createdAt + d.startDelay;
  return {
    modelId,
    totalSupply: d.totalSupply,
    publicSaleBps: d.bps[0],
    liquidity: { recipient: SLICES.liquidity, bps: d.bps[1] },
    contributors: { recipient: SLICES.contributors, bps: d.bps[2] },
    team: { recipient: SLICES.team, bps: d.bps[3] },
    target: d.target,
    minDeposit: d.minDeposit,
    start,
    end: start + d.window,
    treasury,
    vestingDuration: d.vestingDuration,
    revenueShareBps: d.revenueShareBps,
    excludeLiquidity: d.excludeLiquidity,
    token: TOKEN_SETTINGS,
  };
}

function launchParams(c: LaunchConfig, d: LaunchDraw) {
  return {
    modelId: c.modelId,
    name: "Model",
    symbol: "MDL",
    totalSupply: c.totalSupply,
    publicSaleBps: c.publicSaleBps,
    liquidity: c.liquidity,
    contributors: c.contributors,
    team: c.team,
    excludeLiquidity: d.excludeLiquidity,
    target: c.target,
    start: c.start,
    end: c.end,
    minDeposit: c.minDeposit,
    treasury: c.treasury,
    vestingDuration: c.vestingDuration,
    revenueShareBps: c.revenueShareBps,
    token: { ...TOKEN_SETTINGS, unclaimedPolicy: 0, revenueTokens: [] },
  };
}

// ------------------------------------------------------------------ comparing model and chain

/** Every view the model predicts, read in one batch, compared field by field. */
async function expectAgreement(m: RaiseState, r: Real, after: string): Promise<void> {
  expect(r.chain.now, `${after}: clock`).toBe(m.now);
  const checks: { label: string; call: { to: Address; abi: Abi; functionName: string; args?: readonly unknown[] }; expected: unknown }[] = [];
  for (const [id, l] of m.launches) {
    const at = `model ${id}`;
    checks.push({ label: `${at} getLaunch`, call: { to: r.launch, abi: L, functionName: "getLaunch", args: [id] }, expected: { token: l.token, ...l.books } });
    checks.push({ label: `${at} vestedProceeds`, call: { to: r.launch, abi: L, functionName: "vestedProceeds", args: [id] }, expected: raise.vestedProceeds(l, m.lastBlock) });
    checks.push({ label: `${at} releasableProceeds`, call: { to: r.launch, abi: L, functionName: "releasableProceeds", args: [id] }, expected: raise.releasableProceeds(l, m.lastBlock) });
    checks.push({ label: `${at} token totalSupply`, call: { to: l.token, abi: T, functionName: "totalSupply" }, expected: l.tokenModel.totalSupply() });
    checks.push({ label: `${at} token currentSnapshotId`, call: { to: l.token, abi: T, functionName: "currentSnapshotId" }, expected: BigInt(l.tokenModel.currentSnapshotId()) });
    checks.push({ label: `${at} token books(ETH)`, call: { to: l.token, abi: T, functionName: "books", args: [ETH_ASSET] }, expected: l.tokenModel.books(ETH_ASSET) });
    checks.push({ label: `${at} revenueBooks(ETH)`, call: { to: r.launch, abi: L, functionName: "revenueBooks", args: [id, ETH_ASSET] }, expected: l.revenue });
    checks.push({ label: `${at} harvestCursor`, call: { to: r.launch, abi: L, functionName: "harvestCursor", args: [id] }, expected: l.cursor });
    // credits at the token: the launch's (never, it accepts its token's ETH) and the refusing investor's
    for (const holder of [r.launch, REFUSER]) {
      checks.push({ label: `${at} token creditOf ${name(holder)}`, call: { to: l.token, abi: T, functionName: "creditOf", args: [holder, ETH_ASSET] }, expected: l.tokenModel.creditOf(holder, ETH_ASSET) });
    }
    for (const holder of [...INVESTORS, KEEPER, r.launch, l.config.treasury, ...Object.values(SLICES)]) {
      checks.push({ label: `${at} token balanceOf ${name(holder)}`, call: { to: l.token, abi: T, functionName: "balanceOf", args: [holder] }, expected: raise.tokenOf(l, holder) });
    }
    for (const investor of INVESTORS) {
      const p = raise.positionOf(l, investor);
      checks.push({ label: `${at} positionOf ${name(investor)}`, call: { to: r.launch, abi: L, functionName: "positionOf", args: [id, investor] }, expected: p });
      const a = raise.previewAllocation(l, investor);
      checks.push({ label: `${at} previewAllocation ${name(investor)}`, call: { to: r.launch, abi: L, functionName: "previewAllocation", args: [id, investor] }, expected: [a.tokens, a.refund, a.accepted] });
      checks.push({ label: `${at} pendingRevenue ${name(investor)}`, call: { to: r.launch, abi: L, functionName: "pendingRevenue", args: [id, investor, ETH_ASSET] }, expected: raise.pendingRevenue(l, investor) });
    }
    checks.push({ label: `${at} registry operator`, call: { to: r.registry, abi: R, functionName: "operatorOf", args: [id] }, expected: l.operator });
    checks.push({ label: `${at} registry fee receiver`, call: { to: r.registry, abi: R, functionName: "feeInfo", args: [id] }, expected: [1n, l.revenueReceiver, l.receiverBps] });
  }
  for (const investor of INVESTORS) {
    checks.push({ label: `creditOf ${name(investor)}`, call: { to: r.launch, abi: L, functionName: "creditOf", args: [investor, ETH_ASSET] }, expected: raise.creditOf(m, investor) });
  }
  checks.push({ label: "totalCredits(ETH)", call: { to: r.launch, abi: L, functionName: "totalCredits", args: [ETH_ASSET] }, expected: raise.totalCredits(m) });
  const actual = await r.chain.readMany(checks.map((c) => c.call));
  checks.forEach((c, i) => expect(actual[i], `${after}: ${c.label}`).toEqual(c.expected));

  const tokens = [...m.launches.values()].map((l) => l.token);
  const parties = [...INVESTORS, KEEPER, OWNER, PAYER, ...TREASURIES, ...Object.values(SLICES), ...tokens, r.launch];
  const eth = await r.chain.balances(parties);
  parties.forEach((p, i) => expect(eth[i], `${after}: ETH of ${name(p)}`).toBe(raise.ethOf(m, p)));
  expectConservation(m, eth, parties, after);
}

/**
 * Money conservation, from the chain's balances and the model's books (both already shown equal):
 * nobody gains or loses ETH outside the launch; the launch holds exactly each raise's deposits minus what
 * it paid out, and that covers what it still owes; the rounding dust is under 1 wei per investor.
 */
function expectConservation(m: RaiseState, eth: bigint[], parties: Address[], after: string): void {
  const total = eth.reduce((a, b) => a + b, 0n);
  expect(total, `${after}: ETH conserved among the parties`).toBe(BigInt(INVESTORS.length + 3) * STARTING_ETH);
  let held = raise.totalCredits(m);
  for (const [id, l] of m.launches) {
    const b = l.books;
    const deposits = [...l.positions.values()].reduce((a, p) => a + p.deposit, 0n);
    expect(b.totalRaised, `${after}: model ${id} totalRaised = sum of deposits`).toBe(deposits);
    const h = raise.heldFor(l);
    held += h + raise.revenueHeld(l);
    // the sale's revenue: harvested = paid + recycled + held, and what is held covers the investors' pending
    // revenue; the rest is dust: what the sale's token dust (allotted to nobody) earned, plus under 1 wei per
    // snapshot and per investor of rounding; nothing is held once the raise failed or the dust was swept
    const r = l.revenue;
    let pending = 0n;
    for (const investor of INVESTORS) pending += raise.pendingRevenue(l, investor);
    expect(r.toInvestors >= r.paid + pending, `${after}: model ${id} investors owed ${r.paid + pending} > distributed ${r.toInvestors}`).toBe(true);
    const revenueDust = r.toInvestors - r.paid - pending;
    expect(revenueDust <= l.dustBound + BigInt(INVESTORS.length), `${after}: model ${id} revenue dust ${revenueDust} > bound ${l.dustBound}`).toBe(true);
    if (b.status === Status.Failed || b.dustSwept) expect(raise.revenueHeld(l), `${after}: model ${id} a closed launch holds no revenue`).toBe(0n);
    // the token holds exactly its books
    expect(eth[parties.indexOf(l.token)], `${after}: model ${id} token ETH = its booked balance`).toBe(l.tokenModel.bookedBalance(ETH_ASSET));
    const owed = raise.owedToInvestors(l);
    if (b.status === Status.Succeeded) {
      // deposits = refunds (paid + owed) + proceeds (released + releasable + unvested) + dust (swept + unswept):
      // what the launch holds beyond the refunds and proceeds it owes is the unswept rounding dust
      const dust = h - owed - (b.target - b.proceedsReleased);
      const vested = raise.vested(b, m.lastBlock);
      expect(b.proceedsReleased <= vested && vested <= b.target, `${after}: model ${id} released ${b.proceedsReleased} <= vested ${vested} <= target`).toBe(true);
      expect(dust >= 0n && dust < BigInt(INVESTORS.length), `${after}: model ${id} dust ${dust} within [0, investors)`).toBe(true);
      if (b.dustSwept) expect(dust, `${after}: model ${id} no dust left after the sweep`).toBe(0n);
    } else {
      expect(h, `${after}: model ${id} holds every unpaid deposit`).toBe(owed);
    }
  }
  expect(eth[parties.length - 1], `${after}: launch ETH = sum of held books + credits`).toBe(held);
}

// ------------------------------------------------------------------ commands

/** How often each function succeeded or reverted with each error: printed after the test to show what was exercised. */
const outcomes = new Map<string, number>();
/** Every transaction's label and outcome, for the fixed sequences to check that they reach what they test. */
const trace: string[] = [];
function tally(label: string, predicted: Outcome<unknown>): void {
  trace.push(`${label} -> ${predicted.ok ? "ok" : predicted.error}`);
  const result = predicted.ok ? (typeof predicted.value === "boolean" ? `ok ${predicted.value ? "(raise met)" : "(raise failed)"}` : "ok") : predicted.error;
  const key = `${label.slice(0, label.indexOf("("))} -> ${result}`;
  outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
}

type Cmd = fc.AsyncCommand<RaiseState, Real>;

/** Sends one transaction, applies the model, checks the outcome, then the whole state. */
async function step(m: RaiseState, r: Real, label: string, send: () => Promise<TxResult>, apply: () => Outcome<unknown>): Promise<void> {
  const actual = await send();
  const predicted = apply();
  expectOutcome(label, actual, predicted);
  tally(label, predicted);
  await expectAgreement(m, r, label);
}

const sendAs = (r: Real, from: Address, functionName: string, args: readonly unknown[], value?: bigint) =>
  r.chain.send({ from, to: r.launch, abi: L, functionName, args, ...(value === undefined ? {} : { value }) });

class Deposit implements Cmd {
  constructor(
    readonly investor: Address,
    readonly modelId: bigint,
    readonly amount: bigint,
  ) {}
  check = () => true;
  run = (m: RaiseState, r: Real) =>
    step(m, r, this.toString(), () => sendAs(r, this.investor, "deposit", [this.modelId], this.amount), () => raise.deposit(m, this.investor, this.modelId, this.amount));
  toString = () => `deposit(${name(this.investor)}, model ${this.modelId}, ${formatWei(this.amount)})`;
}

class Warp implements Cmd {
  constructor(readonly seconds: number) {}
  check = () => true;
  run = async (m: RaiseState, r: Real) => {
    r.chain.warp(this.seconds);
    raise.warp(m, this.seconds);
    await expectAgreement(m, r, this.toString());
  };
  toString = () => `warp(${this.seconds}s)`;
}

/** Jumps to a launch's start or end, give or take a second: the window's edges are where bugs hide. */
class WarpTo implements Cmd {
  constructor(
    readonly modelId: bigint,
    readonly edge: "start" | "end",
    readonly offset: number,
  ) {}
  check = () => true;
  run = async (m: RaiseState, r: Real) => {
    const l = m.launches.get(this.modelId);
    if (l === undefined) throw new Error(`no launch ${this.modelId}`);
    const seconds = l.books[this.edge] + this.offset - m.now;
    if (seconds > 0) {
      r.chain.warp(seconds);
      raise.warp(m, seconds);
    }
    await expectAgreement(m, r, this.toString());
  };
  toString = () => `warpTo(${this.edge} of model ${this.modelId}${this.offset === 0 ? "" : this.offset > 0 ? ` + ${this.offset}s` : ` - ${-this.offset}s`})`;
}

class Settle implements Cmd {
  constructor(
    readonly caller: Address,
    readonly modelId: bigint,
  ) {}
  check = () => true;
  run = (m: RaiseState, r: Real) => step(m, r, this.toString(), () => sendAs(r, this.caller, "settle", [this.modelId]), () => raise.settle(m, this.modelId));
  toString = () => `settle(${name(this.caller)}, model ${this.modelId})`;
}

/**
 * The model's claim, plus the property the revenue design promises: an investor receives, with its tokens,
 * what a holder of them since settlement claimed from the same snapshots, to 1 wei per snapshot.
 */
function claimPaidLikeAHolder(m: RaiseState, modelId: bigint, investor: Address, label: string): Outcome<unknown> {
  const outcome = raise.claim(m, modelId, investor);
  if (outcome.ok) {
    const { revenue, shadow, snapshots } = outcome.value;
    const gap = revenue > shadow ? revenue - shadow : shadow - revenue;
    expect(gap <= BigInt(snapshots + 1), `${label}: revenue ${revenue} vs ${shadow} claimed by a holder over ${snapshots} snapshots`).toBe(true);
    if (revenue > 0n) collectionsWithRevenue++;
  }
  return outcome;
}
let collectionsWithRevenue = 0;

class ClaimAllocation implements Cmd {
  constructor(
    readonly investor: Address,
    readonly modelId: bigint,
  ) {}
  check = () => true;
  run = (m: RaiseState, r: Real) =>
    step(m, r, this.toString(), () => sendAs(r, this.investor, "claimAllocation", [this.modelId]), () => claimPaidLikeAHolder(m, this.modelId, this.investor, this.toString()));
  toString = () => `claimAllocation(${name(this.investor)}, model ${this.modelId})`;
}

class ClaimFor implements Cmd {
  constructor(
    readonly caller: Address,
    readonly investor: Address,
    readonly modelId: bigint,
  ) {}
  check = () => true;
  run = (m: RaiseState, r: Real) =>
    step(m, r, this.toString(), () => sendAs(r, this.caller, "claimFor", [this.modelId, this.investor]), () => claimPaidLikeAHolder(m, this.modelId, this.investor, this.toString()));
  toString = () => `claimFor(${name(this.caller)} for ${name(this.investor)}, model ${this.modelId})`;
}

/** Revenue paid into a launch's token (by a plain `depositRevenue`). */
class PayRevenue implements Cmd {
  constructor(
    readonly modelId: bigint,
    readonly amount: bigint,
  ) {}
  check = () => true;
  run = (m: RaiseState, r: Real) => {
    const token = (m.launches.get(this.modelId) as raise.LaunchState).token;
    return step(m, r, this.toString(), () => r.chain.send({ from: PAYER, to: token, abi: T, functionName: "depositRevenue", args: [], value: this.amount }), () => raise.payRevenue(m, PAYER, this.modelId, this.amount));
  };
  toString = () => `payRevenue(model ${this.modelId}, ${formatWei(this.amount)})`;
}

/** Time moves to a token's next snapshot if needed, and a caller takes it. */
class Snapshot implements Cmd {
  constructor(
    readonly caller: Address,
    readonly modelId: bigint,
  ) {}
  check = () => true;
  run = async (m: RaiseState, r: Real) => {
    const l = m.launches.get(this.modelId) as raise.LaunchState;
    const wait = l.tokenModel.nextSnapshotAt() - m.now;
    if (wait > 0) await new Warp(wait).run(m, r);
    await step(m, r, this.toString(), () => r.chain.send({ from: this.caller, to: l.token, abi: T, functionName: "snapshot", args: [] }), () => raise.snapshot(m, this.modelId));
  };
  toString = () => `snapshot(${name(this.caller)}, token of model ${this.modelId})`;
}

/** Revenue arrives, then the token's next snapshot is taken: what a launch's holders then share. */
class RevenueRound implements Cmd {
  constructor(
    readonly modelId: bigint,
    readonly amount: bigint,
  ) {}
  check = () => true;
  run = async (m: RaiseState, r: Real) => {
    await new PayRevenue(this.modelId, this.amount).run(m, r);
    await new Snapshot(KEEPER, this.modelId).run(m, r);
  };
  toString = () => `revenueRound(model ${this.modelId}, ${formatWei(this.amount)})`;
}

class Harvest implements Cmd {
  constructor(
    readonly caller: Address,
    readonly modelId: bigint,
  ) {}
  check = () => true;
  run = (m: RaiseState, r: Real) => step(m, r, this.toString(), () => sendAs(r, this.caller, "harvest", [this.modelId]), () => raise.harvest(m, this.modelId));
  toString = () => `harvest(${name(this.caller)}, model ${this.modelId})`;
}

/** A holder (an investor that collected, or a slice) claims its open snapshots from the token directly; nothing to do if it has nothing there. */
class ClaimRevenue implements Cmd {
  constructor(
    readonly holder: Address,
    readonly modelId: bigint,
  ) {}
  check = () => true;
  run = async (m: RaiseState, r: Real) => {
    const l = m.launches.get(this.modelId) as raise.LaunchState;
    if (l.tokenModel.isExcluded(this.holder)) return;
    const ids = raise.claimableIds(l, this.holder);
    if (ids.length === 0) return;
    await step(m, r, this.toString(), () => r.chain.send({ from: this.holder, to: l.token, abi: T, functionName: "claimBatch", args: [ids.map(BigInt)] }), () => raise.claimRevenue(m, this.modelId, this.holder, ids));
  };
  toString = () => `claimRevenue(${name(this.holder)}, token of model ${this.modelId})`;
}

/**
 * Time moves to a token's next snapshot, which nobody takes, and a caller collects for an investor: its tokens
 * still count for the launch in that snapshot, so the launch takes it first and the investor is paid its share.
 */
class ClaimAtDueTime implements Cmd {
  constructor(
    readonly caller: Address,
    readonly investor: Address,
    readonly modelId: bigint,
  ) {}
  check = () => true;
  run = async (m: RaiseState, r: Real) => {
    const l = m.launches.get(this.modelId) as raise.LaunchState;
    const wait = l.tokenModel.nextSnapshotAt() - m.now;
    if (wait > 0) await new Warp(wait).run(m, r);
    await new ClaimFor(this.caller, this.investor, this.modelId).run(m, r);
  };
  toString = () => `claimAtDueTime(${name(this.caller)} for ${name(this.investor)}, model ${this.modelId})`;
}

/** A holder withdraws its credit at a token (what it refused there) to investor0, or to itself. */
class WithdrawTokenCredit implements Cmd {
  constructor(
    readonly holder: Address,
    readonly modelId: bigint,
    readonly toSelf: boolean,
  ) {}
  check = () => true;
  run = (m: RaiseState, r: Real) => {
    const l = m.launches.get(this.modelId) as raise.LaunchState;
    const to = this.toSelf ? this.holder : (INVESTORS[0] as Address);
    return step(m, r, this.toString(), () => r.chain.send({ from: this.holder, to: l.token, abi: T, functionName: "withdrawCredit", args: [ETH_ASSET, to] }), () => raise.withdrawTokenCredit(m, this.modelId, this.holder, to));
  };
  toString = () => `withdrawTokenCredit(${name(this.holder)} → ${this.toSelf ? "itself" : "investor0"}, token of model ${this.modelId})`;
}

/** An investor withdraws its ETH credit to investor0 (or to itself: refused when it refuses ETH). */
class WithdrawCredit implements Cmd {
  constructor(
    readonly caller: Address,
    readonly toSelf: boolean,
  ) {}
  check = () => true;
  run = (m: RaiseState, r: Real) => {
    const to = this.toSelf ? this.caller : (INVESTORS[0] as Address);
    return step(m, r, this.toString(), () => r.chain.send({ from: this.caller, to: r.launch, abi: L, functionName: "withdrawCredit", args: [ETH_ASSET, to] }), () => raise.withdrawCredit(m, this.caller, to));
  };
  toString = () => `withdrawCredit(${name(this.caller)} → ${this.toSelf ? "itself" : "investor0"})`;
}

/** A keeper claims for every investor in turn (those with nothing to claim must revert): lets dust be swept. */
class ClaimEveryone implements Cmd {
  constructor(readonly modelId: bigint) {}
  check = () => true;
  run = async (m: RaiseState, r: Real) => {
    for (const investor of INVESTORS) await new ClaimFor(KEEPER, investor, this.modelId).run(m, r);
  };
  toString = () => `claimEveryone(model ${this.modelId})`;
}

class Withdraw implements Cmd {
  constructor(
    readonly investor: Address,
    readonly modelId: bigint,
  ) {}
  check = () => true;
  run = (m: RaiseState, r: Real) => step(m, r, this.toString(), () => sendAs(r, this.investor, "withdraw", [this.modelId]), () => raise.withdraw(m, this.modelId, this.investor));
  toString = () => `withdraw(${name(this.investor)}, model ${this.modelId})`;
}

class ReleaseProceeds implements Cmd {
  constructor(
    readonly caller: Address,
    readonly modelId: bigint,
  ) {}
  check = () => true;
  run = (m: RaiseState, r: Real) => step(m, r, this.toString(), () => sendAs(r, this.caller, "releaseProceeds", [this.modelId]), () => raise.releaseProceeds(m, this.modelId));
  toString = () => `releaseProceeds(${name(this.caller)}, model ${this.modelId})`;
}

class SweepDust implements Cmd {
  constructor(
    readonly caller: Address,
    readonly modelId: bigint,
  ) {}
  check = () => true;
  run = (m: RaiseState, r: Real) => step(m, r, this.toString(), () => sendAs(r, this.caller, "sweepDust", [this.modelId]), () => raise.sweepDust(m, this.modelId));
  toString = () => `sweepDust(${name(this.caller)}, model ${this.modelId})`;
}

class WireRevenue implements Cmd {
  constructor(
    readonly caller: Address,
    readonly modelId: bigint,
  ) {}
  check = () => true;
  run = (m: RaiseState, r: Real) => step(m, r, this.toString(), () => sendAs(r, this.caller, "wireRevenue", [this.modelId]), () => raise.wireRevenue(m, this.modelId));
  toString = () => `wireRevenue(${name(this.caller)}, model ${this.modelId})`;
}

/** The model's owner revokes or re-grants the launch's operator approval (settlement must survive a revocation). */
class SetOperator implements Cmd {
  constructor(
    readonly modelId: bigint,
    readonly approve: boolean,
  ) {}
  check = () => true;
  run = (m: RaiseState, r: Real) =>
    step(
      m,
      r,
      this.toString(),
      () => r.chain.send({ from: OWNER, to: r.registry, abi: R, functionName: "setOperator", args: [this.modelId, this.approve ? r.launch : "0x0000000000000000000000000000000000000000"] }),
      () => raise.setOperator(m, this.modelId, this.approve),
    );
  toString = () => `${this.approve ? "approveLaunchOperator" : "revokeLaunchOperator"}(owner, model ${this.modelId})`;
}

/** Any launch function on a model that has no launch. */
class CallUnknownLaunch implements Cmd {
  constructor(
    readonly caller: Address,
    readonly functionName: "deposit" | "settle" | "claimAllocation" | "withdraw" | "releaseProceeds" | "sweepDust" | "wireRevenue" | "harvest",
  ) {}
  check = () => true;
  run = (m: RaiseState, r: Real) =>
    step(
      m,
      r,
      this.toString(),
      () => sendAs(r, this.caller, this.functionName, [UNKNOWN_MODEL], this.functionName === "deposit" ? ETH : undefined),
      () => this.model(m),
    );
  toString = () => `${this.functionName}(${name(this.caller)}, model ${UNKNOWN_MODEL} without a launch)`;
  private model(m: RaiseState): Outcome<unknown> {
    switch (this.functionName) {
      case "deposit":
        return raise.deposit(m, this.caller, UNKNOWN_MODEL, ETH);
      case "settle":
        return raise.settle(m, UNKNOWN_MODEL);
      case "claimAllocation":
        return raise.claim(m, UNKNOWN_MODEL, this.caller);
      case "withdraw":
        return raise.withdraw(m, UNKNOWN_MODEL, this.caller);
      case "releaseProceeds":
        return raise.releaseProceeds(m, UNKNOWN_MODEL);
      case "sweepDust":
        return raise.sweepDust(m, UNKNOWN_MODEL);
      case "wireRevenue":
        return raise.wireRevenue(m, UNKNOWN_MODEL);
      case "harvest":
        return raise.harvest(m, UNKNOWN_MODEL);
    }
  }
}

const investorArb = fc.constantFrom(...INVESTORS);
const callerArb = fc.constantFrom(...CALLERS);
const modelArb = fc.constantFrom(...MODEL_IDS);
/** Deposits: zero, dust (often below the minimum), ordinary amounts with odd wei. */
const amountArb = fc.oneof(
  { weight: 1, arbitrary: fc.constant(0n) },
  { weight: 2, arbitrary: fc.bigInt(1n, 10n ** 6n) },
  { weight: 7, arbitrary: fc.bigInt(10n ** 15n, 25n * ETH) },
);

const depositArb = fc.tuple(investorArb, modelArb, amountArb).map(([i, id, a]) => new Deposit(i, id, a));
const payRevenueArb = fc.tuple(modelArb, fc.oneof(fc.bigInt(1n, 10n ** 6n), fc.bigInt(10n ** 15n, 5n * ETH))).map(([id, a]) => new PayRevenue(id, a));
const snapshotArb = fc.tuple(callerArb, modelArb).map(([c, id]) => new Snapshot(c, id));
const harvestArb = fc.tuple(callerArb, modelArb).map(([c, id]) => new Harvest(c, id));
const holderArb = fc.constantFrom(...INVESTORS, ...Object.values(SLICES));
const claimRevenueArb = fc.tuple(holderArb, modelArb).map(([h, id]) => new ClaimRevenue(h, id));
const withdrawCreditArb = fc.tuple(investorArb, fc.boolean()).map(([i, self]) => new WithdrawCredit(i, self));
const revenueRoundArb = fc.tuple(modelArb, fc.bigInt(10n ** 15n, 5n * ETH)).map(([id, a]) => new RevenueRound(id, a));
const claimAtDueTimeArb = fc.tuple(callerArb, investorArb, modelArb).map(([c, i, id]) => new ClaimAtDueTime(c, i, id));
const withdrawTokenCreditArb = fc.tuple(investorArb, modelArb, fc.boolean()).map(([h, id, self]) => new WithdrawTokenCredit(h, id, self));
/** The sale tokens' revenue: payments, snapshots, harvests, holders' own claims. */
const revenueArb: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 3, arbitrary: payRevenueArb },
  { weight: 2, arbitrary: snapshotArb },
  { weight: 2, arbitrary: harvestArb },
  { weight: 2, arbitrary: claimRevenueArb },
  { weight: 1, arbitrary: withdrawTokenCreditArb },
);
const smallWarpArb = fc.integer({ min: 1, max: 600 }).map((s) => new Warp(s));
const edgeArb = fc.tuple(modelArb, fc.constantFrom("start" as const, "end" as const), fc.integer({ min: -1, max: 1 })).map(([id, e, o]) => new WarpTo(id, e, o));
const settleArb = fc.tuple(callerArb, modelArb).map(([c, id]) => new Settle(c, id));
const claimArb = fc.tuple(investorArb, modelArb).map(([i, id]) => new ClaimAllocation(i, id));
const claimForArb = fc.tuple(callerArb, investorArb, modelArb).map(([c, i, id]) => new ClaimFor(c, i, id));
const withdrawArb = fc.tuple(investorArb, modelArb).map(([i, id]) => new Withdraw(i, id));
const releaseArb = fc.tuple(callerArb, modelArb).map(([c, id]) => new ReleaseProceeds(c, id));
const sweepArb = fc.tuple(callerArb, modelArb).map(([c, id]) => new SweepDust(c, id));
const wireArb = fc.tuple(callerArb, modelArb).map(([c, id]) => new WireRevenue(c, id));
const operatorArb = fc.tuple(modelArb, fc.boolean()).map(([id, a]) => new SetOperator(id, a));
const unknownArb = fc
  .tuple(
    callerArb,
    fc.constantFrom("deposit" as const, "settle" as const, "claimAllocation" as const, "withdraw" as const, "releaseProceeds" as const, "sweepDust" as const, "wireRevenue" as const, "harvest" as const),
  )
  .map(([c, f]) => new CallUnknownLaunch(c, f));

/**
 * While the windows are open: mostly deposits and short warps; the window's edges; and calls that are
 * too early (settle, claims, withdrawals, proceeds, dust, wiring) and must revert with the predicted error.
 */
const raisingArb: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 12, arbitrary: depositArb },
  { weight: 3, arbitrary: smallWarpArb },
  { weight: 1, arbitrary: edgeArb },
  { weight: 1, arbitrary: settleArb },
  { weight: 1, arbitrary: fc.oneof(claimArb, claimForArb, withdrawArb) },
  { weight: 1, arbitrary: fc.oneof(releaseArb, sweepArb, wireArb) },
  { weight: 1, arbitrary: operatorArb },
  { weight: 1, arbitrary: unknownArb },
  { weight: 2, arbitrary: revenueArb },
);

/** Once both windows have closed: settlement, payouts, vesting time, repeats, late deposits, rewiring. */
const payoutArb: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 3, arbitrary: settleArb },
  { weight: 3, arbitrary: claimArb },
  { weight: 3, arbitrary: claimForArb },
  { weight: 2, arbitrary: claimAtDueTimeArb },
  { weight: 2, arbitrary: modelArb.map((id) => new ClaimEveryone(id)) },
  { weight: 3, arbitrary: withdrawArb },
  { weight: 2, arbitrary: fc.oneof(smallWarpArb, fc.integer({ min: 601, max: 2 * 86_400 }).map((s) => new Warp(s))) },
  { weight: 3, arbitrary: releaseArb },
  { weight: 2, arbitrary: sweepArb },
  { weight: 1, arbitrary: wireArb },
  { weight: 1, arbitrary: operatorArb },
  { weight: 1, arbitrary: depositArb },
  { weight: 1, arbitrary: unknownArb },
  { weight: 6, arbitrary: revenueArb },
  { weight: 3, arbitrary: revenueRoundArb },
  { weight: 1, arbitrary: withdrawCreditArb },
);

/**
 * Between the phases: time moves to one second past the later of the two windows' ends, and a keeper
 * settles the launches drawn for it (so most runs spend their payout phase paying out, and the others
 * test payouts before settlement).
 */
class CloseWindows implements Cmd {
  constructor(readonly settleNow: readonly bigint[]) {}
  check = () => true;
  run = async (m: RaiseState, r: Real) => {
    const last = Math.max(...[...m.launches.values()].map((l) => l.books.end));
    const seconds = Math.max(0, last + 1 - m.now);
    await new Warp(seconds).run(m, r);
    for (const id of this.settleNow) await new Settle(KEEPER, id).run(m, r);
  };
  toString = () => `closeWindows(then settle ${this.settleNow.length === 0 ? "nothing" : this.settleNow.map((id) => `model ${id}`).join(", ")})`;
}

/**
 * After the random commands: every launch is driven to its end (settle, everyone paid, proceeds fully
 * vested and released, dust swept), and then the books must close to the wei and the launch hold nothing.
 */
class FinishAll implements Cmd {
  check = () => true;
  run = async (m: RaiseState, r: Real) => {
    for (const [id, l] of m.launches) {
      if (l.books.status === Status.Raising) await new Settle(KEEPER, id).run(m, r);
      // investors still to collect do so after one more snapshot with revenue: each is a late collector
      const waiting = INVESTORS.some((i) => raise.positionOf(l, i).deposit > 0n && !raise.positionOf(l, i).settled);
      if (l.books.status === Status.Succeeded && waiting) await new RevenueRound(id, ETH / 10n + 7n).run(m, r);
      for (const investor of INVESTORS) {
        const p = raise.positionOf(l, investor);
        if (p.deposit === 0n || p.settled) continue;
        if (l.books.status === Status.Succeeded) await new ClaimFor(KEEPER, investor, id).run(m, r);
        else await new Withdraw(investor, id).run(m, r);
      }
      if (l.books.status !== Status.Succeeded) continue;
      const vestingEnd = l.books.end + l.books.vestingDuration;
      if (m.now < vestingEnd) await new Warp(vestingEnd - m.now).run(m, r);
      if (raise.vested(l.books, m.now) > l.books.proceedsReleased) await new ReleaseProceeds(KEEPER, id).run(m, r);
      if (!l.books.dustSwept) await new SweepDust(KEEPER, id).run(m, r);
    }
    if (raise.creditOf(m, REFUSER) > 0n) await new WithdrawCredit(REFUSER, false).run(m, r);
    const books = (await r.chain.readMany(MODEL_IDS.map((id) => ({ to: r.launch, abi: L, functionName: "getLaunch", args: [id] })))) as raise.Books[];
    for (const b of books) {
      expect(b.depositsSettled, "finish: everyone settled").toBe(b.totalRaised);
      if (b.status === Status.Succeeded) {
        expect(b.proceedsReleased, "finish: all proceeds released").toBe(b.target);
        expect(b.refundsPaid + b.proceedsReleased + b.ethDust, "finish: refunds + proceeds + dust = deposits").toBe(b.totalRaised);
      } else {
        expect(b.withdrawn, "finish: withdrawals = deposits").toBe(b.totalRaised);
      }
    }
    expect(await r.chain.balance(r.launch), "finish: the launch holds no ETH").toBe(0n);
    for (const l of m.launches.values()) expect(raise.revenueHeld(l), "finish: no revenue held").toBe(0n);
  };
  toString = () => "finishAll()";
}

// ------------------------------------------------------------------ the test

const DEFAULT_RUNS = 40;
/** Commands per phase: up to 20 + 20, plus the fixed closing and finishing steps. */
const MAX_COMMANDS = 20;
const params = fcParams(DEFAULT_RUNS);

describe("IMO raise: reference model vs ImoLaunch on Anvil", () => {
  let chain: ModelChain;
  let real: Real;
  let snapshot: ChainSnapshot;
  let initialEth: Map<Address, bigint>;

  beforeAll(async () => {
    chain = await startModelChain();
    const registry = getAddress(await chain.deploy("ModelRegistry"));
    const factory = getAddress(await chain.deploy("RevShareTokenFactory"));
    const launch = getAddress(await chain.deploy("ImoLaunch", [registry, factory]));
    real = { chain, launch, registry };
    // the refusing investor: a contract whose receive reverts, at a fixed address (its transactions are impersonated)
    const rejecter = await chain.deployArtifact("ImoLaunch.t.sol/EthRejecter.json");
    await chain.rpc.request("anvil_setCode", [REFUSER, await chain.rpc.request("eth_getCode", [rejecter.address, "latest"])]);
    for (const who of [...INVESTORS, KEEPER, OWNER, PAYER]) await chain.setBalance(who, STARTING_ETH);
    initialEth = new Map([...INVESTORS, KEEPER, OWNER, PAYER].map((who) => [who, STARTING_ETH]));
    snapshot = await chain.snapshot();
  });
  afterAll(async () => {
    await chain?.stop();
    if (process.env.FC_COVERAGE !== undefined) {
      console.log([...outcomes].sort().map(([k, n]) => `${k}: ${n}`).join("\n"));
      console.log(`collections that brought revenue: ${collectionsWithRevenue}`);
    }
  });

  /** Fresh chain state, then the owner registers both models, approves the launch and creates both raises. */
  async function setup(draws: readonly [LaunchDraw, LaunchDraw]): Promise<{ model: RaiseState; real: Real }> {
    snapshot = await chain.restore(snapshot);
    const model = raise.newRaiseState({ now: chain.now, launch: real.launch, eth: initialEth, refusesEth: [REFUSER] });
    for (const [k, modelId] of MODEL_IDS.entries()) {
      const draw = draws[k] as LaunchDraw;
      const registered = await chain.send({ from: OWNER, to: real.registry, abi: R, functionName: "register", args: [keccak256(toHex(`raise-model-${modelId}`)), "0x01", 1n] });
      const approved = await chain.send({ from: OWNER, to: real.registry, abi: R, functionName: "setOperator", args: [modelId, real.launch] });
      // the launch is created in the block after the two above
      const config = launchConfig(modelId, draw, chain.now, TREASURIES[k] as Address);
      const created = await chain.send({ from: OWNER, to: real.launch, abi: L, functionName: "createLaunch", args: [launchParams(config, draw)] });
      for (const tx of [registered, approved, created]) if (!tx.ok) throw new Error(`setup of model ${modelId} failed: ${tx.error}`);
      const token = getAddress(await chain.read<Address>({ to: real.launch, abi: L, functionName: "tokenOf", args: [modelId] }));
      if (!created.ok) throw new Error("unreachable");
      raise.addLaunch(model, config, token, created.timestamp);
    }
    await expectAgreement(model, real, "setup");
    return { model, real };
  }

  it(
    "agrees with the chain on every balance, position, preview and book after each command",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.tuple(launchDrawArb, launchDrawArb),
          fc.commands([raisingArb], fcCommandOptions(MAX_COMMANDS, 0)),
          fc.subarray([...MODEL_IDS]),
          fc.commands([payoutArb], fcCommandOptions(MAX_COMMANDS, 1)),
          async (draws, raising, settleNow, payout) => {
            await fc.asyncModelRun(() => setup(draws), [...raising, new CloseWindows(settleNow), ...payout, new FinishAll()]);
          },
        ),
        params,
      );
    },
    fcTimeout(params.numRuns, 2_500),
  );

  /** A plain launch: 10 ETH target, a day's window, a day's vesting, an odd supply (token rounding dust). */
  const plain: LaunchDraw = {
    totalSupply: 10n ** 27n + 7n,
    bps: [5000, 3000, 1000, 1000],
    target: 10n * ETH,
    minDeposit: 0n,
    startDelay: 0,
    window: 86_400,
    vestingDuration: 86_400,
    revenueShareBps: 5000,
    excludeLiquidity: true,
  };

  it("settles a raise whose owner revoked the launch's operator approval, and wires revenue once re-approved", async () => {
    trace.length = 0;
    await fc.asyncModelRun(
      () => setup([plain, { ...plain, target: 150n * ETH }]),
      [
        new Deposit(INVESTORS[0] as Address, 1n, 7n * ETH + 1n),
        new Deposit(INVESTORS[1] as Address, 1n, 5n * ETH + 3n),
        new SetOperator(1n, false),
        new WireRevenue(KEEPER, 1n),
        new CloseWindows([1n]),
        new WireRevenue(KEEPER, 1n),
        new SetOperator(1n, true),
        new WireRevenue(KEEPER, 1n),
        new WireRevenue(KEEPER, 1n),
        new Settle(KEEPER, 2n),
        new WireRevenue(KEEPER, 2n),
        new FinishAll(),
      ],
    );
    expect(trace.filter((t) => t.startsWith("wireRevenue") || t.startsWith("settle"))).toEqual([
      "wireRevenue(keeper, model 1) -> ImoLaunch_WrongStatus",
      "settle(keeper, model 1) -> ok",
      "wireRevenue(keeper, model 1) -> ModelRegistry_NotOwnerOrOperator",
      "wireRevenue(keeper, model 1) -> ok",
      "wireRevenue(keeper, model 1) -> ImoLaunch_RevenueAlreadyWired",
      "settle(keeper, model 2) -> ok",
      "wireRevenue(keeper, model 2) -> ImoLaunch_WrongStatus",
    ]);
  });

  it("pays a late collector what a holder since settlement claimed, and recycles what nobody bought", async () => {
    const [i0, i1, i2] = INVESTORS as [Address, Address, Address];
    trace.length = 0;
    collectionsWithRevenue = 0;
    await fc.asyncModelRun(
      () => setup([plain, { ...plain, target: 150n * ETH }]),
      [
        new Deposit(i0, 1n, 6n * ETH),
        new Deposit(i1, 1n, 6n * ETH + 5n),
        new Deposit(i2, 2n, 3n * ETH),
        new PayRevenue(1n, 2n * ETH),
        new PayRevenue(2n, ETH),
        // at the end of the windows, before settlement: the sale's share is recycled
        new Snapshot(KEEPER, 1n),
        new Snapshot(KEEPER, 2n),
        new Harvest(KEEPER, 1n),
        new CloseWindows([1n, 2n]),
        new ClaimAllocation(i0, 1n),
        new RevenueRound(1n, 3n * ETH + 1n),
        new ClaimRevenue(i0, 1n),
        new RevenueRound(1n, ETH + 3n),
        new ClaimRevenue(i0, 1n),
        new ClaimRevenue(SLICES.team, 1n),
        // late: two snapshots after settlement, harvested by its own claim
        new ClaimAllocation(i1, 1n),
        new Withdraw(i2, 2n),
        new Harvest(KEEPER, 2n),
        new FinishAll(),
      ],
    );
    expect(trace.filter((t) => !t.startsWith("deposit") && !t.startsWith("payRevenue") && !t.startsWith("claimRevenue"))).toEqual([
      "snapshot(keeper, token of model 1) -> ok",
      "snapshot(keeper, token of model 2) -> ok",
      "harvest(keeper, model 1) -> ok",
      "settle(keeper, model 1) -> ok",
      "settle(keeper, model 2) -> ok",
      "claimAllocation(investor0, model 1) -> ok",
      "snapshot(keeper, token of model 1) -> ok",
      "snapshot(keeper, token of model 1) -> ok",
      "claimAllocation(investor1, model 1) -> ok",
      "withdraw(investor2, model 2) -> ok",
      "harvest(keeper, model 2) -> ok",
      // finishAll: model 1's proceeds and dust (nobody left to collect), model 2 has nothing left to do
      "releaseProceeds(keeper, model 1) -> ok",
      "sweepDust(keeper, model 1) -> ok",
    ]);
    expect(collectionsWithRevenue, "the late collection brought revenue").toBe(1);
  });

  it("pays an investor who collects between a snapshot's due time and the snapshot call its share of that snapshot; the token credits a holder that refuses ETH", async () => {
    const [i0, i1] = INVESTORS as [Address, Address];
    trace.length = 0;
    collectionsWithRevenue = 0;
    await fc.asyncModelRun(
      () => setup([plain, { ...plain, target: 150n * ETH }]),
      [
        new Deposit(i0, 1n, 6n * ETH),
        new Deposit(i1, 1n, 6n * ETH),
        new Deposit(REFUSER, 1n, 3n * ETH),
        // one second past the end: the first snapshot fell due at the end, nobody took it
        new CloseWindows([1n]),
        new PayRevenue(1n, 2n * ETH + 1n),
        // investor0 collects now: its tokens count for the launch in the due snapshot, which its claim takes
        new ClaimAtDueTime(KEEPER, i0, 1n),
        new ClaimFor(KEEPER, REFUSER, 1n),
        // from the next snapshot on, investor0 and the refuser hold their tokens and claim at the token
        new RevenueRound(1n, ETH + 3n),
        new ClaimAllocation(i1, 1n),
        new ClaimRevenue(i0, 1n),
        // the token credits the refuser instead of paying it; it withdraws the credit elsewhere
        new ClaimRevenue(REFUSER, 1n),
        new WithdrawTokenCredit(REFUSER, 1n, true),
        new WithdrawTokenCredit(REFUSER, 1n, false),
        new FinishAll(),
      ],
    );
    expect(trace.filter((t) => !t.startsWith("deposit") && !t.startsWith("payRevenue"))).toEqual([
      "settle(keeper, model 1) -> ok",
      "claimFor(keeper for investor0, model 1) -> ok",
      "claimFor(keeper for refuser, model 1) -> ok",
      "snapshot(keeper, token of model 1) -> ok",
      "claimAllocation(investor1, model 1) -> ok",
      "claimRevenue(investor0, token of model 1) -> ok",
      "claimRevenue(refuser, token of model 1) -> ok",
      "withdrawTokenCredit(refuser → itself, token of model 1) -> RevShareToken_TransferFailed",
      "withdrawTokenCredit(refuser → investor0, token of model 1) -> ok",
      "releaseProceeds(keeper, model 1) -> ok",
      "sweepDust(keeper, model 1) -> ok",
      "settle(keeper, model 2) -> ok",
      "withdrawCredit(refuser → investor0) -> ok",
    ]);
    // all three were paid the due snapshot's revenue with their tokens (each within a wei per snapshot of a holder)
    expect(collectionsWithRevenue, "every collection brought revenue").toBe(3);
  });

  it("pays an oversubscribed raise pro rata with floor rounding, refuses repeated claims, and sweeps the dust", async () => {
    // three equal deposits of a third of 31 ETH + 1 wei: every refund and allocation rounds down
    const third = (31n * ETH + 1n) / 3n;
    trace.length = 0;
    await fc.asyncModelRun(
      () => setup([plain, plain]),
      [
        ...INVESTORS.slice(0, 3).map((investor) => new Deposit(investor, 1n, third)),
        new Deposit(INVESTORS[3] as Address, 1n, 1n),
        new Settle(KEEPER, 1n),
        new ClaimAllocation(INVESTORS[0] as Address, 1n),
        new CloseWindows([1n]),
        new ClaimAllocation(INVESTORS[0] as Address, 1n),
        new ClaimAllocation(INVESTORS[0] as Address, 1n),
        new ClaimFor(KEEPER, INVESTORS[0] as Address, 1n),
        new Withdraw(INVESTORS[0] as Address, 1n),
        new SweepDust(KEEPER, 1n),
        new ClaimEveryone(1n),
        new ReleaseProceeds(KEEPER, 1n),
        new SweepDust(KEEPER, 1n),
        new SweepDust(KEEPER, 1n),
        new Warp(86_400),
        new ReleaseProceeds(KEEPER, 1n),
        new ReleaseProceeds(KEEPER, 1n),
        new FinishAll(),
      ],
    );
    expect(trace.filter((t) => !t.startsWith("deposit"))).toEqual([
      "settle(keeper, model 1) -> ImoLaunch_RaiseNotEnded",
      "claimAllocation(investor0, model 1) -> ImoLaunch_WrongStatus",
      "settle(keeper, model 1) -> ok",
      "claimAllocation(investor0, model 1) -> ok",
      "claimAllocation(investor0, model 1) -> ImoLaunch_AlreadySettled",
      "claimFor(keeper for investor0, model 1) -> ImoLaunch_AlreadySettled",
      "withdraw(investor0, model 1) -> ImoLaunch_WrongStatus",
      "sweepDust(keeper, model 1) -> ImoLaunch_ClaimsOutstanding",
      "claimFor(keeper for investor0, model 1) -> ImoLaunch_AlreadySettled",
      "claimFor(keeper for investor1, model 1) -> ok",
      "claimFor(keeper for investor2, model 1) -> ok",
      "claimFor(keeper for refuser, model 1) -> ok",
      "releaseProceeds(keeper, model 1) -> ok",
      "sweepDust(keeper, model 1) -> ok",
      "sweepDust(keeper, model 1) -> ImoLaunch_DustAlreadySwept",
      "releaseProceeds(keeper, model 1) -> ok",
      "releaseProceeds(keeper, model 1) -> ImoLaunch_NothingToRelease",
      // finishAll: model 2 (no deposits) fails; model 1 has nothing left to do
      "settle(keeper, model 2) -> ok",
    ]);
  });
});
