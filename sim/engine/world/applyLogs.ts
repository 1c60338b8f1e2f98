import type { Log } from "viem";
import type { LogDecoder } from "./createLogDecoder.ts";
import { eventAppliers, type EventAppliers } from "./eventAppliers.ts";
import type { ApplyContext, EventApplier, World, WorldEvent } from "./types.ts";

export type ApplyLogsParameters = {
  world: World;
  decode: LogDecoder;
  context: ApplyContext;
  /** The registry to dispatch to (the shipped one unless a test passes its own). */
  appliers?: EventAppliers | undefined;
};

/**
 * Decodes the logs of one block's receipts (in order) and applies each event to the world with its
 * contract's applier. Returns every decoded event, applied or not, in order (the metrics use them all).
 */
export function applyLogs({ world, decode, context, appliers = eventAppliers }: ApplyLogsParameters, logs: readonly Log[], time: number): WorldEvent[] {
  const events: WorldEvent[] = [];
  for (const log of logs) {
    const event = decode(log, time);
    if (!event) continue;
    const apply = (appliers[event.contract] as Readonly<Record<string, EventApplier>> | undefined)?.[event.name];
    apply?.(world, event, context);
    events.push(event);
  }
  return events;
}
