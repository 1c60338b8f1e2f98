import { getAddress, keccak256, toHex, type Address } from "viem";

/** A fixed address for a named party: the same in every run, so runs compare line by line. */
export function agentAddress(id: string): Address {
  return getAddress(`0x${keccak256(toHex(`imo-sim:${id}`)).slice(26)}`);
}
