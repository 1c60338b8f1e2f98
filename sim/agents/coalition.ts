import type { Address } from "viem";
import type { Rng } from "../rng/createRng.ts";
import type { FinalState } from "../vm/index.ts";
import { claimsOf, isTrueClaim } from "./claims.ts";
import { defenderMoves, finalizeOwn, midpoint, releaseOwn, withdrawCredit } from "./games.ts";
import { LIE_DELTA, lieStep, visibleFault, wantsRequest } from "./submitters.ts";
import { blockSeconds, lastChance, roundsLeft } from "./timing.ts";
import type { Action, Agent, AgentPolicy, ClaimView, GameView, Observation, RequestView } from "./types.ts";

/**
 * The coalition of colluding liars (issue 14): lying submitters and k colluding challengers that share one plan.
 * Every member runs this policy; each computes the same plan from the same observation and the membership it
 * holds in its state, and sends its own part. The plan is the coalition's best reply to the claim rule: delay
 * finality as long as the rule allows (lexicographically first), at the least cost (then).
 *
 * On a request whose submission (claim 0) a coalition liar made wrong:
 * - the absorber (a partner) posts the true final state against claim 0 at once (the self-challenge), racing the
 *   honest challenger for a lower index: claim 0 is doomed, and if it falls to the absorber the slashed winner's
 *   share stays in the coalition, the honest party's game turns void, and an absorber ahead of the honest claim
 *   leads and collects the reward;
 * - every move the coalition owes in a game with an honest party is made at the last block before its deadline,
 *   and the liar bisects with honest midpoints, so the honest challenger agrees each time and the game takes the
 *   longest path (⌈log2 T⌉ rounds); the liar never steps (it would lose);
 * - the staller: in the window's last block a partner posts the true state against claim 0 once more and the liar
 *   and it play that game at the last block of every deadline (longest path, no step): it lasts the whole
 *   (2⌈log2 T⌉ + 1)·D, the bound. It is free: claim 0 falls to the absorber first (the liar stops answering the
 *   absorber's game in the window's last block), so the staller's game ends void and its bond comes back;
 * - if claim 0 has fallen before the window's last block, the staller needs another target: a coalition claim
 *   (the loser of that game burns (1 − w) of a challenger bond), or, with no partner, the honest claim (the liar's
 *   claim loses a whole challenger bond) when that outlasts the games already open.
 * `issue-attack` plays the attack as issue 14 told it instead: every partner posts a wrong claim against claim 0 at
 * once, the liar throws claim 0 to them (never moves in their games), a wrong partner claim that an honest party
 * attacks is thrown in turn to a new claim of the member it attacked (a role swap), plus the same last-block
 * staller; it costs more and delays no longer.
 */
export type CoalitionState = {
  /** Lower-cased addresses of the coalition's lying submitters. */
  readonly liars: readonly string[];
  /** Lower-cased addresses of its colluding challengers (the partners). */
  readonly partners: readonly string[];
};

type Plan = {
  readonly obs: Observation;
  readonly b: number;
  readonly D: number;
  readonly members: ReadonlySet<string>;
  readonly state: CoalitionState;
};

const lower = (a: string) => a.toLowerCase();

/** Whether a request is under the coalition's attack: its submission is a coalition liar's and wrong. */
export function isAttacked(obs: Observation, request: RequestView, state: CoalitionState): boolean {
  const first = request.claims[0];
  return first !== undefined && state.liars.includes(lower(first.owner)) && !isTrueClaim(obs, request, first);
}

/** The partners in the order a request uses them: rotated by its id, so the roles spread over the members. */
function partnersFor(request: RequestView, state: CoalitionState): readonly string[] {
  const k = state.partners.length;
  if (k === 0) return [];
  const shift = Number(request.id % BigInt(k));
  return [...state.partners.slice(shift), ...state.partners.slice(0, shift)];
}

/** A made-up final state for a coalition claim: a fault at the last step, `salt` telling members and purposes apart. */
function madeUpState(obs: Observation, requestId: bigint, salt: number): FinalState | undefined {
  return obs.vm.faultyFinal(requestId, obs.vm.traceLength - 1, LIE_DELTA * BigInt(2 + salt));
}

