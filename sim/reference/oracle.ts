import type { Address, Hex } from "viem";

/**
 * Reference model of OpmlOracle + BisectionGame accounting, written from docs/oracle.md and the
 * interfaces' NatSpec (not from the Solidity), for the fast-check model-based test on Anvil.
 *
 * Pure TypeScript, bigint wei, no chain and no VM: whatever needs the model VM (the initial state of an
 * input, the final state of a claim, the outcome of a one-step proof) is computed by the test with the
 * TypeScript VM twin and handed in. Every operation first decides whether the call reverts, and with which
 * custom error, and only then changes the state, so a predicted revert leaves the model untouched.
 *
 * Ghost fields (`ghost*`) are not on chain: they record what the test knows about honesty, so the safety
 * properties (an honest player never loses a proven game; the winner is the earliest claim never defeated;
 * a winner always exists) can be stated on the model.
 */

export const STATUSES = ["Requested", "Submitted", "Finalized", "Expired"] as const;
export type Status = (typeof STATUSES)[number];

export const CLAIM_KINDS = ["Submission", "Challenge", "Vouch"] as const;
export type ClaimKindName = (typeof CLAIM_KINDS)[number];

export const PHASES = ["None", "DefenderToBisect", "ChallengerToRespond", "DefenderToStep", "DefenderWon", "ChallengerWon"] as const;
export type Phase = (typeof PHASES)[number];

const BPS = 10_000n;
export const ZERO_HASH = `0x${"0".repeat(64)}` as Hex;
export const ZERO_ADDRESS = `0x${"0".repeat(40)}` as Address;

export type OracleParams = {
  submitterReward: bigint;
  protocolFee: bigint;
  callbackGasPrice: bigint;
  submitterBond: bigint;
  challengerBond: bigint;
  challengeWindow: number;
  responseDeadline: number;
  slashWinnerBps: bigint;
  slashToTreasury: boolean;
  maxCallbackGasLimit: bigint;
  requestTimeout: number;
  treasury: Address;
};

/** What the registry says about the one model the test uses. */
export type ModelTerms = {
  fee: bigint;
  receiver: Address;
  receiverBps: bigint;
  owner: Address;
  /** Bytes of a valid input (4·n_0). */
  inputBytes: number;
  traceLength: number;
};

/**
 * A final state offered by a submitter or challenger. `honest` is ghost knowledge of the test; `invalid` is the
 * error the oracle's final-state decoding raises when the bytes do not form a valid final state (a VM fact the
 * test knows; the model decides when that check comes).
 */
export type Claim = { stateHash: Hex; honest: boolean; invalid?: string };

/**
 * One claim about a request's final state (docs/oracle.md, "the claim rule"). Claim 0 is the submission. A
 * challenge's `parent` is its target (the other side of its game); a vouch's is the claim whose final state it
 * copies (never itself a vouch). `bond` is what it still holds: 0 once paid with the reward, slashed at its first
 * defeat, or released.
 */
export type ClaimState = {
  owner: Address;
  kind: ClaimKindName;
  parent: number;
  bond: bigint;
  defeated: boolean;
  stateHash: Hex;
  /** The output a challenge posted (empty for the submission and for vouches). */
  output: Hex;
  /** Ghost: the final state is the honest one. */
  ghostHonest: boolean;
};

export type RequestState = {
  id: number;
  requester: Address;
  escrow: bigint;
  initialStateHash: Hex;
  expiresAt: number;
  status: Status;
  submitter: Address;
  windowEnd: number;
  openGames: number;
  /** Claim 0 (the submission) first; empty before a result. */
  claims: ClaimState[];
  /** The claim that won, once final. */
  winner?: number;
};

