import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { decodeFunctionResult, encodeFunctionData, parseEther, parseGwei, type Address, type Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contractAbis } from "../chain/contracts.ts";
import { createExecutor } from "../chain/executor.ts";
import { startAnvil, type StartAnvilReturnType } from "../chain/startAnvil.ts";
import { deployStack, parties } from "../engine/deployStack.ts";
import { TransactionRevertedError } from "../errors/index.ts";
import { loadModel } from "../vm/index.ts";
import { launchLimits, maxCallbackGasPriceGwei, nftLimits, oracleLimits, registryLimits, tokenLimits, usageLedgerLimits as u } from "./contractLimits.ts";
import { decodeRevert } from "./deploymentRevert.ts";
import { formatEth, scenarioSchema, type Scenario } from "./schema.ts";
import { zodProblems } from "./zodProblems.ts";

// Every bound of contractLimits.ts against the real contracts on Anvil: the public constants are read and compared;
// the other bounds are deployed through the simulator's own deployment (deployStack) at the extreme value, which
// must deploy, and one step beyond, which the schema must refuse naming the field and the contract must refuse
// with the custom error the deployment decodes and names the same field with.

let anvil: StartAnvilReturnType;
const { model } = loadModel("tiny");
let clock = 1_800_000_000;

type Patch = Record<string, unknown>;
const merge = (base: Patch, patch: Patch): Patch => {
  const out: Patch = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = typeof v === "object" && v !== null && !Array.isArray(v) ? merge((base[k] ?? {}) as Patch, v as Patch) : v;
  return out;
};
/** `{ "oracle.challengeWindow": 60 }` → `{ oracle: { challengeWindow: 60 } }`. */
const nested = (flat: Patch): Patch =>
  Object.entries(flat).reduce<Patch>((acc, [path, value]) => merge(acc, path.split(".").reduceRight<unknown>((v, k) => ({ [k]: v }), value) as Patch), {});

/** A valid scenario with the fields set, each deployment at a later start so the chain's clock only moves on. */
function scenarioWith(flat: Patch): Scenario {
  clock += 100_000;
  return scenarioSchema.parse(merge(nested(flat), { epochs: 2, startTimestamp: clock }));
}

/** The schema's problems for the fields set (none: accepted). */
function schemaProblems(flat: Patch) {
  const input = merge({ epochs: 2 }, nested(flat));
  const result = scenarioSchema.safeParse(input, { reportInput: true });
  return result.success ? [] : zodProblems(result.error.issues, input, scenarioSchema);
}

async function deploy(scenario: Scenario) {
  return deployStack({ rpc: anvil.rpc, executor: createExecutor({ rpc: anvil.rpc }), scenario, model, time: scenario.startTimestamp - 3_000 });
}

/** A valid scenario with `field` then forced to `value`, past the schema (what a drifted schema would let through). */
function forced(valid: Patch, field: string, value: unknown): Scenario {
  const scenario = structuredClone(scenarioWith(valid)) as unknown as Patch;
  const keys = field.split(".");
  let node = scenario;
  for (const key of keys.slice(0, -1)) node = node[key] as Patch;
  node[keys.at(-1) as string] = value;
  return scenario as unknown as Scenario;
}

beforeAll(async () => {
  if (!existsSync("out/OpmlOracle.sol/OpmlOracle.json")) execFileSync(process.execPath, ["tools/forge.mjs", "build"], { stdio: "inherit" });
  anvil = await startAnvil({ timestamp: clock - 10_000 });
});
afterAll(async () => {
  await anvil?.stop();
});

async function read(address: Address, abi: (typeof contractAbis)[keyof typeof contractAbis], functionName: string): Promise<bigint> {
  const data = await anvil.rpc.request<Hex>("eth_call", [{ to: address, data: encodeFunctionData({ abi, functionName } as never) }, "latest"]);
  return decodeFunctionResult({ abi, functionName, data } as never) as bigint;
}