function memberIndex(state: CoalitionState, address: string): number {
  const liar = state.liars.indexOf(address);
  return liar >= 0 ? liar : state.liars.length + state.partners.indexOf(address);
}

/** Whether a claim was posted in the window's last block (a staller). */
function postedLast(plan: Plan, request: RequestView, claim: ClaimView | undefined): boolean {
  return claim !== undefined && claim.postedAt + plan.b > request.windowEnd;
}

/**
 * The earliest an honest party's game against claim 0 can end while the coalition answers at the last block of
 * each deadline (and the liar bisects honestly, so every range keeps its larger half) and the honest side answers
 * in the next block: after the liar's step deadline, when anyone can time it out.
 */
export function earliestEnd(game: Pick<GameView, "lo" | "hi" | "phase" | "deadline">, now: number, b: number, D: number): number {
  const size = game.hi - game.lo;
  switch (game.phase) {
    case "defender-to-step":
      return game.deadline + b;
    case "defender-to-bisect":
      return game.deadline + roundsLeft(size) * (b + D) + b;
    default:
      return now + D + roundsLeft(Math.ceil(size / 2)) * (b + D) + b;
  }
}

/** Games of a request between claim 0 and claims the coalition does not own (the honest attacks on the lie). */
function honestAttacksOnClaim0(plan: Plan, request: RequestView): GameView[] {
  const games: GameView[] = [];
  for (const game of plan.obs.games.values()) {
    if (game.requestId === request.id && game.targetClaim === 0 && !plan.members.has(lower(game.challenger))) games.push(game);
  }
  return games;
}

/**
 * Whether the liar lets its deadline in the absorber's game pass now (claim 0 then falls to the absorber in the next
 * block): once the window's last block has come (the staller is in), or when waiting for its next chance (two
 * deadlines on) could let an honest game defeat claim 0 first.
 */
export function throwsNow(now: number, windowEnd: number, honestEnds: readonly number[], b: number, D: number): boolean {
  if (now + b > windowEnd) return true;
  return honestEnds.some((end) => end <= now + 2 * D + 2 * b);
}

type Staller = { member: string; target: number; state: FinalState };

/**
 * The staller of an attacked request, decided in the window's last block (the same for every member): a member,
 * the claim it challenges and the final state it posts. Free against claim 0 while it stands; else against a
 * coalition claim of another member (a true one kept if there is one); else, with nobody to pair, against the
 * earliest honest claim if that game outlasts the ones open.
 */
function stallerOf(plan: Plan, request: RequestView): Staller | undefined {
  const { obs, state } = plan;
  const truth = obs.vm.honestFinal(request.id);
  const partners = partnersFor(request, state);
  const liar = lower(request.claims[0]?.owner ?? "");
  const preferred = partners[1] ?? partners[0] ?? liar;
  const zero = request.claims[0];
  if (zero && !zero.defeated && preferred !== liar) return { member: preferred, target: 0, state: truth };
  const order = [preferred, ...partners.filter((p) => p !== preferred), ...state.liars.filter((l) => l !== preferred)];
  const ours = request.claims.filter((c) => !c.defeated && plan.members.has(lower(c.owner)));
  const byPreference = [...ours.filter((c) => isTrueClaim(obs, request, c)), ...ours.filter((c) => !isTrueClaim(obs, request, c))];
  for (const member of order) {
    const target = byPreference.find((c) => lower(c.owner) !== member);
    if (!target) continue;
    const made = madeUpState(obs, request.id, 128 + memberIndex(state, member));
    if (made && made.stateHash !== target.stateHash) return { member, target: target.index, state: made };
  }
  const honest = request.claims.find((c) => !c.defeated && !plan.members.has(lower(c.owner)));
  const made = madeUpState(obs, request.id, 128 + memberIndex(state, preferred));
  if (!honest || !made) return undefined;
  // Against an honest defender the game lasts ⌈log2 T⌉ rounds of (its block, our deadline) and its step.
  const stallerEnd = obs.now + roundsLeft(obs.vm.traceLength) * (plan.b + plan.D) + plan.b;
  const openEnds = honestAttacksOnClaim0(plan, request).map((g) => earliestEnd(g, obs.now, plan.b, plan.D));
  return stallerEnd > Math.max(request.windowEnd, ...openEnds) ? { member: preferred, target: honest.index, state: made } : undefined;
}

