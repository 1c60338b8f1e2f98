/**
 * Shared vectors of the usage ledger: receipts signed by viem (EIP-712), their digests, and Merkle sum trees with
 * every inclusion proof, built by sim/usage. Forge replays them against the contract
 * (contracts/test/usage/UsageVectors.t.sol): the same digests, the same signers, the same roots, and a whole
 * report / challenge / answer round with the viem signatures and proofs.
 *
 *   npx tsx sim/usage/writeUsageVectors.ts           write contracts/test/vectors/usage-vectors.json
 *   npx tsx sim/usage/writeUsageVectors.ts --check   exit 1 if the committed file differs
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { keccak256, stringToHex, type Address, type Hex } from "viem";
import { privateKeyToAddress, sign } from "viem/accounts";
import { commitPeriod } from "./commitPeriod.ts";
import { receiptDigest } from "./receiptDigest.ts";
import { RECEIPT_TYPES, usageLedgerDomain } from "./receiptTypedData.ts";
import { signReceipt } from "./signReceipt.ts";
import { buildSumTree, proveInclusion } from "./sumTree.ts";
import type { Receipt, SignedReceipt, SumNode } from "./types.ts";
import { SECP256K1_N } from "./verifySignedReceipt.ts";

export const USAGE_VECTORS_PATH = join(fileURLToPath(new URL(".", import.meta.url)), "../../contracts/test/vectors/usage-vectors.json");

/** Where forge deploys the ledger (`deployCodeTo`) so the vectors' EIP-712 domain is its own. */
export const VECTOR_LEDGER: Address = "0x0000000000000000000000000000000000005eed";
export const VECTOR_CHAIN_ID = 31337;
const MODEL_ID = 1n;

const keyOf = (label: string): Hex => keccak256(stringToHex(`usage-vectors ${label}`));
const userOf = (label: string): Address => privateKeyToAddress(keyOf(`user ${label}`));

type ReceiptVector = {
  name: string;
  modelId: string;
  operator: Address;
  user: Address;
  sequence: string;
  price: string;
  period: number;
  digest: Hex;
  signature: Hex;
  /** What the ledger's `recoverReceiptSigner` returns (zero for a signature it refuses). */
  signer: Address;
  /** Whether the ledger accepts the signature as evidence (a high-s twin is refused). */
  accepted: boolean;
};

type TreeVector = {
  name: string;
  count: number;
  depth: number;
  root: Hex;
  total: string;
  leafHashes: Hex[];
  leafSums: string[];
  /** proofs[i]: the siblings of leaf i, leaf level first. */
  proofs: { hashes: Hex[]; sums: string[] }[];
};

const toVector = (name: string, s: SignedReceipt, signer: Address, accepted: boolean): ReceiptVector => ({
  name,
  modelId: s.receipt.modelId.toString(),
  operator: s.receipt.operator,
  user: s.receipt.user,
  sequence: s.receipt.sequence.toString(),
  price: s.receipt.price.toString(),
  period: s.receipt.period,
  digest: s.digest,
  signature: s.signature,
  signer,
  accepted,
});

const treeVector = (name: string, leaves: SumNode[]): TreeVector => {
  const tree = buildSumTree(leaves);
  return {
    name,
    count: leaves.length,
    depth: tree.depth,
    root: tree.root.hash,
    total: tree.root.sum.toString(),
    leafHashes: leaves.map((l) => l.hash),
    leafSums: leaves.map((l) => l.sum.toString()),
    proofs: leaves.map((_, i) => {
      const proof = proveInclusion(tree, i);
      return { hashes: proof.map((n) => n.hash), sums: proof.map((n) => n.sum.toString()) };
    }),
  };
};

