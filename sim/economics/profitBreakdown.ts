/**
 * An agent's profit line, in its two books. On the chain's books (ETH that moved, to the wei): what the
 * oracle paid it (rewards, callback gas, its share of losers' bonds) less the bonds it lost. Modelled, off the
 * chain's books (the scenario's prices on what the agent used): gas at the scenario's gas price, compute,
 * the cost of capital locked in bonds, and the value of wrong results it got finalized.
 */
export type ProfitParts = {
  rewardsWei: bigint;
  callbackGasIncomeWei: bigint;
  slashIncomeWei: bigint;
  bondsLostWei: bigint;
  gasCostWei: bigint;
  computeCostWei: bigint;
  capitalCostWei: bigint;
  lieValueWei: bigint;
};

/** rewards + callback gas + slash income − bonds lost − gas cost: the report's `net_profit` (its meaning since the first report). */
export function netProfitWei(p: Pick<ProfitParts, "rewardsWei" | "callbackGasIncomeWei" | "slashIncomeWei" | "bondsLostWei" | "gasCostWei">): bigint {
  return p.rewardsWei + p.callbackGasIncomeWei + p.slashIncomeWei - p.bondsLostWei - p.gasCostWei;
}

/** net profit − compute − capital + lie value: what the agent made once every cost of the model is counted. */
export function economicProfitWei(p: ProfitParts): bigint {
  return netProfitWei(p) - p.computeCostWei - p.capitalCostWei + p.lieValueWei;
}
