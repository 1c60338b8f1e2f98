import { describe, expect, it } from "vitest";
import { parseScenario } from "../scenario/index.ts";
import { testAgent, testRequest } from "../testing/observation.ts";
import { testDeployment } from "../testing/worldLogs.ts";
import { loadModel } from "../vm/index.ts";
import { buildObservation, type ObservationContext } from "./buildObservation.ts";
import { createVmAccess } from "./createVmAccess.ts";
import { createWorld } from "./world/createWorld.ts";

function setup(nftMintProbability = 0.1) {
  const scenario = parseScenario(`epochs: 3\ndemand: { nftMintProbability: ${nftMintProbability} }\n`, "o.yaml");
  const world = createWorld({ nextSnapshotAt: 5_000 });
  const context: ObservationContext = {
    scenario,
    vm: createVmAccess(loadModel("tiny").model, () => [0, 0, 0, 0, 0, 0, 0, 0]),
    samples: [[1, 2]],
    investors: [testAgent("investor", 0)],
    users: [testAgent("user", 0)],
    token: testDeployment().token,
    fee: 11n,
    submitterBond: 12n,
    challengerBond: 13n,
    mintPrice: 14n,
    raiseStart: 100,
    raiseEnd: 200,
  };
  return { world, context };
}

describe("buildObservation", () => {
  it("shows the world's own maps (no copies) and the run's constants", () => {
    const { world, context } = setup();
    const obs = buildObservation(context, world, { now: 150, epoch: 1, turn: 2 });
    expect(obs.requests).toBe(world.oracle.requests);
    expect(obs.games).toBe(world.game.games);
    expect(obs.token.balances).toBe(world.token.balances);
    expect(obs.nft.marketCredits).toBe(world.market.credits);
    expect([obs.now, obs.epoch, obs.turn, obs.token.nextSnapshotAt]).toEqual([150, 1, 2, 5_000]);
    expect(obs.oracle).toMatchObject({ fee: 11n, submitterBond: 12n, challengerBond: 13n });
    expect([obs.nft.mintPrice, obs.raise.start, obs.raise.end, obs.nft.enabled]).toEqual([14n, 100, 200, true]);
    expect(buildObservation(setup(0).context, world, { now: 0, epoch: 0, turn: 0 }).nft.enabled).toBe(false);
  });

  it("lists unanswered and pending requests oldest first, and the NFTs for sale", () => {
    const { world, context } = setup();
    for (const [id, status] of [[3n, "submitted"], [1n, "requested"], [4n, "finalized"], [2n, "requested"], [5n, "submitted"]] as const) {
      world.oracle.requests.set(id, testRequest(id, [1], { status }));
    }
    // The NFTs for sale come from the world's index of listings (kept by the market's events), by token id.
    for (const [tokenId, price] of [[1n, undefined], [3n, 8n], [2n, 9n]] as const) {
      const token = { tokenId, owner: testAgent("user", 0).address, price };
      world.nft.tokens.set(tokenId, token);
      world.nft.minted.push(token);
      if (price !== undefined) world.nft.listed.set(tokenId, token);
    }
    const obs = buildObservation(context, world, { now: 0, epoch: 0, turn: 0 });
    expect(obs.unanswered.map((r) => r.id)).toEqual([1n, 2n]);
    expect(obs.pending.map((r) => r.id)).toEqual([3n, 5n]);
    expect(obs.nft.listed.map((t) => t.tokenId)).toEqual([2n, 3n]);
    expect(obs.nft.minted.map((t) => t.tokenId)).toEqual([1n, 3n, 2n]);
  });

  it("says when vested proceeds wait for release and when the raise's dust waits for a sweep", () => {
    const { world, context } = setup();
    const raise = () => buildObservation(context, world, { now: 0, epoch: 0, turn: 0 }).raise;
    expect(raise()).toMatchObject({ proceedsPending: false, dustPending: false });
    Object.assign(world.launch, { settled: true, succeeded: true, target: 10n, proceedsReleased: 4n });
    world.launch.deposited.set("a", 1n).set("b", 1n);
    world.launch.claimed.add("a");
    expect(raise()).toMatchObject({ proceedsPending: true, dustPending: false });
    world.launch.claimed.add("b");
    world.launch.proceedsReleased = 10n;
    expect(raise()).toMatchObject({ proceedsPending: false, dustPending: true });
    world.launch.dustSwept = true;
    expect(raise().dustPending).toBe(false);
  });

  it("says a harvest is pending while the launch holds sale tokens of a met raise and a snapshot is past its harvest cursor", () => {
    const { world, context } = setup();
    const pending = () => buildObservation(context, world, { now: 0, epoch: 0, turn: 0 }).raise.harvestPending;
    world.token.currentSnapshotId = 2;
    expect(pending()).toBe(false); // not settled
    Object.assign(world.launch, { settled: true, succeeded: false });
    expect(pending()).toBe(false); // a failed raise burned its sale tokens
    world.launch.succeeded = true;
    expect(pending()).toBe(true);
    world.launch.harvestedThrough = 2;
    expect(pending()).toBe(false);
    world.token.currentSnapshotId = 3;
    expect(pending()).toBe(true);
    world.launch.dustSwept = true; // the sweep took the last sale tokens
    expect(pending()).toBe(false);
  });

  it("shows which token each open NFT request produces (the world's own map)", () => {
    const { world, context } = setup();
    world.nft.tokenOfRequest.set(7n, 3n);
    const obs = buildObservation(context, world, { now: 0, epoch: 0, turn: 0 });
    expect(obs.nft.tokenOfRequest).toBe(world.nft.tokenOfRequest);
    expect(obs.nft.tokenOfRequest.get(7n)).toBe(3n);
  });
});