export type GameState = {
  id: number;
  requestId: number;
  /** The claim the challenger posted with the game, and the claim it disputes (defended by its owner). */
  challengerClaim: number;
  targetClaim: number;
  defender: Address;
  challenger: Address;
  settled: boolean;
  lo: number;
  hi: number;
  deadline: number;
  phase: Phase;
  loHash: Hex;
  hiHash: Hex;
  midHash: Hex;
  /** The challenger's claim is the honest final state. */
  ghostClaimHonest: boolean;
  /** The defender's claim was honest and every bisect posted the honest commitment. */
  ghostDefenderTruthful: boolean;
  /** The challenger's claim was honest and every answer matched the honest trace. */
  ghostChallengerTruthful: boolean;
  ghostEnd?: "step" | "defender-timeout" | "challenger-timeout";
  /** The game ended after its target or its loser had already been defeated: it moved nothing. */
  ghostVoid?: boolean;
};

export type OracleModel = {
  params: OracleParams;
  terms: ModelTerms;
  oracle: Address;
  /** ETH balance of every party the test watches, and of the oracle. */
  eth: Map<Address, bigint>;
  credits: Map<Address, bigint>;
  protocolFees: bigint;
  burned: bigint;
  nextRequestId: number;
  nextGameId: number;
  requests: Map<number, RequestState>;
  games: Map<number, GameState>;
};

export type Outcome = { ok: true; gameId?: number; settled?: number; amount?: bigint } | { ok: false; error: string };

const fail = (error: string): Outcome => ({ ok: false, error });
const OK: Outcome = { ok: true };

export function createOracleModel(args: { params: OracleParams; terms: ModelTerms; oracle: Address; eth: ReadonlyMap<Address, bigint> }): OracleModel {
  return {
    params: args.params,
    terms: args.terms,
    oracle: args.oracle,
    eth: new Map(args.eth),
    credits: new Map(),
    protocolFees: 0n,
    burned: 0n,
    nextRequestId: 1,
    nextGameId: 1,
    requests: new Map(),
    games: new Map(),
  };
}

// ------------------------------------------------------------------------------------------------ helpers

export function creditOf(m: OracleModel, account: Address): bigint {
  return m.credits.get(account) ?? 0n;
}

function credit(m: OracleModel, account: Address, amount: bigint): void {
  if (amount !== 0n) m.credits.set(account, creditOf(m, account) + amount);
}

function moveEth(m: OracleModel, from: Address, to: Address, amount: bigint): void {
  if (amount === 0n) return;
  const have = m.eth.get(from) ?? 0n;
  if (have < amount) throw new Error(`model: ${from} pays ${amount} wei but holds ${have}`);
  m.eth.set(from, have - amount);
  m.eth.set(to, (m.eth.get(to) ?? 0n) + amount);
}

/** Escrow a request books: submitter reward plus the callback gas it prepays. */
export function escrowOf(p: OracleParams, gasLimit: bigint): bigint {
  return p.submitterReward + gasLimit * p.callbackGasPrice;
}

/** The full fee of a request (docs/oracle.md "Fee"). */
export function feeOf(m: OracleModel, gasLimit: bigint): bigint {
  return m.terms.fee + m.params.protocolFee + escrowOf(m.params, gasLimit);
}

/** A request id the oracle never issued has status Requested and no record (no requester, no version). */
function known(m: OracleModel, id: number): RequestState | undefined {
  return m.requests.get(id);
}

// ------------------------------------------------------------------------------------------------ requests

