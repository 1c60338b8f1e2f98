import fc from "fast-check";
import { keccak256, toHex, type Abi, type Address, type Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contractAbis } from "../chain/contracts.ts";
import { agentAddress } from "../engine/agentAddress.ts";
import { fcCommandOptions, fcParams, fcTimeout } from "../testing/fcParams.ts";
import { decodeLogs, startModelChain, type ChainSnapshot, type ModelChain, type TxResult } from "../testing/modelChain.ts";
import * as O from "./oracle.ts";
import { claimLabel, CLAIM_KINDS, FAULTS, oracleVm, type ClaimKind, type OracleVm } from "./oracleTraces.ts";

/*
 * Model-based test of OpmlOracle + BisectionGame on a real Anvil with the real ModelVMVerifier and the tiny
 * model (T = 1,032): random command sequences (requests, honest and wrong submissions, challenges of any claim,
 * vouches, coalition throws, bisection moves played honestly or not, one-step proofs, timeouts, warps,
 * finalization, bond releases, expiry, withdrawals) run against the chain and against the reference model in
 * ./oracle.ts; after every command both must agree on every watched ETH balance to the wei, every credit, the
 * oracle's books, every request, every claim and every game.
 * Replay a failure with FC_SEED=… FC_PATH=… FC_REPLAY_PATH=… npx vitest run sim/reference/oracle.model.test.ts
 * (all three are printed with the counterexample; FC_REPLAY_PATH is its `replayPath`).
 */

const oracleAbi = contractAbis.OpmlOracle as Abi;
const gameAbi = contractAbis.BisectionGame as Abi;

const PLAYERS = ["alice", "bob", "carol", "dave"] as const;
const USERS = ["user0", "user1"] as const;
const OTHERS = ["receiver", "owner", "treasury"] as const;
type Player = (typeof PLAYERS)[number];
type User = (typeof USERS)[number];
type Name = Player | User | (typeof OTHERS)[number];
const NAMES: readonly Name[] = [...PLAYERS, ...USERS, ...OTHERS];
const addr = (name: Name): Address => agentAddress(`fc-oracle:${name}`);
const ADDRESSES = NAMES.map(addr);
const PARTY_ETH = 1_000n * 10n ** 18n;

const ETHER = 10n ** 18n;
const GWEI = 10n ** 9n;
const MODEL_FEE = ETHER / 100n;
const RECEIVER_BPS = 8_000n;
const MAX_GAS = 1_000_000n;

/** Two parameter sets, so both slashing destinations (burn, treasury) and two winner shares are exercised. */
const VARIANTS = {
  burn: { submitterReward: ETHER / 1000n, submitterBond: ETHER / 10n, challengerBond: ETHER / 20n, slashWinnerBps: 5_000n, slashToTreasury: false },
  treasury: { submitterReward: 2n * (ETHER / 1000n), submitterBond: 80_000_000n * GWEI, challengerBond: 30_000_001n * GWEI, slashWinnerBps: 7_500n, slashToTreasury: true },
} as const;
type Variant = keyof typeof VARIANTS;

function paramsOf(variant: Variant): O.OracleParams {
  return {
    ...VARIANTS[variant],
    protocolFee: ETHER / 2000n,
    callbackGasPrice: 10n * GWEI,
    challengeWindow: 3_600,
    responseDeadline: 600,
    maxCallbackGasLimit: MAX_GAS,
    requestTimeout: 7_200,
    treasury: addr("treasury"),
  };
}

type Deployment = { oracle: Address; game: Address; params: O.OracleParams };

/** What fast-check's model is: the reference model plus what the test knows about inputs and traces. */
type Ctx = {
  m: O.OracleModel;
  inputs: Map<number, readonly number[]>;
  /** Which trace each claim of a request follows, by claim index. */
  claimKinds: Map<number, ClaimKind[]>;
  /** Which traces the two sides of a game hold. */
  sides: Map<number, { defender: ClaimKind; challenger: ClaimKind }>;
  /** Commands fast-check skipped because they did not apply (explicit sequences must skip none). */
  skipped: { count: number };
};
type World = { chain: ModelChain; d: Deployment; vm: OracleVm };

// ------------------------------------------------------------------------------------------------ tx helpers

const verdict = (o: O.Outcome | TxResult): string => (o.ok ? "ok" : `revert ${o.error}`);

/** How often each call succeeded or reverted with each error, to see what the random runs reach. */
const coverage = new Map<string, number>();

/** Sends one transaction, having first applied it to the model, and checks both agree on its outcome. */
async function tx(
  c: Ctx,
  w: World,
  call: { from: Address; on: "oracle" | "game"; fn: string; args?: readonly unknown[]; value?: bigint },
  apply: (now: number) => O.Outcome,
): Promise<{ real: TxResult; model: O.Outcome }> {
  const model = apply(w.chain.now);
  const to = call.on === "oracle" ? w.d.oracle : w.d.game;
  const abi = call.on === "oracle" ? oracleAbi : gameAbi;
  const real = await w.chain.send({ from: call.from, to, abi, functionName: call.fn, args: call.args ?? [], ...(call.value === undefined ? {} : { value: call.value }) });
  expect(verdict(real), `${call.fn} at t=${real.timestamp}`).toBe(verdict(model));
  const key = `${call.fn}: ${verdict(model)}`;
  coverage.set(key, (coverage.get(key) ?? 0) + 1);
  return { real, model };
}

/** Counts where the runs' requests and games ended up (printed with FC_COVERAGE=1). */
function tally(m: O.OracleModel): void {
  const bump = (key: string): void => void coverage.set(key, (coverage.get(key) ?? 0) + 1);
  for (const r of m.requests.values()) {
    const won = r.winner === undefined ? "" : r.winner === 0 ? " (the submission won)" : ` (claim ${r.winner} won${O.roundOf(r) === 1 ? ", result replaced" : ""})`;
    bump(`end state: request ${r.status}${won}`);
    if (r.claims.length > 1) bump(`end state: request with ${Math.min(r.claims.length, 5)}${r.claims.length > 5 ? "+" : ""} claims`);
    for (const c of r.claims) if (c.kind === "Vouch") bump(`end state: vouch ${c.defeated ? "defeated" : "standing"}`);
  }
  for (const g of m.games.values()) bump(`end state: game ${g.phase}${g.ghostEnd === undefined ? "" : ` by ${g.ghostEnd}`}${g.ghostVoid === true ? " (void)" : ""}`);
}

// ------------------------------------------------------------------------------------------------ comparison

function requestView(q: Record<string, unknown>) {
  const status = typeof q.status === "string" ? q.status : O.STATUSES[Number(q.status)];
  return {
    status,
    requester: q.requester,
    expiresAt: Number(q.expiresAt),
    submitter: q.submitter,
    windowEnd: Number(q.windowEnd),
    escrow: BigInt(q.escrow as bigint),
    bond: BigInt(q.bond as bigint),
    openGames: Number(q.openGames),
    round: Number(q.round),
    initialStateHash: q.initialStateHash,
    resultStateHash: q.resultStateHash,
    claimCount: Number(q.claimCount),
    leader: Number(q.leader),
    finalStateHash: q.finalStateHash,
  };
}

/** The model's request in the shape `getRequest` returns. */
function modelRequest(r: O.RequestState): Record<string, unknown> {
  const c0 = r.claims[0];
  return {
    ...r,
    bond: c0?.bond ?? 0n,
    round: O.roundOf(r),
    resultStateHash: c0?.stateHash ?? O.ZERO_HASH,
    claimCount: r.claims.length,
    leader: O.leaderOf(r) ?? 0,
    finalStateHash: O.finalStateHashOf(r),
  };
}

