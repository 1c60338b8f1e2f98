import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimGas } from "../economics/gasCost.ts";
import { gasPriceWeiOf } from "../economics/costParameters.ts";
import { estimatedRequestsPerEpoch, expectedAnnualYield, joinsRaise } from "../economics/expectedYield.ts";
import { expectedRequests, requestPriceWei } from "../economics/demandCurve.ts";
import { runScenario } from "../engine/runScenario.ts";
import { buildReport } from "../report/buildReport.ts";
import { createRng } from "../rng/createRng.ts";
import { parseScenario, type Scenario } from "../scenario/index.ts";
import { depositEpoch } from "./investors.ts";

const root = mkdtempSync(join(tmpdir(), "imo-sim-strategies-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function readCsv(dir: string, table: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(join(dir, `${table}.csv`), "utf8").trimEnd().split("\n");
  const columns = (header ?? "").split(",");
  // These tables quote nothing (no commas in their values).
  return lines.map((line) => Object.fromEntries(line.split(",").map((v, i) => [columns[i] as string, v])));
}

const small = `epoch: { seconds: 3600, blocks: 4 }
token: { snapshotIntervalEpochs: 2 }
oracle: { challengeWindow: 1800 }
`;

/** Elastic users at twice the reference price with elasticity 2: a quarter of the advertised 40 requests an epoch. */
const elastic = parseScenario(
  `seed: 2\nepochs: 8\n${small}raise: { target: "20", windowEpochs: 1 }\ninvestors: { count: 6, meanDeposit: "6" }\nholders: { claimEverySnapshot: 3, claimLate: 0, neverClaim: 0 }
demand: { users: 8, meanRequestsPerEpoch: 40, nftMintProbability: 0, strategy: elastic, elasticity: 2, referenceFee: "0.0008" }\n`,
  "elastic.yaml",
);
/** Rational holders of unequal size (deposits spread widely): the small ones cannot pay a claim's gas. */
const rational = parseScenario(
  `seed: 3\nepochs: 10\n${small}raise: { target: "20", windowEpochs: 1 }\ninvestors: { count: 10, meanDeposit: "6", depositSpread: 1 }
holders: { strategy: rational, claimEverySnapshot: 0, claimLate: 0, neverClaim: 1 }\ndemand: { users: 6, meanRequestsPerEpoch: 10, nftMintProbability: 0 }\n`,
  "rational.yaml",
);
/**
 * Yield-seeking investors against an outside rate of 300 % a year: the advertised demand (4 requests an epoch)
 * would yield 125 %, the real one (elastic users at half the reference price: 16) about 500 %. Investors wait
 * until what they have seen outweighs the advertisement.
 */
const yieldSeeking = parseScenario(
  `seed: 4\nepochs: 5\n${small}raise: { target: "20", windowEpochs: 3 }\ninvestors: { count: 10, meanDeposit: "5", strategy: yield-seeking, outsideRateBps: 30000, priorWeightEpochs: 1 }
holders: { claimEverySnapshot: 0, claimLate: 0, neverClaim: 0 }\ndemand: { users: 6, meanRequestsPerEpoch: 4, nftMintProbability: 0, strategy: elastic, elasticity: 2, referenceFee: "0.0032" }\n`,
  "yield.yaml",
);

const dirs: Record<string, string> = {};
beforeAll(async () => {
  if (!existsSync("out/OpmlOracle.sol/OpmlOracle.json")) execFileSync(process.execPath, ["tools/forge.mjs", "build"], { stdio: "inherit" });
  for (const [name, scenario] of [["elastic", elastic], ["rational", rational], ["yield", yieldSeeking]] as const) {
    dirs[name] = join(root, name);
    await runScenario({ scenario, outDir: dirs[name] });
    await buildReport(dirs[name]);
  }
}, 300_000);

describe("the new strategies on anvil", () => {
  it("elastic users: every request pays the price the curve was read at, and demand is the curve's mean", () => {
    const dir = dirs.elastic as string;
    const requests = readCsv(dir, "requests");
    const price = requestPriceWei(elastic);
    expect(requests.every((r) => BigInt(r.fee_wei as string) === price)).toBe(true);
    // Mean 40 × (0.0016 / 0.0008)^-2 = 10 an epoch, 80 over the run; scripted demand would be 320.
    const expected = Array.from({ length: elastic.epochs }, (_, e) => expectedRequests(elastic.demand, e, price)).reduce((t, x) => t + x, 0);
    expect(expected).toBeCloseTo(80, 9);
    expect(requests.length).toBeGreaterThan(80 - 4 * Math.sqrt(80));
    expect(requests.length).toBeLessThan(80 + 4 * Math.sqrt(80));
    const demand = readCsv(join(dir, "report"), "demand_by_epoch");
    expect(demand.map((d) => Number(d.expected_requests))).toEqual(Array(elastic.epochs).fill(10));
    expect(demand.reduce((t, d) => t + Number(d.requests), 0)).toBe(requests.length);
  });

  it("rational holders: every claim is worth more than its gas; small holders leave their revenue to roll forward", () => {
    const dir = dirs.rational as string;
    const gasPrice = gasPriceWeiOf(rational);
    const claims = readCsv(dir, "transactions").filter((t) => t.role === "investor" && (t.function === "claim" || t.function === "claimBatch"));
    const paid = readCsv(dir, "flows").filter((f) => f.kind === "revenue-claimed");
    expect(claims.length).toBeGreaterThan(0);
    for (const claim of claims) {
      expect(claim.status).toBe("success");
      // One revenue-claimed row per snapshot claimed, in the claim's block.
      const rows = paid.filter((f) => f.block === claim.block && f.to === claim.agent);
      const amount = rows.reduce((t, f) => t + BigInt(f.amount_wei as string), 0n);
      expect(amount, `${claim.agent} at block ${claim.block}`).toBeGreaterThan(BigInt(claimGas(rows.length, rational.costs.gasEstimates)) * gasPrice);
    }
    const holders = readCsv(join(dir, "report"), "holders");
    const rationalHolders = holders.filter((h) => h.claim_rule === "rational");
    expect(rationalHolders.some((h) => h.claims === "0" && h.invested_wei !== "0")).toBe(true);
    expect(rationalHolders.some((h) => h.claims !== "0")).toBe(true);
    expect(holders.filter((h) => h.claim_rule === "never").every((h) => h.claims === "0")).toBe(true);
    const snapshots = readCsv(join(dir, "report"), "revenue_by_snapshot").filter((s) => s.status === "closed" && s.pool_wei !== "0");
    expect(snapshots.length).toBeGreaterThan(0);
    for (const s of snapshots) expect(BigInt(s.left_unclaimed_wei as string)).toBeGreaterThan(0n);
  });

  it("yield-seeking investors: each joins exactly at its first due turn when the yield it expects beats the outside rate", () => {
    const dir = dirs.yield as string;
    const s: Scenario = yieldSeeking;
    const blockSeconds = s.epoch.seconds / s.epoch.blocks;
    const requestBlocks = readCsv(dir, "requests").map((r) => Number(r.requested_block));
    const deposits = readCsv(dir, "transactions").filter((t) => t.function === "deposit" && t.status === "success");
    const turnOf = (time: number) => (time - s.startTimestamp) / blockSeconds;
    /** The rule as the investor applies it at `turn` (mined in `block`): what it has seen is every request before the block. */
    const joinsAt = (turn: number, block: number) => {
      const seen = requestBlocks.filter((b) => b < block).length;
      const perEpoch = estimatedRequestsPerEpoch(s.demand.meanRequestsPerEpoch, s.investors.priorWeightEpochs, seen, turn / s.epoch.blocks);
      return joinsRaise(expectedAnnualYield(perEpoch, s), s.investors.outsideRateBps);
    };
    let waited = 0;
    for (const deposit of deposits) {
      const turn = turnOf(Number(deposit.time));
      const block = Number(deposit.block);
      // Its planned turn, drawn from its own stream as investors.ts draws it.
      const plan = createRng(s.seed).fork(deposit.agent as string).fork("deposit");
      const plannedEpoch = depositEpoch(s.investors.timing, s.raise.windowEpochs, plan);
      const plannedTurn = plan.int(0, s.epoch.blocks - 1);
      const due = (t: number) => Math.floor(t / s.epoch.blocks) >= plannedEpoch && t % s.epoch.blocks >= plannedTurn;
      expect(due(turn), deposit.agent).toBe(true);
      expect(joinsAt(turn, block), deposit.agent).toBe(true);
      // Every due turn before it (one block a turn), the expected yield did not beat the outside rate.
      for (let t = plannedEpoch * s.epoch.blocks + plannedTurn; t < turn; t++) {
        if (!due(t)) continue;
        expect(joinsAt(t, block - (turn - t)), `${deposit.agent} at turn ${t}`).toBe(false);
        waited++;
      }
    }
    expect(deposits.length).toBeGreaterThan(0);
    expect(waited).toBeGreaterThan(0);
  });
});
