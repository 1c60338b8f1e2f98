import { createGameState } from "./gameEvents.ts";
import { createLaunchState } from "./launchEvents.ts";
import { createMarketState } from "./marketEvents.ts";
import { createNftState } from "./nftEvents.ts";
import { createOracleState } from "./oracleEvents.ts";
import { createTokenState } from "./tokenEvents.ts";
import { createUsageState } from "./usageEvents.ts";
import type { World } from "./types.ts";

export type CreateWorldParameters = {
  /** When the token's first snapshot is due (read from the token after deployment). */
  nextSnapshotAt: number;
};

/** An empty world: each contract's part as its applier starts it. */
export function createWorld({ nextSnapshotAt }: CreateWorldParameters): World {
  return {
    oracle: createOracleState(),
    game: createGameState(),
    launch: createLaunchState(),
    token: createTokenState(nextSnapshotAt),
    nft: createNftState(),
    market: createMarketState(),
    usage: createUsageState(),
  };
}
