#!/usr/bin/env node
// Every gas figure that README.md and docs/ quote from the gas snapshots (snapshots/*.json), where it is quoted:
// `npm run docs:gas` rewrites them from the snapshots, and tools/docGasFigures.test.ts fails, naming the stale
// figure, whenever a snapshot moves and the docs were not rewritten. After `npm run gas:snapshot`, run
// `npm run docs:gas` and commit both.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(fileURLToPath(new URL(".", import.meta.url)), "..");

/**
 * One quoted figure: in `file`, the `index`-th number (0 = the first) after the text `anchor` (which occurs once in
 * the file) is the figure `key` of snapshots/<snapshot>.json.
 */
export const DOC_GAS_FIGURES = [
  // README.md: the token's table.
  ["README.md", "| transfer, steady state within a period | ", 0, "RevShareToken", "transfer, steady state"],
  ["README.md", "| transfer, first after a snapshot, both accounts with older checkpoints | ", 0, "RevShareToken", "transfer, first after snapshot"],
  ["README.md", "| `snapshot()` | ", 0, "RevShareToken", "snapshot"],
  ["README.md", "| `claim`, not the first claimer | ", 0, "RevShareToken", "claim, not the first claimer"],
  ["README.md", "| `claim` after 1 past checkpoint | ", 0, "RevShareToken", "claim after 1 past checkpoints"],
  ["README.md", "| `claim` after 1,000 past checkpoints | ", 0, "RevShareToken", "claim after 1000 past checkpoints"],
  ["README.md", "| `claimBatch` of 2 | ", 0, "RevShareToken", "claimBatch of 2"],
  ["README.md", "| `claimBatch` of 10 | ", 0, "RevShareToken", "claimBatch of 10"],
  ["README.md", "| `burn`, first in a period | ", 0, "RevShareToken", "burn, first in a period"],
  ["README.md", "| `ImoLaunch.deposit`, a second depositor | ", 0, "ImoLaunch", "deposit, second depositor"],
  ["README.md", "| `ImoLaunch.claimAllocation`, first after a snapshot (harvests it, pays tokens, refund, revenue) | ", 0, "ImoLaunch", "claimAllocation, harvesting one snapshot"],
  ["README.md", "| `ImoLaunch.claimAllocation` once a snapshot is due (takes it, harvests it, pays) | ", 0, "ImoLaunch", "claimAllocation, taking the due snapshot"],
  ["README.md", "| `ImoLaunch.harvest`, one snapshot (keeper) | ", 0, "ImoLaunch", "harvest, one snapshot"],
  // README.md: the usage ledger's table.
  ["README.md", "| `report`, 1 receipt (pays a real RevShareToken) | ", 0, "UsageLedger", "report, 1 receipt"],
  ["README.md", "| `report`, 1,000,000 receipts | ", 0, "UsageLedger", "report, 1,000,000 receipts"],
  ["README.md", "| `report`, empty period | ", 0, "UsageLedger", "report, empty period"],
  ["README.md", "| `proveOutOfRange` / `provePriceAboveTotal` (slash included) | ", 0, "UsageLedger", "proveOutOfRange"],
  ["README.md", "| `proveOutOfRange` / `provePriceAboveTotal` (slash included) | ", 1, "UsageLedger", "provePriceAboveTotal"],
  ["README.md", "| `proveEquivocation` (slash included) | ", 0, "UsageLedger", "proveEquivocation"],
  ["README.md", "| `challengeReceipt` | ", 0, "UsageLedger", "challengeReceipt"],
  ["README.md", "| `answerChallenge`, 1,024 / 2^20 receipts | ", 0, "UsageLedger", "answerChallenge, 1,024 receipts (depth 10)"],
  ["README.md", "| `answerChallenge`, 1,024 / 2^20 receipts | ", 1, "UsageLedger", "answerChallenge, 2^20 receipts (depth 20)"],
  ["README.md", "| `slashUnanswered` / `slashOverdue` | ", 0, "UsageLedger", "slashUnanswered"],
  ["README.md", "| `slashUnanswered` / `slashOverdue` | ", 1, "UsageLedger", "slashOverdue"],
  // README.md: the oracle's table.
  ["README.md", "| `requestCallback` (not the first request) | ", 0, "OpmlOracle", "requestCallback, not the first"],
  ["README.md", "| `submit` with its bond (no-op callback) | ", 0, "OpmlOracle", "submit, bond and no-op callback"],
  ["README.md", "| `challenge` / `vouch` | ", 0, "OpmlOracle", "challenge, opens a game"],
  ["README.md", "| `challenge` / `vouch` | ", 1, "OpmlOracle", "vouch, a copy of a claim"],
  ["README.md", "| `bisect` / `respond` (max over 16 rounds) | ", 0, "BisectionGame", "bisect, max over 16 rounds"],
  ["README.md", "| `bisect` / `respond` (max over 16 rounds) | ", 1, "BisectionGame", "respond, max over 16 rounds"],
  ["README.md", "| `step` (VM step, defeating a claim) | ", 0, "BisectionGame", "step, VM step + settle (defeats a claim)"],
  ["README.md", "| `finalize` of a disputed request (submission wins / a challenge wins, callback re-run) | ", 0, "OpmlOracle", "finalize, disputed, submission wins"],
  ["README.md", "| `finalize` of a disputed request (submission wins / a challenge wins, callback re-run) | ", 1, "OpmlOracle", "finalize, disputed, a challenge wins, incl. second callback"],
  ["README.md", "| `releaseBond` | ", 0, "OpmlOracle", "releaseBond"],
  ["README.md", "| `finalizeBatch`, per request in batches of 50 | ", 0, "OpmlOracle", "finalizeBatch of 50, per request"],
  ["README.md", "| `finalize` of an undisputed request (alone) | ", 0, "OpmlOracle", "finalize, undisputed"],
  ["README.md", "| `timeout` (defeating a claim) | ", 0, "BisectionGame", "timeout, defeats a claim"],
  // README.md: the NFT's sentence.
  ["README.md", "Gas: mint ", 0, "AigcNFT", "mint (incl. oracle request), tx gas"],
  ["README.md", "Gas: mint ", 1, "AigcNFT", "market list, tx gas"],
  ["README.md", "Gas: mint ", 2, "AigcNFT", "market buy (royalty to RevShareToken), tx gas"],
  ["README.md", "Gas: mint ", 3, "AigcNFT", "reclaimExpired (oracle refundExpired + withdraw + push), tx gas"],
  ["README.md", "Gas: mint ", 4, "AigcNFT", "callback addAigcData, own gas"],
  ["README.md", "Gas: mint ", 5, "AigcNFT", "callback update, own gas"],
  // docs/oracle.md: the gas table, and the current figures its history quotes.
  ["docs/oracle.md", "| `requestCallback` (not the first) | ", 0, "OpmlOracle", "requestCallback, not the first"],
  ["docs/oracle.md", "| `submit` (bond, no-op callback) | ", 0, "OpmlOracle", "submit, bond and no-op callback"],
  ["docs/oracle.md", "| `challenge` (a claim and its game) | ", 0, "OpmlOracle", "challenge, opens a game"],
  ["docs/oracle.md", "| `vouch` (a copy, no game) | ", 0, "OpmlOracle", "vouch, a copy of a claim"],
  ["docs/oracle.md", "| `bisect` (max over 16 rounds) | ", 0, "BisectionGame", "bisect, max over 16 rounds"],
  ["docs/oracle.md", "| `respond` (max over 16 rounds) | ", 0, "BisectionGame", "respond, max over 16 rounds"],
  ["docs/oracle.md", "| `step` (VM step + defeating a claim) | ", 0, "BisectionGame", "step, VM step + settle (defeats a claim)"],
  ["docs/oracle.md", "| `timeout` (defeating a claim) | ", 0, "BisectionGame", "timeout, defeats a claim"],
  ["docs/oracle.md", "| `finalize`, disputed, the submission wins | ", 0, "OpmlOracle", "finalize, disputed, submission wins"],
  ["docs/oracle.md", "| `finalize`, disputed, a challenge wins (second callback included, no-op receiver) | ", 0, "OpmlOracle", "finalize, disputed, a challenge wins, incl. second callback"],
  ["docs/oracle.md", "| `releaseBond` | ", 0, "OpmlOracle", "releaseBond"],
  ["docs/oracle.md", "| `finalizeBatch`, per request in batches of 50 (undisputed) | ", 0, "OpmlOracle", "finalizeBatch of 50, per request"],
  ["docs/oracle.md", "| `finalize`, undisputed (alone) | ", 0, "OpmlOracle", "finalize, undisputed"],
  ["docs/oracle.md", "nonzero-to-nonzero: 99,685 → ", 0, "OpmlOracle", "submit, bond and no-op callback"],
  ["docs/oracle.md", "came back under its target (171,738 → ", 0, "OpmlOracle", "requestCallback, not the first"],
  // docs/aigc.md: the gas table.
  ["docs/aigc.md", "| mint, steady state (incl. oracle request) | ", 0, "AigcNFT", "mint (incl. oracle request), tx gas"],
  ["docs/aigc.md", "| mint, model's first request (oracle records the model version) | ", 0, "AigcNFT", "mint, first request of the model (incl. oracle request + version snapshot), tx gas"],
  ["docs/aigc.md", "| callback addAigcData, own gas (tx ", 0, "AigcNFT", "callback addAigcData, tx gas"],
  ["docs/aigc.md", "| callback addAigcData, own gas (tx ", 1, "AigcNFT", "callback addAigcData, own gas"],
  ["docs/aigc.md", "| callback update, own gas (tx ", 0, "AigcNFT", "callback update, tx gas"],
  ["docs/aigc.md", "| callback update, own gas (tx ", 1, "AigcNFT", "callback update, own gas"],
  ["docs/aigc.md", "| oracle submit incl. addAigcData callback | ", 0, "AigcNFT", "oracle submit incl. addAigcData callback, tx gas"],
  ["docs/aigc.md", "| oracle finalize of a corrected result incl. update callback | ", 0, "AigcNFT", "finalize of a corrected result incl. update callback, tx gas"],
  ["docs/aigc.md", "| market list | ", 0, "AigcNFT", "market list, tx gas"],
  ["docs/aigc.md", "| market buy (royalty to RevShareToken) | ", 0, "AigcNFT", "market buy (royalty to RevShareToken), tx gas"],
  ["docs/aigc.md", "| reclaimExpired (oracle refundExpired + withdraw + refund push) | ", 0, "AigcNFT", "reclaimExpired (oracle refundExpired + withdraw + push), tx gas"],
  // docs/usage.md: the gas table.
  ["docs/usage.md", "| `report`, 1 receipt | ", 0, "UsageLedger", "report, 1 receipt"],
  ["docs/usage.md", "| `report`, 1,000,000 receipts (O(1): only calldata differs) | ", 0, "UsageLedger", "report, 1,000,000 receipts"],
  ["docs/usage.md", "| `report`, empty period | ", 0, "UsageLedger", "report, empty period"],
  ["docs/usage.md", "| `register` | ", 0, "UsageLedger", "register"],
  ["docs/usage.md", "| `proveOutOfRange` (slash, token paid) | ", 0, "UsageLedger", "proveOutOfRange"],
  ["docs/usage.md", "| `proveEquivocation` (two signatures, slash) | ", 0, "UsageLedger", "proveEquivocation"],
  ["docs/usage.md", "| `provePriceAboveTotal` (slash) | ", 0, "UsageLedger", "provePriceAboveTotal"],
  ["docs/usage.md", "| `challengeReceipt` | ", 0, "UsageLedger", "challengeReceipt"],
  ["docs/usage.md", "| `answerChallenge`, 16 / 1,024 / 2^20 / 2^30 receipts (depth 4 / 10 / 20 / 30) | ", 0, "UsageLedger", "answerChallenge, 16 receipts (depth 4)"],
  ["docs/usage.md", "| `answerChallenge`, 16 / 1,024 / 2^20 / 2^30 receipts (depth 4 / 10 / 20 / 30) | ", 1, "UsageLedger", "answerChallenge, 1,024 receipts (depth 10)"],
  ["docs/usage.md", "| `answerChallenge`, 16 / 1,024 / 2^20 / 2^30 receipts (depth 4 / 10 / 20 / 30) | ", 2, "UsageLedger", "answerChallenge, 2^20 receipts (depth 20)"],
  ["docs/usage.md", "| `answerChallenge`, 16 / 1,024 / 2^20 / 2^30 receipts (depth 4 / 10 / 20 / 30) | ", 3, "UsageLedger", "answerChallenge, 2^30 receipts (depth 30)"],
  ["docs/usage.md", "| `slashUnanswered` (slash, token paid, bond returned) | ", 0, "UsageLedger", "slashUnanswered"],
  ["docs/usage.md", "| `slashOverdue` | ", 0, "UsageLedger", "slashOverdue"],
  ["docs/usage.md", "| `flushRevenue` | ", 0, "UsageLedger", "flushRevenue"],
  ["docs/usage.md", "| `withdrawBond` | ", 0, "UsageLedger", "withdrawBond"],
  ["docs/usage.md", "| `withdraw` (credit) | ", 0, "UsageLedger", "withdraw"],
  // docs/economics.md: the figures the agents' gas estimates are rounded from.
  ["docs/economics.md", "a claim of one snapshot ", 0, "RevShareToken", "claim, not the first claimer"],
  ["docs/economics.md", "a claim of one snapshot ", 1, "RevShareToken", "claim after 1 past checkpoints"],
  ["docs/economics.md", "`claimBatch` of 2 and of 10 snapshots ", 0, "RevShareToken", "claimBatch of 2"],
  ["docs/economics.md", "`claimBatch` of 2 and of 10 snapshots ", 1, "RevShareToken", "claimBatch of 10"],
  ["docs/economics.md", "`submit` with a no-op callback ", 0, "OpmlOracle", "submit, bond and no-op callback"],
  ["docs/economics.md", "the costliest bisect and respond over 16 rounds ", 0, "BisectionGame", "bisect, max over 16 rounds"],
  ["docs/economics.md", "the costliest bisect and respond over 16 rounds ", 1, "BisectionGame", "respond, max over 16 rounds"],
  ["docs/economics.md", "the final step ", 0, "BisectionGame", "step, VM step + settle (defeats a claim)"],
].map(([file, anchor, index, snapshot, key]) => ({ file, anchor, index, snapshot, key }));

