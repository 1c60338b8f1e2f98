import { parseEther, type Address, type Hex } from "viem";
import type { Action, Agent } from "../../agents/types.ts";
import type { UsageView } from "../../agents/usageView.ts";
import type { RpcClient } from "../../chain/rpc.ts";
import { createUsageRecorder, type UsageRecorder, type UsageTable } from "../../metrics/usageTables.ts";
import type { Scenario } from "../../scenario/schema.ts";
import { usageLedgerDomain } from "../../usage/index.ts";
import type { Clock } from "../buildObservation.ts";
import type { NameBook } from "../createNameBook.ts";
import { readLedgerBooks, type LedgerBooks } from "../reads/readLedgerBooks.ts";
import { LIES, shareAt, type UsageState } from "../world/usageEvents.ts";
import type { World, WorldEvent } from "../world/types.ts";
import { createUsageBook, type UsageBook } from "./createUsageBook.ts";
import { operatorKey } from "../../agents/operatorKey.ts";
import { periodAt, usageView, type UsageConstants } from "./usageView.ts";

/** The truth about one operator's period, and what became of it. */
type PeriodRecord = {
  operator: Address;
  period: number;
  uses: number;
  reported: boolean;
  reportTime: number | undefined;
  reportedCount: bigint;
  reportedTotal: bigint;
  paid: bigint;
  hiddenReceipts: number;
  hiddenRevenue: bigint;
  slashedToToken: bigint;
  slashedFor: string | undefined;
};

type EpochFigures = {
  uses: number;
  trueRevenue: bigint;
  owed: bigint;
  reports: number;
  paid: bigint;
  liesCommitted: number;
  hiddenReceipts: number;
  hiddenRevenue: bigint;
  checks: number;
  refused: number;
  challenges: number;
  answered: number;
  refunded: number;
  slashes: number;
  liesDetected: number;
  missedReports: number;
  slashedToToken: bigint;
  toProvers: bigint;
  burned: bigint;
  revenueToToken: bigint;
  revenueEscrowed: bigint;
};

const emptyEpoch = (): EpochFigures => ({
  uses: 0,
  trueRevenue: 0n,
  owed: 0n,
  reports: 0,
  paid: 0n,
  liesCommitted: 0,
  hiddenReceipts: 0,
  hiddenRevenue: 0n,
  checks: 0,
  refused: 0,
  challenges: 0,
  answered: 0,
  refunded: 0,
  slashes: 0,
  liesDetected: 0,
  missedReports: 0,
  slashedToToken: 0n,
  toProvers: 0n,
  burned: 0n,
  revenueToToken: 0n,
  revenueEscrowed: 0n,
});

/** Everything of off-chain usage a run holds: the ledger's constants, the off-chain book, and its tables. */
export type UsageRun = {
  readonly constants: UsageConstants;
  readonly book: UsageBook;
  /** The agents' view at `now` (buildObservation). */
  view(world: World, now: number): UsageView;
  /**
   * The off-chain step of a turn, before the block is sent: serves this turn's uses (each gets a receipt),
   * answers proof requests from the operators' published trees, publishes the trees of this turn's reports, and
   * fills in (and signs, with viem) the receipts that actions present. Returns the actions that are transactions.
   */
  take(actions: readonly Action[], clock: Clock): Promise<Action[]>;
  /** After the block: the turn's ledger events into the epoch's figures and the periods' records. */
  recordTurn(events: readonly WorldEvent[]): void;
  /** At an epoch's end: its row (the ledger's books as they stand then). */
  recordEpoch(epoch: number, time: number): Promise<void>;
  /** At the end: the tables of periods, challenges and slashes; the books for the conservation check. */
  finish(): Promise<{ counts: Record<UsageTable, number>; books: LedgerBooks; balance: bigint }>;
};

