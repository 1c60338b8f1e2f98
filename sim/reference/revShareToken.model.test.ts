import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fcCommandOptions, fcParams, fcTimeout } from "../testing/fcParams.ts";
import { startModelChain, type ModelChain } from "../testing/modelChain.ts";
import {
  AbsorbSurplus,
  Burn,
  Claim,
  ClaimBatch,
  ClaimTwice,
  commandArbs,
  Deposit,
  deploy,
  ForceSend,
  freshModel,
  outcomes,
  Snapshot,
  Transfer, type Deployment, type TokenConfig } from "./revShareTokenCommands.ts";

/**
 * Model-based test of RevShareToken on a real Anvil: fast-check generates call sequences (transfers,
 * deposits, force-sends, absorbSurplus, snapshots too early and on time, claims inside and outside the
 * window, double claims, batch claims, burns) and after every call the reference model
 * (sim/reference/revShareToken.ts) and the chain must agree on every balance, claimable amount and book.
 *
 * Replay a failure: FC_SEED=<seed> FC_PATH=<path> FC_REPLAY_PATH=<replayPath> npx vitest run sim/reference/revShareToken.model.test.ts
 * (all three are printed with the counterexample; replayPath is in its trailing comment)
 * FC_TRACE=1 prints the resolved calls of the walkthrough.
 * Heavy: FC_NUM_RUNS=1000 npx vitest run sim/reference/revShareToken.model.test.ts
 */

const CONFIGS: TokenConfig[] = [
  // ETH and an ERC-20 revenue asset; the window closes after 2 snapshots.
  { label: "RollForward, 80% claimable, window 2, ETH + ERC-20", claimableBps: 8000, claimWindow: 2, policy: "RollForward", withErc20: true },
  // ETH only (the ERC-20 is refused); odd bps for rounding dust; window 3.
  { label: "ToRedeemPool, 33.33% claimable, window 3, ETH only", claimableBps: 3333, claimWindow: 3, policy: "ToRedeemPool", withErc20: false },
];

const DEFAULT_RUNS = 40;
const MAX_COMMANDS = 40;
const params = fcParams(DEFAULT_RUNS);
/** Replaying a shrunk failure needs FC_REPLAY_PATH besides FC_SEED and FC_PATH (see fcCommandOptions). */
const COMMANDS_OPTIONS = fcCommandOptions(MAX_COMMANDS);
/** About 1 s per run of 30 commands on a loaded machine, with a wide margin. */
const TIMEOUT_MS = fcTimeout(params.numRuns, 3_000);

/** Outcomes every default-sized campaign must reach, or the generators have stopped exercising the token. */
const MUST_REACH = [
  "transfer ok",
  "transfer ERC20InsufficientBalance",
  "depositRevenue ok",
  "send ok",
  "snapshot ok",
  "snapshot RevShareToken_SnapshotTooEarly",
  "claim ok",
  "claim RevShareToken_SnapshotNotClaimable",
  "claim RevShareToken_FutureSnapshot",
  "claim RevShareToken_ExcludedAccount",
  "claimAgain RevShareToken_AlreadyClaimed",
  "claimBatch ok",
  "burn ok",
  "burn ERC20InsufficientBalance",
  "absorbSurplus ok",
];

/**
 * A fixed sequence through every command, run as is (no generation): rounding dust, a window closing
 * with unclaimed revenue (rolled forward or moved to the redeem pool), the excluded holder selling and
 * burning, a force-send absorbed, burns redeeming, and the refusals (too early, double claim, closed
 * window, over-balance transfer and burn).
 */
const WALKTHROUGH = () => [
  new Deposit(0, "depositRevenue", 1_000_003n),
  new Deposit(1, "depositRevenueERC20", 777n),
  new Snapshot(50), // too early
  new Snapshot(60), // = snapshot 1
  new Transfer(4, 3, 400n), // the excluded holder sells to actor3
  new ClaimTwice(0, { id: 1 }),
  new Claim(1, { id: 1 }),
  new Claim(4, { id: 1 }), // excluded
  new Claim(3, { id: 1 }), // held nothing at snapshot 1
  new Deposit(2, "send", 999n),
  new ForceSend(false, 12_345n),
  new AbsorbSurplus(false),
  new ForceSend(true, 55n),
  new AbsorbSurplus(true),
  new Snapshot(100), // = snapshot 2
  new Snapshot(100), // = snapshot 3: closes window 2's snapshot 1
  new Snapshot(100), // = snapshot 4
  new Claim(2, { id: 1 }), // closed
  new ClaimBatch(3, [{ id: 4 }, { id: 3 }]),
  new ClaimBatch(0, [{ id: 4 }, { id: 4 }]), // repeated id
  new Transfer(1, 0, 10_000n), // beyond balance
  new Transfer(1, "token", 1n), // to the token itself
  new Burn(2, 297n),
  new Burn(4, 100n), // excluded: burns, redeems nothing
  new Burn(0, 5_000n), // beyond balance
  new Burn(1, 0n),
  new Snapshot(0), // too early
  new Claim(0, { next: true }),
  new Claim(0, { id: 0 }),
  new ClaimBatch(0, []),
];

describe.each(CONFIGS)("RevShareToken model-based ($label)", (config) => {
  let chain: ModelChain;
  let deployment: Deployment;

  beforeAll(async () => {
    outcomes.clear();
    chain = await startModelChain();
    deployment = await deploy(chain, config);
  }, 120_000);
  afterAll(async () => chain?.stop());

  it("a fixed walkthrough of every command matches the model", async () => {
    deployment.start = await chain.restore(deployment.start);
    deployment.real.trace.length = 0;
    await fc.asyncModelRun(() => ({ model: freshModel(deployment), real: deployment.real }), WALKTHROUGH());
    if (process.env.FC_TRACE) console.log(deployment.real.trace.join("\n"));
    // Every call ran (none was skipped by `check`) and the trace shows the refusals it was written for.
    expect(deployment.real.trace.length).toBeGreaterThanOrEqual(WALKTHROUGH().length);
    expect(deployment.real.trace.join("\n")).toMatch(/claimAgain\(actor0, snapshot 1\) -> RevShareToken_AlreadyClaimed/);
  });

  it(
    "after every call the chain matches the reference model (balances, claimables, books, reverts)",
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.commands(commandArbs(), COMMANDS_OPTIONS), async (cmds) => {
          deployment.start = await chain.restore(deployment.start);
          const setup = () => {
            deployment.real.trace.length = 0;
            return { model: freshModel(deployment), real: deployment.real };
          };
          await fc.asyncModelRun(setup, cmds);
        }),
        params,
      );
      const seen = [...outcomes].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k}: ${n}`);
      console.log(`${config.label}: ${params.numRuns} runs; outcomes ${seen.join("; ")}`);
      // A replay of one counterexample (FC_PATH) runs a single short sequence: coverage is not its point.
      if (params.path === undefined) expect(MUST_REACH.filter((k) => !outcomes.has(k))).toEqual([]);
    },
    TIMEOUT_MS,
  );
});
