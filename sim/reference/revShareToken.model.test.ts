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
  SetBlacklisted,
  SetPaused,
  SetRefusesEth,
  Snapshot,
  Transfer,
  WarpToDue,
  WithdrawCredit,
  type Deployment,
  type TokenConfig,
} from "./revShareTokenCommands.ts";

/**
 * Model-based test of RevShareToken on a real Anvil: fast-check generates call sequences (transfers,
 * deposits, force-sends, absorbSurplus, snapshots too early and on time, warps to the due second and
 * either side of it, claims inside and outside the window, double claims, batch claims, burns, the ERC-20
 * blacklisting actors or pausing, actors refusing ETH, credit withdrawals) and after every call the
 * reference model (sim/reference/revShareToken.ts) and the chain must agree on every balance, claimable
 * amount, credit and book.
 *
 * Replay a failure: FC_SEED=<seed> FC_PATH=<path> FC_REPLAY_PATH=<replayPath> npx vitest run sim/reference/revShareToken.model.test.ts
 * (all three are printed with the counterexample; replayPath is in its trailing comment)
 * FC_TRACE=1 prints the resolved calls of the walkthrough.
 * Heavy: FC_NUM_RUNS=1000 npx vitest run sim/reference/revShareToken.model.test.ts
 */

const CONFIGS: TokenConfig[] = [
  // ETH and a blacklisting ERC-20 revenue asset; the window closes after 2 snapshots.
  { label: "RollForward, 80% claimable, window 2, ETH + ERC-20", claimableBps: 8000, claimWindow: 2, policy: "RollForward", withErc20: true },
  // ETH only (the ERC-20 is refused as revenue); odd bps for rounding dust; window 3.
  { label: "ToRedeemPool, 33.33% claimable, window 3, ETH only", claimableBps: 3333, claimWindow: 3, policy: "ToRedeemPool", withErc20: false },
];

const DEFAULT_RUNS = 40;
const MAX_COMMANDS = 50;
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
  "burn in the due window",
  "payout credited",
  "withdrawCredit RevShareToken_NothingToWithdraw",
];

/**
 * A fixed sequence through every command, run as is (no generation): rounding dust, a window closing
 * with unclaimed revenue (rolled forward or moved to the redeem pool), the excluded holder selling and
 * burning, a force-send absorbed, burns redeeming, and the refusals (too early, double claim, closed
 * window, over-balance transfer and burn); then a transfer and a burn at the due second (they count for
 * the snapshot after), payouts credited (blacklisted, refusing ETH) and withdrawn (refused to itself,
 * paid to another actor), the ERC-20 paused, every eligible holder burning everything (the next snapshot
 * splits nothing) and a new holder getting what waited.
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
  // Balances now: actor0 701, actor1 503, actor2 0, actor3 400, sale 500.
  new SetBlacklisted(1, true),
  new SetRefusesEth(3, true),
  new Deposit(0, "depositRevenue", 10_007n),
  new Deposit(0, "depositRevenueERC20", 5_003n),
  new WarpToDue(0), // snapshot 5 is due
  new Transfer(0, 3, 100n), // counts for snapshot 6
  new Burn(1, 50n), // keeps its claim on snapshot 5
  new Snapshot(0), // = snapshot 5
  new Claim(1, { back: 0 }), // ERC-20 credited (blacklisted)
  new Claim(3, { back: 0 }), // ETH credited (refuses ETH)
  new WithdrawCredit(3, false, 3), // to itself: refused, credit kept
  new WithdrawCredit(3, false, 0), // to actor0: paid
  new WithdrawCredit(3, false, 0), // nothing left
  new SetBlacklisted(1, false),
  new WithdrawCredit(1, true, "token"),
  new WithdrawCredit(1, true, 1),
  new SetPaused(true),
  new Deposit(3, "depositRevenueERC20", 9n),
  new SetPaused(false),
  new SetRefusesEth(3, false),
  new Burn(0, "all"),
  new Burn(1, "all"),
  new Burn(2, "all"),
  new Burn(3, "all"), // no eligible supply left
  new Deposit(0, "depositRevenue", 777n),
  new Snapshot(100), // = snapshot 6: no eligible supply, splits nothing
  new Transfer(4, 3, 10n), // the excluded holder sells to actor3
  new Snapshot(100), // = snapshot 7: splits what waited
  new Claim(3, { back: 0 }),
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
    const trace = deployment.real.trace.join("\n");
    expect(trace).toMatch(/claimAgain\(actor0, snapshot 1\) -> RevShareToken_AlreadyClaimed/);
    expect(trace).toMatch(/withdrawCredit\(actor3, ETH → actor3\) -> RevShareToken_TransferFailed/);
    expect(trace).toMatch(/withdrawCredit\(actor3, ETH → actor0\) -> ok/);
    expect(trace).toMatch(/claim\(actor3, snapshot 7\) -> ok/);
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