export type CreateUsageRunParameters = {
  scenario: Scenario;
  rpc: RpcClient;
  ledger: Address;
  modelId: bigint;
  chainId: number;
  /** Start of the ledger's period 0 (its deployment's block time). */
  genesis: number;
  world: World;
  agents: readonly Agent[];
  /** The off-chain users (their receipts name them by index). */
  users: readonly Agent[];
  names: NameBook;
  dir: string;
};

const OPERATOR_ROLES = new Set(["honest-operator", "under-reporting-operator", "strategic-operator"]);

/** Sets up off-chain usage for a run whose scenario has an `offchain` section. */
export function createUsageRun({ scenario, rpc, ledger, modelId, chainId, genesis, world, agents, users, names, dir }: CreateUsageRunParameters): UsageRun {
  const offchain = scenario.offchain;
  if (!offchain) throw new Error("createUsageRun: the scenario has no offchain section");
  const l = offchain.ledger;
  const constants: UsageConstants = {
    ledger,
    modelId,
    genesis,
    periodLength: l.periodEpochs * scenario.epoch.seconds,
    reportWindow: l.reportWindow,
    challengeWindow: l.challengeWindow,
    answerWindow: l.answerWindow,
    challengeBond: parseEther(l.challengeBond),
    proverReward: parseEther(l.proverReward),
    penaltyBps: l.penaltyBps,
    price: parseEther(offchain.demand.price),
    operatorBond: parseEther(offchain.operators.bond),
  };
  // What the deployment set, before the agents' first block (the world indexes events from then on).
  world.usage.challengeBond = constants.challengeBond;
  world.usage.shares.push({ fromPeriod: 0, shareBps: l.shareBps });
  const operators = agents.filter((a) => OPERATOR_ROLES.has(a.role));
  const keepPeriods = Math.ceil((l.reportWindow + l.challengeWindow + l.answerWindow) / constants.periodLength) + 2;
  const book = createUsageBook({
    domain: usageLedgerDomain({ chainId, verifyingContract: ledger }),
    modelId,
    price: constants.price,
    users: users.map((u) => u.address),
    keys: new Map(operators.map((o) => [o.address.toLowerCase(), operatorKey(o.id)])),
    keepPeriods,
  });
  const recorder: UsageRecorder = createUsageRecorder(dir);
  const periods = new Map<string, PeriodRecord>();
  const periodOf = (operator: Address, period: number): PeriodRecord => {
    const key = `${operator.toLowerCase()}|${period}`;
    let record = periods.get(key);
    if (!record) {
      periods.set(
        key,
        (record = { operator, period, uses: 0, reported: false, reportTime: undefined, reportedCount: 0n, reportedTotal: 0n, paid: 0n, hiddenReceipts: 0, hiddenRevenue: 0n, slashedToToken: 0n, slashedFor: undefined }),
      );
    }
    return record;
  };
  let epoch = emptyEpoch();
  /** Whether each challenge followed a refused proof request (by receipt digest). */
  const askedFirst = new Map<Hex, boolean>();
  const usage: UsageState = world.usage;
  const share = (period: number) => BigInt(shareAt(usage, period));

  /** The receipt (and, for evidence, its signature) an action presents. */
  const present = async (action: Action): Promise<Action> => {
    switch (action.kind) {
      case "challengeReceipt":
      case "proveOutOfRange":
      case "provePriceAboveTotal": {
        const signed = await book.sign(action.operator, action.sequence);
        return { ...action, receipt: signed.receipt, signature: signed.signature };
      }
      case "answerChallenge":
      case "slashUnanswered":
        return { ...action, receipt: book.receipt(action.operator, action.sequence) };
      default:
        return action;
    }
  };

  return {
    constants,
    book,
    view: (w, now) => usageView(constants, w.usage, book, now),

    async take(actions, clock) {
      const onchain: Action[] = [];
      const uses: { operator: Address; user: number }[] = [];
      for (const action of actions) {
        switch (action.kind) {
          case "useOffchain":
            uses.push({ operator: action.operator, user: action.agent.index });
            break;
          case "requestUsageProof":
            epoch.checks++;
            if (!book.requestProof(action.agent.address, action.operator, action.period, action.sequence, action.report)) epoch.refused++;
            break;
          case "reportUsage":
            book.publish(action.period, book.commit(action.agent.address, action.start, action.count, action.hidden));
            onchain.push(action);
            break;
          case "challengeReceipt":
            if (!action.askedFirst) {
              epoch.checks++;
              book.countCheck(action.operator, book.receipt(action.operator, action.sequence).period);
            }
            askedFirst.set(book.digest(action.operator, action.sequence), action.askedFirst);
            onchain.push(await present(action));
            break;
          default:
            onchain.push(await present(action));
        }
      }
      const period = periodAt(constants, clock.now);
      const served = book.serve(uses, period);
      for (const s of served) periodOf(s.operator, s.period).uses++;
      epoch.uses += served.length;
      const revenue = BigInt(served.length) * constants.price;
      epoch.trueRevenue += revenue;
      epoch.owed += (revenue * share(period)) / 10_000n;
      if (offchain.signEveryReceipt) for (const s of served) await book.sign(s.operator, s.sequence);
      return onchain;
    },

    recordTurn(events) {
      for (const event of events) {
        if (event.contract !== "UsageLedger") continue;
        const a = event.args;
        switch (event.name) {
          case "Reported": {
            const operator = a.operator as Address;
            const p = Number(a.period as number);
            const record = periodOf(operator, p);
            const range = book.periodRange(operator, p);
            const trueRevenue = (range.end - range.first) * constants.price;
            record.reported = true;
            record.reportTime = event.time;
            record.reportedCount = a.count as bigint;
            record.reportedTotal = a.total as bigint;
            record.paid = a.paid as bigint;
            const hidden = trueRevenue > record.reportedTotal ? trueRevenue - record.reportedTotal : 0n;
            record.hiddenRevenue = hidden;
            record.hiddenReceipts = constants.price === 0n ? 0 : Number(hidden / constants.price);
            epoch.reports++;
            epoch.paid += record.paid;
            if (hidden > 0n) epoch.liesCommitted++;
            epoch.hiddenReceipts += record.hiddenReceipts;
            epoch.hiddenRevenue += hidden;
            break;
          }
          case "ReceiptChallenged":
            epoch.challenges++;
            break;
          case "ChallengeAnswered":
            epoch.answered++;
            break;
          case "ChallengeRefunded":
            epoch.refunded++;
            break;
          case "OperatorSlashed": {
            const operator = a.operator as Address;
            const lie = LIES[Number(a.lie as number)] ?? "missed-report";
            epoch.slashes++;
            if (lie === "missed-report") epoch.missedReports++;
            else epoch.liesDetected++;
            epoch.slashedToToken += a.toToken as bigint;
            epoch.toProvers += a.toProver as bigint;
            epoch.burned += a.burned as bigint;
            const p = evidencePeriod(a.evidence as Hex, operator);
            if (p !== undefined) {
              const record = periodOf(operator, p);
              record.slashedToToken += a.toToken as bigint;
              record.slashedFor = lie;
            }
            break;
          }
          case "RevenuePaid":
            epoch.revenueToToken += a.amount as bigint;
            break;
          case "RevenueEscrowed":
            epoch.revenueEscrowed += a.amount as bigint;
            break;
        }
      }
    },

    async recordEpoch(index, time) {
      const { books } = await readLedgerBooks(rpc, ledger);
      const e = epoch;
      recorder.write("usage_epochs", {
        epoch: index,
        time,
        uses: e.uses,
        true_revenue_wei: e.trueRevenue,
        owed_wei: e.owed,
        reports: e.reports,
        paid_by_reports_wei: e.paid,
        lies_committed: e.liesCommitted,
        hidden_receipts: e.hiddenReceipts,
        hidden_revenue_wei: e.hiddenRevenue,
        checks: e.checks,
        refused_proofs: e.refused,
        challenges: e.challenges,
        answered: e.answered,
        refunded: e.refunded,
        slashes: e.slashes,
        lies_detected: e.liesDetected,
        missed_reports: e.missedReports,
        slashed_to_token_wei: e.slashedToToken,
        to_provers_wei: e.toProvers,
        burned_wei: e.burned,
        revenue_to_token_wei: e.revenueToToken,
        revenue_escrowed_wei: e.revenueEscrowed,
        escrow_wei: usage.escrow,
        bonded_wei: books.bonded,
        serving_operators: [...usage.operators.values()].filter((o) => o.status === "active").length,
      });
      epoch = emptyEpoch();
      book.prune(periodAt(constants, time));
    },

    async finish() {
      const order = new Map(operators.map((o, i) => [o.address.toLowerCase(), i]));
      const sorted = [...periods.values()].sort((a, b) => a.period - b.period || (order.get(a.operator.toLowerCase()) ?? 0) - (order.get(b.operator.toLowerCase()) ?? 0));
      for (const r of sorted) {
        const checks = book.checks(r.operator, r.period);
        const trueRevenue = BigInt(r.uses) * constants.price;
        recorder.write("usage_periods", {
          period: r.period,
          operator: names.nameOf(r.operator),
          role: names.roleOf(r.operator),
          uses: r.uses,
          true_revenue_wei: trueRevenue,
          owed_wei: (trueRevenue * share(r.period)) / 10_000n,
          reported: r.reported,
          report_time: r.reportTime,
          reported_count: r.reported ? r.reportedCount : undefined,
          reported_total_wei: r.reported ? r.reportedTotal : undefined,
          paid_wei: r.paid,
          hidden_receipts: r.hiddenReceipts,
          hidden_revenue_wei: r.hiddenRevenue,
          checks: checks.checks,
          refused_proofs: checks.refused,
          slashed_to_token_wei: r.slashedToToken,
          slashed_for: r.slashedFor,
        });
      }
      for (const c of usage.challenges.values()) {
        recorder.write("usage_challenges", {
          digest: c.digest,
          operator: names.nameOf(c.operator),
          operator_role: names.roleOf(c.operator),
          challenger: names.nameOf(c.challenger),
          challenger_role: names.roleOf(c.challenger),
          period: c.period,
          sequence: c.sequence,
          asked_first: askedFirst.get(c.digest) ?? true,
          opened_time: c.openedAt,
          deadline: c.deadline,
          outcome: c.status,
          answerer: c.answerer ? names.nameOf(c.answerer) : undefined,
          ended_time: c.endedAt,
        });
      }
      for (const s of usage.slashes) {
        recorder.write("usage_slashes", {
          epoch: Math.floor((s.time - scenario.startTimestamp) / scenario.epoch.seconds),
          time: s.time,
          block: s.block,
          operator: names.nameOf(s.operator),
          operator_role: names.roleOf(s.operator),
          lie: s.lie,
          prover: names.nameOf(s.prover),
          prover_role: names.roleOf(s.prover),
          evidence_period: evidencePeriod(s.evidence, s.operator),
          bond_wei: s.bond,
          to_token_wei: s.toToken,
          to_prover_wei: s.toProver,
          burned_wei: s.burned,
        });
      }
      const counts = recorder.counts();
      await recorder.close();
      const { books, balance } = await readLedgerBooks(rpc, ledger);
      return { counts, books, balance };
    },
  };

  /** The period a slash is for: its evidence receipt's, or (a missed report) the period the operator did not report. */
  function evidencePeriod(evidence: Hex, operator: Address): number | undefined {
    if (/^0x0+$/.test(evidence)) return usage.operators.get(operator.toLowerCase())?.nextPeriod;
    const at = book.locate(evidence);
    return at ? book.receipt(at.operator, at.sequence).period : undefined;
  }
}
