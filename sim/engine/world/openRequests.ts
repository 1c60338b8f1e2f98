import type { RequestView } from "../../agents/types.ts";
import type { World } from "./types.ts";

/** Open requests in one status, oldest first: "requested" ones wait for a result, "submitted" ones for finality. */
export function openRequests(world: World, status: "requested" | "submitted"): RequestView[] {
  return [...world.oracle.requests.values()].filter((r) => r.status === status);
}
