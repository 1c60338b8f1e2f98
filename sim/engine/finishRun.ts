import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Address } from "viem";
import { checkAssertions, type AssertionResult } from "./checkAssertions.ts";
import type { Run } from "./createRun.ts";
import { watchedContracts } from "./deployment.ts";
import { readBalances } from "./reads/readBalances.ts";
import { readTokenBooks } from "./reads/readTokenBooks.ts";
import { metadataText, runMetadata } from "./runMetadata.ts";

export type FinishRunReturnType = { transactions: number; requests: number; wrongFinalized: number; assertions: AssertionResult[] };

/**
 * After the last epoch (and the last drain of the deferred queue): writes the requests and games still
 * open as they stand, closes the tables, checks the scenario's assertions and writes metadata.json.
 */
export async function finishRun(run: Run, dir: string, scenarioFile: string | undefined): Promise<FinishRunReturnType> {
  const { scenario, rpc, deployment, world, recorder, tally } = run;
  for (const id of [...world.oracle.records.keys()]) run.writeRequest(id);
  for (const record of world.game.records.values()) recorder.dispute(record);

  const balances = await readBalances(rpc, watchedContracts(deployment).map(({ address }) => address));
  const books = await readTokenBooks(rpc, deployment.token);
  const usage = run.usage ? await run.usage.finish() : undefined;
  const counts = { ...recorder.counts(), ...usage?.counts };
  await recorder.close();

  const assertions = checkAssertions(scenario.assertions, {
    wrongFinalized: tally.wrongFinalized,
    wrongFinalizedWhileHonestLive: tally.wrongFinalizedWhileHonestLive,
    tokenBalance: balances.get(deployment.token.toLowerCase()) ?? 0n,
    books,
    ledger: usage ? { balance: usage.balance, books: usage.books } : undefined,
  });
  const metadata = runMetadata({
    dir,
    scenario,
    scenarioFile,
    deployment,
    counts,
    balances: Object.fromEntries([...balances].map(([a, b]) => [run.names.nameOf(a as Address), b.toString()])),
    assertions,
    modelTraceLength: run.vm.traceLength,
  });
  writeFileSync(join(dir, "metadata.json"), metadataText(metadata));
  return { transactions: tally.transactions, requests: tally.requests, wrongFinalized: tally.wrongFinalized, assertions };
}
