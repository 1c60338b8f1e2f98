import { keccak256, stringToHex, type Address, type Hex } from "viem";
import { privateKeyToAddress } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contractAbis } from "../chain/contracts.ts";
import { decodeLogs, startModelChain, type ModelChain, type TxResult } from "../testing/modelChain.ts";
import { commitPeriod, type PeriodCommitment } from "./commitPeriod.ts";
import { owedToToken } from "./owedToToken.ts";
import { usageLedgerDomain } from "./receiptTypedData.ts";
import { signReceipt } from "./signReceipt.ts";
import { buildSumTree, proveInclusion } from "./sumTree.ts";
import type { Receipt, Report, SignedReceipt, UsageLedgerDomain } from "./types.ts";
import { SECP256K1_N, toLowS } from "./verifySignedReceipt.ts";

/**
 * The off-chain side against the real contract on Anvil: receipts signed by viem are accepted by `UsageLedger`
 * (same digest, same signer), a period committed by sim/usage is reported and a challenged receipt answered with
 * its TypeScript-built proof; an operator whose tree leaves a receipt out cannot answer and is slashed, with the
 * token paid to the wei. Nothing is mocked: registry, RevShareToken and ledger are the compiled contracts.
 */
const ledgerAbi = contractAbis.UsageLedger;
const tokenAbi = contractAbis.RevShareToken;
const registryAbi = contractAbis.ModelRegistry;

const SHARE_BPS = 2000;
const PERIOD = 3600;
const BOND = 10n ** 18n;
const CHALLENGE_BOND = 10n ** 15n;
const PROVER_REWARD = 10n ** 16n;
const PENALTY_BPS = 30_000n;
const ANSWER_WINDOW = 1800;

const operatorKey = keccak256(stringToHex("anvil test operator"));
const operator = privateKeyToAddress(operatorKey);
const owner: Address = "0x000000000000000000000000000000000000a11c";
const user: Address = "0x000000000000000000000000000000000000b0b0";
const keeper: Address = "0x000000000000000000000000000000000000cee9";

let chain: ModelChain;
let ledger: Address;
let token: Address;
let domain: UsageLedgerDomain;

function ok(result: TxResult, what: string): Extract<TxResult, { ok: true }> {
  if (!result.ok) throw new Error(`${what} reverted: ${result.error}(${result.args.map(String).join(", ")})`);
  return result;
}

const read = <T>(functionName: string, args: readonly unknown[] = []) => chain.read<T>({ to: ledger, abi: ledgerAbi, functionName, args });
const send = (from: Address, functionName: string, args: readonly unknown[], value?: bigint) =>
  chain.send({ from, to: ledger, abi: ledgerAbi, functionName, args, ...(value === undefined ? {} : { value }) });
const tokenReceived = async () => (await chain.read<{ received: bigint }>({ to: token, abi: tokenAbi, functionName: "books", args: ["0x0000000000000000000000000000000000000000"] })).received;

async function warpToEnd(period: number): Promise<void> {
  const end = Number(await read<bigint>("periodEnd", [period]));
  if (chain.now < end) chain.warp(end - chain.now);
}

async function signAll(receipts: Receipt[]): Promise<SignedReceipt[]> {
  return Promise.all(receipts.map((receipt) => signReceipt({ privateKey: operatorKey, domain, receipt })));
}

const receiptsOf = (period: number, start: bigint, prices: bigint[]): Receipt[] =>
  prices.map((price, i) => ({ modelId: 1n, operator, user, sequence: start + BigInt(i), price, period }));

async function report(c: { period: number; count: bigint; total: bigint; root: Hex; start: bigint }): Promise<Report> {
  const result = ok(await send(operator, "report", [1n, c.period, c.count, c.total, c.root], owedToToken(c.total, SHARE_BPS)), "report");
  return { start: c.start, count: c.count, total: c.total, root: c.root, reportedAt: result.timestamp };
}

async function assertBooks(): Promise<void> {
  const b = await read<Record<string, bigint>>("books");
  const held = (b.bonded ?? 0n) + (b.challengeBonds ?? 0n) + (b.escrowed ?? 0n) + (b.credits ?? 0n) + (b.burned ?? 0n);
  expect(await chain.balance(ledger)).toBe(held);
  expect((b.revenueReported ?? 0n) + (b.slashedToTokens ?? 0n)).toBe((b.revenueDelivered ?? 0n) + (b.escrowed ?? 0n));
}

beforeAll(async () => {
  chain = await startModelChain();
  for (const a of [owner, user, keeper, operator]) await chain.setBalance(a, 10n ** 22n);
  const registry = await chain.deploy("ModelRegistry");
  ok(await chain.send({ from: owner, to: registry, abi: registryAbi, functionName: "register", args: [keccak256("0x01"), "0x01", 0n] }), "register model");
  token = await chain.deploy("RevShareToken", [
    {
      name: "OpenLM",
      symbol: "OLM",
      holders: [owner],
      amounts: [10n ** 27n],
      revenueExcluded: [],
      claimableBps: 8000,
      snapshotInterval: 86_400,
      claimWindow: 2,
      unclaimedPolicy: 0,
      revenueTokens: [],
    },
  ]);
  ok(await chain.send({ from: owner, to: registry, abi: registryAbi, functionName: "setRevenueReceiver", args: [1n, token, 7000] }), "receiver");
  ledger = await chain.deploy("UsageLedger", [
    registry,
    {
      periodLength: PERIOD,
      reportWindow: 1800,
      challengeWindow: 7200,
      answerWindow: ANSWER_WINDOW,
      unbondingDelay: 10_800,
      minBond: 10n ** 17n,
      challengeBond: CHALLENGE_BOND,
      proverReward: PROVER_REWARD,
      penaltyBps: Number(PENALTY_BPS),
      revenueGasLimit: 100_000,
    },
  ]);
  domain = usageLedgerDomain({ chainId: 31337, verifyingContract: ledger });
  ok(await send(owner, "setTerms", [1n, SHARE_BPS, 0n]), "setTerms");
  ok(await send(operator, "register", [1n], BOND), "register operator");
}, 120_000);

