/**
 * Every bound the contracts put on a scenario parameter, in one place. The scenario schema takes its limits
 * from here (so a scenario the schema accepts deploys, and one it refuses would have reverted), and
 * contractLimits.test.ts checks each figure against the contracts on Anvil: it reads the public constants and
 * deploys the extreme value and one step beyond for the bounds a contract does not expose.
 *
 * When a contract changes a bound, change it here (and run `npm run gen:scenario-docs`, which rewrites
 * scenarios/scenario.schema.json and the parameter table of docs/researcher-guide.md).
 */

const GWEI = 10n ** 9n;
const DAY = 86_400;
const YEAR = 365 * DAY;

/** One bound: the figure in the scenario's unit, and where the contract enforces it. */
export type ContractLimit<T extends number | bigint> = { value: T; source: string };

/** OpmlOracle (`_setParameters`, run by its constructor and `setParameters`). */
export const oracleLimits = {
  /** Public constants MIN_WINDOW, MAX_WINDOW (seconds). */
  minChallengeWindow: { value: 60, source: "OpmlOracle.MIN_WINDOW" },
  maxChallengeWindow: { value: 30 * DAY, source: "OpmlOracle.MAX_WINDOW = 30 days" },
  /** Public constants MIN_RESPONSE_DEADLINE, MAX_RESPONSE_DEADLINE (seconds). */
  minResponseDeadline: { value: 60, source: "OpmlOracle.MIN_RESPONSE_DEADLINE" },
  maxResponseDeadline: { value: 7 * DAY, source: "OpmlOracle.MAX_RESPONSE_DEADLINE = 7 days" },
  /** Public constants MIN_REQUEST_TIMEOUT, MAX_REQUEST_TIMEOUT (seconds). */
  minRequestTimeout: { value: 60, source: "OpmlOracle.MIN_REQUEST_TIMEOUT" },
  maxRequestTimeout: { value: 30 * DAY, source: "OpmlOracle.MAX_REQUEST_TIMEOUT = 30 days" },
  /** Public constant MAX_CALLBACK_GAS_LIMIT (gas). */
  maxCallbackGasLimit: { value: 10_000_000, source: "OpmlOracle.MAX_CALLBACK_GAS_LIMIT" },
  /**
   * Bonds, the submitter reward and the callback gas price are whole gwei, and a bond (and a request's escrow,
   * reward + MAX_CALLBACK_GAS_LIMIT × callback gas price) fits a uint40 count of gwei: the internal constant
   * MAX_GWEI_AMOUNT, (2^40 − 1) gwei ≈ 1,099.5 ETH.
   */
  maxGweiAmountWei: { value: (2n ** 40n - 1n) * GWEI, source: "OpmlOracle.MAX_GWEI_AMOUNT = 2^40 − 1 gwei" },
  /** A bond of zero is refused (a dispute must cost something). */
  minBondWei: { value: GWEI, source: "OpmlOracle: a bond is > 0 and whole gwei" },
  /** Public constant MAX_SLASH_WINNER_BPS: share of a loser's bond paid to the winner (basis points); a defeat burns the rest, at least 20 %. */
  maxSlashWinnerBps: { value: 8_000, source: "OpmlOracle.MAX_SLASH_WINNER_BPS = 8,000" },
  /**
   * The part of a submitter bond a defeat burns, `submitterBond − ⌊submitterBond × slashWinnerBps / 10,000⌋`, minus the
   * submitter reward, is at least this (wei): lying and correcting oneself from a second address must not pay.
   */
  minLyingCostWei: { value: 1n, source: "OpmlOracle_LyingPays" },
  /** The protocol fee is a uint96 of wei in `Parameters`. */
  maxProtocolFeeWei: { value: 2n ** 96n - 1n, source: "OpmlOracle.Parameters.protocolFee is a uint96" },
  /** Request and result deadlines are uint32 timestamps (OpmlOracle_ValueTooLarge beyond, the year 2106). */
  maxDeadline: { value: 2 ** 32 - 1, source: "OpmlOracle: deadlines are uint32 timestamps, to the year 2106" },
} as const satisfies Record<string, ContractLimit<number | bigint>>;

/** ModelRegistry. */
export const registryLimits = {
  /** Public constant MAX_FEE: the fee fits 72 bits of the packed fee slot (wei). */
  maxModelFeeWei: { value: 2n ** 72n - 1n, source: "ModelRegistry.MAX_FEE = 2^72 − 1 wei" },
  /** A receiver's share of the fee (basis points). */
  maxReceiverBps: { value: 10_000, source: "ModelRegistry / ImoLaunch: receiverBps ≤ 10,000" },
} as const satisfies Record<string, ContractLimit<number | bigint>>;