export function requestCallback(
  m: OracleModel,
  a: { from: Address; inputBytes: number; gasLimit: bigint; value: bigint; initialStateHash: Hex },
  now: number,
): Outcome {
  const p = m.params;
  if (a.gasLimit > p.maxCallbackGasLimit) return fail("OpmlOracle_GasLimitTooHigh");
  // The input is validated with the VM's rule and error before the fee is looked at.
  if (a.inputBytes !== m.terms.inputBytes) return fail("ModelVM_BadInput");
  const escrow = escrowOf(p, a.gasLimit);
  const fee = feeOf(m, a.gasLimit);
  if (a.value < fee) return fail("OpmlOracle_InsufficientFee");
  moveEth(m, a.from, m.oracle, a.value);
  const receiverShare = (m.terms.fee * m.terms.receiverBps) / BPS;
  credit(m, m.terms.receiver, receiverShare);
  credit(m, m.terms.owner, m.terms.fee - receiverShare);
  credit(m, a.from, a.value - fee);
  m.protocolFees += p.protocolFee;
  const id = m.nextRequestId++;
  m.requests.set(id, {
    id,
    requester: a.from,
    escrow,
    initialStateHash: a.initialStateHash,
    expiresAt: now + p.requestTimeout,
    status: "Requested",
    submitter: ZERO_ADDRESS,
    windowEnd: 0,
    openGames: 0,
    claims: [],
  });
  return OK;
}

// ------------------------------------------------------------------------------------------------ results

export function submit(m: OracleModel, a: { from: Address; requestId: number; claim: Claim; value: bigint }, now: number): Outcome {
  const r = known(m, a.requestId);
  if (r === undefined) return fail("OpmlOracle_UnknownRequest");
  if (r.status === "Expired") return fail("OpmlOracle_RequestExpired");
  if (r.status !== "Requested") return fail("OpmlOracle_AlreadySubmitted");
  if (now > r.expiresAt) return fail("OpmlOracle_RequestExpired");
  if (a.value !== m.params.submitterBond) return fail("OpmlOracle_WrongBond");
  if (a.claim.invalid !== undefined) return fail(a.claim.invalid);
  moveEth(m, a.from, m.oracle, a.value);
  r.status = "Submitted";
  r.submitter = a.from;
  r.requester = ZERO_ADDRESS; // the record's party slot now holds the submitter
  r.expiresAt = 0;
  r.windowEnd = now + m.params.challengeWindow;
  r.claims = [{ owner: a.from, kind: "Submission", parent: 0, bond: a.value, defeated: false, stateHash: a.claim.stateHash, output: "0x", ghostHonest: a.claim.honest }];
  return OK;
}

/** The final state a claim stands for (a vouch's is its parent's, and a parent is never a vouch). */
export function hashOf(r: RequestState, index: number): Hex {
  const c = r.claims[index] as ClaimState;
  return c.kind === "Vouch" ? (r.claims[c.parent] as ClaimState).stateHash : c.stateHash;
}

/** The undefeated claim with the smallest index (the winner once final). */
export function leaderOf(r: RequestState): number | undefined {
  const i = r.claims.findIndex((c) => !c.defeated);
  return i < 0 ? undefined : i;
}

/** The checks every new claim passes, in the oracle's order; the target must exist and stand. */
function openForClaims(m: OracleModel, requestId: number, target: number, now: number): { r: RequestState } | { error: string } {
  const r = known(m, requestId);
  if (r === undefined || r.status !== "Submitted") return { error: "OpmlOracle_NotChallengeable" };
  if (now > r.windowEnd) return { error: "OpmlOracle_ChallengeWindowClosed" };
  if (target >= r.claims.length) return { error: "OpmlOracle_UnknownClaim" };
  if ((r.claims[target] as ClaimState).defeated) return { error: "OpmlOracle_ClaimDefeated" };
  return { r };
}

/**
 * A new claim with a final state other than claim `target`'s, and a game between them: the target's owner
 * defends (and may not be the caller), the caller challenges. Nothing is replaced.
 */
