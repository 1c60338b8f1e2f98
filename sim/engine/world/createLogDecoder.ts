import { toEventSelector, type Abi, type AbiEvent, type AbiParameter, type Address, type Hex, type Log } from "viem";
import { contractAbis, type ContractName } from "../../chain/contracts.ts";
import { compileDecoder } from "./compileDecoder.ts";
import type { WorldEvent } from "./types.ts";

/** Decodes one log into a world event (at the block time `time`); undefined for a log of no watched contract or no known event. */
export type LogDecoder = (log: Log, time: number) => WorldEvent | undefined;

type EventDecoder = (topics: readonly Hex[], data: Hex) => { eventName: string; args: Record<string, unknown> };

/**
 * A decoder for one event: indexed arguments from the topics, the rest from the data. An indexed
 * dynamic argument (bytes, string, array, tuple) is only its keccak256 in the topic, kept as it is.
 */
function eventDecoder(event: AbiEvent): EventDecoder {
  const indexed = event.inputs
    .filter((input) => input.indexed)
    .map((input) => {
      const dynamic = input.type === "bytes" || input.type === "string" || input.type.endsWith("]") || input.type.startsWith("tuple");
      return { input, decode: dynamic ? undefined : compileDecoder([input as AbiParameter]) };
    });
  const plain = event.inputs.filter((input) => !input.indexed) as AbiParameter[];
  const decodeData = compileDecoder(plain);
  return (topics, data) => {
    const args: Record<string, unknown> = {};
    indexed.forEach(({ input, decode }, i) => {
      const topic = topics[i + 1];
      if (topic === undefined) throw new Error(`event ${event.name}: topic ${i + 1} missing`);
      args[input.name ?? String(i)] = decode ? decode(topic)[0] : topic;
    });
    if (plain.length > 0) {
      const values = decodeData(data);
      plain.forEach((input, i) => {
        args[input.name ?? String(i)] = values[i];
      });
    }
    return { eventName: event.name, args };
  };
}

/**
 * A log decoder for the contracts at `contracts` (address → contract): each event's decoder is found by
 * address and topic0, so decoding hashes no signatures. A log that does not decode is skipped.
 */
export function createLogDecoder(contracts: readonly (readonly [Address, ContractName])[]): LogDecoder {
  const byAddress = new Map<string, { contract: ContractName; events: Map<string, EventDecoder> }>();
  for (const [address, contract] of contracts) {
    const events = new Map<string, EventDecoder>();
    for (const item of contractAbis[contract] as Abi) {
      if (item.type === "event") events.set(toEventSelector(item as AbiEvent), eventDecoder(item as AbiEvent));
    }
    byAddress.set(address.toLowerCase(), { contract, events });
  }
  return (log, time) => {
    const watched = byAddress.get(log.address.toLowerCase());
    if (!watched) return undefined;
    const decoder = watched.events.get(log.topics[0] ?? "");
    if (!decoder) return undefined;
    let decoded: { eventName: string; args: unknown };
    try {
      decoded = decoder(log.topics as Hex[], log.data);
    } catch {
      return undefined;
    }
    return {
      contract: watched.contract,
      name: decoded.eventName,
      args: (decoded.args ?? {}) as Record<string, unknown>,
      blockNumber: log.blockNumber ?? 0n,
      time,
      txHash: log.transactionHash ?? undefined,
    };
  };
}