describe("contract limits: the public constants", () => {
  it("match the figures of contractLimits.ts", async () => {
    const d = await deploy(scenarioWith({}));
    const oracle = (name: string) => read(d.oracle, contractAbis.OpmlOracle, name);
    expect(await oracle("MIN_WINDOW")).toBe(BigInt(oracleLimits.minChallengeWindow.value));
    expect(await oracle("MAX_WINDOW")).toBe(BigInt(oracleLimits.maxChallengeWindow.value));
    expect(await oracle("MIN_RESPONSE_DEADLINE")).toBe(BigInt(oracleLimits.minResponseDeadline.value));
    expect(await oracle("MAX_RESPONSE_DEADLINE")).toBe(BigInt(oracleLimits.maxResponseDeadline.value));
    expect(await oracle("MIN_REQUEST_TIMEOUT")).toBe(BigInt(oracleLimits.minRequestTimeout.value));
    expect(await oracle("MAX_REQUEST_TIMEOUT")).toBe(BigInt(oracleLimits.maxRequestTimeout.value));
    expect(await oracle("MAX_CALLBACK_GAS_LIMIT")).toBe(BigInt(oracleLimits.maxCallbackGasLimit.value));
    expect(await oracle("MAX_SLASH_WINNER_BPS")).toBe(BigInt(oracleLimits.maxSlashWinnerBps.value));
    expect(await read(d.registry, contractAbis.ModelRegistry, "MAX_FEE")).toBe(registryLimits.maxModelFeeWei.value);
    expect(await read(d.launch, contractAbis.ImoLaunch, "MAX_VESTING_DURATION")).toBe(BigInt(launchLimits.maxVestingSeconds.value));
  });
});

/**
 * One bound: `valid` sets the fields around it (say, a zero gas price so the reward alone meets the escrow bound),
 * `field` is set to `extreme` (accepted and deployed) and `beyond` (refused by the schema, naming `schemaField`;
 * refused by the contract with `revert`, which the deployment error names as `field`).
 */
type Bound = { name: string; field: string; extreme: unknown; beyond: unknown; revert: RegExp; valid?: Patch; schemaField?: string; chainField?: string };

