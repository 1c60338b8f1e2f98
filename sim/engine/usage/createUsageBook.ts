import type { Address, Hex } from "viem";
import type { UsageBookView, UsageCheckTally, UsageCommitment, UsageRefusal } from "../../agents/usageView.ts";
import { buildSumTree, computeSumRoot, createReceiptHasher, proveInclusion, signReceipt, type Receipt, type SignedReceipt, type SumNode, type UsageLedgerDomain } from "../../usage/index.ts";

/** One operator's receipts, by sequence: who holds each and which period it is labelled with. */
type OperatorBook = {
  readonly operator: Address;
  readonly key: Hex | undefined;
  readonly holders: number[];
  readonly periods: number[];
  readonly digests: (Hex | undefined)[];
  readonly signatures: Map<bigint, Hex>;
  /** Sequences `[first, end)` per period label. */
  readonly ranges: Map<number, { first: number; end: number }>;
};

export type CreateUsageBookParameters = {
  domain: UsageLedgerDomain;
  modelId: bigint;
  /** Price of every use (wei). */
  price: bigint;
  /** The off-chain users' addresses, by index (receipts name their holder by index). */
  users: readonly Address[];
  /** Operators' signing keys by lower-cased address (an operator signs with its own key). */
  keys: ReadonlyMap<string, Hex>;
  /** How many past periods of published trees to keep (they answer proof requests and challenges). */
  keepPeriods: number;
};

/** A served use, as the book records it. */
export type ServedUse = { operator: Address; user: number; sequence: bigint; period: number };

/** The off-chain book plus what only the engine does with it: serve uses, publish trees, answer proof requests, sign. */
export type UsageBook = UsageBookView & {
  /** Issues one receipt per use, at the operator's next sequence, labelled `period`. */
  serve(uses: readonly { operator: Address; user: number }[], period: number): ServedUse[];
  /** The operator publishes the tree it reported for `period` (it answers proof requests from it). */
  publish(period: number, commitment: UsageCommitment): void;
  /**
   * A user asks the operator for the inclusion proof of its receipt against the report it saw on chain; true if
   * the operator's published tree gives one that verifies (leaf = the receipt's digest and price, up to the
   * reported root and total), false (a refusal the user will act on) otherwise.
   */
  requestProof(user: Address, operator: Address, period: number, sequence: bigint, report: { start: bigint; root: Hex; total: bigint }): boolean;
  /** A check made on chain without asking first (a direct challenge): the operator sees it too. */
  countCheck(operator: Address, period: number): void;
  /** The receipt with the operator's EIP-712 signature (viem's `signTypedData`), signed once and kept. */
  sign(operator: Address, sequence: bigint): Promise<SignedReceipt>;
  /** Where a digest comes from (receipts whose digest was computed). */
  locate(digest: Hex): { operator: Address; sequence: bigint } | undefined;
  /** Forgets published trees older than `period − keepPeriods`. */
  prune(period: number): void;
};

const EMPTY_TALLY: UsageCheckTally = { checks: 0, refused: 0 };

/**
 * The off-chain book of usage: every receipt an operator issued (held by the user who paid), its digest, the
 * trees operators published, and the proof requests they answered. Receipts are signed lazily: only when a
 * holder presents one on chain (`sign`), with the operator's key and viem's EIP-712 signing; ECDSA signatures
 * are deterministic (RFC 6979), so a receipt signed late is the very receipt signed at issue.
 */