/** ImoLaunch (`_checkRaise`, `_tokenConfig`). */
export const launchLimits = {
  /** Total supply in token wei is at most type(uint96).max; the scenario gives whole tokens (18 decimals). */
  maxSupplyTokens: { value: Number((2n ** 96n - 1n) / 10n ** 18n), source: "ImoLaunch / RevShareToken: supply ≤ type(uint96).max token wei" },
  /** The raise target is more than zero (and at most type(uint128).max wei, beyond any ETH amount a scenario can write). */
  minTargetWei: { value: 1n, source: "ImoLaunch: target > 0" },
  /** The public sale is not empty. */
  minPublicSaleBps: { value: 1, source: "ImoLaunch: publicSaleBps > 0" },
  /** The four slices sum to the whole supply. */
  allocationTotalBps: { value: 10_000, source: "ImoLaunch: the four slices sum to 10,000 bps" },
  /** Public constant MAX_VESTING_DURATION (seconds): vestingEpochs × epoch.seconds. */
  maxVestingSeconds: { value: 10 * YEAR, source: "ImoLaunch.MAX_VESTING_DURATION = 10 years" },
} as const satisfies Record<string, ContractLimit<number | bigint>>;

/** RevShareToken (constructor). */
export const tokenLimits = {
  maxClaimableBps: { value: 10_000, source: "RevShareToken: claimableBps ≤ 10,000" },
  minClaimWindow: { value: 1, source: "RevShareToken: claimWindow ≥ 1" },
  maxClaimWindow: { value: 64, source: "RevShareToken: claimWindow ≤ 64" },
  /** The snapshot interval (snapshotIntervalEpochs × epoch.seconds) is more than zero. */
  minSnapshotIntervalEpochs: { value: 1, source: "RevShareToken: snapshotInterval > 0" },
} as const satisfies Record<string, ContractLimit<number | bigint>>;

/** AigcNFT (constructor). */
export const nftLimits = {
  maxRoyaltyBps: { value: 10_000, source: "AigcNFT: royaltyBps ≤ 10,000, the ERC-2981 fee denominator" },
} as const satisfies Record<string, ContractLimit<number | bigint>>;

/** Largest callback gas price (whole gwei) whose escrow for a maximal callback fits: with a zero submitter reward. */
export const maxCallbackGasPriceGwei = Number(oracleLimits.maxGweiAmountWei.value / (BigInt(oracleLimits.maxCallbackGasLimit.value) * GWEI));

/** UsageLedger (constructor, `setTerms`, `register`). */
export const usageLedgerLimits = {
  minPeriodSeconds: { value: 60, source: "UsageLedger: periodLength ≥ 60 s" },
  maxPeriodSeconds: { value: YEAR, source: "UsageLedger: periodLength ≤ 365 days" },
  minWindow: { value: 60, source: "UsageLedger: every window ≥ 60 s" },
  maxReportWindow: { value: 30 * DAY, source: "UsageLedger: reportWindow ≤ 30 days" },
  maxChallengeWindow: { value: 90 * DAY, source: "UsageLedger: challengeWindow ≤ 90 days" },
  maxAnswerWindow: { value: 30 * DAY, source: "UsageLedger: answerWindow ≤ 30 days" },
  maxUnbondingDelay: { value: YEAR, source: "UsageLedger: unbondingDelay ≤ 365 days" },
  /** Bonds, the challenge bond and the prover's reward are uint96 of wei. */
  maxUint96Wei: { value: 2n ** 96n - 1n, source: "UsageLedger: a uint96 of wei" },
  minBondWei: { value: 1n, source: "UsageLedger: minBond > 0" },
  minPenaltyBps: { value: 10_000, source: "UsageLedger: penaltyBps ≥ 10,000 (1x)" },
  maxPenaltyBps: { value: 1_000_000, source: "UsageLedger: penaltyBps ≤ 1,000,000 (100x)" },
  minRevenueGasLimit: { value: 10_000, source: "UsageLedger: revenueGasLimit ≥ 10,000" },
  maxRevenueGasLimit: { value: 1_000_000, source: "UsageLedger: revenueGasLimit ≤ 1,000,000" },
  maxShareBps: { value: 10_000, source: "UsageLedger.setTerms: shareBps ≤ 10,000" },
} as const satisfies Record<string, ContractLimit<number | bigint>>;
