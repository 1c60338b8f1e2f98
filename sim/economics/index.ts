// The cost model and the decision rules built on it: pure functions that agents' policies and the reports
// both call, so a decision and the report of its outcome price things the same way (docs/economics.md).
export { addLockEvent, capitalCostWei, emptyLockTally, lockedWeiSeconds, lockedWeiSecondsUntil, SECONDS_PER_YEAR, type LockTally } from "./capitalCost.ts";
export { rationalClaim, type ClaimDecisionParameters } from "./claimDecision.ts";
export { computeCostWei, computeCountsCostWei, computeSavedWei, computeSteps, gameMoveComputeWei, inferenceComputeWei, lieComputeSavedWei, type ComputeCounts } from "./computeCost.ts";
export { costParameters, gasPriceWeiOf, type CostParameters } from "./costParameters.ts";
export { elasticityFactor, expectedRequests, requestPriceWei } from "./demandCurve.ts";
export { estimatedRequestsPerEpoch, expectedAnnualYield, joinsRaise, revenuePerRequestWei } from "./expectedYield.ts";
export { claimGas, gasCostWei } from "./gasCost.ts";
export { lieGainWei } from "./lieGain.ts";
export { economicProfitWei, netProfitWei, type ProfitParts } from "./profitBreakdown.ts";
export { ageBelief, beliefMean, emptyBelief, sampleBelief, sampleBeta, updateBelief, type Belief, type BeliefRule } from "./beliefs.ts";
export { exactRatio } from "./exactRatio.ts";
export { playInspectionGame, type InspectionPlayParameters, type InspectionPlayReturnType } from "./inspectionDynamics.ts";
export { caughtLossWei, challengerPrizeWei, equilibriumCheckRate, equilibriumLieRate, firstFinderChance, inspectionEquilibrium, learningEquilibrium, rationalCheck, rationalLie, type ChallengerPayoffs, type InspectionEquilibrium, type SubmitterPayoffs } from "./inspectionGame.ts";
export { afterEpoch, breakEvenRewardWei, enters, trailingProfitWei, type AnswerCosts, type Participation, type ParticipationRule } from "./participation.ts";
export { inspectionPayoffs, type DisputePlay } from "./inspectionPayoffs.ts";
export { betaCdf, logGamma } from "./betaCdf.ts";
