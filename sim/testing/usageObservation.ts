import { parseEther, type Address } from "viem";
import type { Agent, Observation } from "../agents/types.ts";
import { agentAddress } from "../engine/agentAddress.ts";
import { createUsageBook, type UsageBook } from "../engine/usage/createUsageBook.ts";
import { operatorAddress, operatorKey } from "../agents/operatorKey.ts";
import { usageView, type UsageConstants } from "../engine/usage/usageView.ts";
import { createUsageState, type UsageState } from "../engine/world/usageEvents.ts";
import { usageLedgerDomain } from "../usage/index.ts";
import { testObservation } from "./observation.ts";

/** An operator agent (its address is its signing key's, as in a run). */
export function testOperator(role: "honest-operator" | "under-reporting-operator" | "strategic-operator", index = 0): Agent {
  const id = `${role}-${index}`;
  return { id, role, index, address: operatorAddress(id) };
}

/** Off-chain users, as the population's members. */
export function testOffchainUsers(count: number): Agent[] {
  return Array.from({ length: count }, (_, index) => ({ id: `offchain-user-${index}`, role: "offchain-user" as const, index, address: agentAddress(`offchain-user-${index}`) }));
}

export type TestUsageWorld = {
  /** The observation at `now` (rebuild it with `observe(now)` after changing the world or the book). */
  observation: Observation;
  observe(now: number): Observation;
  usage: UsageState;
  book: UsageBook;
  constants: UsageConstants;
  users: Agent[];
  operators: Agent[];
  /** Registers the operators in the world, as their `OperatorRegistered` events would. */
  register(...operators: Agent[]): void;
};

/**
 * An observation with off-chain usage for policy tests without a chain: a real off-chain book (receipts, digests,
 * sum trees, signatures by viem) and a usage part of the world that the test fills as the ledger's events would.
 * Period p is `[genesis + p·3600, genesis + (p+1)·3600)`.
 */
export function testUsageWorld(options: { offchain?: string; users?: number; operators?: Agent[]; now?: number } = {}): TestUsageWorld {
  const offchain = options.offchain ?? "{}";
  const base = testObservation({ scenario: `epochs: 10\nepoch: { seconds: 3600, blocks: 12 }\noffchain: ${offchain}\n` });
  const scenario = base.observation.scenario;
  const o = scenario.offchain;
  if (!o) throw new Error("testUsageWorld: no offchain section");
  const users = testOffchainUsers(options.users ?? 20);
  const operators = options.operators ?? [testOperator("honest-operator")];
  const ledger: Address = agentAddress("test-contract-ledger");
  const constants: UsageConstants = {
    ledger,
    modelId: 1n,
    genesis: scenario.startTimestamp - 2,
    periodLength: 3600 * o.ledger.periodEpochs,
    reportWindow: o.ledger.reportWindow,
    challengeWindow: o.ledger.challengeWindow,
    answerWindow: o.ledger.answerWindow,
    challengeBond: parseEther(o.ledger.challengeBond),
    proverReward: parseEther(o.ledger.proverReward),
    penaltyBps: o.ledger.penaltyBps,
    price: parseEther(o.demand.price),
    operatorBond: parseEther(o.operators.bond),
  };
  const usage = createUsageState();
  usage.challengeBond = constants.challengeBond;
  usage.shares.push({ fromPeriod: 0, shareBps: o.ledger.shareBps });
  const book = createUsageBook({
    domain: usageLedgerDomain({ chainId: 31337, verifyingContract: ledger }),
    modelId: 1n,
    price: constants.price,
    users: users.map((u) => u.address),
    keys: new Map(operators.map((a) => [a.address.toLowerCase(), operatorKey(a.id)])),
    keepPeriods: 10,
  });
  const observe = (now: number): Observation => ({ ...base.observation, now, usage: usageView(constants, usage, book, now) });
  const world: TestUsageWorld = {
    observation: observe(options.now ?? scenario.startTimestamp),
    observe,
    usage,
    book,
    constants,
    users,
    operators,
    register(...agents) {
      for (const a of agents) {
        usage.operators.set(a.address.toLowerCase(), { address: a.address, status: "active", bond: constants.operatorBond, firstPeriod: 0, nextPeriod: 0, nextSequence: 0n, lastPeriod: undefined, openChallenges: 0 });
      }
    },
  };
  return world;
}
