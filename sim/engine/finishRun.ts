import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { encodeFunctionData, type Address, type Hex } from "viem";
import { erc20Abi } from "../market/uniswap.ts";
import { checkAssertions, type AssertionResult } from "./checkAssertions.ts";
import type { Run } from "./createRun.ts";
import { watchedContracts } from "./deployment.ts";
import { readBalances } from "./reads/readBalances.ts";
import { readClaimable } from "./reads/readClaimable.ts";
import { oracleBooked, readOracleBooks, type OracleBooks } from "./reads/readOracleBooks.ts";
import { readTokenBooks } from "./reads/readTokenBooks.ts";
import { metadataText, runMetadata } from "./runMetadata.ts";

export type FinishRunReturnType = { transactions: number; requests: number; wrongFinalized: number; assertions: AssertionResult[] };

/** Every address a run knows (agents, users, contracts, parties), once: the accounts whose oracle credit is summed. */
function knownAccounts(run: Run): Address[] {
  const all = [...run.agents, ...run.populations.flatMap((p) => p.members)].map((a) => a.address);
  const parties = Object.values(run.flowParties).filter((v): v is Address => typeof v === "string" && v.startsWith("0x"));
  const seen = new Set<string>();
  return [...all, ...parties].filter((a) => !seen.has(a.toLowerCase()) && seen.add(a.toLowerCase()) !== undefined);
}

/** What each agent can still claim at the end (claimable_end.csv), per snapshot of the open window, in agents' order. */
async function recordClaimableEnd(run: Run): Promise<void> {
  const { rpc, deployment, world, scenario, recorder, names } = run;
  const addresses = run.agents.map((a) => a.address);
  const claimable = await readClaimable(rpc, deployment.token, addresses, world.token.currentSnapshotId, scenario.token.claimWindow);
  for (const address of addresses) {
    const mine = claimable.get(address.toLowerCase());
    if (!mine) continue;
    for (const [id, amount] of [...mine].sort(([a], [b]) => a - b)) recorder.claimableEnd({ agent: names.nameOf(address), snapshot_id: id, claimable_wei: amount, address });
  }
}

/** The oracle's books as metadata.json records them (wei as decimal strings). */
function booksJson(books: OracleBooks): Record<string, string | number> {
  return Object.fromEntries(Object.entries(books).map(([k, v]) => [k, typeof v === "bigint" ? v.toString() : v]));
}

/**
 * After the last epoch (and the last drain of the deferred queue): writes the requests and games still
 * open as they stand, closes the tables, reads the oracle's and the token's books, checks the scenario's
 * assertions and writes metadata.json.
 */
export async function finishRun(run: Run, dir: string, scenarioFile: string | undefined): Promise<FinishRunReturnType> {
  const { scenario, rpc, deployment, world, recorder, tally } = run;
  const endTime = scenario.startTimestamp + scenario.epochs * scenario.epoch.seconds - run.blockSeconds;
  for (const id of [...world.oracle.records.keys()]) run.writeRequest(id, endTime);
  for (const record of world.game.records.values()) recorder.dispute(record);

  const balances = await readBalances(rpc, watchedContracts(deployment).map(({ address }) => address));
  if (deployment.amm) {
    // the pair holds its ETH as WETH: its conservation line ("pair") is the WETH it holds against the ETH flows in and out
    const data = encodeFunctionData({ abi: erc20Abi, functionName: "balanceOf", args: [deployment.amm.pair] });
    balances.set(deployment.amm.pair.toLowerCase(), BigInt(await rpc.request<Hex>("eth_call", [{ to: deployment.amm.weth, data }, "latest"])));
  }
  const books = await readTokenBooks(rpc, deployment.token);
  const oracleBooks = await readOracleBooks(rpc, deployment.oracle, knownAccounts(run));
  await recordClaimableEnd(run);
  const usage = run.usage ? await run.usage.finish() : undefined;
  const counts = { ...recorder.counts(), ...usage?.counts };
  await recorder.close();

  const assertions = checkAssertions(scenario.assertions, {
    wrongFinalized: tally.wrongFinalized,
    wrongFinalizedWhileHonestLive: tally.wrongFinalizedWhileHonestLive,
    tokenBalance: balances.get(deployment.token.toLowerCase()) ?? 0n,
    books,
    ledger: usage ? { balance: usage.balance, books: usage.books } : undefined,
    oracleBalance: oracleBooks.balance,
    oracleBooked: oracleBooked(oracleBooks),
    pastFinalityBound: tally.pastFinalityBound,
    checkedAgainstBound: tally.checkedAgainstBound,
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
    oracleBooks: booksJson(oracleBooks),
  });
  writeFileSync(join(dir, "metadata.json"), metadataText(metadata));
  return { transactions: tally.transactions, requests: tally.requests, wrongFinalized: tally.wrongFinalized, assertions };
}
