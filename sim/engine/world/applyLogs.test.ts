import type { Log } from "viem";
import { describe, expect, it } from "vitest";
import { agentAddress } from "../agentAddress.ts";
import { testIndexer } from "../../testing/worldLogs.ts";
import type { EventAppliers } from "./eventAppliers.ts";
import type { WorldEvent } from "./types.ts";

const alice = agentAddress("investor-0");

describe("applyLogs", () => {
  it("decodes every log of a watched contract in order, with block, time and transaction, applied or not", () => {
    const t = testIndexer();
    const events = t.apply(
      [
        t.log("market", "PaymentCredited", { account: alice, amount: 3n }, 5n),
        t.log("oracle", "ProtocolFeesCollected", { treasury: alice, amount: 2n }, 5n),
        t.log("registry", "OperatorSet", { modelId: 1n, operator: alice }, 5n),
      ],
      777,
    );
    expect(events.map((e) => `${e.contract}.${e.name}`)).toEqual(["RoyaltyMarket.PaymentCredited", "OpmlOracle.ProtocolFeesCollected", "ModelRegistry.OperatorSet"]);
    expect(events[1]).toMatchObject({ args: { treasury: alice, amount: 2n }, blockNumber: 5n, time: 777, txHash: `0x${"ab".repeat(32)}` });
    expect(t.world.market.credits.get(alice.toLowerCase())).toBe(3n);
  });

  it("skips logs of other addresses and of unknown events, and logs that do not decode", () => {
    const t = testIndexer();
    const good = t.log("market", "PaymentCredited", { account: alice, amount: 3n });
    const elsewhere = { ...good, address: agentAddress("somebody-else") } as Log;
    const unknownTopic = { ...good, topics: [`0x${"00".repeat(32)}`, ...good.topics.slice(1)] } as Log;
    const truncated = { ...good, data: "0x01" } as Log;
    expect(t.apply([elsewhere, unknownTopic, truncated])).toEqual([]);
    expect(t.world.market.credits.size).toBe(0);
  });

  it("dispatches each event to its contract's applier in the registry it is given", () => {
    const seen: string[] = [];
    const appliers: EventAppliers = { RoyaltyMarket: { PaymentCredited: (_world, e: WorldEvent) => seen.push(`${e.name}:${e.args.amount as bigint}`) } };
    const t = testIndexer({ appliers });
    t.apply([t.log("market", "PaymentCredited", { account: alice, amount: 3n }), t.log("market", "Withdrawn", { account: alice, to: alice, amount: 3n }), t.log("market", "PaymentCredited", { account: alice, amount: 4n })]);
    expect(seen).toEqual(["PaymentCredited:3", "PaymentCredited:4"]);
    // The shipped market applier did not run.
    expect(t.world.market.credits.size).toBe(0);
  });
});
