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
 * properties (an honest player never loses a proven game, a wrong result challenged by a live honest
 * challenger never finalizes) can be stated on the model.
 */

export const STATUSES = ["Requested", "Submitted", "Finalized", "Expired"] as const;
export type Status = (typeof STATUSES)[number];

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

export type RequestState = {
  id: number;
  requester: Address;
  escrow: bigint;
  initialStateHash: Hex;
  expiresAt: number;
  status: Status;
  submitter: Address;
  windowEnd: number;
  bond: bigint;
  openGames: number;
  round: number;
  resultStateHash: Hex;
  ghostResultHonest: boolean;
};

export type GameState = {
  id: number;
  requestId: number;
  round: number;
  defender: Address;
  challenger: Address;
  bond: bigint;
  claimStateHash: Hex;
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
  /** The defender's result was honest and every bisect posted the honest commitment. */
  ghostDefenderTruthful: boolean;
  /** The challenger's claim was honest and every answer matched the honest trace. */
  ghostChallengerTruthful: boolean;
  ghostEnd?: "step" | "defender-timeout" | "challenger-timeout";
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
  challenged: Set<string>;
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
    challenged: new Set(),
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

const challengeKey = (requestId: number, round: number, who: Address): string => `${requestId}/${round}/${who.toLowerCase()}`;

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
    bond: 0n,
    openGames: 0,
    round: 0,
    resultStateHash: ZERO_HASH,
    ghostResultHonest: false,
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
  r.bond = a.value;
  r.resultStateHash = a.claim.stateHash;
  r.ghostResultHonest = a.claim.honest;
  return OK;
}

export function challenge(m: OracleModel, a: { from: Address; requestId: number; claim: Claim; value: bigint }, now: number): Outcome {
  const r = known(m, a.requestId);
  if (r === undefined || r.status !== "Submitted") return fail("OpmlOracle_NotChallengeable");
  if (now > r.windowEnd) return fail("OpmlOracle_ChallengeWindowClosed");
  if (a.from === r.submitter) return fail("OpmlOracle_SelfChallenge");
  const key = challengeKey(r.id, r.round, a.from);
  if (m.challenged.has(key)) return fail("OpmlOracle_AlreadyChallenged");
  if (a.value !== m.params.challengerBond) return fail("OpmlOracle_WrongBond");
  if (a.claim.invalid !== undefined) return fail(a.claim.invalid);
  if (a.claim.stateHash === r.resultStateHash) return fail("OpmlOracle_SameClaim");
  moveEth(m, a.from, m.oracle, a.value);
  m.challenged.add(key);
  r.openGames += 1;
  const id = m.nextGameId++;
  m.games.set(id, {
    id,
    requestId: r.id,
    round: r.round,
    defender: r.submitter,
    challenger: a.from,
    bond: a.value,
    claimStateHash: a.claim.stateHash,
    settled: false,
    lo: 0,
    hi: m.terms.traceLength,
    deadline: now + m.params.responseDeadline,
    phase: m.terms.traceLength === 1 ? "DefenderToStep" : "DefenderToBisect",
    loHash: r.initialStateHash,
    hiHash: r.resultStateHash,
    midHash: r.resultStateHash,
    ghostDefenderTruthful: r.ghostResultHonest,
    ghostClaimHonest: a.claim.honest,
    ghostChallengerTruthful: a.claim.honest,
  });
  return { ok: true, gameId: id };
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
  endGame(m, g, a.proof.post === g.hiHash, now);
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
  endGame(m, g, defenderWon, now);
  return OK;
}

/** The game's end and the oracle's settlement of it (docs/oracle.md, lifecycle step 4). */
function endGame(m: OracleModel, g: GameState, defenderWon: boolean, now: number): void {
  g.phase = defenderWon ? "DefenderWon" : "ChallengerWon";
  g.settled = true;
  const r = known(m, g.requestId);
  if (r === undefined) throw new Error(`model: game ${g.id} of unknown request ${g.requestId}`);
  // A game against a result that was since replaced is void: the challenger gets its bond back.
  if (g.round !== r.round) {
    g.ghostVoid = true;
    credit(m, g.challenger, g.bond);
    return;
  }
  r.openGames -= 1;
  if (defenderWon) {
    slash(m, g.bond, r.submitter);
    return;
  }
  slash(m, r.bond, g.challenger);
  // The challenger's claim becomes the result: a new round, a fresh window, its bond backs it.
  r.round += 1;
  r.submitter = g.challenger;
  r.windowEnd = now + m.params.challengeWindow;
  r.bond = g.bond;
  r.openGames = 0;
  r.resultStateHash = g.claimStateHash;
  r.ghostResultHonest = g.ghostClaimHonest;
}

function slash(m: OracleModel, bond: bigint, winner: Address): void {
  const toWinner = (bond * m.params.slashWinnerBps) / BPS;
  const rest = bond - toWinner;
  credit(m, winner, toWinner);
  if (m.params.slashToTreasury) credit(m, m.params.treasury, rest);
  else m.burned += rest;
}

// ------------------------------------------------------------------------------------------------ finality

function tryFinalize(m: OracleModel, id: number, now: number): boolean {
  const r = known(m, id);
  if (r === undefined || r.status !== "Submitted" || now <= r.windowEnd || r.openGames !== 0) return false;
  r.status = "Finalized";
  credit(m, r.submitter, r.escrow + r.bond);
  r.bond = 0n;
  return true;
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
 * escrow and bond of a request neither finalized nor expired, or the bond of an unsettled challenge.
 * Returns the difference (0 when the books balance).
 */
export function booksImbalance(m: OracleModel): bigint {
  let booked = m.protocolFees + m.burned;
  for (const c of m.credits.values()) booked += c;
  for (const r of m.requests.values()) if (r.status === "Requested" || r.status === "Submitted") booked += r.escrow + r.bond;
  for (const g of m.games.values()) if (!g.settled) booked += g.bond;
  return (m.eth.get(m.oracle) ?? 0n) - booked;
}

/** Games an honest, live player lost by a one-step proof (must be none). */
export function honestStepLosses(m: OracleModel): GameState[] {
  return [...m.games.values()].filter(
    (g) => g.ghostEnd === "step" && ((g.ghostDefenderTruthful && g.phase === "ChallengerWon") || (g.ghostChallengerTruthful && g.phase === "DefenderWon")),
  );
}

/**
 * Finalized wrong results that a truthful challenger challenged in their final round without missing a
 * deadline (must be none: such a challenger wins and replaces the result).
 */
export function wrongFinalizedDespiteHonestChallenger(m: OracleModel): RequestState[] {
  return [...m.requests.values()].filter(
    (r) =>
      r.status === "Finalized" &&
      !r.ghostResultHonest &&
      [...m.games.values()].some((g) => g.requestId === r.id && g.round === r.round && g.ghostChallengerTruthful && g.ghostEnd !== "challenger-timeout"),
  );
}