function claimView(c: Record<string, unknown>) {
  return {
    owner: c.owner,
    kind: typeof c.kind === "string" ? c.kind : O.CLAIM_KINDS[Number(c.kind)],
    parent: Number(c.parent),
    bond: BigInt(c.bond as bigint),
    defeated: c.defeated,
    stateHash: c.stateHash,
    output: c.output,
  };
}

function gameView(g: Record<string, unknown>, gc: Record<string, unknown>) {
  return {
    phase: typeof g.phase === "string" ? g.phase : O.PHASES[Number(g.phase)],
    lo: Number(g.lo),
    hi: Number(g.hi),
    deadline: Number(g.deadline),
    defender: g.defender,
    challenger: g.challenger,
    loHash: g.loHash,
    hiHash: g.hiHash,
    midHash: g.midHash,
    requestId: Number(gc.requestId),
    challengerClaim: Number(gc.challengerClaim),
    targetClaim: Number(gc.targetClaim),
    settled: gc.settled,
  };
}

/** Reads everything the model predicts from the chain in two JSON-RPC batches and compares. */
async function compareWithChain(c: Ctx, w: World): Promise<void> {
  const { m } = c;
  const { oracle, game } = w.d;
  const requestIds = [...m.requests.keys()];
  const claimKeys = [...m.requests.values()].flatMap((r) => r.claims.map((_, k) => [r.id, k] as const));
  const gameIds = [...m.games.keys()];
  const calls = [
    ...ADDRESSES.map((a) => ({ to: oracle, abi: oracleAbi, functionName: "creditOf", args: [a] })),
    { to: oracle, abi: oracleAbi, functionName: "protocolFeesAccrued" },
    { to: oracle, abi: oracleAbi, functionName: "burned" },
    { to: oracle, abi: oracleAbi, functionName: "nextRequestId" },
    ...requestIds.map((id) => ({ to: oracle, abi: oracleAbi, functionName: "getRequest", args: [BigInt(id)] })),
    ...claimKeys.map(([id, k]) => ({ to: oracle, abi: oracleAbi, functionName: "getClaim", args: [BigInt(id), BigInt(k)] })),
    ...gameIds.flatMap((id) => [
      { to: game, abi: gameAbi, functionName: "gameOf", args: [BigInt(id)] },
      { to: oracle, abi: oracleAbi, functionName: "getGameClaims", args: [BigInt(id)] },
    ]),
    // One past the last game: the game contract must not know it (ids are not skipped or reused).
    { to: game, abi: gameAbi, functionName: "gameOf", args: [BigInt(m.nextGameId)] },
  ];
  const [answers, eth] = await Promise.all([w.chain.readMany(calls), w.chain.balances([...ADDRESSES, oracle, game])]);
  let i = 0;
  const next = (): unknown => answers[i++];
  const chainView = {
    credits: Object.fromEntries(NAMES.map((n) => [n, next() as bigint])),
    protocolFees: next() as bigint,
    burned: next() as bigint,
    nextRequestId: Number(next() as bigint),
    requests: Object.fromEntries(requestIds.map((id) => [id, requestView(next() as Record<string, unknown>)])),
    claims: Object.fromEntries(claimKeys.map(([id, k]) => [`${id}/${k}`, claimView(next() as Record<string, unknown>)])),
    games: Object.fromEntries(gameIds.map((id) => [id, gameView(next() as Record<string, unknown>, next() as Record<string, unknown>)])),
    nextGamePhase: O.PHASES[Number((next() as { phase: number }).phase)],
    eth: Object.fromEntries([...NAMES, "oracle", "game"].map((n, k) => [n, eth[k]])),
  };
  const modelView = {
    credits: Object.fromEntries(NAMES.map((n) => [n, O.creditOf(m, addr(n))])),
    protocolFees: m.protocolFees,
    burned: m.burned,
    nextRequestId: m.nextRequestId,
    requests: Object.fromEntries(requestIds.map((id) => [id, requestView(modelRequest(O.storedRequest(m.requests.get(id) as O.RequestState)))])),
    claims: Object.fromEntries(
      claimKeys.map(([id, k]) => {
        return [`${id}/${k}`, claimView(O.storedClaim(m.requests.get(id) as O.RequestState, k))];
      }),
    ),
    games: Object.fromEntries(gameIds.map((id) => [id, gameView(O.storedGame(m.games.get(id) as O.GameState), O.storedGameClaims(m.games.get(id) as O.GameState))])),
    nextGamePhase: "None",
    eth: Object.fromEntries([...NAMES, "oracle", "game"].map((n) => [n, n === "game" ? 0n : (m.eth.get(n === "oracle" ? oracle : addr(n as Name)) ?? 0n)])),
  };
  expect(chainView).toEqual(modelView);
}

/** Properties of the model itself; it agrees with the chain, so they hold on chain too. */
function checkProperties(m: O.OracleModel): void {
  expect(O.booksImbalance(m), "books balance").toBe(0n);
  expect(O.honestStepLosses(m).map((g) => g.id), "games an honest player lost by a proof").toEqual([]);
  expect(O.winnerNotEarliestStanding(m).map((r) => r.id), "requests not won by their earliest undefeated claim").toEqual([]);
}

// ------------------------------------------------------------------------------------------------ commands

abstract class Cmd implements fc.AsyncCommand<Ctx, World> {
  check(c: Readonly<Ctx>): boolean {
    const applies = this.applies(c);
    if (!applies) {
      coverage.set("skipped commands", (coverage.get("skipped commands") ?? 0) + 1);
      c.skipped.count += 1;
    }
    return applies;
  }
  /** Whether the command makes sense in this state (fast-check skips it otherwise). */
  protected applies(_c: Readonly<Ctx>): boolean {
    return true;
  }
  abstract act(c: Ctx, w: World): Promise<void>;
  async run(c: Ctx, w: World): Promise<void> {
    const key = `command ${this.constructor.name}`;
    coverage.set(key, (coverage.get(key) ?? 0) + 1);
    await this.act(c, w);
    checkProperties(c.m);
    await compareWithChain(c, w);
  }
  abstract toString(): string;
}

/** Commands on a request id accept the ids issued so far and one more (an unknown id, for its revert). */
const requestKnownOrNext = (c: Readonly<Ctx>, id: number): boolean => id <= c.m.nextRequestId;
const gameKnownOrNext = (c: Readonly<Ctx>, id: number): boolean => id <= c.m.nextGameId;

class RequestCmd extends Cmd {
  constructor(
    readonly user: User,
    readonly input: readonly number[],
    readonly gasLimit: bigint,
    readonly payDelta: bigint,
    readonly shortInput: boolean,
  ) {
    super();
  }
  async act(c: Ctx, w: World): Promise<void> {
    const fee = O.feeOf(c.m, this.gasLimit);
    // The oracle's quote must be the model's fee.
    expect(await w.chain.read({ to: w.d.oracle, abi: oracleAbi, functionName: "estimateFee", args: [1n, this.gasLimit] })).toBe(fee);
    const inputHex = this.shortInput ? w.vm.inputBytes(this.input).slice(0, -8) : w.vm.inputBytes(this.input);
    const id = c.m.nextRequestId;
    const { real } = await tx(
      c,
      w,
      { from: addr(this.user), on: "oracle", fn: "requestCallback", args: [1n, inputHex, O.ZERO_ADDRESS, this.gasLimit, "0x"], value: fee + this.payDelta },
      (now) =>
        O.requestCallback(c.m, { from: addr(this.user), inputBytes: (inputHex.length - 2) / 2, gasLimit: this.gasLimit, value: fee + this.payDelta, initialStateHash: w.vm.initialHash(this.input) }, now),
    );
    if (real.ok) c.inputs.set(id, this.input);
  }
  toString(): string {
    const pay = this.payDelta === 0n ? "fee" : this.payDelta > 0n ? `fee+${this.payDelta} wei` : `fee${this.payDelta} wei`;
    return `request(${this.user}, input [${this.input.join(",")}]${this.shortInput ? " cut to 7 words" : ""}, gas ${this.gasLimit}, pays ${pay})`;
  }
}

