import type { Address } from "viem";
import type { ContractName } from "../chain/contracts.ts";

/** The deployed stack. */
export type Deployment = {
  registry: Address;
  vm: Address;
  oracle: Address;
  game: Address;
  factory: Address;
  launch: Address;
  token: Address;
  nft: Address;
  market: Address;
  /** The usage ledger, deployed only when the scenario has off-chain usage (its `offchain` section). */
  ledger?: Address;
  modelId: bigint;
  /** Block at which agents start. */
  startBlock: bigint;
};

/** The deployment's contract addresses (every key of `Deployment` that holds one). */
export type DeployedKey = Exclude<keyof Deployment, "modelId" | "startBlock">;

/**
 * The contracts a run watches: the world decodes and applies their events, the tables name them by `key`,
 * and metadata.json lists their final balances in this order. A new contract is one row here (plus its
 * deployment in deployStack and its event applier in world/eventAppliers.ts).
 */
export const WATCHED_CONTRACTS = [
  { key: "oracle", contract: "OpmlOracle" },
  { key: "token", contract: "RevShareToken" },
  { key: "nft", contract: "AigcNFT" },
  { key: "market", contract: "RoyaltyMarket" },
  { key: "launch", contract: "ImoLaunch" },
  { key: "game", contract: "BisectionGame" },
  { key: "registry", contract: "ModelRegistry" },
] as const satisfies readonly { key: DeployedKey; contract: ContractName }[];

/** A contract the run watches, with its address. */
export type WatchedContract = { key: DeployedKey; contract: ContractName; address: Address };

/**
 * The contracts this deployment watches: `WATCHED_CONTRACTS`, then the contracts deployed only for some
 * scenarios (the usage ledger), so a run without them watches, names and reports exactly what it did before.
 */
export function watchedContracts(deployment: Deployment): WatchedContract[] {
  const watched: WatchedContract[] = WATCHED_CONTRACTS.map(({ key, contract }) => ({ key, contract, address: deployment[key] }));
  if (deployment.ledger !== undefined) watched.push({ key: "ledger", contract: "UsageLedger", address: deployment.ledger });
  return watched;
}
