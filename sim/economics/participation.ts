/**
 * Entry and exit of submitters and challengers: an agent that keeps losing money leaves, and a newcomer joins
 * while its kind is making money. Pure; the state is plain data kept in the agent's state.
 *
 * The rule: the trailing profit is an exponentially weighted mean of the agent's profit per epoch, a new epoch
 * weighing 1/window (bigint wei, rounded toward zero); an active agent leaves after `exitAfterLosingEpochs`
 * epochs in a row whose trailing profit is below zero; an inactive one enters when the trailing profit of the
 * active agents of its kind is above `entryThresholdWei` and fewer than `maxActive` of them are active.
 */
export type Participation = {
  readonly active: boolean;
  /** Exponentially weighted mean profit per epoch, wei. */
  readonly trailingProfitWei: bigint;
  /** Epochs in a row, up to now, whose trailing profit was below zero. */
  readonly losingEpochs: number;
};

export type ParticipationRule = {
  /** Epochs the trailing mean spans: a new epoch's profit weighs 1/window. */
  readonly windowEpochs: number;
  /** An active agent leaves after this many losing epochs in a row. */
  readonly exitAfterLosingEpochs: number;
  /** An inactive agent enters while its kind's trailing profit per agent is above this (wei). */
  readonly entryThresholdWei: bigint;
  /** At most this many agents of the kind are active at once. */
  readonly maxActive: number;
};

/** The trailing mean after one more epoch: prev + (profit − prev) / window. */
export function trailingProfitWei(previousWei: bigint, epochProfitWei: bigint, windowEpochs: number): bigint {
  if (!Number.isInteger(windowEpochs) || windowEpochs < 1) throw new RangeError(`windowEpochs must be a whole number >= 1, got ${windowEpochs}`);
  return previousWei + (epochProfitWei - previousWei) / BigInt(windowEpochs);
}

/** An active agent's participation after an epoch in which it made `epochProfitWei`: it stays or leaves. An inactive agent's is unchanged. */
export function afterEpoch(p: Participation, epochProfitWei: bigint, rule: ParticipationRule): Participation {
  if (!p.active) return p;
  const trailing = trailingProfitWei(p.trailingProfitWei, epochProfitWei, rule.windowEpochs);
  const losingEpochs = trailing < 0n ? p.losingEpochs + 1 : 0;
  return { active: losingEpochs < rule.exitAfterLosingEpochs, trailingProfitWei: trailing, losingEpochs };
}

/** Whether an inactive agent enters, given its kind's trailing profit per active agent and how many are active. */
export function enters(kindTrailingProfitWei: bigint, activeCount: number, rule: ParticipationRule): boolean {
  return activeCount < rule.maxActive && kindTrailingProfitWei > rule.entryThresholdWei;
}

/** Everything one honest answer costs its submitter, to price the reward that keeps it in business. */
export type AnswerCosts = {
  /** Gas of the transactions one answer takes (its submit, its share of a batched finalize, wasted racing submits). */
  gasPerAnswer: number;
  gasPriceWei: bigint;
  /** Compute of one inference (`inferenceComputeWei`). */
  computeWei: bigint;
  /** The capital cost of its bond over the time it is locked (`capitalCostWei(lockedWeiSeconds(bond, 0, window), rate)`). */
  capitalWei: bigint;
};

/** The reward at which an honest answer breaks even: gas × price + compute + capital. Above it an honest submitter makes money per answer. */
export function breakEvenRewardWei(c: AnswerCosts): bigint {
  return BigInt(c.gasPerAnswer) * c.gasPriceWei + c.computeWei + c.capitalWei;
}
