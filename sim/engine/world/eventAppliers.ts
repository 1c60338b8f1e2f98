import type { ContractName } from "../../chain/contracts.ts";
import { gameEvents } from "./gameEvents.ts";
import { launchEvents } from "./launchEvents.ts";
import { marketEvents } from "./marketEvents.ts";
import { nftEvents } from "./nftEvents.ts";
import { oracleEvents } from "./oracleEvents.ts";
import { tokenEvents } from "./tokenEvents.ts";
import type { ContractEvents } from "./types.ts";
import { usageEvents } from "./usageEvents.ts";

/** Every contract's event appliers. Events of a watched contract with no applier here are still decoded (the metrics use them). */
export type EventAppliers = { readonly [C in ContractName]?: ContractEvents<C> };

/** The registry of event appliers: one per contract, each in its own file. */
export const eventAppliers: EventAppliers = {
  OpmlOracle: oracleEvents,
  BisectionGame: gameEvents,
  ImoLaunch: launchEvents,
  RevShareToken: tokenEvents,
  AigcNFT: nftEvents,
  RoyaltyMarket: marketEvents,
  UsageLedger: usageEvents,
};
