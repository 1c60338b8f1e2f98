import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encodePacked, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import type { TxOutcome } from "../chain/executor.ts";
import { createRecorder } from "../metrics/createRecorder.ts";
import { createRng } from "../rng/createRng.ts";
import { parseScenario } from "../scenario/index.ts";
import { testAgent } from "../testing/observation.ts";
import { testIndexer } from "../testing/worldLogs.ts";
import { loadModel } from "../vm/index.ts";
import { agentAddress } from "./agentAddress.ts";
import { createDeferred } from "./createDeferred.ts";
import { createNameBook } from "./createNameBook.ts";
import { createRequestWriter, createTally } from "./createRequestWriter.ts";
import { createVmAccess } from "./createVmAccess.ts";
import { createEpochStats } from "./epochStats.ts";
import { recordMinedBlock, recordTurn } from "./recordTurn.ts";

const user = testAgent("user", 0);
const liar = testAgent("malicious-submitter", 0);
const challenger = testAgent("honest-challenger", 0);
const INPUT = [10, -20, 30, -40, 50, -60, 70, -80];
const WRONG: Hex = `0x${"22".repeat(32)}`;

/** A turn's recording over a real recorder, VM and decoded events (no chain: the outcomes are data). */
function setup() {
  const t = testIndexer();
  const scenario = parseScenario("epochs: 4\n", "r.yaml");
  const dir = mkdtempSync(join(tmpdir(), "imo-record-turn-"));
  const names = createNameBook([user, liar, challenger], t.deployment, {});
  const recorder = createRecorder({ dir, nameOf: names.nameOf, roleOf: names.roleOf });
  const vm = createVmAccess(loadModel("tiny").model, (id) => t.world.oracle.requests.get(id)?.input ?? INPUT);
  const tally = createTally();
  const deferred = createDeferred();
  const run = {
    recorder,
    deferred,
    names,
    flowParties: { ...t.deployment, treasury: agentAddress("treasury"), protocolTreasury: agentAddress("protocol-treasury"), modelOwner: agentAddress("model-owner") },
    world: t.world,
    vm,
    tally,
    writeRequest: createRequestWriter({ scenario, world: t.world, recorder, vm, tally, honestChallengers: [challenger], root: createRng(1) }),
  };
  const outcome = (from: `0x${string}`, label: string, status: TxOutcome["status"], gasUsed: bigint, blockNumber: bigint, value = 0n): TxOutcome => ({
    request: { from, to: t.deployment.oracle, label, value },
    status,
    hash: undefined,
    gasUsed,
    blockNumber,
    blockTimestamp: 0,
    logs: [],
    contractAddress: undefined,
    error: undefined,
  });
  const read = (table: string) => readFileSync(join(dir, `${table}.csv`), "utf8").trimEnd().split("\n").slice(1);
  return { t, run, vm, tally, deferred, recorder, outcome, read };
}

