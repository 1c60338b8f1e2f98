import type { Address } from "viem";
import { agentAddress } from "../engine/agentAddress.ts";
import type { Scenario } from "../scenario/schema.ts";
import { challengerPolicy, grieferPolicy } from "./challengers.ts";
import { coalitionPolicy, coalitionState, type CoalitionState } from "./coalition.ts";
import { demandPolicy } from "./elasticUsers.ts";
import { initialInvestorState, investorStrategyPolicy } from "./investorStrategies.ts";
import { keeperPolicy } from "./keeper.ts";
import { withListingSale } from "./listingSale.ts";
import { offchainUsersInitialState, offchainUsersPolicy } from "./offchainUsers.ts";
import { operatorAddress } from "./operatorKey.ts";
import { operatorInitialState, operatorPolicy } from "./operators.ts";
import { lazyChallengerRole, submitterRole } from "./oracleStrategies.ts";
import { scripted, scriptedPopulation } from "./scripted.ts";
import { initialLiquidityProviderState, liquidityProviderPolicy } from "./liquidityProviders.ts";
import { burnArbitrageurPolicy, fundamentalTraderPolicy, initialTraderState, noiseTraderPolicy } from "./traders.ts";
import type { AgentPolicy, AgentState, HolderStrategy, NoState, PopulationPolicy, Role } from "./types.ts";
import { usageKeeperPolicy } from "./usageKeeper.ts";
import { ledgerState, withComputeLedger, type LedgerState } from "./withComputeLedger.ts";

/** One kind of agent: how many the scenario asks for, what each starts with, and the policy it runs. */
export type AgentRole<S extends AgentState = AgentState> = {
  readonly role: Role;
  /** How many agents of this role the scenario has (read from its section of the scenario). */
  count(scenario: Scenario): number;
  /** The state each agent starts the run with (plain data). */
  initialState(scenario: Scenario, index: number): S;
  readonly policy: AgentPolicy<S>;
  /** Fixed traits of the agent at `index` (investors: their holder strategy). Called once per run. */
  traits?(scenario: Scenario): (index: number) => { holderStrategy?: HolderStrategy | undefined };
  /** Whether it earns pull credit at the oracle: the engine reads its credit at each epoch's start for its observation. */
  readonly earnsOracleCredit: boolean;
  /** The agent's address from its id, when it must be a key's (an operator signs receipts); else agentAddress(id). */
  address?(id: string): Address;
};

/** A population that decides as one (one call per turn, one state, its own random stream named by `id`). */
export type PopulationRole<S extends AgentState = AgentState> = {
  /** The population's name: its random stream and the key of its state. */
  readonly id: string;
  readonly role: Role;
  count(scenario: Scenario): number;
  initialState(scenario: Scenario): S;
  readonly policy: PopulationPolicy<S>;
  /** Built only when the scenario gives it members (a feature's population: off-chain users); else always. */
  readonly onlyWhenPresent?: boolean;
};

/** Every role the engine runs. Agents are built, and decide each turn, in this order. */
export type RoleRegistry = {
  readonly agents: readonly AgentRole[];
  readonly populations: readonly PopulationRole[];
};

/** Registers a role: the state type is checked here and erased in the registry (the engine only keeps states). */
export function defineRole<S extends AgentState>(role: AgentRole<S>): AgentRole {
  return role as unknown as AgentRole;
}

/** Registers a population (see `defineRole`). */
export function definePopulation<S extends AgentState>(population: PopulationRole<S>): PopulationRole {
  return population as unknown as PopulationRole;
}

const noState = (): NoState => ({});
/** The state of a scripted agent whose compute is counted (withComputeLedger): an empty state in a ledger. */
const ledgerOfNoState = () => ledgerState(noState());

/** Holders' strategies in the order the scenario's `holders` section lists them; the rest hold passively. */
export function holderStrategies(scenario: Scenario): (index: number) => { holderStrategy: HolderStrategy } {
  const h = scenario.holders;
  const plan: HolderStrategy[] = [
    ...Array<HolderStrategy>(h.claimEverySnapshot).fill("claim-every-snapshot"),
    ...Array<HolderStrategy>(h.claimLate).fill("claim-late"),
    ...Array<HolderStrategy>(h.neverClaim).fill("never-claim"),
    ...Array<HolderStrategy>(h.burnAfterSnapshot).fill("burn-after-snapshot"),
    ...Array<HolderStrategy>(h.burnBeforeSnapshot).fill("burn-before-snapshot"),
  ];
  return (index) => ({ holderStrategy: plan[index] ?? "passive" });
}

