import { encodeAbiParameters, encodeEventTopics, type Abi, type AbiEvent, type Hex, type Log } from "viem";
import { contractAbis } from "../chain/contracts.ts";
import { agentAddress } from "../engine/agentAddress.ts";
import { watchedContracts, type DeployedKey, type Deployment } from "../engine/deployment.ts";
import { applyLogs } from "../engine/world/applyLogs.ts";
import { createLogDecoder } from "../engine/world/createLogDecoder.ts";
import type { EventAppliers } from "../engine/world/eventAppliers.ts";
import { createWorld } from "../engine/world/createWorld.ts";
import type { WorldEvent } from "../engine/world/types.ts";

/** A deployment at fixed made-up addresses (nothing is deployed). */
export function testDeployment(): Deployment {
  const at = (name: string) => agentAddress(`test-contract-${name}`);
  return { registry: at("registry"), vm: at("vm"), oracle: at("oracle"), game: at("game"), factory: at("factory"), launch: at("launch"), token: at("token"), nft: at("nft"), market: at("market"), ledger: at("ledger"), modelId: 1n, startBlock: 1n };
}

/**
 * A log of `eventName` as the contract at `deployment[key]` emits it, encoded with the contract's ABI: every
 * argument of the event must be given, by its ABI name, and no other (so tests fail when an event changes).
 */
export function encodeLog(deployment: Deployment, key: DeployedKey, eventName: string, args: Record<string, unknown>, blockNumber = 1n): Log {
  const watched = watchedContracts(deployment).find((c) => c.key === key);
  if (!watched) throw new Error(`${key} is not a watched contract`);
  const event = (contractAbis[watched.contract] as Abi).find((item): item is AbiEvent => item.type === "event" && item.name === eventName);
  if (!event) throw new Error(`${watched.contract} has no event ${eventName}`);
  const names = event.inputs.map((input) => input.name ?? "");
  for (const name of names) if (!(name in args)) throw new Error(`${watched.contract}.${eventName}: argument ${name} missing`);
  for (const name of Object.keys(args)) if (!names.includes(name)) throw new Error(`${watched.contract}.${eventName} has no argument ${name}`);
  const indexed = Object.fromEntries(event.inputs.filter((i) => i.indexed).map((i) => [i.name ?? "", args[i.name ?? ""]]));
  const plain = event.inputs.filter((i) => !i.indexed);
  const topics = encodeEventTopics({ abi: [event], eventName: event.name, args: indexed } as Parameters<typeof encodeEventTopics>[0]) as [Hex, ...Hex[]];
  const data = encodeAbiParameters(plain, plain.map((i) => args[i.name ?? ""]));
  return { address: watched.address, topics, data, blockNumber, blockHash: null, logIndex: null, transactionHash: `0x${"ab".repeat(32)}`, transactionIndex: null, removed: false } as unknown as Log;
}

/**
 * A world on a test deployment that takes encoded logs through the real decoder and the appliers (the
 * shipped registry unless `appliers` is given). `honest` says which result of a request is the honest one.
 */
export function testIndexer(options: { appliers?: EventAppliers; snapshotInterval?: number; nextSnapshotAt?: number; submitterBond?: bigint } = {}) {
  const deployment = testDeployment();
  const world = createWorld({ nextSnapshotAt: options.nextSnapshotAt ?? 0 });
  const investors = new Set<string>();
  const honest = new Map<bigint, Hex>();
  const indexer = {
    world,
    decode: createLogDecoder(watchedContracts(deployment).map(({ address, contract }) => [address, contract] as const)),
    context: { deployment, snapshotInterval: options.snapshotInterval ?? 3_600, investors, isHonest: (id: bigint, hash: Hex) => honest.get(id) === hash, submitterBond: options.submitterBond ?? 10n ** 17n },
    appliers: options.appliers,
  };
  return {
    deployment,
    world,
    /** Lower-cased addresses whose token balances the world tracks. */
    investors,
    honest,
    log: (key: DeployedKey, eventName: string, args: Record<string, unknown>, blockNumber = 1n) => encodeLog(deployment, key, eventName, args, blockNumber),
    apply: (logs: readonly Log[], time = 100): WorldEvent[] => applyLogs(indexer, logs, time),
  };
}