export function challenge(
  m: OracleModel,
  a: { from: Address; requestId: number; target: number; claim: Claim; output: Hex; value: bigint },
  now: number,
): Outcome & { claimIndex?: number } {
  const open = openForClaims(m, a.requestId, a.target, now);
  if ("error" in open) return fail(open.error);
  const { r } = open;
  const target = r.claims[a.target] as ClaimState;
  if (a.from === target.owner) return fail("OpmlOracle_SelfChallenge");
  if (a.value !== m.params.challengerBond) return fail("OpmlOracle_WrongBond");
  if (a.claim.invalid !== undefined) return fail(a.claim.invalid);
  const targetHash = hashOf(r, a.target);
  if (a.claim.stateHash === targetHash) return fail("OpmlOracle_SameClaim");
  moveEth(m, a.from, m.oracle, a.value);
  const claimIndex = r.claims.length;
  r.claims.push({ owner: a.from, kind: "Challenge", parent: a.target, bond: a.value, defeated: false, stateHash: a.claim.stateHash, output: a.output, ghostHonest: a.claim.honest });
  r.openGames += 1;
  const id = m.nextGameId++;
  const targetHonest = (r.claims[target.kind === "Vouch" ? target.parent : a.target] as ClaimState).ghostHonest;
  m.games.set(id, {
    id,
    requestId: r.id,
    challengerClaim: claimIndex,
    targetClaim: a.target,
    defender: target.owner,
    challenger: a.from,
    settled: false,
    lo: 0,
    hi: m.terms.traceLength,
    deadline: now + m.params.responseDeadline,
    phase: m.terms.traceLength === 1 ? "DefenderToStep" : "DefenderToBisect",
    loHash: r.initialStateHash,
    hiHash: targetHash,
    midHash: targetHash,
    ghostDefenderTruthful: targetHonest,
    ghostClaimHonest: a.claim.honest,
    ghostChallengerTruthful: a.claim.honest,
  });
  return { ok: true, gameId: id, claimIndex };
}

/** A bonded copy of standing claim `claimIndex`'s final state, with no game. */
export function vouch(m: OracleModel, a: { from: Address; requestId: number; claimIndex: number; value: bigint }, now: number): Outcome & { claimIndex?: number } {
  const open = openForClaims(m, a.requestId, a.claimIndex, now);
  if ("error" in open) return fail(open.error);
  const { r } = open;
  if (a.value !== m.params.challengerBond) return fail("OpmlOracle_WrongBond");
  moveEth(m, a.from, m.oracle, a.value);
  const copied = r.claims[a.claimIndex] as ClaimState;
  const parent = copied.kind === "Vouch" ? copied.parent : a.claimIndex;
  const source = r.claims[parent] as ClaimState;
  const claimIndex = r.claims.length;
  r.claims.push({ owner: a.from, kind: "Vouch", parent, bond: a.value, defeated: false, stateHash: source.stateHash, output: "0x", ghostHonest: source.ghostHonest });
  return { ok: true, claimIndex };
}

// ------------------------------------------------------------------------------------------------ game moves

/** Reads a game the way BisectionGame does: an unknown id is a game in phase None. */
function gameAt(m: OracleModel, id: number): GameState | undefined {
  return m.games.get(id);
}

export function midpoint(g: Pick<GameState, "lo" | "hi">): number {
  return g.lo + Math.floor((g.hi - g.lo) / 2);
}

/** `truthful`: the posted hash is the honest trace's commitment at the midpoint (ghost). */
export function bisect(m: OracleModel, a: { from: Address; gameId: number; midHash: Hex; truthful: boolean }, now: number): Outcome {
  const g = gameAt(m, a.gameId);
  if (g === undefined || g.phase !== "DefenderToBisect") return fail("BisectionGame_WrongPhase");
  if (a.from !== g.defender) return fail("BisectionGame_NotYourMove");
  if (now > g.deadline) return fail("BisectionGame_DeadlinePassed");
  g.midHash = a.midHash;
  g.deadline = now + m.params.responseDeadline;
  g.phase = "ChallengerToRespond";
  if (!a.truthful) g.ghostDefenderTruthful = false;
  return OK;
}

