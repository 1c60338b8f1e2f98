import type { Address } from "viem";
import type { Agent } from "../agents/types.ts";
import { watchedContracts, type Deployment } from "./deployment.ts";

/** Who an address is, for the tables. */
export type NameBook = {
  /** The agent's id, the contract's or party's name, the address itself if unknown, or "none". */
  nameOf(address: Address | undefined): string;
  /** The agent's role, the contract's or party's name, "other" if unknown, or "none". */
  roleOf(address: Address | undefined): string;
};

/** Names every agent, watched contract and party (deployer, treasury, ...) of a run. */
export function createNameBook(agents: readonly Agent[], deployment: Deployment, parties: Readonly<Record<string, Address>>): NameBook {
  const names = new Map<string, string>();
  const roles = new Map<string, string>();
  for (const agent of agents) {
    names.set(agent.address.toLowerCase(), agent.id);
    roles.set(agent.address.toLowerCase(), agent.role);
  }
  const named: [Address, string][] = [...watchedContracts(deployment).map(({ key, address }): [Address, string] => [address, key]), ...Object.entries(parties).map(([k, v]): [Address, string] => [v, k])];
  for (const [address, name] of named) {
    names.set(address.toLowerCase(), name);
    roles.set(address.toLowerCase(), name);
  }
  return {
    nameOf: (a) => (a ? (names.get(a.toLowerCase()) ?? a) : "none"),
    roleOf: (a) => (a ? (roles.get(a.toLowerCase()) ?? "other") : "none"),
  };
}