/**
 * The coalition's membership, which every member holds in its state: the addresses the engine gives the agents of
 * the two colluding roles (`<role>-<index>`, as buildAgents names them).
 */
export function coalitionOf(scenario: Scenario): CoalitionState {
  const ids = (role: string, count: number) => Array.from({ length: count }, (_, i) => agentAddress(`${role}-${i}`));
  return coalitionState(ids("colluding-submitter", scenario.colluders.submitters), ids("colluding-challenger", scenario.colluders.challengers));
}

/** A colluder's initial state: the membership, inside a compute ledger (what the coalition computes is counted like anyone's). */
const ledgerOfCoalition = (scenario: Scenario) => ledgerState(coalitionOf(scenario));

/**
 * The shipped roles. To add one: write its policy in agents/ (test beside it), add its section to the
 * scenario schema, and add one entry here; the engine needs no change.
 */
export const roles: RoleRegistry = {
  agents: [
    defineRole({ role: "investor", count: (s) => s.investors.count, traits: holderStrategies, initialState: initialInvestorState, policy: withListingSale(investorStrategyPolicy), earnsOracleCredit: false }),
    defineRole(submitterRole("honest-submitter")),
    defineRole(submitterRole("malicious-submitter")),
    defineRole({ role: "honest-challenger", count: (s) => s.challengers.honest, initialState: ledgerOfNoState, policy: withComputeLedger(scripted(challengerPolicy)), earnsOracleCredit: true }),
    defineRole(lazyChallengerRole),
    defineRole({ role: "griefer", count: (s) => s.challengers.griefers, initialState: ledgerOfNoState, policy: withComputeLedger(scripted(grieferPolicy)), earnsOracleCredit: true }),
    defineRole<LedgerState<CoalitionState>>({ role: "colluding-submitter", count: (s) => s.colluders.submitters, initialState: ledgerOfCoalition, policy: withComputeLedger(coalitionPolicy), earnsOracleCredit: true }),
    defineRole<LedgerState<CoalitionState>>({ role: "colluding-challenger", count: (s) => s.colluders.challengers, initialState: ledgerOfCoalition, policy: withComputeLedger(coalitionPolicy), earnsOracleCredit: true }),
    defineRole({ role: "keeper", count: () => 1, initialState: noState, policy: scripted(keeperPolicy), earnsOracleCredit: false }),
    // Off-chain usage (the `offchain` section; none of them without it).
    defineRole({ role: "honest-operator", count: (s) => s.offchain?.operators.honest ?? 0, address: operatorAddress, initialState: operatorInitialState, policy: operatorPolicy, earnsOracleCredit: false }),
    defineRole({ role: "under-reporting-operator", count: (s) => s.offchain?.operators.underReporting ?? 0, address: operatorAddress, initialState: operatorInitialState, policy: operatorPolicy, earnsOracleCredit: false }),
    defineRole({ role: "strategic-operator", count: (s) => s.offchain?.operators.strategic ?? 0, address: operatorAddress, initialState: operatorInitialState, policy: operatorPolicy, earnsOracleCredit: false }),
    defineRole({ role: "usage-keeper", count: (s) => (s.offchain ? 1 : 0), initialState: noState, policy: scripted(usageKeeperPolicy), earnsOracleCredit: false }),
    defineRole({ role: "fundamental-trader", count: (s) => (s.market.enabled ? s.market.fundamentalTraders : 0), initialState: initialTraderState, policy: fundamentalTraderPolicy, earnsOracleCredit: false }),
    defineRole({ role: "noise-trader", count: (s) => (s.market.enabled ? s.market.noiseTraders : 0), initialState: initialTraderState, policy: noiseTraderPolicy, earnsOracleCredit: false }),
    defineRole({ role: "burn-arbitrageur", count: (s) => (s.market.enabled ? s.market.burnArbitrageurs : 0), initialState: initialTraderState, policy: burnArbitrageurPolicy, earnsOracleCredit: false }),
    defineRole({ role: "liquidity-provider", count: (s) => (s.market.enabled ? s.market.liquidityProviders : 0), initialState: initialLiquidityProviderState, policy: liquidityProviderPolicy, earnsOracleCredit: false }),
  ],
  populations: [
    definePopulation({ id: "users", role: "user", count: (s) => s.demand.users, initialState: noState, policy: scriptedPopulation(demandPolicy) }),
    definePopulation({ id: "offchain-users", role: "offchain-user", count: (s) => s.offchain?.users.count ?? 0, initialState: offchainUsersInitialState, policy: offchainUsersPolicy, onlyWhenPresent: true }),
  ],
};