/** `truthful`: `agree` is what the honest trace says about the midpoint hash (ghost). */
export function respond(m: OracleModel, a: { from: Address; gameId: number; agree: boolean; truthful: boolean }, now: number): Outcome {
  const g = gameAt(m, a.gameId);
  if (g === undefined || g.phase !== "ChallengerToRespond") return fail("BisectionGame_WrongPhase");
  if (a.from !== g.challenger) return fail("BisectionGame_NotYourMove");
  if (now > g.deadline) return fail("BisectionGame_DeadlinePassed");
  const mid = midpoint(g);
  // loHash stays agreed by both sides, hiHash stays the defender's disputed claim.
  if (a.agree) {
    g.lo = mid;
    g.loHash = g.midHash;
  } else {
    g.hi = mid;
    g.hiHash = g.midHash;
  }
  g.deadline = now + m.params.responseDeadline;
  g.phase = g.hi - g.lo === 1 ? "DefenderToStep" : "DefenderToBisect";
  if (!a.truthful) g.ghostChallengerTruthful = false;
  return OK;
}

/**
 * One-step proof by anyone. `proof` is what the VM makes of the proof against the game's agreed pre-state:
 * the post-state hash, or the VM's error (computed by the test with the VM twin).
 */
export function step(m: OracleModel, a: { gameId: number; proof: { post: Hex } | { error: string } }, now: number): Outcome {
  const g = gameAt(m, a.gameId);
  if (g === undefined || g.phase !== "DefenderToStep") return fail("BisectionGame_WrongPhase");
  if (now > g.deadline) return fail("BisectionGame_DeadlinePassed");
  if ("error" in a.proof) return fail(a.proof.error);
  g.ghostEnd = "step";
  endGame(m, g, a.proof.post === g.hiHash);
  return OK;
}

export function timeout(m: OracleModel, a: { gameId: number }, now: number): Outcome {
  const g = gameAt(m, a.gameId);
  if (g === undefined) return fail("BisectionGame_UnknownGame");
  if (g.phase === "DefenderWon" || g.phase === "ChallengerWon") return fail("BisectionGame_WrongPhase");
  if (now <= g.deadline) return fail("BisectionGame_DeadlineNotPassed");
  // The side to move loses; the step is the defender's move.
  const defenderWon = g.phase === "ChallengerToRespond";
  g.ghostEnd = defenderWon ? "challenger-timeout" : "defender-timeout";
  endGame(m, g, defenderWon);
  return OK;
}

/**
 * The game's end and the oracle's settlement of it (docs/oracle.md, the claim rule): the loser's claim is defeated
 * and its bond split, unless the target or the loser had already been defeated by another game (void).
 */
function endGame(m: OracleModel, g: GameState, defenderWon: boolean): void {
  g.phase = defenderWon ? "DefenderWon" : "ChallengerWon";
  g.settled = true;
  const r = known(m, g.requestId);
  if (r === undefined) throw new Error(`model: game ${g.id} of unknown request ${g.requestId}`);
  r.openGames -= 1;
  const [loser, winner] = defenderWon ? [g.challengerClaim, g.targetClaim] : [g.targetClaim, g.challengerClaim];
  const lost = r.claims[loser] as ClaimState;
  if ((r.claims[g.targetClaim] as ClaimState).defeated || lost.defeated) {
    g.ghostVoid = true;
    return;
  }
  lost.defeated = true;
  slash(m, lost.bond, (r.claims[winner] as ClaimState).owner);
  lost.bond = 0n;
}

function slash(m: OracleModel, bond: bigint, winner: Address): void {
  const toWinner = (bond * m.params.slashWinnerBps) / BPS;
  const rest = bond - toWinner;
  credit(m, winner, toWinner);
  if (m.params.slashToTreasury) credit(m, m.params.treasury, rest);
  else m.burned += rest;
}

// ------------------------------------------------------------------------------------------------ finality

/**
 * Final once the window has passed and every game has ended: the earliest undefeated claim wins its owner the
 * escrow and its own bond. One always stands (only games defeat claims, each at most one, and claim 0 and every
 * vouch opened none), so a missing leader is a model error.
 */