export function createUsageBook({ domain, modelId, price, users, keys, keepPeriods }: CreateUsageBookParameters): UsageBook {
  const hash = createReceiptHasher(domain);
  const books = new Map<string, OperatorBook>();
  const published = new Map<string, UsageCommitment>();
  const tallies = new Map<string, { checks: number; refused: number }>();
  const refusals: UsageRefusal[] = [];
  const located = new Map<Hex, { operator: Address; sequence: bigint }>();

  const bookOf = (operator: Address): OperatorBook => {
    const key = operator.toLowerCase();
    let book = books.get(key);
    if (!book) books.set(key, (book = { operator, key: keys.get(key), holders: [], periods: [], digests: [], signatures: new Map(), ranges: new Map() }));
    return book;
  };
  const tallyOf = (operator: Address, period: number) => {
    const key = `${operator.toLowerCase()}|${period}`;
    let tally = tallies.get(key);
    if (!tally) tallies.set(key, (tally = { checks: 0, refused: 0 }));
    return tally;
  };
  const receiptOf = (book: OperatorBook, sequence: bigint): Receipt => {
    const i = Number(sequence);
    const holder = book.holders[i];
    if (holder === undefined) throw new RangeError(`operator ${book.operator} issued no receipt ${sequence}`);
    return { modelId, operator: book.operator, user: users[holder] as Address, sequence, price, period: book.periods[i] as number };
  };
  const digestOf = (book: OperatorBook, sequence: bigint): Hex => {
    const i = Number(sequence);
    let digest = book.digests[i];
    if (digest === undefined) {
      digest = hash(receiptOf(book, sequence));
      book.digests[i] = digest;
      located.set(digest, { operator: book.operator, sequence });
    }
    return digest;
  };

  // The last tree built per operator: the report an operator plans is the tree the engine then publishes.
  const lastCommit = new Map<string, { key: string; commitment: UsageCommitment }>();
  const commit = (operator: Address, start: bigint, count: bigint, hidden: readonly bigint[]): UsageCommitment => {
    const key = `${start}|${count}|${hidden.join(",")}`;
    const last = lastCommit.get(operator.toLowerCase());
    if (last?.key === key) return last.commitment;
    const commitment = buildCommitment(operator, start, count, hidden);
    lastCommit.set(operator.toLowerCase(), { key, commitment });
    return commitment;
  };
  const buildCommitment = (operator: Address, start: bigint, count: bigint, hidden: readonly bigint[]): UsageCommitment => {
    const book = bookOf(operator);
    const zero = new Set(hidden);
    const leaves: SumNode[] = [];
    for (let s = start; s < start + count; s++) leaves.push({ hash: digestOf(book, s), sum: zero.has(s) ? 0n : price });
    const tree = buildSumTree(leaves);
    return {
      operator,
      start,
      count,
      total: tree.root.sum,
      root: tree.root.hash,
      hidden: [...zero].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
      proofOf(sequence) {
        if (sequence < start || sequence >= start + count || zero.has(sequence)) return undefined;
        return proveInclusion(tree, Number(sequence - start));
      },
    };
  };

  return {
    issued: (operator) => BigInt(books.get(operator.toLowerCase())?.holders.length ?? 0),
    periodRange(operator, period) {
      const book = books.get(operator.toLowerCase());
      const range = book?.ranges.get(period);
      if (range) return { first: BigInt(range.first), end: BigInt(range.end) };
      // No receipt of that period: an empty range where its receipts would have been.
      let at = 0;
      for (const [p, r] of book?.ranges ?? []) if (p < period) at = r.end;
      return { first: BigInt(at), end: BigInt(at) };
    },
    receipt: (operator, sequence) => receiptOf(bookOf(operator), sequence),
    digest: (operator, sequence) => digestOf(bookOf(operator), sequence),
    commit,
    published: (operator, period) => published.get(`${operator.toLowerCase()}|${period}`),
    checks: (operator, period) => tallies.get(`${operator.toLowerCase()}|${period}`) ?? EMPTY_TALLY,
    refusals,

    serve(uses, period) {
      const served: ServedUse[] = [];
      for (const use of uses) {
        const book = bookOf(use.operator);
        const sequence = book.holders.length;
        book.holders.push(use.user);
        book.periods.push(period);
        const range = book.ranges.get(period);
        if (range) range.end = sequence + 1;
        else book.ranges.set(period, { first: sequence, end: sequence + 1 });
        served.push({ operator: book.operator, user: use.user, sequence: BigInt(sequence), period });
      }
      return served;
    },
    publish(period, commitment) {
      published.set(`${commitment.operator.toLowerCase()}|${period}`, commitment);
    },
    requestProof(user, operator, period, sequence, report) {
      const tally = tallyOf(operator, period);
      tally.checks++;
      const book = bookOf(operator);
      const proof = published.get(`${operator.toLowerCase()}|${period}`)?.proofOf(sequence);
      // The user verifies the answer itself, against the report on chain: its own receipt at its leaf.
      const ok = proof !== undefined && (() => {
        const node = computeSumRoot({ hash: digestOf(book, sequence), sum: price }, Number(sequence - report.start), proof);
        return node.hash === report.root && node.sum === report.total;
      })();
      if (!ok) {
        tally.refused++;
        refusals.push({ user, operator, period, sequence });
      }
      return ok;
    },
    countCheck(operator, period) {
      tallyOf(operator, period).checks++;
    },
    async sign(operator, sequence) {
      const book = bookOf(operator);
      if (book.key === undefined) throw new Error(`no signing key for operator ${operator}: only the run's operators issue receipts`);
      const receipt = receiptOf(book, sequence);
      const digest = digestOf(book, sequence);
      let signature = book.signatures.get(sequence);
      if (signature === undefined) {
        signature = (await signReceipt({ privateKey: book.key, domain, receipt })).signature;
        book.signatures.set(sequence, signature);
      }
      return { receipt, signature, digest };
    },
    locate: (digest) => located.get(digest),
    prune(period) {
      for (const [key] of published) {
        const p = Number(key.slice(key.indexOf("|") + 1));
        if (p < period - keepPeriods) published.delete(key);
      }
    },
  };
}