describe("recordTurn", () => {
  it("counts the block into the epoch now, queues its rows for the next drain, and writes finished requests and games then", async () => {
    const { t, run, vm, tally, deferred, recorder, outcome, read } = setup();
    const honest = () => vm.honestFinal(1n).stateHash;
    const stats = createEpochStats();
    const clock = { now: 1_000, epoch: 0, turn: 1 };
    const requestLog = (id: bigint) => t.log("oracle", "AICallbackRequest", { account: user.address, requestId: id, modelId: 1n, input: encodePacked(INPUT.map(() => "int32"), INPUT), callbackContract: user.address, gasLimit: 0n, callbackData: "0x", fee: 5n }, 7n);
    const turn1 = t.apply([requestLog(1n), requestLog(2n)], clock.now);
    // The world's applier and the stats judge results by the same VM.
    for (const id of [1n, 2n]) t.honest.set(id, honest());
    recordTurn(run, stats, clock, [outcome(user.address, "OpmlOracle.requestCallback", "success", 100n, 7n, 5n), outcome(user.address, "OpmlOracle.requestCallback", "reverted", 30n, 7n)], turn1);
    expect(stats).toMatchObject({ transactions: 2, reverted: 1, gas: 130n, requests: 2, lastBlock: 7n });
    expect(tally.transactions).toBe(2);

    const turn2 = t.apply(
      [
        t.log("oracle", "AICallbackResult", { requestId: 1n, submitter: liar.address, round: 0, output: "0x", finalStateHash: WRONG, windowEnd: 2_000n, callbackSucceeded: true }, 8n),
        t.log("oracle", "AICallbackResult", { requestId: 2n, submitter: liar.address, round: 0, output: "0x", finalStateHash: honest(), windowEnd: 2_000n, callbackSucceeded: true }, 8n),
        t.log("game", "GameCreated", { gameId: 3n, defender: liar.address, challenger: challenger.address, modelVersion: 1n, traceLength: 8n, initialStateHash: WRONG, defenderFinalHash: WRONG, deadline: 9n }, 8n),
        t.log("oracle", "ClaimPosted", { requestId: 1n, claimIndex: 1n, owner: challenger.address, kind: 1, parent: 0n, gameId: 3n, stateHash: honest(), bond: 1n }, 8n),
        t.log("oracle", "ClaimPosted", { requestId: 1n, claimIndex: 2n, owner: challenger.address, kind: 2, parent: 1n, gameId: 0n, stateHash: honest(), bond: 1n }, 8n),
        t.log("game", "TimedOut", { gameId: 3n, phase: 0, defenderWon: false }, 8n),
        t.log("oracle", "ClaimDefeated", { requestId: 1n, claimIndex: 0n, gameId: 3n, byClaim: 1n, winner: challenger.address, toWinner: 2n, slashed: 2n }, 8n),
        t.log("oracle", "ResultFinalized", { requestId: 2n, submitter: liar.address, paid: 4n }, 8n),
      ],
      clock.now + 900,
    );
    recordTurn(run, stats, { ...clock, turn: 2, now: clock.now + 900 }, [outcome(liar.address, "OpmlOracle.submit", "success", 50n, 8n)], turn2);
    expect(stats).toMatchObject({ transactions: 3, submissions: 2, wrong: 1, challenges: 1, finalized: 1, wrongFinalized: 0, lastBlock: 8n });
    // A vouch is a claim but not a challenge. The ended game leaves the world at once; the finished request only when its row is written.
    expect(t.world.game.records.has(3n)).toBe(false);
    expect(t.world.oracle.records.has(2n)).toBe(true);

    deferred.drain();
    expect(t.world.oracle.records.has(2n)).toBe(false);
    expect(tally.requests).toBe(1);
    await recorder.close();
    expect(read("transactions").map((r) => r.split(",").slice(0, 2).concat(r.split(",").slice(6, 9)).join(","))).toEqual([
      "0,1,OpmlOracle,requestCallback,success",
      "0,1,OpmlOracle,requestCallback,reverted",
      "0,2,OpmlOracle,submit,success",
    ]);
    expect(read("flows")[0]).toMatch(/^0,7,1000,eth,OpmlOracle.requestCallback,user-0,oracle,5,,/);
    expect(read("requests").map((r) => r.split(",")[0])).toEqual(["2"]);
    expect(read("disputes")).toHaveLength(1);
    expect(read("disputes")[0]).toMatch(/^3,1,malicious-submitter-0,honest-challenger-0,malicious-submitter,honest-challenger,0,1,8,1900,8,1900,0,challenger,timeout,defeated,4,2,2$/);
  });

  it("recordMinedBlock: the outcomes arrive after the events, and the rows come out as recordTurn writes them", async () => {
    const rowsOf = async (pipelined: boolean) => {
      const { t, run, vm, deferred, recorder, outcome, read } = setup();
      const stats = createEpochStats();
      const clock = { now: 1_000, epoch: 0, turn: 1 };
      const events = t.apply(
        [
          t.log("oracle", "AICallbackRequest", { account: user.address, requestId: 1n, modelId: 1n, input: encodePacked(INPUT.map(() => "int32"), INPUT), callbackContract: user.address, gasLimit: 0n, callbackData: "0x", fee: 5n }, 7n),
          t.log("oracle", "RequestExpired", { requestId: 1n, requester: user.address, refund: 5n }, 7n),
        ],
        clock.now,
      );
      t.honest.set(1n, vm.honestFinal(1n).stateHash);
      const outcomes = [outcome(user.address, "OpmlOracle.requestCallback", "success", 100n, 7n, 5n), outcome(user.address, "OpmlOracle.requestCallback", "reverted", 30n, 7n)];
      if (pipelined) {
        let arrive: (o: TxOutcome[]) => void = () => undefined;
        const settled = recordMinedBlock(run, stats, clock, { outcomes: new Promise<TxOutcome[]>((resolve) => (arrive = resolve)) }, events);
        // The events count now; the transactions when their outcomes arrive; draining before then is an error.
        expect(stats).toMatchObject({ requests: 1, transactions: 0 });
        arrive(outcomes);
        await settled;
      } else {
        recordTurn(run, stats, clock, outcomes, events);
      }
      expect(stats).toMatchObject({ transactions: 2, reverted: 1, gas: 130n, requests: 1, lastBlock: 7n });
      deferred.drain();
      await recorder.close();
      return { transactions: read("transactions"), flows: read("flows"), requests: read("requests") };
    };
    const direct = await rowsOf(false);
    // The ETH the first transaction moved, then the refund's credit; the expired request's row.
    expect(direct.flows.map((f) => f.split(",")[4])).toEqual(["OpmlOracle.requestCallback", "expired-escrow-refund"]);
    expect(direct.requests).toHaveLength(1);
    expect(await rowsOf(true)).toEqual(direct);

    // Draining the queue before the outcomes are in would lose their rows: it is an error.
    const { run, deferred } = setup();
    void recordMinedBlock(run, createEpochStats(), { now: 0, epoch: 3, turn: 2 }, { outcomes: new Promise<TxOutcome[]>(() => undefined) }, []);
    expect(() => deferred.drain()).toThrow(/epoch 3, turn 2 were drained before they arrived/);
  });

  it("writes a snapshots row for every Snapshot event, whoever's transaction took it (a launch collection included)", async () => {
    const { t, run, deferred, recorder, outcome, read } = setup();
    const stats = createEpochStats();
    const investor = testAgent("investor", 0);
    // the snapshot taken inside an investor's claimAllocation: no RevShareToken.snapshot transaction
    const events = t.apply([t.log("token", "Snapshot", { snapshotId: 1n, timestamp: 3_600n, eligibleSupply: 7n * 10n ** 18n }, 9n)], 3_600);
    recordTurn(run, stats, { now: 3_600, epoch: 1, turn: 0 }, [outcome(investor.address, "ImoLaunch.claimAllocation", "success", 80n, 9n)], events);
    deferred.drain();
    await recorder.close();
    expect(read("snapshots")).toEqual(["1,1,9,3600,7000000000000000000"]);
  });
});