/** The claims member `me` posts on an attacked request this turn. */
function coalitionClaims(plan: Plan, me: Agent, request: RequestView): Action[] {
  const { obs, state } = plan;
  if (obs.now > request.windowEnd) return [];
  const myAddress = lower(me.address);
  const bond = obs.oracle.challengerBond;
  const claim = (target: number, final: FinalState): Action => ({ kind: "challenge", agent: me, requestId: request.id, target, output: final.output, finalState: final.preimage, bond });
  const actions: Action[] = [];
  const zero = request.claims[0];
  const mine = claimsOf(request, me.address);
  const partners = partnersFor(request, state);
  const { tactic, selfChallenge } = obs.scenario.colluders;

  if (lastChance(obs.now, request.windowEnd, plan.b)) {
    const staller = stallerOf(plan, request);
    if (staller && staller.member === myAddress) actions.push(claim(staller.target, staller.state));
    return actions;
  }
  if (!zero || zero.defeated) return actions;

  if (tactic === "best-reply") {
    if (partners[0] !== myAddress || mine.length > 0 || selfChallenge === "off") return actions;
    const attackedByOthers = request.claims.some((c) => c.kind === "challenge" && c.parent === 0 && !plan.members.has(lower(c.owner)));
    if (selfChallenge === "race" || attackedByOthers) actions.push(claim(0, obs.vm.honestFinal(request.id)));
    return actions;
  }

  // issue-attack: every partner posts its own wrong claim against claim 0 at once...
  if (partners.includes(myAddress) && mine.length === 0) {
    const made = madeUpState(obs, request.id, memberIndex(state, myAddress));
    if (made && made.stateHash !== zero.stateHash) actions.push(claim(0, made));
  }
  // ...and a wrong partner claim that someone outside attacks is thrown to a new claim of the member it attacked.
  for (const q of request.claims) {
    if (q.index === 0 || q.defeated || !plan.members.has(lower(q.owner)) || isTrueClaim(obs, request, q)) continue;
    const attackedByOthers = request.claims.some((c) => c.kind === "challenge" && c.parent === q.index && !plan.members.has(lower(c.owner)));
    const swapped = request.claims.some((c) => c.kind === "challenge" && c.parent === q.index && plan.members.has(lower(c.owner)));
    if (!attackedByOthers || swapped) continue;
    const attackedOwner = lower(request.claims[q.parent]?.owner ?? "");
    const swapper = attackedOwner !== lower(q.owner) ? attackedOwner : (state.liars[0] ?? "");
    if (swapper !== myAddress || swapper === lower(q.owner)) continue;
    const made = madeUpState(obs, request.id, 64 + memberIndex(state, myAddress));
    if (made && made.stateHash !== q.stateHash) actions.push(claim(q.index, made));
  }
  return actions;
}

/**
 * Member `me`'s move in a game of an attacked request, if it has one now. Every move is made at the last block
 * before its deadline, never after; a defender bisects with honest midpoints (the longest path) and steps only for a
 * true claim; a challenger always agrees (the longest path). A game with an honest party whose target has fallen
 * is void and left alone; the liar throws the absorber's game (see `throwsNow`); in `issue-attack` the defender of
 * a game between members never answers (the throw of the issue).
 */