const wei = (x: bigint) => formatEth(x);
const bounds: Bound[] = [
  // A one-gwei bond burns half a gwei at a defeat: only a zero reward keeps lying from paying.
  { name: "submitter bond > 0", field: "oracle.submitterBond", valid: { "oracle.submitterReward": "0" }, extreme: wei(oracleLimits.minBondWei.value), beyond: "0", revert: /OpmlOracle_InvalidParameter\(submitterBond\)/ },
  { name: "submitter bond fits uint40 gwei", field: "oracle.submitterBond", extreme: wei(oracleLimits.maxGweiAmountWei.value), beyond: wei(oracleLimits.maxGweiAmountWei.value + 10n ** 9n), revert: /OpmlOracle_InvalidParameter\(submitterBond\)/ },
  { name: "submitter bond in whole gwei", field: "oracle.submitterBond", extreme: "0.100000001", beyond: "0.1000000001", revert: /OpmlOracle_NotWholeGwei\(submitterBond\)/ },
  { name: "challenger bond > 0", field: "oracle.challengerBond", extreme: wei(oracleLimits.minBondWei.value), beyond: "0", revert: /OpmlOracle_InvalidParameter\(challengerBond\)/ },
  { name: "challenger bond fits uint40 gwei", field: "oracle.challengerBond", extreme: wei(oracleLimits.maxGweiAmountWei.value), beyond: wei(oracleLimits.maxGweiAmountWei.value + 10n ** 9n), revert: /OpmlOracle_InvalidParameter\(challengerBond\)/ },
  { name: "challenger bond in whole gwei", field: "oracle.challengerBond", extreme: "0.100000001", beyond: "0.1000000001", revert: /OpmlOracle_NotWholeGwei\(challengerBond\)/ },
  // With no callback gas the escrow bound is the reward's own (≤ MAX_GWEI_AMOUNT); lying must still cost (reward < the
  // burned part of the largest bond at a zero winner's share), so the largest reward that deploys is one gwei less.
  {
    name: "submitter reward below the burned part of the largest submitter bond",
    field: "oracle.submitterReward",
    valid: { "oracle.callbackGasPriceGwei": 0, "oracle.submitterBond": wei(oracleLimits.maxGweiAmountWei.value), "oracle.slashToWinnerBps": 0 },
    extreme: wei(oracleLimits.maxGweiAmountWei.value - 10n ** 9n),
    beyond: wei(oracleLimits.maxGweiAmountWei.value),
    schemaField: "oracle.submitterBond",
    revert: /OpmlOracle_LyingPays/,
    chainField: "oracle.submitterBond",
  },
  {
    name: "submitter reward + escrow at the default gas price",
    field: "oracle.submitterReward",
    valid: { "oracle.callbackGasPriceGwei": 1, "oracle.submitterBond": wei(oracleLimits.maxGweiAmountWei.value), "oracle.slashToWinnerBps": 0 },
    extreme: wei(oracleLimits.maxGweiAmountWei.value - parseGwei("1") * 10_000_000n),
    beyond: wei(oracleLimits.maxGweiAmountWei.value - parseGwei("1") * 10_000_000n + 10n ** 9n),
    revert: /OpmlOracle_InvalidParameter\(submitterReward\)/,
  },
  // Lying never pays: at an 80 % winner's share a defeat burns a fifth of the bond, which must exceed the reward.
  {
    name: "the burned part of the submitter bond exceeds the reward",
    field: "oracle.submitterBond",
    valid: { "oracle.slashToWinnerBps": 8_000, "oracle.submitterReward": "0.01" },
    extreme: "0.050000001",
    beyond: "0.05",
    revert: /OpmlOracle_LyingPays/,
  },
  { name: "submitter reward in whole gwei", field: "oracle.submitterReward", extreme: "0.000000001", beyond: "0.0000000001", revert: /OpmlOracle_NotWholeGwei\(submitterReward\)/ },
  { name: "callback gas price: largest escrow fits uint40 gwei", field: "oracle.callbackGasPriceGwei", valid: { "oracle.submitterReward": "0" }, extreme: maxCallbackGasPriceGwei, beyond: maxCallbackGasPriceGwei + 1, revert: /OpmlOracle_InvalidParameter\(submitterReward\)/, chainField: "oracle.submitterReward" },
  { name: "challenge window ≥ MIN_WINDOW", field: "oracle.challengeWindow", extreme: oracleLimits.minChallengeWindow.value, beyond: oracleLimits.minChallengeWindow.value - 1, revert: /OpmlOracle_InvalidParameter\(challengeWindow\)/ },
  { name: "challenge window ≤ MAX_WINDOW", field: "oracle.challengeWindow", extreme: oracleLimits.maxChallengeWindow.value, beyond: oracleLimits.maxChallengeWindow.value + 1, revert: /OpmlOracle_InvalidParameter\(challengeWindow\)/ },
  { name: "response deadline ≥ MIN_RESPONSE_DEADLINE", field: "oracle.responseDeadline", extreme: oracleLimits.minResponseDeadline.value, beyond: oracleLimits.minResponseDeadline.value - 1, revert: /OpmlOracle_InvalidParameter\(responseDeadline\)/ },
  { name: "response deadline ≤ MAX_RESPONSE_DEADLINE", field: "oracle.responseDeadline", extreme: oracleLimits.maxResponseDeadline.value, beyond: oracleLimits.maxResponseDeadline.value + 1, revert: /OpmlOracle_InvalidParameter\(responseDeadline\)/ },
  { name: "request timeout ≥ MIN_REQUEST_TIMEOUT", field: "oracle.requestTimeout", extreme: oracleLimits.minRequestTimeout.value, beyond: oracleLimits.minRequestTimeout.value - 1, revert: /OpmlOracle_InvalidParameter\(requestTimeout\)/ },
  { name: "request timeout ≤ MAX_REQUEST_TIMEOUT", field: "oracle.requestTimeout", extreme: oracleLimits.maxRequestTimeout.value, beyond: oracleLimits.maxRequestTimeout.value + 1, revert: /OpmlOracle_InvalidParameter\(requestTimeout\)/ },
  { name: "slash share to the winner ≤ MAX_SLASH_WINNER_BPS", field: "oracle.slashToWinnerBps", extreme: oracleLimits.maxSlashWinnerBps.value, beyond: oracleLimits.maxSlashWinnerBps.value + 1, revert: /OpmlOracle_WinnerShareTooHigh/ },
  { name: "callback gas limit ≤ MAX_CALLBACK_GAS_LIMIT", field: "oracle.callbackGasLimit", extreme: oracleLimits.maxCallbackGasLimit.value, beyond: oracleLimits.maxCallbackGasLimit.value + 1, revert: /OpmlOracle_InvalidParameter\(maxCallbackGasLimit\)/ },
  { name: "model fee ≤ MAX_FEE", field: "model.fee", extreme: wei(registryLimits.maxModelFeeWei.value), beyond: wei(registryLimits.maxModelFeeWei.value + 1n), revert: /ModelRegistry_FeeTooLarge/ },
  { name: "model fee share to the token", field: "model.receiverBps", extreme: registryLimits.maxReceiverBps.value, beyond: registryLimits.maxReceiverBps.value + 1, revert: /ImoLaunch_InvalidRevenueShareBps/ },
  { name: "supply ≤ uint96 token wei", field: "token.supply", extreme: launchLimits.maxSupplyTokens.value, beyond: launchLimits.maxSupplyTokens.value + 1, revert: /ImoLaunch_InvalidTotalSupply/ },
  { name: "claimable share", field: "token.claimableBps", extreme: tokenLimits.maxClaimableBps.value, beyond: tokenLimits.maxClaimableBps.value + 1, revert: /RevShareToken_InvalidClaimableBps/ },
  { name: "claim window ≥ 1", field: "token.claimWindow", extreme: tokenLimits.minClaimWindow.value, beyond: tokenLimits.minClaimWindow.value - 1, revert: /RevShareToken_InvalidClaimWindow/ },
  { name: "claim window ≤ 64", field: "token.claimWindow", extreme: tokenLimits.maxClaimWindow.value, beyond: tokenLimits.maxClaimWindow.value + 1, revert: /RevShareToken_InvalidClaimWindow/ },
  { name: "snapshot interval > 0", field: "token.snapshotIntervalEpochs", extreme: tokenLimits.minSnapshotIntervalEpochs.value, beyond: tokenLimits.minSnapshotIntervalEpochs.value - 1, revert: /RevShareToken_InvalidSnapshotInterval/ },
  { name: "raise target > 0", field: "raise.target", extreme: wei(launchLimits.minTargetWei.value), beyond: "0", revert: /ImoLaunch_InvalidTarget/ },
  {
    name: "public sale not empty",
    field: "raise.allocation.publicSale",
    valid: { "raise.allocation": { publicSale: 1, liquidity: 3_000, contributors: 1_000, team: 5_999 } },
    extreme: launchLimits.minPublicSaleBps.value,
    beyond: 0,
    schemaField: "raise.allocation.publicSale",
    revert: /ImoLaunch_InvalidAllocationSum|ImoLaunch_EmptyPublicSale/,
    chainField: "raise.allocation",
  },
  { name: "vesting ≤ MAX_VESTING_DURATION", field: "raise.vestingEpochs", valid: { "epoch.seconds": 3_600 }, extreme: launchLimits.maxVestingSeconds.value / 3_600, beyond: launchLimits.maxVestingSeconds.value / 3_600 + 1, revert: /ImoLaunch_InvalidVestingDuration/ },
  { name: "royalty", field: "nft.royaltyBps", extreme: nftLimits.maxRoyaltyBps.value, beyond: nftLimits.maxRoyaltyBps.value + 1, revert: /AigcNFT_InvalidParameter\(royaltyBps\)/ },
  // The usage ledger (deployed only for scenarios with an `offchain` section).
  ...usageBounds(),
];