function tryFinalize(m: OracleModel, id: number, now: number): boolean {
  const r = known(m, id);
  if (r === undefined || r.status !== "Submitted" || now <= r.windowEnd || r.openGames !== 0) return false;
  const winner = leaderOf(r);
  if (winner === undefined) throw new Error(`model: request ${id} has no standing claim`);
  const w = r.claims[winner] as ClaimState;
  r.status = "Finalized";
  r.winner = winner;
  credit(m, w.owner, r.escrow + w.bond);
  w.bond = 0n;
  return true;
}

/** The final state's hash once final (zero before); the submission's when claim 0 or a copy of it won. */
export function finalStateHashOf(r: RequestState): Hex {
  return r.status === "Finalized" && r.winner !== undefined ? hashOf(r, r.winner) : ZERO_HASH;
}

/** 1 once the request finalized with a final state other than the submission's (the callback ran again). */
export function roundOf(r: RequestState): number {
  return r.status === "Finalized" && r.claims.length > 0 && finalStateHashOf(r) !== (r.claims[0] as ClaimState).stateHash ? 1 : 0;
}

// ------------------------------------------------------------------------------------------------ what storage keeps

/**
 * Whether claim `index`'s record is still in storage (docs/oracle.md, "What is deleted"): claim 0 lives in the
 * request's kept slots; once the request is final, a later claim's record is deleted when its bond leaves (the
 * winner's at finalization, the others' at `releaseBond`); a defeated claim's record stays.
 */
export function claimRecordKept(r: RequestState, index: number): boolean {
  if (index === 0 || r.status !== "Finalized") return true;
  const c = r.claims[index] as ClaimState;
  return c.defeated || c.bond !== 0n;
}

/** The request as `getRequest` reads it: a final one's escrow and initial state hash are deleted, an expired one's initial state hash. */
export function storedRequest(r: RequestState): RequestState {
  if (r.status === "Finalized") return { ...r, escrow: 0n, initialStateHash: ZERO_HASH };
  if (r.status === "Expired") return { ...r, initialStateHash: ZERO_HASH };
  return r;
}

/** Claim `index` as `getClaim` reads it: zeros (but `defeated`) once deleted; a vouch of a deleted claim reads a zero state hash. */
export function storedClaim(r: RequestState, index: number): ClaimState {
  const c = r.claims[index] as ClaimState;
  if (!claimRecordKept(r, index)) return { ...c, owner: ZERO_ADDRESS, kind: "Submission", parent: 0, bond: 0n, stateHash: ZERO_HASH, output: "0x" };
  if (c.kind === "Vouch" && !claimRecordKept(r, c.parent)) return { ...c, stateHash: ZERO_HASH };
  return { ...c, stateHash: hashOf(r, index) };
}

/** The game as `gameOf` reads it: an ended game keeps its range, deadline and result; parties and hashes are deleted. */
export function storedGame(g: GameState): GameState {
  if (g.phase !== "DefenderWon" && g.phase !== "ChallengerWon") return g;
  return { ...g, defender: ZERO_ADDRESS, challenger: ZERO_ADDRESS, loHash: ZERO_HASH, hiHash: ZERO_HASH, midHash: ZERO_HASH };
}

/** The game's claims as `getGameClaims` reads them: deleted (all zero) once the oracle settled the game. */
export function storedGameClaims(g: GameState): Pick<GameState, "requestId" | "challengerClaim" | "targetClaim" | "settled"> {
  return g.settled ? { requestId: 0, challengerClaim: 0, targetClaim: 0, settled: false } : g;
}

/** Credits the bond of an undefeated claim that did not win, once the request is final. */
export function releaseBond(m: OracleModel, a: { requestId: number; claimIndex: number }): Outcome {
  const r = known(m, a.requestId);
  if (r === undefined || r.status !== "Finalized") return fail("OpmlOracle_NotFinalized");
  if (a.claimIndex >= r.claims.length) return fail("OpmlOracle_UnknownClaim");
  const c = r.claims[a.claimIndex] as ClaimState;
  if (a.claimIndex === 0 || c.bond === 0n) return fail("OpmlOracle_NothingToRelease");
  credit(m, c.owner, c.bond);
  const amount = c.bond;
  c.bond = 0n;
  return { ok: true, amount };
}

