import { parseScenario, type Scenario } from "../scenario/index.ts";

/**
 * A small but complete world for tests on anvil: a raise that succeeds, snapshots, NFT mints and resales,
 * a malicious submitter, an honest challenger that vouches for true results late in their window, and a griefer, so
 * every path of the request's life runs (claims, vouches, void games, released bonds).
 */
export function smallScenario(extra = ""): Scenario {
  return parseScenario(
    `seed: 11
epochs: 10
epoch: { seconds: 3600, blocks: 4 }
token: { snapshotIntervalEpochs: 2 }
raise: { target: "20", windowEpochs: 2 }
investors: { count: 8, meanDeposit: "5" }
holders: { claimEverySnapshot: 3, claimLate: 1, neverClaim: 1, burnAfterSnapshot: 1, burnBeforeSnapshot: 1, transferProbability: 0.2 }
demand: { users: 6, meanRequestsPerEpoch: 5, nftMintProbability: 0.3 }
submitters: { honest: 1, malicious: 1, wrongProbability: 0.6, refuseToPlayProbability: 0.3 }
challengers: { honest: 1, griefers: 1, griefProbability: 0.3, vouch: late }
oracle: { challengeWindow: 1800, responseDeadline: 1800 }
nft: { resaleProbability: 0.5 }
${extra}`,
    "small.yaml",
  );
}