const NUMBER = /\d{1,3}(?:,\d{3})+|\d+/g;
const fmt = (n) => Number(n).toLocaleString("en-US");

/** Where the figure of `entry` is in `text`: start and end offsets, the number as written; or a problem. */
function locate(text, entry) {
  const at = text.indexOf(entry.anchor);
  if (at === -1) return { problem: `the text "${entry.anchor.trim()}" is not there any more` };
  if (text.indexOf(entry.anchor, at + 1) !== -1) return { problem: `the text "${entry.anchor.trim()}" occurs more than once` };
  const from = at + entry.anchor.length;
  NUMBER.lastIndex = from;
  let match;
  for (let i = 0; i <= entry.index; i++) {
    match = NUMBER.exec(text);
    if (!match) return { problem: `no number ${entry.index + 1} after "${entry.anchor.trim()}"` };
  }
  return { start: match.index, end: match.index + match[0].length, written: match[0] };
}

function snapshotValue(root, entry) {
  const figures = JSON.parse(readFileSync(join(root, "snapshots", `${entry.snapshot}.json`), "utf8"));
  return figures[entry.key];
}

/** Every quoted figure that differs from its snapshot (or cannot be found), as a sentence naming it. */
export function checkDocGasFigures(root = ROOT) {
  const problems = [];
  const texts = new Map();
  for (const entry of DOC_GAS_FIGURES) {
    if (!texts.has(entry.file)) texts.set(entry.file, readFileSync(join(root, entry.file), "utf8"));
    const value = snapshotValue(root, entry);
    const where = `${entry.file} at "${entry.anchor.trim()}"${entry.index > 0 ? ` (number ${entry.index + 1})` : ""}`;
    if (value === undefined) {
      problems.push(`${where}: snapshots/${entry.snapshot}.json has no "${entry.key}" (renamed? update tools/docGasFigures.mjs)`);
      continue;
    }
    const found = locate(texts.get(entry.file), entry);
    if (found.problem) problems.push(`${where}: ${found.problem} (update tools/docGasFigures.mjs to where the figure is now)`);
    else if (found.written !== fmt(value)) problems.push(`${where}: says ${found.written}, snapshots/${entry.snapshot}.json "${entry.key}" is ${fmt(value)}`);
  }
  return problems;
}

/** Rewrites every quoted figure from the snapshots; returns the figures it changed. */
export function writeDocGasFigures(root = ROOT) {
  const changed = [];
  const byFile = new Map();
  for (const entry of DOC_GAS_FIGURES) byFile.set(entry.file, [...(byFile.get(entry.file) ?? []), entry]);
  for (const [file, entries] of byFile) {
    let text = readFileSync(join(root, file), "utf8");
    for (const entry of entries) {
      const found = locate(text, entry);
      const value = snapshotValue(root, entry);
      if (found.problem || value === undefined) continue;
      if (found.written === fmt(value)) continue;
      text = `${text.slice(0, found.start)}${fmt(value)}${text.slice(found.end)}`;
      changed.push(`${file}: ${entry.key}: ${found.written} → ${fmt(value)}`);
    }
    writeFileSync(join(root, file), text);
  }
  return changed;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes("--write")) {
    const changed = writeDocGasFigures();
    process.stdout.write(changed.length === 0 ? "docs: every gas figure matches snapshots/*.json\n" : `${changed.join("\n")}\n`);
  }
  const problems = checkDocGasFigures();
  if (problems.length > 0) {
    process.stderr.write(`${problems.join("\n")}\n`);
    process.exit(1);
  }
}
