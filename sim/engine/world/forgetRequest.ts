import type { World } from "./types.ts";

/** Forgets a finished request (its record has been written out). */
export function forgetRequest(world: World, requestId: bigint): void {
  world.oracle.requests.delete(requestId);
  world.oracle.records.delete(requestId);
}