/** The usage ledger's bounds, each on a scenario with an `offchain` section (12 s epochs for the shortest period). */
function usageBounds(): Bound[] {
  const o = (v: Patch = {}): Patch => ({ offchain: {}, ...v });
  const long = { "offchain.ledger.unbondingDelay": u.maxUnbondingDelay.value };
  return [
    { name: "ledger period ≥ 60 s", field: "offchain.ledger.periodEpochs", valid: o({ "epoch.seconds": 12, "epoch.blocks": 1, "offchain.ledger.periodEpochs": 5 }), extreme: 5, beyond: 4, revert: /UsageLedger_InvalidParameter\(periodLength\)/ },
    { name: "ledger period ≤ 365 days", field: "offchain.ledger.periodEpochs", valid: o({ "epoch.seconds": 86_400, "epoch.blocks": 1, epochs: 1 }), extreme: 365, beyond: 366, revert: /UsageLedger_InvalidParameter\(periodLength\)/ },
    { name: "report window ≥ 60 s", field: "offchain.ledger.reportWindow", valid: o(), extreme: u.minWindow.value, beyond: u.minWindow.value - 1, revert: /UsageLedger_InvalidParameter\(reportWindow\)/ },
    { name: "report window ≤ 30 days", field: "offchain.ledger.reportWindow", valid: o(), extreme: u.maxReportWindow.value, beyond: u.maxReportWindow.value + 1, revert: /UsageLedger_InvalidParameter\(reportWindow\)/ },
    { name: "challenge window ≥ 60 s", field: "offchain.ledger.challengeWindow", valid: o(), extreme: u.minWindow.value, beyond: u.minWindow.value - 1, revert: /UsageLedger_InvalidParameter\(challengeWindow\)/ },
    { name: "challenge window ≤ 90 days", field: "offchain.ledger.challengeWindow", valid: o(long), extreme: u.maxChallengeWindow.value, beyond: u.maxChallengeWindow.value + 1, revert: /UsageLedger_InvalidParameter\(challengeWindow\)/ },
    { name: "answer window ≥ 60 s", field: "offchain.ledger.answerWindow", valid: o(), extreme: u.minWindow.value, beyond: u.minWindow.value - 1, revert: /UsageLedger_InvalidParameter\(answerWindow\)/ },
    { name: "answer window ≤ 30 days", field: "offchain.ledger.answerWindow", valid: o(long), extreme: u.maxAnswerWindow.value, beyond: u.maxAnswerWindow.value + 1, revert: /UsageLedger_InvalidParameter\(answerWindow\)/ },
    { name: "unbonding delay > challenge + answer windows", field: "offchain.ledger.unbondingDelay", valid: o(), extreme: 7_200 + 1_800 + 1, beyond: 7_200 + 1_800, revert: /UsageLedger_InvalidParameter\(unbondingDelay\)/ },
    { name: "unbonding delay ≤ 365 days", field: "offchain.ledger.unbondingDelay", valid: o(), extreme: u.maxUnbondingDelay.value, beyond: u.maxUnbondingDelay.value + 1, revert: /UsageLedger_InvalidParameter\(unbondingDelay\)/ },
    { name: "min bond > 0", field: "offchain.ledger.minBond", valid: o({ "offchain.ledger.proverReward": "0" }), extreme: wei(u.minBondWei.value), beyond: "0", revert: /UsageLedger_InvalidParameter\(minBond\)/ },
    { name: "prover reward ≤ min bond", field: "offchain.ledger.minBond", valid: o({ "offchain.ledger.proverReward": "0.005" }), extreme: "0.005", beyond: "0.004999999999999999", revert: /UsageLedger_InvalidParameter\(minBond\)/, schemaField: "offchain.ledger.proverReward" },
    { name: "penalty ≥ 1x", field: "offchain.ledger.penaltyBps", valid: o(), extreme: u.minPenaltyBps.value, beyond: u.minPenaltyBps.value - 1, revert: /UsageLedger_InvalidParameter\(penaltyBps\)/ },
    { name: "penalty ≤ 100x", field: "offchain.ledger.penaltyBps", valid: o(), extreme: u.maxPenaltyBps.value, beyond: u.maxPenaltyBps.value + 1, revert: /UsageLedger_InvalidParameter\(penaltyBps\)/ },
    { name: "revenue gas limit ≥ 10,000", field: "offchain.ledger.revenueGasLimit", valid: o(), extreme: u.minRevenueGasLimit.value, beyond: u.minRevenueGasLimit.value - 1, revert: /UsageLedger_InvalidParameter\(revenueGasLimit\)/ },
    { name: "revenue gas limit ≤ 1,000,000", field: "offchain.ledger.revenueGasLimit", valid: o(), extreme: u.maxRevenueGasLimit.value, beyond: u.maxRevenueGasLimit.value + 1, revert: /UsageLedger_InvalidParameter\(revenueGasLimit\)/ },
    { name: "token's share", field: "offchain.ledger.shareBps", valid: o(), extreme: u.maxShareBps.value, beyond: u.maxShareBps.value + 1, revert: /UsageLedger_InvalidShare/ },
  ];
}