/** Input of a request; an unknown id gets an all-zero input (its submission reverts before it matters). */
const inputOf = (c: Ctx, w: World, requestId: number): readonly number[] => c.inputs.get(requestId) ?? new Array<number>(w.vm.inputWords).fill(0);

/** A claim's output and final-state preimage; `mismatch` pairs the output with another trace's final state. */
function claimArgs(c: Ctx, w: World, requestId: number, kind: ClaimKind, mismatch: boolean): { output: Hex; preimage: Hex; claim: O.Claim } {
  const input = inputOf(c, w, requestId);
  const final = w.vm.traceOf(input, kind).finalState();
  const honest = w.vm.traceOf(input, "honest").finalState();
  const claim: O.Claim = { stateHash: final.stateHash, honest: final.stateHash === honest.stateHash };
  if (!mismatch) return { output: final.output, preimage: final.preimage, claim };
  // The last output byte flipped: the output no longer hashes to the final state's output words.
  const last = Number.parseInt(final.output.slice(-2), 16) ^ 1;
  const output = `${final.output.slice(0, -2)}${last.toString(16).padStart(2, "0")}` as Hex;
  return { output, preimage: final.preimage, claim: { ...claim, invalid: "OpmlOracle_OutputMismatch" } };
}

class SubmitCmd extends Cmd {
  constructor(
    readonly who: Player,
    readonly requestId: number,
    readonly kind: ClaimKind,
    readonly flaw: "none" | "wrong bond" | "output mismatch",
  ) {
    super();
  }
  protected override applies(c: Readonly<Ctx>): boolean {
    return requestKnownOrNext(c, this.requestId);
  }
  async act(c: Ctx, w: World): Promise<void> {
    const { output, preimage, claim } = claimArgs(c, w, this.requestId, this.kind, this.flaw === "output mismatch");
    const value = c.m.params.submitterBond + (this.flaw === "wrong bond" ? GWEI : 0n);
    const { real } = await tx(c, w, { from: addr(this.who), on: "oracle", fn: "submit", args: [BigInt(this.requestId), output, preimage], value }, (now) =>
      O.submit(c.m, { from: addr(this.who), requestId: this.requestId, claim, value }, now),
    );
    if (real.ok) c.claimKinds.set(this.requestId, [this.kind]);
  }
  toString(): string {
    return `submit(${this.who}, request ${this.requestId}, ${claimLabel(this.kind)}${this.flaw === "none" ? "" : `, ${this.flaw}`})`;
  }
}

/** Which trace claim `index` of a request follows (a claim the model does not know: the honest one). */
const kindOfClaim = (c: Readonly<Ctx>, requestId: number, index: number): ClaimKind => c.claimKinds.get(requestId)?.[index] ?? "honest";

/** A challenge of claim `target` (any index: an unknown or defeated one tests the reverts). */
class ChallengeCmd extends Cmd {
  constructor(
    readonly who: Player,
    readonly requestId: number,
    readonly target: number,
    readonly kind: ClaimKind,
    readonly flaw: "none" | "wrong bond" | "output mismatch",
  ) {
    super();
  }
  protected override applies(c: Readonly<Ctx>): boolean {
    return requestKnownOrNext(c, this.requestId);
  }
  async act(c: Ctx, w: World): Promise<void> {
    const { output, preimage, claim } = claimArgs(c, w, this.requestId, this.kind, this.flaw === "output mismatch");
    const value = c.m.params.challengerBond - (this.flaw === "wrong bond" ? GWEI : 0n);
    const { model } = await tx(
      c,
      w,
      { from: addr(this.who), on: "oracle", fn: "challenge", args: [BigInt(this.requestId), BigInt(this.target), output, preimage], value },
      (now) => O.challenge(c.m, { from: addr(this.who), requestId: this.requestId, target: this.target, claim, output, value }, now),
    );
    if (model.ok && model.gameId !== undefined) {
      c.sides.set(model.gameId, { defender: kindOfClaim(c, this.requestId, this.target), challenger: this.kind });
      c.claimKinds.get(this.requestId)?.push(this.kind);
    }
  }
  toString(): string {
    return `challenge(${this.who}, request ${this.requestId}, claim ${this.target}, ${claimLabel(this.kind)}${this.flaw === "none" ? "" : `, ${this.flaw}`})`;
  }
}

/** A bonded copy of claim `claimIndex` (no game). */
class VouchCmd extends Cmd {
  constructor(
    readonly who: Player,
    readonly requestId: number,
    readonly claimIndex: number,
    readonly flaw: "none" | "wrong bond",
  ) {
    super();
  }
  protected override applies(c: Readonly<Ctx>): boolean {
    return requestKnownOrNext(c, this.requestId);
  }
  async act(c: Ctx, w: World): Promise<void> {
    const value = c.m.params.challengerBond + (this.flaw === "wrong bond" ? GWEI : 0n);
    const { model } = await tx(c, w, { from: addr(this.who), on: "oracle", fn: "vouch", args: [BigInt(this.requestId), BigInt(this.claimIndex)], value }, (now) =>
      O.vouch(c.m, { from: addr(this.who), requestId: this.requestId, claimIndex: this.claimIndex, value }, now),
    );
    if (model.ok) c.claimKinds.get(this.requestId)?.push(kindOfClaim(c, this.requestId, this.claimIndex));
  }
  toString(): string {
    return `vouch(${this.who}, request ${this.requestId}, copies claim ${this.claimIndex}${this.flaw === "none" ? "" : `, ${this.flaw}`})`;
  }
}

/**
 * A coalition throw (issue 14's step 2): `who` challenges claim `target` with `kind`, and the target's owner never
 * answers, so once the new game's first deadline has passed a keeper times it out and the target falls (unless
 * it already fell elsewhere). Other games' deadlines may pass meanwhile.
 */
class CoalitionThrowCmd extends Cmd {
  constructor(
    readonly who: Player,
    readonly requestId: number,
    readonly target: number,
    readonly kind: ClaimKind,
  ) {
    super();
  }
  protected override applies(c: Readonly<Ctx>): boolean {
    return requestKnownOrNext(c, this.requestId);
  }
  async act(c: Ctx, w: World): Promise<void> {
    const before = c.m.nextGameId;
    await new ChallengeCmd(this.who, this.requestId, this.target, this.kind, "none").act(c, w);
    if (c.m.nextGameId === before) return;
    w.chain.warp(c.m.params.responseDeadline + 1);
    await new TimeoutCmd(before, this.who).act(c, w);
  }
  toString(): string {
    return `coalitionThrow(${this.who} challenges request ${this.requestId}'s claim ${this.target} with ${claimLabel(this.kind)}; its owner lets the game time out)`;
  }
}