/** The vector file's content (deterministic: fixed keys, RFC 6979 signatures). */
export async function usageVectorsJson(): Promise<string> {
  const domain = usageLedgerDomain({ chainId: VECTOR_CHAIN_ID, verifyingContract: VECTOR_LEDGER });
  const operatorKey = keyOf("operator A");
  const operator = privateKeyToAddress(operatorKey);
  const prices = [1_000_000_000_000_000n, 0n, 2_500_000_000_000_000_000n, 7n, 123_456_789_012_345_678n];
  const flow: SignedReceipt[] = [];
  for (const [i, price] of prices.entries()) {
    const receipt: Receipt = { modelId: MODEL_ID, operator, user: userOf(String(i % 3)), sequence: BigInt(i), price, period: 0 };
    flow.push(await signReceipt({ privateKey: operatorKey, domain, receipt }));
  }
  const commitment = commitPeriod({ receipts: flow, start: 0n, period: 0 });
  const twin = await signReceipt({ privateKey: operatorKey, domain, receipt: { ...(flow[2] as SignedReceipt).receipt, price: 1n } });
  const beyond = await signReceipt({
    privateKey: operatorKey,
    domain,
    receipt: { modelId: MODEL_ID, operator, user: userOf("late"), sequence: 5n, price: 4_000_000_000_000_000n, period: 0 },
  });
  // The extreme values of every field, signed by a second operator.
  const extremeKey = keyOf("operator B");
  const extreme = await signReceipt({
    privateKey: extremeKey,
    domain,
    receipt: {
      modelId: (1n << 256n) - 1n,
      operator: privateKeyToAddress(extremeKey),
      user: "0xffffffffffffffffffffffffffffffffffffffff",
      sequence: (1n << 64n) - 1n,
      price: (1n << 128n) - 1n,
      period: 2 ** 32 - 1,
    },
  });
  // The malleable twin of receipt 0's signature: the same signer for a bare ecrecover, refused by the ledger.
  const low = flow[0] as SignedReceipt;
  const s = BigInt(`0x${low.signature.slice(66, 130)}`);
  const v = Number.parseInt(low.signature.slice(130, 132), 16);
  const highS: SignedReceipt = {
    ...low,
    signature: `${low.signature.slice(0, 66)}${(SECP256K1_N - s).toString(16).padStart(64, "0")}${(v === 27 ? 28 : 27).toString(16)}` as Hex,
  };
  // A raw signature over the digest (viem's `sign`), to show it is the same as the typed-data one.
  const raw = await sign({ hash: receiptDigest(domain, (flow[1] as SignedReceipt).receipt), privateKey: operatorKey, to: "hex" });
  if (raw !== (flow[1] as SignedReceipt).signature) throw new Error("typed-data signature differs from a raw signature of the digest");

  const receipts: ReceiptVector[] = [
    ...flow.map((r, i) => toVector(`flow ${i}`, r, operator, true)),
    toVector("twin of flow 2 (equivocation)", twin, operator, true),
    toVector("beyond the reported count", beyond, operator, true),
    toVector("extreme field values", extreme, privateKeyToAddress(extremeKey), true),
    toVector("high-s twin of flow 0", highS, "0x0000000000000000000000000000000000000000", false),
  ];
  const synthetic = (n: number): SumNode[] =>
    Array.from({ length: n }, (_, i) => ({ hash: keccak256(stringToHex(`leaf ${n}.${i}`)), sum: BigInt(i * 1_000 + n) * 10n ** 15n }));
  const trees: TreeVector[] = [
    treeVector("flow (5 viem-signed receipts)", commitment.tree.levels[0]?.slice(0, commitment.tree.count) ?? []),
    ...[1, 2, 3, 7, 8, 9].map((n) => treeVector(`synthetic ${n}`, synthetic(n))),
  ];
  const json = {
    version: 1,
    description:
      "Usage-ledger vectors written by sim/usage/writeUsageVectors.ts with viem: EIP-712 receipts and Merkle sum trees. " +
      "Forge deploys the ledger at verifyingContract and replays them (contracts/test/usage/UsageVectors.t.sol).",
    chainId: VECTOR_CHAIN_ID,
    verifyingContract: VECTOR_LEDGER,
    modelId: MODEL_ID.toString(),
    receiptType: `Receipt(${RECEIPT_TYPES.Receipt.map((f) => `${f.type} ${f.name}`).join(",")})`,
    flow: { operator, count: flow.length, total: commitment.total.toString(), root: commitment.root, twin: 5, beyond: 6, highS: 8 },
    receiptCount: receipts.length,
    receipts,
    treeCount: trees.length,
    trees,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const json = await usageVectorsJson();
  if (process.argv.includes("--check")) {
    if (readFileSync(USAGE_VECTORS_PATH, "utf8") !== json) {
      process.stderr.write(`${USAGE_VECTORS_PATH} is out of date: run \`npx tsx sim/usage/writeUsageVectors.ts\`\n`);
      process.exit(1);
    }
  } else {
    writeFileSync(USAGE_VECTORS_PATH, json);
    process.stdout.write(`wrote ${USAGE_VECTORS_PATH}\n`);
  }
}
