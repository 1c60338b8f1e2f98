import { encodeDeployData, encodeFunctionData, parseEther, type Address, type Hex } from "viem";
import { bytecodeOf, contractAbis } from "../../chain/contracts.ts";
import type { Executor, TxOutcome } from "../../chain/executor.ts";
import type { RpcClient } from "../../chain/rpc.ts";
import { deploymentRevertError } from "../../scenario/deploymentRevert.ts";
import type { Scenario } from "../../scenario/schema.ts";

/** The scenario's off-chain section (present when the ledger is deployed). */
export type OffchainScenario = NonNullable<Scenario["offchain"]>;

export type DeployUsageLedgerParameters = {
  rpc: RpcClient;
  executor: Executor;
  scenario: Scenario & { offchain: OffchainScenario };
  registry: Address;
  modelId: bigint;
  deployer: Address;
  modelOwner: Address;
};

export type DeployUsageLedgerReturnType = {
  ledger: Address;
  /** The block of the model's terms: the last block before the agents' first turn. */
  block: bigint;
};

/** When the ledger is deployed: the start of its period 0 (GENESIS), two seconds before the agents' first turn. */
export function ledgerGenesis(scenario: Pick<Scenario, "startTimestamp">): number {
  return scenario.startTimestamp - 2;
}

/** The ledger's constructor parameters from the scenario (`IUsageLedger.Parameters`). */
export function usageLedgerParameters(scenario: Scenario & { offchain: OffchainScenario }) {
  const l = scenario.offchain.ledger;
  return {
    periodLength: l.periodEpochs * scenario.epoch.seconds,
    reportWindow: l.reportWindow,
    challengeWindow: l.challengeWindow,
    answerWindow: l.answerWindow,
    unbondingDelay: l.unbondingDelay,
    minBond: parseEther(l.minBond),
    challengeBond: parseEther(l.challengeBond),
    proverReward: parseEther(l.proverReward),
    penaltyBps: l.penaltyBps,
    revenueGasLimit: l.revenueGasLimit,
  };
}

/**
 * Deploys the usage ledger two seconds before the agents' first turn, so that its period p (which starts at the
 * deployment's time, GENESIS) holds the turns of epochs [p·periodEpochs, (p+1)·periodEpochs) whenever a block
 * lasts more than two seconds; then the model's owner sets the model's terms (the token's share, from period 0)
 * one second later. The model's revenue receiver is the registry's: the token once the raise settles (until then
 * the ledger escrows what it is paid, and the keeper flushes it).
 */
export async function deployUsageLedger({ rpc, executor, scenario, registry, modelId, deployer, modelOwner }: DeployUsageLedgerParameters): Promise<DeployUsageLedgerReturnType> {
  const send = async (request: { from: Address; to?: Address; data: Hex; label: string }, timestamp: number): Promise<TxOutcome> => {
    const [outcome] = await executor.execute([{ ...request, gas: 30_000_000n }], { timestamp });
    if (!outcome || outcome.status !== "success") throw await deploymentRevertError({ rpc, outcome: outcome as TxOutcome, scenario });
    return outcome;
  };
  const deployed = await send(
    {
      from: deployer,
      data: encodeDeployData({ abi: contractAbis.UsageLedger, bytecode: bytecodeOf("UsageLedger"), args: [registry, usageLedgerParameters(scenario)] }),
      label: "deploy UsageLedger",
    },
    ledgerGenesis(scenario),
  );
  const ledger = deployed.contractAddress as Address;
  const terms = await send(
    {
      from: modelOwner,
      to: ledger,
      data: encodeFunctionData({ abi: contractAbis.UsageLedger, functionName: "setTerms", args: [modelId, scenario.offchain.ledger.shareBps, 0n] }),
      label: "UsageLedger.setTerms",
    },
    ledgerGenesis(scenario) + 1,
  );
  return { ledger, block: terms.blockNumber };
}