/** Anyone releases the bond of claim `claimIndex` of a request. */
class ReleaseCmd extends Cmd {
  constructor(
    readonly requestId: number,
    readonly claimIndex: number,
    readonly who: Player,
  ) {
    super();
  }
  protected override applies(c: Readonly<Ctx>): boolean {
    return requestKnownOrNext(c, this.requestId);
  }
  async act(c: Ctx, w: World): Promise<void> {
    await tx(c, w, { from: addr(this.who), on: "oracle", fn: "releaseBond", args: [BigInt(this.requestId), BigInt(this.claimIndex)] }, () =>
      O.releaseBond(c.m, { requestId: this.requestId, claimIndex: this.claimIndex }),
    );
  }
  toString(): string {
    return `releaseBond(request ${this.requestId}, claim ${this.claimIndex}, by ${this.who})`;
  }
}

/** Request, submission and challenge in one command, so random runs reach disputes often. */
class OpenDisputeCmd extends Cmd {
  constructor(
    readonly user: User,
    readonly input: readonly number[],
    readonly submitter: Player,
    readonly submitted: ClaimKind,
    readonly challenger: Player | undefined,
    readonly challenged: ClaimKind,
  ) {
    super();
  }
  async act(c: Ctx, w: World): Promise<void> {
    const id = c.m.nextRequestId;
    await new RequestCmd(this.user, this.input, 50_000n, 0n, false).act(c, w);
    await new SubmitCmd(this.submitter, id, this.submitted, "none").act(c, w);
    if (this.challenger !== undefined) await new ChallengeCmd(this.challenger, id, 0, this.challenged, "none").act(c, w);
  }
  toString(): string {
    const challenge = this.challenger === undefined ? "" : `, ${this.challenger} challenges with ${claimLabel(this.challenged)}`;
    return `openDispute(${this.user} requests input [${this.input.join(",")}], ${this.submitter} submits ${claimLabel(this.submitted)}${challenge})`;
  }
}

type Mode = "honest" | "lie";

/**
 * The move of the side whose turn it is in game `gameId`, played by its own trace ("honest") or not ("lie": a
 * defender posts a made-up hash or steps with a proof of the wrong step, a challenger answers the opposite of
 * what its trace says). On a finished or unknown game the defender tries to bisect (a predicted revert).
 * Returns the model's outcome.
 */
async function playMove(c: Ctx, w: World, gameId: number, defenderMode: Mode, challengerMode: Mode): Promise<O.Outcome> {
  const g = c.m.games.get(gameId);
  if (g === undefined || !["DefenderToBisect", "ChallengerToRespond", "DefenderToStep"].includes(g.phase)) {
    const from = g?.defender ?? addr("alice");
    return (await tx(c, w, { from, on: "game", fn: "bisect", args: [BigInt(gameId), O.ZERO_HASH] }, (now) => O.bisect(c.m, { from, gameId, midHash: O.ZERO_HASH, truthful: true }, now))).model;
  }
  const sides = c.sides.get(gameId) ?? { defender: "honest", challenger: "honest" };
  const input = inputOf(c, w, g.requestId);
  const honest = w.vm.traceOf(input, "honest");
  const mid = O.midpoint(g);
  if (g.phase === "DefenderToBisect") {
    const midHash = defenderMode === "honest" ? w.vm.traceOf(input, sides.defender).commitmentAt(mid) : keccak256(toHex(`lie:${gameId}:${g.lo}:${g.hi}`));
    const truthful = midHash === honest.commitmentAt(mid);
    return (await tx(c, w, { from: g.defender, on: "game", fn: "bisect", args: [BigInt(gameId), midHash] }, (now) => O.bisect(c.m, { from: g.defender, gameId, midHash, truthful }, now))).model;
  }
  if (g.phase === "ChallengerToRespond") {
    const mine = g.midHash === w.vm.traceOf(input, sides.challenger).commitmentAt(mid);
    const agree = challengerMode === "honest" ? mine : !mine;
    const truthful = agree === (g.midHash === honest.commitmentAt(mid));
    return (await tx(c, w, { from: g.challenger, on: "game", fn: "respond", args: [BigInt(gameId), agree] }, (now) => O.respond(c.m, { from: g.challenger, gameId, agree, truthful }, now))).model;
  }
  const proof = defenderMode === "honest" ? bestProof(c, w, gameId) : honest.proveStep(g.lo === 0 ? 1 : g.lo - 1).proof;
  return stepTx(c, w, gameId, g.defender, proof);
}

/** A proof from whichever known trace opens the game's agreed pre-state (none may: then the defender's own). */
function bestProof(c: Ctx, w: World, gameId: number): Hex {
  const g = c.m.games.get(gameId) as O.GameState;
  const input = inputOf(c, w, g.requestId);
  const trace = w.vm.traceWith(input, g.lo, g.loHash) ?? w.vm.traceOf(input, c.sides.get(gameId)?.defender ?? "honest");
  return trace.proveStep(Math.min(g.lo, w.vm.traceLength - 1)).proof;
}

async function stepTx(c: Ctx, w: World, gameId: number, from: Address, proof: Hex): Promise<O.Outcome> {
  const g = c.m.games.get(gameId);
  const judged = w.vm.judge(g?.loHash ?? O.ZERO_HASH, proof);
  const { model } = await tx(c, w, { from, on: "game", fn: "step", args: [BigInt(gameId), proof] }, (now) => O.step(c.m, { gameId, proof: judged }, now));
  return model;
}

class MoveCmd extends Cmd {
  constructor(
    readonly gameId: number,
    readonly mode: Mode,
  ) {
    super();
  }
  protected override applies(c: Readonly<Ctx>): boolean {
    return gameKnownOrNext(c, this.gameId);
  }
  async act(c: Ctx, w: World): Promise<void> {
    await playMove(c, w, this.gameId, this.mode, this.mode);
  }
  toString(): string {
    return `move(game ${this.gameId}, side to move plays ${this.mode === "honest" ? "its trace" : "a lie"})`;
  }
}

/** Plays game `gameId` move by move until it ends, a move reverts or 30 moves were made. */
class PlayOutCmd extends Cmd {
  constructor(
    readonly gameId: number,
    readonly defender: Mode,
    readonly challenger: Mode,
  ) {
    super();
  }
  protected override applies(c: Readonly<Ctx>): boolean {
    const g = c.m.games.get(this.gameId);
    return g !== undefined && !g.settled;
  }
  async act(c: Ctx, w: World): Promise<void> {
    for (let k = 0; k < 30; k++) {
      const g = c.m.games.get(this.gameId) as O.GameState;
      if (g.settled) return;
      const outcome = await playMove(c, w, this.gameId, this.defender, this.challenger);
      if (!outcome.ok) return;
    }
  }
  toString(): string {
    return `playOut(game ${this.gameId}, defender plays ${this.defender === "honest" ? "its trace" : "lies"}, challenger plays ${this.challenger === "honest" ? "its trace" : "lies"})`;
  }
}

type WrongMove = "challenger bisects" | "defender responds" | "stranger bisects" | "stranger responds";

