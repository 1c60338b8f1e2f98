import type { Rng } from "../rng/createRng.ts";
import { demandMean } from "./demand.ts";
import type { Action, Agent, Observation } from "./types.ts";

/** A sample input with a little noise, so prompts differ (an NFT prompt mints once). */
function noisyInput(obs: Observation, rng: Rng): number[] {
  const sample = rng.pick(obs.samples);
  return sample.map((x) => Math.max(-(2 ** 31), Math.min(2 ** 31 - 1, Math.round(x + rng.normal() * 64))));
}

/** Draws what `noisyInput` draws, without computing the input (a request of another turn). */
function skipNoisyInput(obs: Observation, rng: Rng): void {
  rng.skip(2 * rng.pick(obs.samples).length);
}

/**
 * The next position after `from` that a Bernoulli(p) process over positions `from + 1, from + 2, …` selects: the gap
 * is geometric, `floor(ln(1 - u) / ln(1 - p))` for a uniform u, so each position is selected with probability p
 * independently of the others; one draw per selected position. Infinity when p is 0.
 */
export function nextBernoulli(rng: Rng, p: number, from: number): number {
  if (!(p > 0)) return Number.POSITIVE_INFINITY;
  if (p >= 1) return from + 1;
  return from + 1 + Math.floor(Math.log(1 - rng.float()) / Math.log1p(-p));
}

/** The users' policy with the epoch's mean number of requests given by `meanRequests` (a demand strategy). */
export type UsersPolicy = (users: readonly Agent[], obs: Observation, rng: Rng) => Action[];

/**
 * The model's users as one population: the epoch's demand (Poisson around `meanRequests`) is drawn once
 * per epoch and spread over the epoch's turns; each request is a plain inference or an NFT mint. NFT owners
 * resell some of theirs; other users buy what is listed.
 */
export function usersPolicyWith(meanRequests: (obs: Observation) => number): UsersPolicy {
  return (users, obs, rng) => usersActions(users, obs, rng, meanRequests);
}

/** The scripted users: the demand's base rate, trend and shock, whatever the fee. */
export const usersPolicy: UsersPolicy = usersPolicyWith((obs) => demandMean(obs.scenario.demand, obs.epoch));

function usersActions(users: readonly Agent[], obs: Observation, rng: Rng, meanRequests: (obs: Observation) => number): Action[] {
  if (users.length === 0) return [];
  const actions: Action[] = [];
  const plan = rng.fork(`demand-${obs.epoch}`);
  const count = plan.poisson(meanRequests(obs));
  const turns = obs.scenario.epoch.blocks;
  for (let k = 0; k < count; k++) {
    const turn = plan.int(0, turns - 1);
    const user = plan.pick(users);
    const nft = obs.nft.enabled && plan.bool(obs.scenario.demand.nftMintProbability);
    // The epoch's plan is drawn whole at every turn; only this turn's requests need their inputs.
    if (turn !== obs.turn) {
      skipNoisyInput(obs, plan);
      continue;
    }
    const input = noisyInput(obs, plan);
    actions.push(nft ? { kind: "mintNft", agent: user, input, value: obs.nft.mintPrice } : { kind: "request", agent: user, input, fee: obs.oracle.fee });
  }
  if (!obs.nft.enabled) return actions;

  const byAddress = new Map(users.map((u) => [u.address.toLowerCase(), u]));
  if (obs.turn === 0) {
    // Owners list some of their NFTs (approving the market once first): each NFT a user holds unlisted is put up
    // with probability `resaleProbability` per epoch, independently, drawn as `nft.resaleDraw` says.
    const { resaleProbability, meanPrice, resaleDraw } = obs.scenario.nft;
    const mean = Number(meanPrice);
    const putUp = (token: (typeof obs.nft.minted)[number], r: Rng): void => {
      const owner = byAddress.get(token.owner.toLowerCase());
      if (!owner) return;
      if (!obs.nft.approved.has(owner.address.toLowerCase())) {
        actions.push({ kind: "approveMarket", agent: owner });
        return;
      }
      const price = BigInt(Math.max(1, Math.round(r.exponential(mean) * 1e9))) * 10n ** 9n;
      actions.push({ kind: "list", agent: owner, tokenId: token.tokenId, price });
    };
    if (resaleDraw === "skip") {
      // A Bernoulli process over the NFTs in mint order, by geometric skips from one stream per epoch: the cost is
      // that of the NFTs drawn, not of the stock.
      const r = rng.fork(`resale-${obs.epoch}`);
      for (let i = nextBernoulli(r, resaleProbability, -1); i < obs.nft.minted.length; i = nextBernoulli(r, resaleProbability, i)) {
        const token = obs.nft.minted[i] as (typeof obs.nft.minted)[number];
        if (token.price === undefined) putUp(token, r);
      }
    } else {
      // One keyed draw per NFT held by a user and not listed (visits every NFT ever minted).
      for (const token of obs.nft.tokens.values()) {
        if (token.price !== undefined || !byAddress.has(token.owner.toLowerCase())) continue;
        const r = rng.fork(`resale-${token.tokenId}-${obs.epoch}`);
        if (r.bool(resaleProbability)) putUp(token, r);
      }
    }
  }
  // Each listing finds a buyer with probability 1/2 per turn.
  for (const listing of obs.nft.listed) {
    const r = rng.fork(`buy-${listing.tokenId}-${obs.epoch}-${obs.turn}`);
    if (!r.bool(0.5) || listing.price === undefined) continue;
    const buyer = r.pick(users);
    if (buyer.address.toLowerCase() === listing.owner.toLowerCase()) continue;
    actions.push({ kind: "buy", agent: buyer, tokenId: listing.tokenId, price: listing.price });
  }
  if (obs.turn === 1) {
    for (const [address, credit] of obs.nft.marketCredits) {
      const user = byAddress.get(address);
      if (user && credit > 0n) actions.push({ kind: "withdrawMarketCredit", agent: user });
    }
  }
  return actions;
}