function coalitionMove(plan: Plan, me: Agent, request: RequestView, game: GameView): Action[] {
  const { obs, b, D, members } = plan;
  const myAddress = lower(me.address);
  const defending = lower(game.defender) === myAddress;
  const myTurn = defending ? game.phase === "defender-to-bisect" || game.phase === "defender-to-step" : game.phase === "challenger-to-respond";
  if (!myTurn || !lastChance(obs.now, game.deadline, b)) return [];
  const target = request.claims[game.targetClaim];
  const challenger = request.claims[game.challengerClaim];
  const internal = members.has(lower(game.defender)) && members.has(lower(game.challenger));
  if (!internal && target?.defeated) return [];
  if (internal && !postedLast(plan, request, challenger)) {
    if (obs.scenario.colluders.tactic === "issue-attack" && defending) return [];
    if (defending && game.targetClaim === 0) {
      const ends = honestAttacksOnClaim0(plan, request).map((g) => earliestEnd(g, obs.now, b, D));
      if (throwsNow(obs.now, request.windowEnd, ends, b, D)) return [];
    }
  }
  if (!defending) return [{ kind: "respond", agent: me, gameId: game.id, agree: true }];
  if (game.phase === "defender-to-bisect") return [{ kind: "bisect", agent: me, gameId: game.id, midHash: obs.vm.commitment(request.id, midpoint(game)) }];
  return target && isTrueClaim(obs, request, target) ? [{ kind: "step", agent: me, gameId: game.id, proof: obs.vm.proveStep(request.id, game.lo).proof }] : [];
}

/** What a coalition liar submits: the honest result, or (with probability lieProbability) a wrong one. */
function submissions(me: Agent, obs: Observation, rng: Rng): Action[] {
  const actions: Action[] = [];
  for (const request of obs.unanswered) {
    if (!wantsRequest(me, obs, request, rng)) continue;
    const own = rng.fork(`lie-${request.id}`);
    const lie = own.bool(obs.scenario.colluders.lieProbability);
    const fault = lie ? visibleFault(obs, request.id, lieStep("random", obs.vm.traceLength, own)) : undefined;
    const final = fault ? obs.vm.faultyFinal(request.id, fault.step, fault.delta) : obs.vm.honestFinal(request.id);
    if (!final) continue;
    actions.push({ kind: "submit", agent: me, requestId: request.id, output: final.output, finalState: final.preimage, bond: obs.oracle.submitterBond, lie });
  }
  return actions;
}

/**
 * Every coalition member's policy (liars and partners alike): the liars submit; on attacked requests every member
 * posts and plays its part of the plan; on requests a liar answered truly it acts as an honest submitter. The
 * coalition never times a game out and never finalizes an attacked request (that would only shorten the delay);
 * it releases its bonds and withdraws its credit. Its state is its membership, handed back unchanged.
 */
export const coalitionPolicy: AgentPolicy<CoalitionState> = (agent, state, obs, rng) => {
  const me = lower(agent.address);
  const plan: Plan = { obs, b: blockSeconds(obs.scenario), D: obs.scenario.oracle.responseDeadline, members: new Set([...state.liars, ...state.partners]), state };
  const actions: Action[] = [];
  if (state.liars.includes(me)) actions.push(...submissions(agent, obs, rng));
  const attacked = new Set<bigint>();
  for (const request of obs.pending) {
    if (!isAttacked(obs, request, state)) continue;
    attacked.add(request.id);
    actions.push(...coalitionClaims(plan, agent, request));
  }
  for (const game of obs.games.values()) {
    if (!attacked.has(game.requestId)) continue;
    if (lower(game.defender) !== me && lower(game.challenger) !== me) continue;
    const request = obs.requests.get(game.requestId);
    if (request) actions.push(...coalitionMove(plan, agent, request, game));
  }
  // Requests the coalition did not attack: an honest submitter's defence of its own (true) result.
  actions.push(...defenderMoves(agent, obs, (requestId) => ({ fault: undefined, plays: !attacked.has(requestId) })));
  // A result nobody disputed (an unchallenged lie included) is finalized as soon as its window has passed.
  actions.push(...finalizeOwn(agent, obs));
  actions.push(...releaseOwn(agent, obs));
  actions.push(...withdrawCredit(agent, obs));
  return { actions, state };
};

/** The state every member starts with: the coalition's membership (lower-cased addresses). */
export function coalitionState(liars: readonly Address[], partners: readonly Address[]): CoalitionState {
  return { liars: liars.map(lower), partners: partners.map(lower) };
}