class OutOfTurnCmd extends Cmd {
  constructor(
    readonly gameId: number,
    readonly move: WrongMove,
    readonly stranger: Player,
  ) {
    super();
  }
  protected override applies(c: Readonly<Ctx>): boolean {
    return gameKnownOrNext(c, this.gameId);
  }
  async act(c: Ctx, w: World): Promise<void> {
    const g = c.m.games.get(this.gameId);
    const from = this.move.startsWith("stranger") ? addr(this.stranger) : this.move.startsWith("challenger") ? (g?.challenger ?? addr(this.stranger)) : (g?.defender ?? addr(this.stranger));
    const gameId = this.gameId;
    if (this.move.endsWith("bisects")) {
      const midHash = keccak256(toHex(`out-of-turn:${gameId}`));
      await tx(c, w, { from, on: "game", fn: "bisect", args: [BigInt(gameId), midHash] }, (now) => O.bisect(c.m, { from, gameId, midHash, truthful: false }, now));
    } else {
      await tx(c, w, { from, on: "game", fn: "respond", args: [BigInt(gameId), true] }, (now) => O.respond(c.m, { from, gameId, agree: true, truthful: false }, now));
    }
  }
  toString(): string {
    return `outOfTurn(game ${this.gameId}, ${this.move.replace("stranger", this.stranger)})`;
  }
}

class StepCmd extends Cmd {
  constructor(
    readonly gameId: number,
    readonly who: Player,
  ) {
    super();
  }
  protected override applies(c: Readonly<Ctx>): boolean {
    return gameKnownOrNext(c, this.gameId);
  }
  async act(c: Ctx, w: World): Promise<void> {
    const proof = c.m.games.has(this.gameId) ? bestProof(c, w, this.gameId) : w.vm.traceOf(inputOf(c, w, 0), "honest").proveStep(0).proof;
    await stepTx(c, w, this.gameId, addr(this.who), proof);
  }
  toString(): string {
    return `step(game ${this.gameId}, by ${this.who} with the best known proof)`;
  }
}

class TimeoutCmd extends Cmd {
  constructor(
    readonly gameId: number,
    readonly who: Player,
  ) {
    super();
  }
  protected override applies(c: Readonly<Ctx>): boolean {
    return gameKnownOrNext(c, this.gameId);
  }
  async act(c: Ctx, w: World): Promise<void> {
    await tx(c, w, { from: addr(this.who), on: "game", fn: "timeout", args: [BigInt(this.gameId)] }, (now) => O.timeout(c.m, { gameId: this.gameId }, now));
  }
  toString(): string {
    return `timeout(game ${this.gameId}, by ${this.who})`;
  }
}

class WarpCmd extends Cmd {
  constructor(readonly seconds: number) {
    super();
  }
  async act(_c: Ctx, w: World): Promise<void> {
    w.chain.warp(this.seconds);
  }
  toString(): string {
    return `warp(${this.seconds} s)`;
  }
}

type WarpTarget = "move deadline" | "challenge window" | "request expiry";
type AtDeadline = "wait" | "act" | "settle";

/**
 * Moves the clock so that the next transaction lands exactly on the earliest pending deadline of a kind (`past`
 * 0: the last second it is still open) or one second after it, then optionally does what that deadline
 * guards: "act" makes the move / challenges / submits, "settle" claims the timeout / finalizes / refunds. The
 * target comes from the model's state, so random runs probe every boundary without guessing ids.
 */
class WarpToCmd extends Cmd {
  constructor(
    readonly target: WarpTarget,
    readonly past: 0 | 1,
    readonly then: AtDeadline,
    readonly who: Player,
    readonly kind: ClaimKind,
  ) {
    super();
  }
  private earliest(c: Readonly<Ctx>, now: number): { at: number; id: number } | undefined {
    const pending: { at: number; id: number }[] = [];
    if (this.target === "move deadline") for (const g of c.m.games.values()) if (!g.settled) pending.push({ at: g.deadline, id: g.id });
    for (const r of c.m.requests.values()) {
      if (this.target === "challenge window" && r.status === "Submitted") pending.push({ at: r.windowEnd, id: r.id });
      if (this.target === "request expiry" && r.status === "Requested") pending.push({ at: r.expiresAt, id: r.id });
    }
    return pending.filter((p) => p.at + this.past >= now).sort((a, b) => a.at - b.at || a.id - b.id)[0];
  }
  protected override applies(c: Readonly<Ctx>): boolean {
    return this.earliest(c, 0) !== undefined;
  }
  async act(c: Ctx, w: World): Promise<void> {
    const e = this.earliest(c, w.chain.now);
    if (e === undefined) return;
    w.chain.warp(e.at + this.past - w.chain.now);
    if (this.then === "wait") return;
    const act = this.then === "act";
    if (this.target === "move deadline") await (act ? new MoveCmd(e.id, "honest") : new TimeoutCmd(e.id, this.who)).act(c, w);
    else if (this.target === "challenge window") await (act ? new ChallengeCmd(this.who, e.id, 0, this.kind, "none") : new FinalizeCmd(e.id, this.who)).act(c, w);
    else await (act ? new SubmitCmd(this.who, e.id, this.kind, "none") : new RefundCmd(e.id, this.who)).act(c, w);
  }
  toString(): string {
    const when = `earliest pending ${this.target}${this.past === 0 ? ", exactly" : " + 1 s"}`;
    if (this.then === "wait") return `warpTo(${when})`;
    const what = {
      "move deadline": this.then === "act" ? "side to move plays its trace" : `${this.who} claims the timeout`,
      "challenge window": this.then === "act" ? `${this.who} challenges with ${claimLabel(this.kind)}` : `${this.who} finalizes`,
      "request expiry": this.then === "act" ? `${this.who} submits ${claimLabel(this.kind)}` : `${this.who} asks for the refund`,
    }[this.target];
    return `atDeadline(${when}: ${what})`;
  }
}

/**
 * What a keeper does when it wakes up: time out every game whose move deadline has passed, then finalize (and
 * refund) in one batch every request issued so far plus one unknown id. The targets come from the model's
 * state, so random runs settle games and requests without guessing ids.
 */
class KeeperCmd extends Cmd {
  constructor(readonly who: Player) {
    super();
  }
  async act(c: Ctx, w: World): Promise<void> {
    const overdue = [...c.m.games.values()].filter((g) => !g.settled && g.deadline < w.chain.now).map((g) => g.id);
    for (const id of overdue) await new TimeoutCmd(id, this.who).act(c, w);
    const ids = Array.from({ length: c.m.nextRequestId }, (_, k) => k + 1);
    await new FinalizeBatchCmd(ids, this.who).act(c, w);
  }
  toString(): string {
    return `keeper(${this.who}: timeout every overdue game, finalizeBatch every request id)`;
  }
}

class FinalizeCmd extends Cmd {
  constructor(
    readonly requestId: number,
    readonly who: Player,
  ) {
    super();
  }
  protected override applies(c: Readonly<Ctx>): boolean {
    return requestKnownOrNext(c, this.requestId);
  }
  async act(c: Ctx, w: World): Promise<void> {
    await tx(c, w, { from: addr(this.who), on: "oracle", fn: "finalize", args: [BigInt(this.requestId)] }, (now) => O.finalize(c.m, { requestId: this.requestId }, now));
  }
  toString(): string {
    return `finalize(request ${this.requestId}, by ${this.who})`;
  }
}

class FinalizeBatchCmd extends Cmd {
  constructor(
    readonly requestIds: readonly number[],
    readonly who: Player,
  ) {
    super();
  }
  async act(c: Ctx, w: World): Promise<void> {
    const { real, model } = await tx(c, w, { from: addr(this.who), on: "oracle", fn: "finalizeBatch", args: [this.requestIds.map(BigInt)] }, (now) =>
      O.finalizeBatch(c.m, { requestIds: this.requestIds }, now),
    );
    // The batch never reverts; how many ids it settled shows in its events.
    if (real.ok && model.ok) {
      const settled = decodeLogs(oracleAbi, real.logs).filter((e) => e.eventName === "ResultFinalized" || e.eventName === "RequestExpired").length;
      expect(settled, "ids settled by the batch").toBe(model.settled);
    }
  }
  toString(): string {
    return `finalizeBatch([${this.requestIds.join(", ")}], by ${this.who})`;
  }
}

