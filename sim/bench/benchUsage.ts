// What one off-chain use costs the simulator: `npm run bench:usage` (or `tsx sim/bench/benchUsage.ts [receipts]`).
// Every use is a receipt whose digest is a leaf of its operator's sum tree, so digests and trees are paid per use;
// a signature only when a holder presents the receipt on chain (`offchain.signEveryReceipt: false`, the default).
// Prints the time per receipt of each step, and writes nothing.
import { keccak256, stringToHex, type Address } from "viem";
import { privateKeyToAddress } from "viem/accounts";
import { buildSumTree, createReceiptHasher, receiptDigest, signReceipt, usageLedgerDomain, type Receipt } from "../usage/index.ts";

const receipts = Number(process.argv[2] ?? 4_000);
const key = keccak256(stringToHex("bench operator"));
const operator = privateKeyToAddress(key);
const user: Address = "0x000000000000000000000000000000000000b0b0";
const domain = usageLedgerDomain({ chainId: 31337, verifyingContract: "0x000000000000000000000000000000000000dEaD" });
const receipt = (i: number): Receipt => ({ modelId: 1n, operator, user, sequence: BigInt(i), price: 5n * 10n ** 14n, period: 7 });

async function time(label: string, n: number, run: () => unknown): Promise<void> {
  const started = performance.now();
  await run();
  const ms = performance.now() - started;
  process.stdout.write(`${label.padEnd(58)} ${((ms * 1000) / n).toFixed(1).padStart(8)} µs per receipt (${n.toLocaleString("en-US")} in ${(ms / 1000).toFixed(2)} s)\n`);
}

const hash = createReceiptHasher(domain);
const leaves = Array.from({ length: receipts }, (_, i) => ({ hash: hash(receipt(i)), sum: receipt(i).price }));
const signed = Math.min(receipts, 1_000);
await time("EIP-712 digest, viem hashTypedData", receipts, () => {
  for (let i = 0; i < receipts; i++) receiptDigest(domain, receipt(i));
});
await time("EIP-712 digest, createReceiptHasher (what the book uses)", receipts, () => {
  for (let i = 0; i < receipts; i++) hash(receipt(i));
});
await time("sum tree over the digests (buildSumTree)", receipts, () => buildSumTree(leaves));
await time("signature, viem signTypedData (signReceipt)", signed, async () => {
  for (let i = 0; i < signed; i++) await signReceipt({ privateKey: key, domain, receipt: receipt(i) });
});