function tryExpire(m: OracleModel, id: number, now: number): boolean {
  const r = known(m, id);
  if (r === undefined || r.status !== "Requested" || now <= r.expiresAt) return false;
  r.status = "Expired";
  credit(m, r.requester, r.escrow);
  return true;
}

export function finalize(m: OracleModel, a: { requestId: number }, now: number): Outcome {
  return tryFinalize(m, a.requestId, now) ? OK : fail("OpmlOracle_NotReady");
}

/** Finalizes what is ready, refunds what expired, skips the rest (never reverts). */
export function finalizeBatch(m: OracleModel, a: { requestIds: readonly number[] }, now: number): Outcome {
  let settled = 0;
  for (const id of a.requestIds) if (tryFinalize(m, id, now) || tryExpire(m, id, now)) settled += 1;
  return { ok: true, settled };
}

export function refundExpired(m: OracleModel, a: { requestId: number }, now: number): Outcome {
  if (tryExpire(m, a.requestId, now)) return OK;
  const r = known(m, a.requestId);
  if (r === undefined) return fail("OpmlOracle_UnknownRequest");
  if (r.status !== "Requested") return fail("OpmlOracle_NotRefundable");
  return fail("OpmlOracle_NotExpired");
}

// ------------------------------------------------------------------------------------------------ payments

function payOut(m: OracleModel, account: Address): Outcome {
  const amount = creditOf(m, account);
  if (amount === 0n) return fail("OpmlOracle_NothingToWithdraw");
  m.credits.set(account, 0n);
  moveEth(m, m.oracle, account, amount);
  return { ok: true, amount };
}

export function withdraw(m: OracleModel, a: { from: Address }): Outcome {
  return payOut(m, a.from);
}

/** Anyone pushes an account's credit to it (the model's revenue receiver is flushed this way). */
export function flush(m: OracleModel, a: { account: Address }): Outcome {
  return payOut(m, a.account);
}

export function collectProtocolFees(m: OracleModel): Outcome {
  const amount = m.protocolFees;
  m.protocolFees = 0n;
  credit(m, m.params.treasury, amount);
  return { ok: true, amount };
}

// ------------------------------------------------------------------------------------------------ properties

/**
 * Every wei the oracle holds is in exactly one place: a credit, the accrued protocol fees, `burned`, the
 * escrow of a request neither finalized nor expired, or the bond a claim still holds.
 * Returns the difference (0 when the books balance).
 */
export function booksImbalance(m: OracleModel): bigint {
  let booked = m.protocolFees + m.burned;
  for (const c of m.credits.values()) booked += c;
  for (const r of m.requests.values()) {
    if (r.status === "Requested" || r.status === "Submitted") booked += r.escrow;
    for (const c of r.claims) booked += c.bond;
  }
  return (m.eth.get(m.oracle) ?? 0n) - booked;
}

/** Games an honest, live player lost by a one-step proof (must be none). */
export function honestStepLosses(m: OracleModel): GameState[] {
  return [...m.games.values()].filter(
    (g) => g.ghostEnd === "step" && ((g.ghostDefenderTruthful && g.phase === "ChallengerWon") || (g.ghostChallengerTruthful && g.phase === "DefenderWon")),
  );
}

/**
 * Finalized requests whose result is not the one the claim rule picks: the winner must be the earliest claim that
 * was never defeated, and every claim before it defeated (must be none).
 */
export function winnerNotEarliestStanding(m: OracleModel): RequestState[] {
  return [...m.requests.values()].filter((r) => r.status === "Finalized" && (r.winner === undefined || r.claims.findIndex((c) => !c.defeated) !== r.winner));
}