class RefundCmd extends Cmd {
  constructor(
    readonly requestId: number,
    readonly who: Player,
  ) {
    super();
  }
  protected override applies(c: Readonly<Ctx>): boolean {
    return requestKnownOrNext(c, this.requestId);
  }
  async act(c: Ctx, w: World): Promise<void> {
    await tx(c, w, { from: addr(this.who), on: "oracle", fn: "refundExpired", args: [BigInt(this.requestId)] }, (now) => O.refundExpired(c.m, { requestId: this.requestId }, now));
  }
  toString(): string {
    return `refundExpired(request ${this.requestId}, by ${this.who})`;
  }
}

class WithdrawCmd extends Cmd {
  constructor(readonly who: Name) {
    super();
  }
  async act(c: Ctx, w: World): Promise<void> {
    await tx(c, w, { from: addr(this.who), on: "oracle", fn: "withdraw" }, () => O.withdraw(c.m, { from: addr(this.who) }));
  }
  toString(): string {
    return `withdraw(${this.who})`;
  }
}

class FlushCmd extends Cmd {
  constructor(
    readonly who: Player,
    readonly account: Name,
  ) {
    super();
  }
  async act(c: Ctx, w: World): Promise<void> {
    await tx(c, w, { from: addr(this.who), on: "oracle", fn: "flush", args: [addr(this.account)] }, () => O.flush(c.m, { account: addr(this.account) }));
  }
  toString(): string {
    return `flush(${this.account}, by ${this.who})`;
  }
}

class CollectCmd extends Cmd {
  constructor(readonly who: Player) {
    super();
  }
  async act(c: Ctx, w: World): Promise<void> {
    await tx(c, w, { from: addr(this.who), on: "oracle", fn: "collectProtocolFees" }, () => O.collectProtocolFees(c.m));
  }
  toString(): string {
    return `collectProtocolFees(by ${this.who})`;
  }
}

// ------------------------------------------------------------------------------------------------ arbitraries

const player = fc.constantFrom(...PLAYERS);
const requestId = fc.integer({ min: 1, max: 3 });
/** Claim indices: mostly existing ones early in a request's list, sometimes one past the end (a revert). */
const claimIndex = fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.integer({ min: 1, max: 4 }), weight: 2 });
const gameId = fc.integer({ min: 1, max: 3 });
const kind = fc.oneof({ arbitrary: fc.constant<ClaimKind>("honest"), weight: 2 }, { arbitrary: fc.constantFrom<ClaimKind>(0, 1, 2), weight: 3 });
const flaw = fc.oneof({ arbitrary: fc.constant("none" as const), weight: 8 }, { arbitrary: fc.constantFrom("wrong bond" as const, "output mismatch" as const), weight: 1 });
const mode = fc.oneof({ arbitrary: fc.constant<Mode>("honest"), weight: 3 }, { arbitrary: fc.constant<Mode>("lie"), weight: 1 });
const input = fc.array(fc.integer({ min: -4096, max: 4096 }), { minLength: 8, maxLength: 8 });
const gasLimit = fc.oneof(
  { arbitrary: fc.constantFrom(0n, 50_000n, MAX_GAS), weight: 4 },
  { arbitrary: fc.bigInt(0n, MAX_GAS), weight: 4 },
  { arbitrary: fc.constant(MAX_GAS + 1n), weight: 1 },
);
const payDelta = fc.oneof({ arbitrary: fc.constant(0n), weight: 4 }, { arbitrary: fc.bigInt(1n, ETHER / 100n), weight: 2 }, { arbitrary: fc.constant(-1n), weight: 1 });

const commandArb = fc.oneof(
  { arbitrary: fc.tuple(fc.constantFrom(...USERS), input, gasLimit, payDelta).map(([u, i, g, p]) => new RequestCmd(u, i, g, p, false)), weight: 6 },
  { arbitrary: fc.tuple(fc.constantFrom(...USERS), input).map(([u, i]) => new RequestCmd(u, i, 50_000n, 0n, true)), weight: 1 },
  {
    arbitrary: fc.tuple(fc.constantFrom(...USERS), input, player, kind, fc.option(player, { nil: undefined, freq: 4 }), kind).map(([u, i, s, sk, ch, ck]) => new OpenDisputeCmd(u, i, s, sk, ch, ck)),
    weight: 4,
  },
  { arbitrary: fc.tuple(player, requestId, kind, flaw).map(([p, r, k, f]) => new SubmitCmd(p, r, k, f)), weight: 6 },
  { arbitrary: fc.tuple(player, requestId, claimIndex, kind, flaw).map(([p, r, t, k, f]) => new ChallengeCmd(p, r, t, k, f)), weight: 6 },
  { arbitrary: fc.tuple(player, requestId, claimIndex, fc.constantFrom<"none" | "wrong bond">("none", "none", "none", "wrong bond")).map(([p, r, t, f]) => new VouchCmd(p, r, t, f)), weight: 2 },
  { arbitrary: fc.tuple(player, requestId, claimIndex, kind).map(([p, r, t, k]) => new CoalitionThrowCmd(p, r, t, k)), weight: 3 },
  { arbitrary: fc.tuple(requestId, claimIndex, player).map(([r, k, p]) => new ReleaseCmd(r, k, p)), weight: 2 },
  { arbitrary: fc.tuple(gameId, mode).map(([g, m]) => new MoveCmd(g, m)), weight: 5 },
  { arbitrary: fc.tuple(gameId, mode, mode).map(([g, d, ch]) => new PlayOutCmd(g, d, ch)), weight: 10 },
  { arbitrary: fc.tuple(gameId, fc.constantFrom<WrongMove>("challenger bisects", "defender responds", "stranger bisects", "stranger responds"), player).map(([g, m, p]) => new OutOfTurnCmd(g, m, p)), weight: 1 },
  { arbitrary: fc.tuple(gameId, player).map(([g, p]) => new StepCmd(g, p)), weight: 1 },
  { arbitrary: fc.tuple(gameId, player).map(([g, p]) => new TimeoutCmd(g, p)), weight: 2 },
  { arbitrary: fc.integer({ min: 1, max: 900 }).map((s) => new WarpCmd(s)), weight: 2 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom<WarpTarget>("move deadline", "challenge window", "request expiry"), fc.constantFrom<0 | 1>(0, 1), fc.constantFrom<AtDeadline>("wait", "act", "settle"), player, kind)
      .map(([t, past, then, p, k]) => new WarpToCmd(t, past, then, p, k)),
    weight: 8,
  },
  { arbitrary: fc.tuple(requestId, player).map(([r, p]) => new FinalizeCmd(r, p)), weight: 3 },
  { arbitrary: fc.tuple(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 }), player).map(([ids, p]) => new FinalizeBatchCmd(ids, p)), weight: 2 },
  { arbitrary: fc.tuple(requestId, player).map(([r, p]) => new RefundCmd(r, p)), weight: 2 },
  { arbitrary: player.map((p) => new KeeperCmd(p)), weight: 3 },
  { arbitrary: fc.constantFrom(...NAMES).map((n) => new WithdrawCmd(n)), weight: 3 },
  { arbitrary: fc.tuple(player, fc.constantFrom<Name>("receiver", "owner", "treasury", ...PLAYERS)).map(([p, a]) => new FlushCmd(p, a)), weight: 1 },
  { arbitrary: player.map((p) => new CollectCmd(p)), weight: 1 },
);

