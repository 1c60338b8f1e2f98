import type { Address } from "viem";
import type { ClaimView, Observation, RequestView } from "./types.ts";

/** Indices of the claims `owner` holds in a request, in order. */
export function claimsOf(request: RequestView, owner: Address): readonly number[] {
  return request.owners.get(owner.toLowerCase()) ?? [];
}

/** Whether a claim holds the request's honest final state (the VM says). */
export function isTrueClaim(obs: Observation, request: RequestView, claim: ClaimView): boolean {
  return claim.stateHash === obs.vm.honestFinal(request.id).stateHash;
}

/** The claims that `owner` has already challenged (the targets of its challenge claims). */
export function targetsOf(request: RequestView, owner: Address): ReadonlySet<number> {
  const targets = new Set<number>();
  for (const index of claimsOf(request, owner)) {
    const claim = request.claims[index];
    if (claim?.kind === "challenge") targets.add(claim.parent);
  }
  return targets;
}

/** Whether a request has claims besides the submission (its finality waits for its games and goes to the keeper). */
export function isDisputed(request: RequestView): boolean {
  return request.claims.length > 1;
}