afterAll(async () => {
  await chain?.stop();
});

describe("UsageLedger on Anvil with viem-signed receipts", () => {
  let period0: PeriodCommitment;
  let report0: Report;

  it("computes the same digest and recovers the same signer as viem", async () => {
    const signed = await signAll(receiptsOf(0, 0n, [10n ** 15n, 0n, 3n * 10n ** 17n, 7n, 10n ** 18n, 42n]));
    for (const s of signed) {
      expect(await read<Hex>("receiptDigest", [s.receipt])).toBe(s.digest);
      expect(await read<Address>("recoverReceiptSigner", [s.receipt, s.signature])).toBe(operator);
    }
    period0 = commitPeriod({ receipts: signed, start: 0n, period: 0 });
  });

  it("takes a report built by sim/usage and pays the token its share to the wei", async () => {
    await warpToEnd(0);
    const before = await tokenReceived();
    report0 = await report(period0);
    expect(await tokenReceived()).toBe(before + owedToToken(period0.total, SHARE_BPS));
    const op = await read<{ nextSequence: bigint; nextPeriod: number }>("operatorOf", [1n, operator]);
    expect(op.nextSequence).toBe(6n);
    expect(op.nextPeriod).toBe(1);
    await assertBooks();
  });

  it("accepts the TypeScript inclusion proof of a challenged receipt", async () => {
    const target = period0.receipts[4] as SignedReceipt;
    ok(await send(user, "challengeReceipt", [target.receipt, target.signature, report0], CHALLENGE_BOND), "challenge");
    const answered = ok(await send(operator, "answerChallenge", [target.receipt, report0, period0.proofOf(4n)]), "answer");
    const events = decodeLogs(ledgerAbi, answered.logs);
    expect(events.map((e) => e.eventName)).toEqual(["ChallengeAnswered"]);
    expect(events[0]?.args.digest).toBe(target.digest);
    expect(await read<bigint>("creditOf", [operator])).toBe(CHALLENGE_BOND);
    await assertBooks();
  });

  it("refuses a high-s signature and accepts its low-s twin", async () => {
    const target = period0.receipts[2] as SignedReceipt;
    const s = BigInt(`0x${target.signature.slice(66, 130)}`);
    const v = Number.parseInt(target.signature.slice(130), 16);
    const high = `${target.signature.slice(0, 66)}${(SECP256K1_N - s).toString(16).padStart(64, "0")}${(v === 27 ? 28 : 27).toString(16)}` as Hex;
    const refused = await send(user, "challengeReceipt", [target.receipt, high, report0], CHALLENGE_BOND);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error).toBe("UsageLedger_InvalidSignature");
    ok(await send(user, "challengeReceipt", [target.receipt, toLowS(high), report0], CHALLENGE_BOND), "challenge with the low-s twin");
    ok(await send(operator, "answerChallenge", [target.receipt, report0, period0.proofOf(2n)]), "answer");
  });

  it("slashes an operator whose tree leaves a receipt out, paying the token to the wei", async () => {
    // Period 1: four receipts signed; the tree puts a cheaper made-up receipt in sequence 8's leaf.
    const signed = await signAll(receiptsOf(1, 6n, [10n ** 17n, 2n * 10n ** 17n, 3n * 10n ** 17n, 10n ** 16n]));
    const fake = (await signAll([{ ...(signed[2] as SignedReceipt).receipt, price: 1n }]))[0] as SignedReceipt;
    const leaves = signed.map((s, i) => (i === 2 ? fake : s)).map((s) => ({ hash: s.digest, sum: s.receipt.price }));
    const tree = buildSumTree(leaves);
    await warpToEnd(1);
    const report1 = await report({ period: 1, count: 4n, total: tree.root.sum, root: tree.root.hash, start: 6n });
    expect(report1.total).toBeLessThan(commitPeriod({ receipts: signed, start: 6n, period: 1 }).total);

    const hidden = signed[2] as SignedReceipt;
    ok(await send(user, "challengeReceipt", [hidden.receipt, hidden.signature, report1], CHALLENGE_BOND), "challenge");
    const answer = await send(operator, "answerChallenge", [hidden.receipt, report1, proveInclusion(tree, 2)]);
    expect(!answer.ok && answer.error).toBe("UsageLedger_InvalidProof");

    chain.warp(ANSWER_WINDOW);
    const tokenBefore = await tokenReceived();
    const slashed = ok(await send(keeper, "slashUnanswered", [hidden.receipt]), "slashUnanswered");
    const event = decodeLogs(ledgerAbi, slashed.logs).find((e) => e.eventName === "OperatorSlashed");
    const owed = owedToToken(hidden.receipt.price, SHARE_BPS);
    const toToken = (owed * PENALTY_BPS) / 10_000n;
    expect(event?.args).toMatchObject({ operator, lie: 3, prover: user, bond: BOND, toToken, toProver: PROVER_REWARD, burned: BOND - PROVER_REWARD - toToken });
    expect(await tokenReceived()).toBe(tokenBefore + toToken);
    expect(await read<bigint>("creditOf", [user])).toBe(PROVER_REWARD + CHALLENGE_BOND);
    expect((await read<{ status: number }>("operatorOf", [1n, operator])).status).toBe(4);
    await assertBooks();
  });
});