// ------------------------------------------------------------------------------------------------ setup

const DEFAULT_RUNS = 40;
const MAX_COMMANDS = 60;
const params = fcParams(DEFAULT_RUNS);
/** Generous per-run allowance for a loaded 2-core machine, so FC_NUM_RUNS=1000 fits the test's timeout. */
const TIMEOUT_MS = fcTimeout(params.numRuns, 2_000, 120_000);

describe("OpmlOracle + BisectionGame against the reference model (fast-check, Anvil)", () => {
  let chain: ModelChain;
  let vm: OracleVm;
  let snapshot: ChainSnapshot;
  const deployments = new Map<Variant, Deployment>();

  beforeAll(async () => {
    vm = oracleVm();
    chain = await startModelChain();
    for (const a of ADDRESSES) await chain.setBalance(a, PARTY_ETH);
    const verifier = await chain.deploy("ModelVMVerifier");
    const registry = await chain.deploy("ModelRegistry");
    const registryAbi = contractAbis.ModelRegistry as Abi;
    const owner = addr("owner");
    const must = (r: TxResult, what: string): void => {
      if (!r.ok) throw new Error(`${what} failed: ${r.error}`);
    };
    must(await chain.send({ from: owner, to: registry, abi: registryAbi, functionName: "register", args: [vm.weightsRoot, vm.shapeBytes, MODEL_FEE] }), "register");
    must(await chain.send({ from: owner, to: registry, abi: registryAbi, functionName: "setRevenueReceiver", args: [1n, addr("receiver"), Number(RECEIVER_BPS)] }), "setRevenueReceiver");
    for (const variant of Object.keys(VARIANTS) as Variant[]) {
      const p = paramsOf(variant);
      const oracle = await chain.deploy("OpmlOracle", [verifier, registry, addr("owner"), 1_000n * GWEI, { ...p, slashWinnerBps: Number(p.slashWinnerBps) }]);
      const game = await chain.read<Address>({ to: oracle, abi: oracleAbi, functionName: "GAME" });
      deployments.set(variant, { oracle, game, params: p });
    }
    snapshot = await chain.snapshot();
  });
  afterAll(async () => chain?.stop());

  const setup = (variant: Variant) => (): { model: Ctx; real: World } => {
    const d = deployments.get(variant) as Deployment;
    const m = O.createOracleModel({
      params: d.params,
      terms: { fee: MODEL_FEE, receiver: addr("receiver"), receiverBps: RECEIVER_BPS, owner: addr("owner"), inputBytes: 4 * vm.inputWords, traceLength: vm.traceLength },
      oracle: d.oracle,
      eth: new Map([...ADDRESSES.map((a) => [a, PARTY_ETH] as const), [d.oracle, 0n] as const]),
    });
    return { model: { m, inputs: new Map(), claimKinds: new Map(), sides: new Map(), skipped: { count: 0 } }, real: { chain, d, vm } };
  };

  const runScript = async (variant: Variant, cmds: Iterable<fc.AsyncCommand<Ctx, World>>): Promise<Ctx> => {
    snapshot = await chain.restore(snapshot);
    const start = setup(variant);
    let ctx: Ctx | undefined;
    await fc.asyncModelRun(() => {
      const s = start();
      ctx = s.model;
      return s;
    }, cmds);
    if (ctx === undefined) throw new Error("asyncModelRun did not call setup");
    tally(ctx.m);
    return ctx;
  };

  /** Runs an explicit sequence: every command must apply; returns the final model for end-state checks. */
  const runExplicit = async (variant: Variant, cmds: Cmd[]): Promise<O.OracleModel> => {
    const ctx = await runScript(variant, cmds);
    expect(ctx.skipped.count, "explicit commands skipped").toBe(0);
    return ctx.m;
  };

  it("the faulty traces all end in a final state other than the honest one", () => {
    const sample = [1, -2, 3, -4, 5, -6, 7, -8];
    const honest = vm.traceOf(sample, "honest").finalState().stateHash;
    for (const k of CLAIM_KINDS.filter((x) => x !== "honest")) expect(vm.traceOf(sample, k).finalState().stateHash).not.toBe(honest);
    expect(FAULTS.every((f) => f.step < vm.traceLength)).toBe(true);
  });

  // Explicit sequences: the main paths, run through the same commands and checks as the random runs, so
  // each is covered on every `npm test` whatever the random runs reach. A counterexample fast-check finds
  // goes here too, as its printed command list.
  const sample = [-810, 625, 1665, 1069, -62, -2291, -1521, 1712];

  it("a wrong result refuted by an honest challenger: the winning claim leads until finalization, a parallel game against the fallen submission turns void, a griefer against the leader loses, copies and void claims get their bonds back", async () => {
    const m = await runExplicit("burn", [
      new OpenDisputeCmd("user0", sample, "alice", 1, "bob", "honest"),
      new ChallengeCmd("carol", 1, 0, 0, "none"),
      new PlayOutCmd(1, "honest", "honest"),
      new ChallengeCmd("carol", 1, 0, 2, "none"), // the submission already fell: refused
      new VouchCmd("dave", 1, 1, "none"),
      new ChallengeCmd("carol", 1, 1, 2, "none"),
      new PlayOutCmd(2, "honest", "honest"),
      new PlayOutCmd(3, "honest", "honest"),
      new ReleaseCmd(1, 3, "alice"),
      new WarpToCmd("challenge window", 1, "settle", "dave", "honest"),
      new FinalizeCmd(1, "dave"),
      new ReleaseCmd(1, 1, "alice"),
      new ReleaseCmd(1, 2, "alice"),
      new ReleaseCmd(1, 3, "alice"),
      new ReleaseCmd(1, 3, "alice"),
      new ReleaseCmd(1, 5, "alice"),
      new WithdrawCmd("bob"),
      new WithdrawCmd("carol"),
      new WithdrawCmd("dave"),
      new WithdrawCmd("alice"),
      new FlushCmd("dave", "receiver"),
      new CollectCmd("dave"),
      new WithdrawCmd("treasury"),
      new WithdrawCmd("owner"),
    ]);
    const r = m.requests.get(1) as O.RequestState;
    expect(r).toMatchObject({ status: "Finalized", winner: 1, submitter: addr("alice") });
    expect(O.roundOf(r)).toBe(1);
    expect(r.claims.map((c) => c.defeated)).toEqual([true, false, false, false, true]);
    expect([1, 2, 3].map((id) => [m.games.get(id)?.phase, m.games.get(id)?.ghostVoid === true])).toEqual([
      ["ChallengerWon", false],
      ["DefenderWon", true],
      ["DefenderWon", false],
    ]);
  });

  it("a griefer against a correct result loses its bond; a copy of the truth cannot be posted as a challenge; early, boundary and double finalization revert", async () => {
    const m = await runExplicit("treasury", [
      new OpenDisputeCmd("user1", sample, "alice", "honest", "carol", 2),
      new ChallengeCmd("carol", 1, 0, 1, "none"),
      new ChallengeCmd("bob", 1, 0, "honest", "none"),
      new VouchCmd("bob", 1, 0, "wrong bond"),
      new FinalizeCmd(1, "dave"),
      new PlayOutCmd(1, "honest", "lie"),
      new PlayOutCmd(2, "honest", "honest"),
      new ReleaseCmd(1, 1, "dave"),
      new WarpToCmd("challenge window", 0, "settle", "dave", "honest"),
      new WarpCmd(1),
      new FinalizeCmd(1, "dave"),
      new FinalizeCmd(1, "dave"),
      new ChallengeCmd("bob", 1, 0, 0, "none"),
      new WithdrawCmd("alice"),
      new WithdrawCmd("treasury"),
    ]);
    expect(m.requests.get(1)).toMatchObject({ status: "Finalized", winner: 0, submitter: addr("alice") });
    expect([1, 2].map((id) => m.games.get(id)?.phase)).toEqual(["DefenderWon", "DefenderWon"]);
  });

  it("issue 14's attack: the liar's partner wins by the liar's throw, the partners swap and throw again, a griefer attacks at the window's last second; the honest claim still wins, a late claim is refused", async () => {
    const m = await runExplicit("burn", [
      new OpenDisputeCmd("user0", sample, "alice", 0, undefined, "honest"),
      new ChallengeCmd("carol", 1, 0, "honest", "none"), // the honest party's first claim (1)
      new CoalitionThrowCmd("bob", 1, 0, 1), // claim 2 beats the submission: alice throws
      new TimeoutCmd(1, "carol"), // alice never played the honest game either: void, claim 1 stands
      new CoalitionThrowCmd("alice", 1, 2, 2), // swap: claim 3 beats bob's claim 2
      new CoalitionThrowCmd("bob", 1, 3, 1), // and again: claim 4 beats claim 3
      new WarpToCmd("challenge window", 0, "wait", "dave", "honest"),
      new ChallengeCmd("dave", 1, 1, 0, "none"), // the last second: a griefer against the honest claim
      new PlayOutCmd(5, "honest", "honest"),
      new WarpCmd(1),
      new ChallengeCmd("dave", 1, 1, 2, "none"), // one second late: refused
      new KeeperCmd("dave"),
      new ReleaseCmd(1, 4, "dave"),
      new WithdrawCmd("carol"),
      new WithdrawCmd("bob"),
      new WithdrawCmd("alice"),
    ]);
    const r = m.requests.get(1) as O.RequestState;
    expect(r).toMatchObject({ status: "Finalized", winner: 1 });
    expect(O.finalStateHashOf(r)).toBe(r.claims[1]?.stateHash);
    expect(r.claims[1]?.ghostHonest).toBe(true);
    expect(r.claims.map((c) => c.defeated)).toEqual([true, false, true, true, false, true]);
  });

  it("self-challenge: the liar's second address corrects the lie and earns exactly what an honest challenger would; a late honest challenger finds the submission already fallen", async () => {
    const m = await runExplicit("burn", [
      new OpenDisputeCmd("user1", sample, "alice", 2, undefined, "honest"),
      new CoalitionThrowCmd("bob", 1, 0, "honest"),
      new ChallengeCmd("carol", 1, 0, "honest", "none"),
      new KeeperCmd("dave"),
      new WarpToCmd("challenge window", 1, "settle", "dave", "honest"),
      new WithdrawCmd("bob"),
    ]);
    const r = m.requests.get(1) as O.RequestState;
    expect(r).toMatchObject({ status: "Finalized", winner: 1 });
    const p = m.params;
    // bob received the escrow, half the submitter bond, and its own bond back (all withdrawn).
    expect((m.eth.get(addr("bob")) ?? 0n) - PARTY_ETH).toBe(r.escrow + (p.submitterBond * p.slashWinnerBps) / 10_000n);
  });

  it("an offline honest submitter: a watcher's copy of the truth wins against an attack on the copy and a last-second attack on the submission", async () => {
    const m = await runExplicit("treasury", [
      new OpenDisputeCmd("user0", sample, "alice", "honest", undefined, "honest"),
      new VouchCmd("carol", 1, 0, "none"),
      new ChallengeCmd("dave", 1, 1, 2, "none"),
      new PlayOutCmd(1, "honest", "honest"),
      new WarpToCmd("challenge window", 0, "wait", "dave", "honest"),
      new ChallengeCmd("bob", 1, 0, 1, "none"),
      new WarpToCmd("move deadline", 1, "settle", "dave", "honest"),
      new KeeperCmd("dave"),
      new ReleaseCmd(1, 3, "dave"),
      new ReleaseCmd(1, 0, "dave"),
    ]);
    const r = m.requests.get(1) as O.RequestState;
    expect(r).toMatchObject({ status: "Finalized", winner: 1 });
    expect(O.roundOf(r)).toBe(0);
    expect(r.claims.map((c) => c.defeated)).toEqual([true, false, true, false]);
  });

  it("no honest party: claims beat each other in a cycle, yet one always stands (fewer games than claims) and wins", async () => {
    const m = await runExplicit("burn", [
      new OpenDisputeCmd("user0", sample, "alice", 0, undefined, "honest"),
      new CoalitionThrowCmd("bob", 1, 0, 1),
      new CoalitionThrowCmd("carol", 1, 1, 2),
      new CoalitionThrowCmd("alice", 1, 2, 0),
      new VouchCmd("bob", 1, 3, "none"),
      new CoalitionThrowCmd("carol", 1, 4, 1),
      new CoalitionThrowCmd("dave", 1, 3, 2),
      new WarpToCmd("challenge window", 1, "settle", "dave", "honest"),
      new ReleaseCmd(1, 6, "dave"),
    ]);
    const r = m.requests.get(1) as O.RequestState;
    expect(r.claims.map((c) => c.defeated)).toEqual([true, true, true, true, true, false, false]);
    expect(r).toMatchObject({ status: "Finalized", winner: 5 });
    expect(m.games.size).toBe(r.claims.length - 1 - r.claims.filter((c) => c.kind === "Vouch").length);
  });

  it("missed deadlines: timeouts on both sides, late moves, expiry at the boundary and refunds", async () => {
    const m = await runExplicit("burn", [
      new OpenDisputeCmd("user0", sample, "alice", "honest", "bob", 0),
      new OpenDisputeCmd("user1", [1, 2, 3, 4, 5, 6, 7, 8], "carol", 2, "dave", "honest"),
      new MoveCmd(1, "honest"),
      new TimeoutCmd(1, "carol"),
      new WarpToCmd("move deadline", 1, "act", "dave", "honest"),
      new KeeperCmd("dave"),
      new RequestCmd("user0", sample, 0n, 5n, false),
      new RequestCmd("user1", sample, MAX_GAS, 0n, false),
      new WarpToCmd("request expiry", 0, "act", "bob", "honest"),
      new WarpToCmd("request expiry", 1, "act", "bob", "honest"),
      new RefundCmd(4, "alice"),
      new RefundCmd(4, "alice"),
      new RefundCmd(3, "alice"),
      new WithdrawCmd("user1"),
      new WithdrawCmd("user0"),
    ]);
    expect([1, 2].map((id) => m.games.get(id)?.ghostEnd)).toEqual(["challenger-timeout", "defender-timeout"]);
    expect([3, 4].map((id) => m.requests.get(id)?.status)).toEqual(["Submitted", "Expired"]);
  });

  it(
    "model and chain agree after every command (random sequences)",
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom<Variant>("burn", "treasury"), fc.commands([commandArb], fcCommandOptions(MAX_COMMANDS)), async (variant, cmds) => void (await runScript(variant, cmds))),
        params,
      );
      if (process.env.FC_COVERAGE !== undefined) console.log([...coverage].sort().map(([k, n]) => `${k}: ${n}`).join("\n"));
    },
    TIMEOUT_MS,
  );
});
