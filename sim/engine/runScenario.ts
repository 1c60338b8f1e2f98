import type { RoleRegistry } from "../agents/roles.ts";
import type { AgentStates } from "../agents/types.ts";
import type { TxRequest } from "../chain/executor.ts";
import { onInterrupt, runAnvilSettings, startAnvil, type StartAnvilParameters } from "../chain/startAnvil.ts";
import { BaseError } from "../errors/index.ts";
import { commitRunFolder, createPartialFolder, discardPartialFolder } from "../runFolder/partialFolder.ts";
import type { Scenario } from "../scenario/schema.ts";
import type { AssertionResult } from "./checkAssertions.ts";
import { readRssMb } from "./readRssMb.ts";
import { simulate } from "./simulate.ts";
import type { TurnProfile } from "./turnProfile.ts";

export type { AssertionResult } from "./checkAssertions.ts";

export type RunProgress = { epoch: number; epochs: number; transactions: number; elapsedSeconds: number };

export type RunScenarioParameters = {
  scenario: Scenario;
  /** The run folder; written under a temporary name and moved into place only when the run is complete. */
  outDir: string;
  /** Scenario file, recorded in the metadata. */
  scenarioFile?: string | undefined;
  onProgress?: ((progress: RunProgress) => void) | undefined;
  /** Called with every turn's transactions before they are sent (the benchmark replays them). */
  onBlock?: ((requests: readonly TxRequest[], timestamp: number) => void) | undefined;
  /**
   * Called after each epoch; a promise it returns is awaited and its time left out of `loopSeconds` (the benchmark
   * replays the epoch's transactions on its reference anvil there, so both share the machine's load alike).
   */
  afterEpoch?: ((epoch: number) => void | Promise<void>) | undefined;
  /** Called once anvil is up, with its process id (the benchmark reads its CPU time). */
  onAnvil?: ((pid: number | undefined) => void) | undefined;
  /** The roles to run: the shipped registry (agents/roles.ts) unless a test or an experiment passes its own. */
  roles?: RoleRegistry | undefined;
  /** How anvil runs (chain/startAnvil.ts runAnvilSettings unless given): a run writes the same bytes either way. */
  anvil?: Pick<StartAnvilParameters, "forkEmpty" | "keepBlocks"> | undefined;
  /** Where the turns' time is summed (engine/turnProfile.ts; the benchmark reads it). */
  profile?: TurnProfile | undefined;
};

export type RunScenarioReturnType = {
  outDir: string;
  transactions: number;
  requests: number;
  wrongFinalized: number;
  assertions: AssertionResult[];
  /** Every agent's state at the end of the run. */
  agentStates: AgentStates;
  wallSeconds: number;
  /** Seconds of the epoch loop alone (no anvil start, deployment or final reads): what the benchmark compares. */
  loopSeconds: number;
  /** Peak resident memory of anvil, in MB, if it could be read. */
  anvilRssMb: number | undefined;
};

/** A scenario assertion failed: the run is complete and written, and the exit code is 1. */
export class ScenarioAssertionError extends BaseError {
  override name = "ScenarioAssertionError";
}

/**
 * Runs a scenario end to end on a fresh anvil (engine/simulate.ts runs the turns). Writes the run folder
 * under a temporary name and moves it into place when complete; anvil is stopped, and a partial folder
 * removed, on every exit path.
 */
export async function runScenario({ scenario, outDir, scenarioFile, onProgress, onBlock, afterEpoch, onAnvil, roles, anvil: anvilSettings = runAnvilSettings(), profile }: RunScenarioParameters): Promise<RunScenarioReturnType> {
  const started = performance.now();
  // The run is written beside outDir and moved into place only when complete; nothing else is deleted (sim/runFolder).
  const partial = createPartialFolder(outDir);
  const forgetCleanup = onInterrupt(() => discardPartialFolder(partial));
  const anvil = await startAnvil({ timestamp: scenario.startTimestamp - 3_600, ...anvilSettings }).catch((error: unknown) => {
    discardPartialFolder(partial);
    throw error;
  });
  onAnvil?.(anvil.pid);
  let anvilRssMb: number | undefined;
  const sampleAnvilRss = () => {
    const rss = readRssMb(anvil.pid);
    if (rss !== undefined) anvilRssMb = Math.max(anvilRssMb ?? 0, rss);
  };
  try {
    const result = await simulate({
      scenario,
      rpc: anvil.rpc,
      dir: partial,
      scenarioFile,
      roles,
      onBlock,
      ...(profile ? { profile } : {}),
      onEpoch: (epoch, transactions) => {
        if (epoch % 10 === 0) sampleAnvilRss();
        onProgress?.({ epoch: epoch + 1, epochs: scenario.epochs, transactions, elapsedSeconds: (performance.now() - started) / 1000 });
        return afterEpoch?.(epoch);
      },
    });
    sampleAnvilRss();
    await anvil.stop();
    commitRunFolder(partial, outDir);
    forgetCleanup();
    return { ...result, outDir, wallSeconds: (performance.now() - started) / 1000, anvilRssMb };
  } catch (error) {
    await anvil.stop();
    discardPartialFolder(partial);
    forgetCleanup();
    throw error;
  }
}