describe("contract limits: each bound deploys at its extreme and is refused one step beyond", () => {
  for (const b of bounds) {
    it(`${b.name}: ${b.field} = ${String(b.extreme)} deploys; ${String(b.beyond)} is refused by the schema and the contract`, async () => {
      const valid = b.valid ?? {};
      // The schema accepts the extreme, and the contracts deploy it.
      expect(schemaProblems({ ...valid, [b.field]: b.extreme })).toEqual([]);
      await deploy(scenarioWith({ ...valid, [b.field]: b.extreme }));
      // The schema refuses one step beyond, naming the field.
      const problems = schemaProblems({ ...valid, [b.field]: b.beyond });
      expect(problems.map((p) => p.field)).toContain(b.schemaField ?? b.field);
      // So does the contract, and the deployment error decodes it and names the field.
      const error = await deploy(forced(valid, b.field, b.beyond)).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, "the contract accepted the value beyond the bound").toBeInstanceOf(TransactionRevertedError);
      const message = (error as TransactionRevertedError).message;
      expect(message).toMatch(b.revert);
      expect(message).toContain(`the contract refused the scenario's ${b.chainField ?? b.field}`);
    });
  }

  it("protocol fee: the largest uint96 deploys; one wei more is refused by the schema and cannot be encoded", async () => {
    const max = oracleLimits.maxProtocolFeeWei.value;
    expect(schemaProblems({ "oracle.protocolFee": wei(max) })).toEqual([]);
    await deploy(scenarioWith({ "oracle.protocolFee": wei(max) }));
    expect(schemaProblems({ "oracle.protocolFee": wei(max + 1n) }).map((p) => p.field)).toEqual(["oracle.protocolFee"]);
    await expect(deploy(forced({}, "oracle.protocolFee", wei(max + 1n)))).rejects.toThrow(/96-bit unsigned integer range/);
  });

  it("callback gas price: whole gwei in the schema, as the oracle's NotWholeGwei requires", async () => {
    expect(schemaProblems({ "oracle.callbackGasPriceGwei": 2 })).toEqual([]);
    expect(schemaProblems({ "oracle.callbackGasPriceGwei": 1.5 })).toEqual([{ field: "oracle.callbackGasPriceGwei", value: 1.5, problem: "must be a whole number" }]);
    // The deployment turns whole gwei into wei; the oracle itself refuses a price that is not whole gwei.
    const d = await deploy(scenarioWith({}));
    const current = decodeFunctionResult({
      abi: contractAbis.OpmlOracle,
      functionName: "parameters",
      data: await anvil.rpc.request<Hex>("eth_call", [{ to: d.oracle, data: encodeFunctionData({ abi: contractAbis.OpmlOracle, functionName: "parameters" }) }, "latest"]),
    });
    const setPrice = (price: bigint) =>
      anvil.rpc.batch([{ method: "eth_call", params: [{ from: parties.deployer, to: d.oracle, data: encodeFunctionData({ abi: contractAbis.OpmlOracle, functionName: "setParameters", args: [{ ...current, callbackGasPrice: price }] }) }, "latest"] }]);
    expect((await setPrice(parseGwei("1")))[0]?.error).toBeUndefined();
    const [answer] = await setPrice(parseGwei("1.5"));
    expect(decodeRevert(answer?.error?.data as Hex)).toEqual({ name: "OpmlOracle_NotWholeGwei", args: ["callbackGasPrice"] });
  });

  it("deadlines: the run's last request or result must have a uint32 deadline (schema only: the oracle checks it at request time)", () => {
    const run = { epochs: 100_000, "epoch.seconds": 3_600, "oracle.requestTimeout": 86_400, "oracle.challengeWindow": 7_200 };
    const latestStart = oracleLimits.maxDeadline.value - 100_000 * 3_600 - 86_400;
    expect(schemaProblems({ ...run, startTimestamp: latestStart })).toEqual([]);
    expect(schemaProblems({ ...run, startTimestamp: latestStart + 1 }).map((p) => p.field)).toEqual(["startTimestamp"]);
  });

  it("every ETH bound prints as an exact decimal", () => {
    expect(formatEth(oracleLimits.maxGweiAmountWei.value)).toBe("1099.511627775");
    expect(formatEth(registryLimits.maxModelFeeWei.value)).toBe("4722.366482869645213695");
    expect(parseEther(formatEth(oracleLimits.maxProtocolFeeWei.value))).toBe(oracleLimits.maxProtocolFeeWei.value);
  });
});
