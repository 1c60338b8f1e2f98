import type { Address, Hex } from "viem";
import type { Agent, ClaimView, GameView, Observation, ReleasableBond, RequestView } from "../agents/types.ts";
import { createVmAccess } from "../engine/createVmAccess.ts";
import { agentAddress } from "../engine/agentAddress.ts";
import { parseScenario } from "../scenario/index.ts";
import { loadModel } from "../vm/index.ts";

/** An agent for policy tests. */
export function testAgent(role: Agent["role"], index = 0, holderStrategy?: Agent["holderStrategy"]): Agent {
  const id = `${role}-${index}`;
  return { id, role, index, address: agentAddress(id), holderStrategy };
}

export type TestWorld = {
  observation: Observation;
  requests: Map<bigint, RequestView>;
  games: Map<bigint, GameView>;
  releasable: ReleasableBond[];
};

/**
 * An observation over the real tiny model's VM, for testing policies without a chain: the requests and
 * games are whatever the test puts in.
 */
export function testObservation(overrides: { scenario?: string; now?: number; epoch?: number; turn?: number } = {}): TestWorld {
  const scenario = parseScenario(overrides.scenario ?? "epochs: 10\n", "test.yaml");
  const { model, file } = loadModel("tiny");
  const requests = new Map<bigint, RequestView>();
  const games = new Map<bigint, GameView>();
  const releasable: ReleasableBond[] = [];
  const vm = createVmAccess(model, (id) => {
    const r = requests.get(id);
    if (!r) throw new Error(`no request ${id}`);
    return r.input;
  });
  const now = overrides.now ?? scenario.startTimestamp + 10 * 3600;
  const observation = {
    scenario,
    now,
    epoch: overrides.epoch ?? 10,
    turn: overrides.turn ?? 1,
    requests,
    get unanswered() {
      return [...requests.values()].filter((r) => r.status === "requested");
    },
    get pending() {
      return [...requests.values()].filter((r) => r.status === "submitted");
    },
    games,
    vm,
    raise: { start: scenario.startTimestamp, end: scenario.startTimestamp + 3 * 3600, settled: true, succeeded: true, claimed: new Set<string>(), deposited: new Map<string, bigint>(), proceedsPending: false, dustPending: false, harvestPending: false },
    token: {
      address: agentAddress("token") as Address,
      currentSnapshotId: 1,
      nextSnapshotAt: now + 3600 * 5,
      snapshotTimes: [],
      balances: new Map<string, bigint>(),
      claimable: new Map<string, Map<number, bigint>>(),
      lastBurnSnapshot: new Map<string, number>(),
    },
    oracle: { credits: new Map<string, bigint>(), tokenCredit: 0n, fee: 10n ** 15n, submitterBond: 10n ** 17n, challengerBond: 10n ** 17n, releasable },
    nft: { enabled: false, mintPrice: 0n, tokens: new Map(), listed: [], minted: [], approved: new Set<string>(), marketCredits: new Map<string, bigint>(), tokenOfRequest: new Map<bigint, bigint>() },
    samples: file.samples.map((s) => s.input),
    investors: [],
    users: [],
  } satisfies Observation;
  return { observation, requests, games, releasable };
}

/** A request as the world would hold it (with no claims unless `fields` gives them; see `withClaims`). */
export function testRequest(id: bigint, input: readonly number[], fields: Partial<RequestView> = {}): RequestView {
  return {
    id,
    requester: agentAddress("user-0"),
    input,
    requestedAt: 0,
    status: "requested",
    submitter: undefined,
    resultStateHash: undefined as Hex | undefined,
    submittedAt: 0,
    windowEnd: 0,
    openGames: 0,
    lastGameEndAt: 0,
    claims: [],
    leader: 0,
    owners: new Map(),
    ...fields,
  };
}

/** A claim for `withClaims`: who owns it, its final state hash, and optionally how it was posted and whether it fell. */
export type TestClaim = { owner: Address; stateHash: Hex; kind?: ClaimView["kind"]; parent?: number; defeated?: boolean; postedAt?: number; gameId?: bigint };

/**
 * A request with a result and these claims, as the oracle's applier would hold it (claim 0 is the submission):
 * its owners, its leader (the earliest undefeated claim) and its open games (one per challenge, less the defeated).
 */
export function withClaims(request: RequestView, claims: readonly TestClaim[], fields: Partial<RequestView> = {}): RequestView {
  const views: ClaimView[] = claims.map((c, index) => ({
    index,
    owner: c.owner,
    kind: c.kind ?? (index === 0 ? "submission" : "challenge"),
    parent: c.parent ?? 0,
    stateHash: c.stateHash,
    gameId: c.gameId ?? (index === 0 || c.kind === "vouch" ? undefined : BigInt(index)),
    postedAt: c.postedAt ?? 0,
    defeated: c.defeated ?? false,
    bond: c.defeated ? 0n : 10n ** 17n,
  }));
  const owners = new Map<string, number[]>();
  for (const claim of views) owners.set(claim.owner.toLowerCase(), [...(owners.get(claim.owner.toLowerCase()) ?? []), claim.index]);
  return {
    ...request,
    status: "submitted",
    submitter: claims[0]?.owner,
    resultStateHash: claims[0]?.stateHash,
    claims: views,
    owners,
    leader: views.find((c) => !c.defeated)?.index ?? 0,
    ...fields,
  };
}
