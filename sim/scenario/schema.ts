import { parseEther } from "viem";
import { z } from "zod";
import { launchLimits, maxCallbackGasPriceGwei, nftLimits, oracleLimits, registryLimits, tokenLimits, usageLedgerLimits, type ContractLimit } from "./contractLimits.ts";
import { learningSchema, participationSchema, strategyChoice } from "./strategySchemas.ts";

/**
 * The scenario schema: the one place where every parameter of a run and its default live.
 * A scenario file is plain data (YAML or JSON) that this schema validates; unknown keys are errors.
 * Amounts of ETH are decimal strings ("0.01"), kept as written and turned into wei where used.
 * Every bound a contract enforces comes from contractLimits.ts, with the contract's own figure: a scenario
 * the schema accepts deploys, and a value one step beyond a bound is refused here, naming the field.
 * Each field carries its unit (`x-unit`) and, where a contract bounds it, that bound (`x-contract-limit`) into
 * the JSON Schema; the parameter table of docs/researcher-guide.md is generated from there.
 */

/** Decimal digits of an ETH amount in wei; "1099.511627775" (the shortest exact form). */
export function formatEth(wei: bigint): string {
  const whole = wei / 10n ** 18n;
  const fraction = (wei % 10n ** 18n).toString().padStart(18, "0").replace(/0+$/, "");
  return fraction === "" ? whole.toString() : `${whole}.${fraction}`;
}

type EthBounds = { min?: ContractLimit<bigint>; max?: ContractLimit<bigint> };

function ethString(description: string, decimals: 9 | 18, bounds: EthBounds) {
  const format = new RegExp(`^\\d{1,12}(\\.\\d{1,${decimals}})?$`);
  const formatMessage =
    decimals === 9 ? 'must be an amount of ETH in whole gwei (at most 9 decimals), e.g. "0.1"' : 'must be an amount of ETH as a decimal string, e.g. "0.01"';
  let schema = z.string().regex(format, formatMessage);
  const { min, max } = bounds;
  // The bounds are checked only on well-formed amounts (the format problem is reported on its own).
  if (min) schema = schema.refine((v) => !format.test(v) || parseEther(v) >= min.value, { message: `must be at least ${formatEth(min.value)} ETH (${min.source})`, abort: false });
  if (max) schema = schema.refine((v) => !format.test(v) || parseEther(v) <= max.value, { message: `must be at most ${formatEth(max.value)} ETH (${max.source})`, abort: false });
  const limit = [min && `≥ ${formatEth(min.value)}`, max && `≤ ${formatEth(max.value)}`].filter(Boolean).join(", ");
  return schema
    .meta({ "x-unit": decimals === 9 ? "ETH (whole gwei)" : "ETH", ...(limit ? { "x-contract-limit": `${limit} ETH (${[min?.source, max?.source].filter(Boolean).join("; ")})` } : {}) })
    .describe(`${description} (ETH, decimal string${decimals === 9 ? ", whole gwei" : ""})`);
}

const eth = (description: string, bounds: EthBounds = {}) => ethString(description, 18, bounds);
/** An ETH amount the oracle stores in whole gwei: at most 9 decimals. */
const gweiEth = (description: string, bounds: EthBounds = {}) => ethString(description, 9, bounds);

/** An integer the contracts bound: `.min`/`.max` with the contract's figure, named in the error. */
function bounded(schema: z.ZodNumber, unit: string, min: ContractLimit<number> | number, max: ContractLimit<number> | number) {
  const lo = typeof min === "number" ? { value: min, source: undefined } : min;
  const hi = typeof max === "number" ? { value: max, source: undefined } : max;
  // Only the bounds a contract sets are its limit (the others are the simulator's own range).
  const limit =
    lo.source && hi.source ? `${lo.value} … ${hi.value} (${lo.source}; ${hi.source})` : lo.source ? `≥ ${lo.value} (${lo.source})` : hi.source ? `≤ ${hi.value} (${hi.source})` : undefined;
  return schema
    .min(lo.value, lo.source ? { message: lo.source } : undefined)
    .max(hi.value, hi.source ? { message: hi.source } : undefined)
    .meta({ "x-unit": unit, ...(limit ? { "x-contract-limit": limit } : {}) });
}

const bps = (description: string, max: ContractLimit<number> | number = 10_000, min: ContractLimit<number> | number = 0) =>
  bounded(z.number().int(), "basis points", min, max).describe(`${description} (basis points, ${typeof min === "number" ? min : min.value}-${typeof max === "number" ? max : max.value})`);
const probability = (description: string) => z.number().min(0).max(1).meta({ "x-unit": "probability" }).describe(`${description} (probability, 0-1)`);
const count = (description: string, max = 10_000) => z.number().int().min(0).max(max).meta({ "x-unit": "count" }).describe(description);
const seconds = (description: string, min: ContractLimit<number> | number = 1, max: ContractLimit<number> | number = 10 * 365 * 86_400) =>
  bounded(z.number().int(), "seconds", min, max).describe(`${description} (seconds)`);
const epochsOf = (description: string, min: number, max: number) => z.number().int().min(min).max(max).meta({ "x-unit": "epochs" }).describe(description);

export const modelNames = ["tiny", "small", "medium", "large"] as const;

const epochSchema = z
  .strictObject({
    seconds: seconds("Chain time one epoch lasts").default(3_600),
    blocks: z.number().int().min(1).max(1_000).meta({ "x-unit": "blocks" }).describe("Blocks (agent turns) per epoch: agents observe and act once per block").default(12),
  })
  .describe("Length of one epoch");

const tokenSchema = z
  .strictObject({
    name: z.string().min(1).max(64).meta({ "x-unit": "text" }).describe("Token name").default("Open Model Token"),
    symbol: z.string().min(1).max(11).meta({ "x-unit": "text" }).describe("Token symbol").default("OMT"),
    supply: bounded(z.number().int(), "whole tokens", 1, launchLimits.maxSupplyTokens).describe("Total supply in whole tokens (18 decimals)").default(1_000_000_000),
    claimableBps: bps("Share of revenue claimable at each snapshot; the rest goes to the burn-redeem pool", tokenLimits.maxClaimableBps).default(8_000),
    snapshotIntervalEpochs: bounded(z.number().int(), "epochs", tokenLimits.minSnapshotIntervalEpochs, 100_000).describe("Epochs between two snapshots").default(10),
    claimWindow: bounded(z.number().int(), "snapshots", tokenLimits.minClaimWindow, tokenLimits.maxClaimWindow).describe("Snapshots a claim stays open").default(2),
    unclaimedPolicy: z.enum(["roll-forward", "to-redeem-pool"]).meta({ "x-unit": "choice" }).describe("Where unclaimed revenue goes when its window closes").default("roll-forward"),
  })
  .describe("The model's ERC-7641 revenue-share token");

const raiseSchema = z
  .strictObject({
    target: eth("Raise target", { min: launchLimits.minTargetWei }).default("150"),
    windowEpochs: epochsOf("Epochs the raise stays open", 1, 10_000).default(3),
    allocation: z
      .strictObject({
        publicSale: bps("Share of supply sold in the raise", 10_000, launchLimits.minPublicSaleBps).default(5_000),
        liquidity: bps("Liquidity reserve").default(3_000),
        contributors: bps("Model contributors").default(1_000),
        team: bps("Team").default(1_000),
      })
      .refine((a) => a.publicSale + a.liquidity + a.contributors + a.team === 10_000, {
        message: `the four shares must sum to ${launchLimits.allocationTotalBps.value} basis points (${launchLimits.allocationTotalBps.source})`,
      })
      .prefault({}),
    liquidityExcluded: z.boolean().meta({ "x-unit": "true/false" }).describe("Whether the liquidity reserve earns no revenue (a pool that cannot claim)").default(true),
    vestingEpochs: z
      .number()
      .int()
      .min(0)
      .max(100_000)
      .meta({ "x-unit": "epochs", "x-contract-limit": `× epoch.seconds ≤ ${launchLimits.maxVestingSeconds.value} s (${launchLimits.maxVestingSeconds.source})` })
      .describe("Linear vesting of proceeds (0 = paid at settlement)")
      .default(0),
  })
  .describe("The IMO raise");

const investorsSchema = z
  .strictObject({
    count: count("Number of investors", 5_000).default(40),
    meanDeposit: eth("Mean deposit").default("6"),
    depositSpread: z.number().min(0).max(3).meta({ "x-unit": "log-normal sigma" }).describe("Log-normal sigma of deposits (0 = everyone deposits the mean)").default(0.8),
    timing: z.enum(["uniform", "early", "late"]).meta({ "x-unit": "choice" }).describe("When in the window investors deposit").default("uniform"),
    strategy: z
      .enum(["scripted", "yield-seeking"])
      .meta({ "x-unit": "choice" })
      .describe(
        "How an investor decides to join the raise. scripted: every investor deposits at its time; yield-seeking: from its time on, it deposits only in a turn when the annual yield it expects at the sale price beats outsideRateBps (its estimate of requests per epoch: demand.meanRequestsPerEpoch as a prior worth priorWeightEpochs epochs, updated by the requests it has seen; see docs/economics.md)",
      )
      .default("scripted"),
    outsideRateBps: bps("Yield-seeking investors: the annual yield of their outside option, which the raise must beat", 100_000).default(500),
    priorWeightEpochs: z.number().min(0).max(10_000).meta({ "x-unit": "epochs" }).describe("Yield-seeking investors: how many epochs of evidence their prior belief in the advertised demand is worth").default(1),
  })
  .describe("Investors in the raise");

const marketSchema = z
  .strictObject({
    enabled: z.boolean().meta({ "x-unit": "true/false" }).describe("Whether a successful raise lists the token on Uniswap v2 (deployed from its published artifacts) and traders trade it").default(false),
    ethBps: bps("Share of the raise's proceeds paired with the liquidity reserve at the sale price (ImoLaunch pool.ethBps)", 10_000, 1).default(2_000),
    pairRevenue: z
      .enum(["excluded", "rolled-forward"])
      .meta({ "x-unit": "choice" })
      .describe("What the pair's tokens earn: excluded (revenue-excluded at the token's construction) or rolled-forward (its share, which it never claims, rolls into later snapshots; set token.unclaimedPolicy roll-forward)")
      .default("excluded"),
    lpLockEpochs: z.number().int().min(0).max(100_000).meta({ "x-unit": "epochs" }).describe("Epochs after the raise window during which the launch's LP tokens stay locked").default(0),
    lpVestingEpochs: z.number().int().min(0).max(100_000).meta({ "x-unit": "epochs" }).describe("Epochs over which the LP tokens then vest to the liquidity recipient").default(0),
    fundamentalTraders: count("Traders who value the token at the present value of its expected claimable revenue and trade toward it", 1_000).default(2),
    noiseTraders: count("Traders who buy or sell random amounts", 1_000).default(2),
    burnArbitrageurs: count("Traders who buy on the pool and burn when the redeem value per token beats the pool's price plus gas", 1_000).default(1),
    discountRatePerEpoch: z.number().gt(0).max(1).meta({ "x-unit": "fraction per epoch" }).describe("Fundamental traders' discount rate").default(0.02),
    marginBps: bps("Fundamental traders' no-trade band around their value").default(500),
    beliefSmoothing: z.number().gt(0).max(1).meta({ "x-unit": "fraction" }).describe("Weight of the latest snapshot's revenue in a fundamental trader's belief").default(0.3),
    maxTradeEth: eth("Largest trade of one trader in one epoch").default("2"),
    noiseProbability: z.number().min(0).max(1).meta({ "x-unit": "probability" }).describe("Chance that a noise trader trades in an epoch").default(0.5),
    slippageBps: bps("Slippage tolerance of every trade (the router's amountOutMin)").default(100),
    deadlineSeconds: z.number().int().min(1).max(86_400).meta({ "x-unit": "seconds" }).describe("Deadline of every trade, after the block it is sent for").default(600),
    traderEth: eth("ETH each trader starts with").default("50"),
    listingSaleBps: bps("Share of its allocation each investor sells on the pool once it holds its tokens and the token trades (0: none)").default(0),
    liquidityProviders: count("Liquidity providers who add to the pool when its trailing fee yield beats their threshold and remove when it falls or the price leaves their band (see docs/economics.md)", 1_000).default(0),
    lpEth: eth("ETH each liquidity provider starts with").default("20"),
    lpDepositEth: eth("Largest ETH side of one liquidity provider's deposit (it buys the token half on the pool first)").default("4"),
    lpEnterYieldBps: z.number().min(0).max(10_000).meta({ "x-unit": "bps per epoch" }).describe("Trailing fee yield per epoch (fees over twice the pool's ETH reserve) at or above which a liquidity provider adds; each provider's threshold is this times a factor drawn once from its stream in [0.5, 1.5)").default(1),
    lpExitYieldBps: z.number().min(0).max(10_000).meta({ "x-unit": "bps per epoch" }).describe("Trailing fee yield per epoch below which a liquidity provider removes (scaled by the same factor)").default(0.3),
    lpPriceBandBps: bps("Largest move of the price from its entry (either way) a liquidity provider sits through before it removes").default(3_000),
    lpWindowEpochs: z.number().int().min(1).max(1_000).meta({ "x-unit": "epochs" }).describe("Epochs of fees a liquidity provider's trailing yield looks back over").default(4),
  })
  .describe("The token's secondary market (Uniswap v2) and its traders");

const modelSchema = z
  .strictObject({
    name: z.enum(modelNames).meta({ "x-unit": "choice" }).describe("Shipped model (trace length grows from tiny ~2^10 to large ~2^20 steps)").default("tiny"),
    fee: eth("Model fee per request", { max: registryLimits.maxModelFeeWei }).default("0.001"),
    receiverBps: bps("Share of the model fee paid to the model's token (the rest to the model owner)", registryLimits.maxReceiverBps).default(10_000),
  })
  .describe("The model served by the oracle");

const demandSchema = z
  .strictObject({
    users: count("Number of model users", 100_000).default(50),
    meanRequestsPerEpoch: z.number().min(0).max(100_000).meta({ "x-unit": "requests per epoch" }).describe("Mean of the Poisson number of requests per epoch").default(20),
    trendPerEpoch: z.number().min(-0.5).max(0.5).meta({ "x-unit": "ratio per epoch" }).describe("Relative growth of demand per epoch (0.01 = +1 % per epoch)").default(0),
    shock: z
      .strictObject({
        atEpoch: epochsOf("Epoch the shock starts", 0, 1_000_000),
        durationEpochs: epochsOf("Epochs the shock lasts", 1, 1_000_000),
        multiplier: z.number().min(0).max(1_000).meta({ "x-unit": "factor" }).describe("Demand is multiplied by this during the shock"),
      })
      .optional()
      .describe("A temporary jump or drop in demand"),
    nftMintProbability: probability("Chance that a request is an NFT mint rather than a plain inference").default(0.1),
    strategy: z
      .enum(["scripted", "elastic"])
      .meta({ "x-unit": "choice" })
      .describe(
        "How demand answers to the fee. scripted: the same demand at any fee; elastic: the mean above times (price / referenceFee)^(−elasticity), where price = model.fee + oracle.submitterReward + oracle.protocolFee, what a user pays per request",
      )
      .default("scripted"),
    elasticity: z.number().min(0).max(20).meta({ "x-unit": "elasticity" }).describe("Elastic demand: the constant price elasticity (1 = 1 % fewer requests per 1 % higher price; 0 = no response)").default(1),
    referenceFee: eth("Elastic demand: the price per request at which demand is meanRequestsPerEpoch (the default is the default price, 0.001 + 0.0005 + 0.0001 ETH)").default("0.0016"),
  })
  .describe("Demand for inferences");

const submittersSchema = z
  .strictObject({
    honest: count("Honest submitters: run the VM and submit the true result", 1_000).default(3),
    malicious: count("Malicious submitters", 1_000).default(0),
    wrongProbability: probability("Chance a malicious submitter answers wrongly").default(0.5),
    liePosition: z.enum(["early", "middle", "late", "random"]).meta({ "x-unit": "choice" }).describe("Where in the trace the lie starts").default("random"),
    refuseToPlayProbability: probability("Chance a caught liar stops answering the dispute game (times out)").default(0.3),
    responseDelayEpochs: epochsOf("Epochs a submitter waits before answering a request", 0, 100).default(0),
    seeMempool: z
      .boolean()
      .meta({ "x-unit": "true/false" })
      .describe("Submitters see each other's pending submissions and do not send a duplicate; false makes them race, and the losers' reverted transactions show what the race wastes")
      .default(true),
    strategy: strategyChoice(
      "How submitters decide. scripted: as the fields above say; rational: malicious submitters lie exactly when the expected gain beats the expected loss at a learned belief of being caught (wrongProbability and refuseToPlayProbability are not used: a caught liar lets its game time out), and every submitter leaves after a run of losing epochs (participation) while entrants join while answering pays (docs/economics.md)",
    ),
    learning: learningSchema.prefault({}),
    participation: participationSchema.prefault({}),
    entrants: count("Rational strategy: extra honest submitters that start outside and enter while an entrant's expected profit per epoch is above entryThreshold", 1_000).default(0),
    entryThreshold: eth("Rational strategy: the expected profit per epoch above which an entrant joins").default("0"),
  })
  .describe("Result submitters");

const challengersSchema = z
  .strictObject({
    honest: count("Honest challengers: re-execute every result", 1_000).default(1),
    lazy: count("Lazy challengers: check a result only with probability checkProbability", 1_000).default(0),
    checkProbability: probability("How often a lazy challenger checks (the verifier's dilemma)").default(0.2),
    offlineProbability: probability("Chance a challenger is offline for an epoch").default(0),
    griefers: count("Griefers: challenge correct results to delay them", 1_000).default(0),
    griefProbability: probability("Chance a griefer challenges a given correct result").default(0.5),
    abandonProbability: probability("Chance a griefer abandons its game instead of playing on").default(0.5),
    vouch: z
      .enum(["never", "late", "always"])
      .meta({ "x-unit": "choice" })
      .describe(
        "When an honest or lazy challenger that found every standing claim true posts a bonded copy of the leader (a vouch), so that a wrong claim in the window's last block cannot win against an offline submitter: never; late (in the window's second-to-last block); always (at once). A vouch locks a challenger bond until finality and costs two transactions (vouch, releaseBond)",
      )
      .default("never"),
    strategy: strategyChoice(
      "How lazy challengers decide. scripted: check with checkProbability; rational: check a result exactly when the expected slash income beats the cost of the check, at learned beliefs of the lie rate and of being the first to challenge, and leave after a run of losing epochs (participation; docs/economics.md). Honest challengers check everything either way",
    ),
    learning: learningSchema.prefault({}),
    participation: participationSchema.prefault({}),
  })
  .describe("Challengers");

const colludersSchema = z
  .strictObject({
    submitters: count("Lying submitters of the coalition: they compete for requests like other submitters and answer wrongly with lieProbability", 100).default(0),
    challengers: count("Colluding challengers (k): the liars' partners, who post the coalition's claims and play its games", 1_000).default(0),
    lieProbability: probability("Chance a coalition liar answers a request wrongly (the coalition attacks every request it lied on)").default(1),
    tactic: z
      .enum(["best-reply", "issue-attack"])
      .meta({ "x-unit": "choice" })
      .describe(
        "best-reply: the coalition's cheapest way to the longest delay (a true self-challenge absorbs the lie's bond, a free game in the window's last block played at every deadline; docs/oracle.md); issue-attack: issue 14's attack as told (wrong partner claims, throws, role swaps, the same last-block game)",
      )
      .default("best-reply"),
    selfChallenge: z
      .enum(["race", "when-attacked", "off"])
      .meta({ "x-unit": "choice" })
      .describe(
        "best-reply's absorber, a partner posting the true state against the lie: race (at once, racing the honest challenger for a lower index and the reward), when-attacked (only once someone outside the coalition attacks the lie), off (the honest challenger gets the lie's slashed share)",
      )
      .default("race"),
  })
  .describe("A coalition of colluding liars (issue 14): lying submitters and k colluding challengers that delay finality as long as the claim rule allows");

const holdersSchema = z
  .strictObject({
    claimEverySnapshot: count("Holders who claim every snapshot", 10_000).default(10),
    claimLate: count("Holders who claim at the end of the window", 10_000).default(5),
    neverClaim: count("Holders who never claim", 10_000).default(5),
    burnAfterSnapshot: count("Holders who burn right after a snapshot", 10_000).default(0),
    burnBeforeSnapshot: count("Holders who burn just before a snapshot", 10_000).default(0),
    burnShare: probability("Share of its balance a burner burns each time").default(0.1),
    transferProbability: probability("Chance per epoch that a holder transfers part of its balance to another").default(0.05),
    strategy: z
      .enum(["scripted", "rational"])
      .meta({ "x-unit": "choice" })
      .describe(
        "How holders claim. scripted: as the counts above say (the rest never claim); rational: every holder but the neverClaim ones claims, in the last epoch before its oldest open snapshot's window closes, exactly when the claim is worth more than its gas (costs.gasEstimates at gas.priceGwei); burners still burn",
      )
      .default("scripted"),
  })
  .describe("Token holders (they buy in the raise as investors and keep their tokens)");

const oracleSchema = z
  .strictObject({
    submitterBond: gweiEth("Bond a submitter posts with a result", { min: oracleLimits.minBondWei, max: oracleLimits.maxGweiAmountWei }).default("0.1"),
    challengerBond: gweiEth("Bond a challenger posts", { min: oracleLimits.minBondWei, max: oracleLimits.maxGweiAmountWei }).default("0.1"),
    challengeWindow: seconds("Time a result stays open to challenge", oracleLimits.minChallengeWindow, oracleLimits.maxChallengeWindow).default(7_200),
    responseDeadline: seconds("Time a party has for each move of a dispute game", oracleLimits.minResponseDeadline, oracleLimits.maxResponseDeadline).default(900),
    requestTimeout: seconds("Time after which an unanswered request expires and its escrow goes back to the requester", oracleLimits.minRequestTimeout, oracleLimits.maxRequestTimeout).default(86_400),
    slashToWinnerBps: bps("Share of a loser's bond paid to the winner; the rest is burned or goes to the treasury", oracleLimits.maxSlashWinnerBps).default(5_000),
    slashRemainder: z.enum(["burn", "treasury"]).meta({ "x-unit": "choice" }).describe("Where the rest of a lost bond goes").default("burn"),
    submitterReward: gweiEth("Reward paid to the submitter whose result finalizes; with 10,000,000 gas at callbackGasPriceGwei it must fit the oracle's uint40 gwei escrow", { max: oracleLimits.maxGweiAmountWei }).default("0.0005"),
    protocolFee: eth("Protocol fee per request", { max: oracleLimits.maxProtocolFeeWei }).default("0.0001"),
    callbackGasLimit: bounded(z.number().int(), "gas", 50_000, oracleLimits.maxCallbackGasLimit).describe("Gas the callback is given").default(300_000),
    callbackGasPriceGwei: bounded(z.number().int(), "gwei (whole)", 0, { value: maxCallbackGasPriceGwei, source: `OpmlOracle: whole gwei, and ${oracleLimits.maxCallbackGasLimit.value.toLocaleString("en-US")} gas at this price fits MAX_GWEI_AMOUNT` })
      .describe("Governed gas price charged for the callback (whole gwei)")
      .default(1),
  })
  .describe("The opML oracle and its dispute game");

const nftSchema = z
  .strictObject({
    mintFee: eth("Mint fee paid to the model's token").default("0.01"),
    royaltyBps: bps("ERC-2981 royalty on resales", nftLimits.maxRoyaltyBps).default(500),
    resaleProbability: probability("Chance per epoch that a collector lists one of its NFTs").default(0.05),
    resaleDraw: z
      .enum(["per-nft", "skip"])
      .meta({ "x-unit": "choice" })
      .describe(
        "How the epoch's resales are drawn, each unlisted NFT a user holds put up with probability resaleProbability either way. per-nft: one keyed draw per NFT each epoch (cost grows with the NFTs ever minted; the draws every shipped figure was measured with); skip: a Bernoulli process over the NFTs in mint order by geometric skips from one stream per epoch (cost of the NFTs drawn, for long runs; other, equally deterministic, draws)",
      )
      .default("per-nft"),
    meanPrice: eth("Mean resale price").default("0.05"),
    commitReveal: z.boolean().meta({ "x-unit": "true/false" }).describe("Mint through commit-reveal (front-running protection)").default(false),
  })
  .describe("ERC-7007 AI-generated-content NFTs");

const gasSchema = z
  .strictObject({
    priceGwei: z.number().min(0).max(100_000).meta({ "x-unit": "gwei" }).describe("Gas price used to value gas in ETH in the reports").default(20),
  })
  .describe("Gas price model");

const gasUnits = (description: string, fallback: number) => z.number().int().min(0).max(30_000_000).meta({ "x-unit": "gas" }).describe(description).default(fallback);

const costsSchema = z
  .strictObject({
    computePerMillionSteps: eth(
      "Off-chain compute price per million model-VM steps (a step is one multiply-accumulate); one inference costs traceLength × this / 1,000,000, paid by whoever runs the model: a submitter computing its answer, a challenger checking a result, each game move. 0: compute is free (see docs/economics.md for how to price a real model)",
    ).default("0"),
    gameMoveComputeBps: bps("Compute of one dispute-game move (bisect, respond, step) as a share of one inference", 1_000_000).default(10_000),
    lieComputeSavedBps: bps("Share of one inference's compute a lying submitter saves by not running the model (10,000: it runs nothing)").default(10_000),
    capitalRateBps: bps("Annual cost of capital locked in bonds (simple interest on wei × seconds locked)", 100_000).default(500),
    lieValue: eth("What one wrong final result is worth to the agent whose result it is (e.g. a dependent contract it manipulates)").default("0"),
    gasEstimates: z
      .strictObject({
        claim: gasUnits("Gas an agent expects a revenue claim of one snapshot to use", 57_000),
        claimPerExtraSnapshot: gasUnits("Gas each further snapshot adds to a claim (claimBatch)", 10_000),
        submit: gasUnits("Gas an agent expects a result submission to use", 84_000),
        challenge: gasUnits("Gas an agent expects a challenge (which opens a game) to use", 318_000),
        bisectionMove: gasUnits("Gas an agent expects a bisect or respond move to use", 43_000),
        step: gasUnits("Gas an agent expects the final one-step proof (which defeats a claim; the callback runs at finalization) to use", 176_000),
      })
      .prefault({})
      .describe("Gas that agents expect their transactions to use when they weigh a decision (the reports use the gas each transaction did use); defaults rounded from what the gas tests measure (snapshots/*.json; docs/economics.md quotes the figures, and a test keeps the defaults within 10 % of them)"),
  })
  .describe("The cost model: what agents pay off the chain's books (compute, locked capital) and what a lie is worth; the reports price every agent's profit line with it and agents' decisions use the same functions (sim/economics/)");
const offchainSchema = z
  .strictObject({
    demand: z
      .strictObject({
        usesPerEpoch: z.number().min(0).max(1_000_000).meta({ "x-unit": "uses per epoch" }).describe("Mean of the Poisson number of off-chain uses per epoch at the reference price").default(2_000),
        price: eth("Price of one off-chain use, what the receipt says the user paid", { max: usageLedgerLimits.maxUint96Wei }).default("0.0005"),
        referencePrice: eth("Price at which the mean number of uses is usesPerEpoch", { min: { value: 1n, source: "a price elasticity needs a positive reference price" } }).default("0.0005"),
        elasticity: z.number().min(0).max(10).meta({ "x-unit": "elasticity" }).describe("Constant price elasticity of off-chain demand: mean uses = usesPerEpoch × (price / referencePrice)^−elasticity").default(1.2),
      })
      .prefault({})
      .describe("Off-chain demand (an API or an app): much larger than on-chain, with its own price elasticity"),
    users: z
      .strictObject({
        count: bounded(z.number().int(), "count", 1, 100_000).describe("Off-chain users: they pay operators, keep their receipts and check them").default(500),
        checkProbability: probability("Chance that a user checks a receipt of an in-range report: asks the operator for its inclusion proof and challenges on chain when it is missing (the users' reporting probability); count and price lies are proven at once").default(0.05),
        checkOnChainProbability: probability("Chance that a checking user challenges on chain at once instead of asking the operator for the proof off chain first").default(0),
      })
      .prefault({})
      .describe("Off-chain users who keep receipts"),
    operators: z
      .strictObject({
        honest: count("Honest operators: report every receipt, pay the token's share, answer challenges", 100).default(3),
        underReporting: count("Under-reporting operators: leave a share of receipts out of some reports", 100).default(1),
        strategic: count("Strategic operators: under-report when the expected gain beats the expected slash, given a belief learned from the checks they see", 100).default(0),
        bond: eth("Bond each operator registers with", { min: usageLedgerLimits.minBondWei, max: usageLedgerLimits.maxUint96Wei }).default("1"),
        lieProbability: probability("Chance an under-reporting operator under-reports a period").default(0.5),
        hiddenShare: probability("Share of a period's receipts an under-reporting operator leaves out when it lies").default(0.2),
        lieStyle: z
          .enum(["omit-from-tree", "lower-count"])
          .meta({ "x-unit": "choice" })
          .describe("How an under-reporting operator lies: zero the prices of left-out receipts in its sum tree (a challenge proves it), or report a lower count (any holder of a dropped receipt proves it at once)")
          .default("omit-from-tree"),
        priorCheckProbability: probability("A strategic operator's prior belief of the users' check probability").default(0.01),
        priorWeight: z.number().min(0).max(1_000_000).meta({ "x-unit": "receipts" }).describe("Weight of that prior, in receipts observed (a Beta prior)").default(100),
      })
      .prefault({})
      .describe("Operators (API gateways serving the model off chain), each bonded in the usage ledger"),
    ledger: z
      .strictObject({
        shareBps: bps("Token's share of each period's reported off-chain revenue (UsageLedger.setTerms)", usageLedgerLimits.maxShareBps).default(2_000),
        periodEpochs: bounded(z.number().int(), "epochs", 1, 1_000).describe("Epochs per ledger period (one report per operator per period)").default(1),
        reportWindow: seconds("Time after a period's end within which it must be reported", usageLedgerLimits.minWindow, usageLedgerLimits.maxReportWindow).default(1_800),
        challengeWindow: seconds("Time after a report during which its receipts can be challenged", usageLedgerLimits.minWindow, usageLedgerLimits.maxChallengeWindow).default(7_200),
        answerWindow: seconds("Time an operator has to answer a challenge", usageLedgerLimits.minWindow, usageLedgerLimits.maxAnswerWindow).default(1_800),
        unbondingDelay: seconds("Time an exiting operator's bond is kept after its last report (more than challengeWindow + answerWindow)", 1, usageLedgerLimits.maxUnbondingDelay).default(10_800),
        minBond: eth("Smallest bond the ledger accepts", { min: usageLedgerLimits.minBondWei, max: usageLedgerLimits.maxUint96Wei }).default("0.01"),
        challengeBond: eth("Bond of a challenge: pays the answer of a genuine receipt, returned when the challenge succeeds", { max: usageLedgerLimits.maxUint96Wei }).default("0.002"),
        proverReward: eth("Paid to the prover first out of a slashed bond (at most minBond)", { max: usageLedgerLimits.maxUint96Wei }).default("0.005"),
        penaltyBps: bps("Multiple of the owed share paid to the token out of a slashed bond (10,000 = 1x)", usageLedgerLimits.maxPenaltyBps, usageLedgerLimits.minPenaltyBps).default(30_000),
        revenueGasLimit: bounded(z.number().int(), "gas", usageLedgerLimits.minRevenueGasLimit, usageLedgerLimits.maxRevenueGasLimit).describe("Gas the token's depositRevenue gets from the ledger").default(100_000),
      })
      .prefault({})
      .describe("The usage ledger: its parameters and the model's terms"),
    signEveryReceipt: z
      .boolean()
      .meta({ "x-unit": "true/false" })
      .describe("Sign every receipt with viem when it is issued (slow at large demand); false signs a receipt only when a user presents it on chain. Signatures are deterministic (RFC 6979), so both give the same run")
      .default(false),
  })
  .describe("Off-chain usage through the usage ledger: signed receipts, bonded operators, fraud proofs (absent: no ledger, no operators)");

const assertionsSchema = z
  .strictObject({
    noWrongFinalizedWhileHonestChallenger: z.boolean().meta({ "x-unit": "true/false" }).describe("Fail the run if a wrong result finalized while an honest challenger was live").default(true),
    moneyConserved: z.boolean().meta({ "x-unit": "true/false" }).describe("Fail the run if the books do not balance to the wei").default(true),
    maxWrongFinalized: z.number().int().min(0).meta({ "x-unit": "count" }).optional().describe("Fail the run if more wrong results than this finalized"),
    finalityWithinBound: z
      .boolean()
      .meta({ "x-unit": "true/false" })
      .describe(
        "Fail the run if a request with a result was not final two blocks after windowEnd + (2⌈log2 T⌉ + 1) × responseDeadline (the claim rule's bound; one block to time the last game out, one to finalize)",
      )
      .default(true),
  })
  .describe("Checks that decide the run's exit code");

export const scenarioSchema = z
  .strictObject({
    $schema: z.string().meta({ "x-unit": "path" }).optional().describe("Path of the JSON Schema, for editors"),
    description: z.string().max(2_000).meta({ "x-unit": "text" }).optional().describe("What question this scenario answers"),
    seed: z.number().int().min(0).max(2 ** 32 - 1).meta({ "x-unit": "integer" }).describe("Seed of every random draw of the run").default(1),
    epochs: epochsOf("Number of epochs to run", 1, 100_000).default(50),
    startTimestamp: z
      .number()
      .int()
      .min(1_000_000_000)
      .max(4_000_000_000)
      .meta({ "x-unit": "unix seconds", "x-contract-limit": `+ epochs × epoch.seconds + the longest window or timeout ≤ ${oracleLimits.maxDeadline.value} (${oracleLimits.maxDeadline.source})` })
      .describe("Chain time at the start (unix seconds)")
      .default(1_800_000_000),
    epoch: epochSchema.prefault({}),
    token: tokenSchema.prefault({}),
    raise: raiseSchema.prefault({}),
    investors: investorsSchema.prefault({}),
    model: modelSchema.prefault({}),
    demand: demandSchema.prefault({}),
    submitters: submittersSchema.prefault({}),
    challengers: challengersSchema.prefault({}),
    colluders: colludersSchema.prefault({}),
    holders: holdersSchema.prefault({}),
    oracle: oracleSchema.prefault({}),
    nft: nftSchema.prefault({}),
    market: marketSchema.prefault({}),
    gas: gasSchema.prefault({}),
    costs: costsSchema.prefault({}),
    offchain: offchainSchema.optional(),
    assertions: assertionsSchema.prefault({}),
  })
  .superRefine((scenario, context) => {
    const holders = scenario.holders;
    const total = holders.claimEverySnapshot + holders.claimLate + holders.neverClaim + holders.burnAfterSnapshot + holders.burnBeforeSnapshot;
    if (total > scenario.investors.count) {
      context.addIssue({
        code: "custom",
        path: ["holders"],
        input: total,
        message: `holder strategies cover ${total} holders but there are only ${scenario.investors.count} investors (investors.count); holders are investors who kept their tokens`,
      });
    }
    if (scenario.epoch.seconds % scenario.epoch.blocks !== 0) {
      context.addIssue({
        code: "custom",
        path: ["epoch", "seconds"],
        input: scenario.epoch.seconds,
        message: `must be a multiple of epoch.blocks (${scenario.epoch.blocks}) so every block lasts a whole number of seconds`,
      });
    }
    for (const issue of crossFieldContractProblems(scenario)) context.addIssue({ code: "custom", ...issue });
    for (const issue of offchainProblems(scenario)) context.addIssue({ code: "custom", ...issue });
    for (const issue of elasticDemandProblems(scenario)) context.addIssue({ code: "custom", ...issue });
  })
  .describe("An IMO testbed scenario");

/** The rules that tie fields together (checked after each field's own range), as the researcher guide lists them. */
export const RULES_ACROSS_FIELDS: readonly string[] = [
  "`raise.allocation`: publicSale + liquidity + contributors + team = 10,000 basis points (ImoLaunch).",
  `\`raise.vestingEpochs\` × \`epoch.seconds\` ≤ ${launchLimits.maxVestingSeconds.value.toLocaleString("en-US")} s (${launchLimits.maxVestingSeconds.source}).`,
  `\`oracle.submitterReward\` + ${oracleLimits.maxCallbackGasLimit.value.toLocaleString("en-US")} gas × \`oracle.callbackGasPriceGwei\` ≤ ${formatEth(oracleLimits.maxGweiAmountWei.value)} ETH (${oracleLimits.maxGweiAmountWei.source}: a request's escrow fits the oracle's uint40 gwei field).`,
  `\`startTimestamp\` + \`epochs\` × \`epoch.seconds\` + max(\`oracle.challengeWindow\`, \`oracle.requestTimeout\`) ≤ ${oracleLimits.maxDeadline.value.toLocaleString("en-US")} (${oracleLimits.maxDeadline.source}).`,
  `\`oracle.submitterBond\` − ⌊\`oracle.submitterBond\` × \`oracle.slashToWinnerBps\` / 10,000⌋ > \`oracle.submitterReward\` (${oracleLimits.minLyingCostWei.source}: the part of a liar's bond a defeat burns must exceed the reward, or a liar that corrects itself from a second address profits).`,
  "`colluders.challengers` > 0 needs `colluders.submitters` ≥ 1 (the partners act only on requests a coalition liar answered).",
  "`epoch.seconds` is a multiple of `epoch.blocks` (every block lasts whole seconds).",
  "The holder strategies (`holders.claimEverySnapshot` + `claimLate` + `neverClaim` + `burnAfterSnapshot` + `burnBeforeSnapshot`) cover at most `investors.count` investors.",
  "`offchain.ledger.periodEpochs` × `epoch.seconds` is 60 s to 365 days (UsageLedger: periodLength); `offchain.ledger.unbondingDelay` > `challengeWindow` + `answerWindow`; `offchain.ledger.proverReward` ≤ `minBond` ≤ `offchain.operators.bond` (UsageLedger).",
  "With `demand.strategy: elastic`, `demand.referenceFee` and the price per request (`model.fee` + `oracle.submitterReward` + `oracle.protocolFee`) are above zero (demand at a price of zero would be unbounded).",
];

const ETH_FORMAT = /^\d{1,12}(\.\d{1,18})?$/;

/** Elastic demand divides by the reference price and raises the price to a negative power: both must be above zero. */
function elasticDemandProblems(s: { demand: { strategy: string; referenceFee: string }; model: { fee: string }; oracle: { submitterReward: string; protocolFee: string } }): { path: string[]; input: unknown; message: string }[] {
  if (s.demand.strategy !== "elastic") return [];
  const amounts = [s.demand.referenceFee, s.model.fee, s.oracle.submitterReward, s.oracle.protocolFee];
  // A malformed amount is reported by its own field.
  if (!amounts.every((a) => ETH_FORMAT.test(a))) return [];
  const problems: { path: string[]; input: unknown; message: string }[] = [];
  if (parseEther(s.demand.referenceFee) === 0n) problems.push({ path: ["demand", "referenceFee"], input: s.demand.referenceFee, message: "must be above 0 with demand.strategy elastic: demand is the mean times (price / referenceFee)^(-elasticity)" });
  const price = parseEther(s.model.fee) + parseEther(s.oracle.submitterReward) + parseEther(s.oracle.protocolFee);
  if (price === 0n) problems.push({ path: ["model", "fee"], input: s.model.fee, message: "the price per request (model.fee + oracle.submitterReward + oracle.protocolFee) is 0: with demand.strategy elastic the demand would be unbounded; raise one of them" });
  return problems;
}

type ResolvedFields = {
  startTimestamp: number;
  epochs: number;
  epoch: { seconds: number };
  raise: { vestingEpochs: number };
  oracle: { submitterReward: string; submitterBond: string; slashToWinnerBps: number; callbackGasPriceGwei: number; challengeWindow: number; requestTimeout: number };
  colluders: { submitters: number; challengers: number };
};

const GWEI_AMOUNT = /^\d{1,12}(\.\d{1,9})?$/;

/** Bounds of the contracts that involve two fields or more (each field alone is within its own bound). */
function crossFieldContractProblems(s: ResolvedFields): { path: string[]; input: unknown; message: string }[] {
  const problems: { path: string[]; input: unknown; message: string }[] = [];
  const vesting = s.raise.vestingEpochs * s.epoch.seconds;
  if (vesting > launchLimits.maxVestingSeconds.value) {
    problems.push({
      path: ["raise", "vestingEpochs"],
      input: s.raise.vestingEpochs,
      message: `vestingEpochs × epoch.seconds = ${vesting} s must be <= ${launchLimits.maxVestingSeconds.value} s (${launchLimits.maxVestingSeconds.source}): at most ${Math.floor(launchLimits.maxVestingSeconds.value / s.epoch.seconds)} epochs of ${s.epoch.seconds} s`,
    });
  }
  // The escrow of a request with the largest callback the oracle allows must fit its uint40 gwei field.
  if (GWEI_AMOUNT.test(s.oracle.submitterReward)) {
    const escrow = parseEther(s.oracle.submitterReward) + BigInt(s.oracle.callbackGasPriceGwei) * 10n ** 9n * BigInt(oracleLimits.maxCallbackGasLimit.value);
    if (escrow > oracleLimits.maxGweiAmountWei.value) {
      problems.push({
        path: ["oracle", "submitterReward"],
        input: s.oracle.submitterReward,
        message: `submitterReward + ${oracleLimits.maxCallbackGasLimit.value} gas × callbackGasPriceGwei (${s.oracle.callbackGasPriceGwei}) = ${formatEth(escrow)} ETH must be <= ${formatEth(oracleLimits.maxGweiAmountWei.value)} ETH (${oracleLimits.maxGweiAmountWei.source}): lower one of the two`,
      });
    }
  }
  // A defeat burns (1 − w) of a liar's bond; that must exceed the reward a self-correcting liar would collect.
  if (GWEI_AMOUNT.test(s.oracle.submitterReward) && GWEI_AMOUNT.test(s.oracle.submitterBond)) {
    const bond = parseEther(s.oracle.submitterBond);
    const reward = parseEther(s.oracle.submitterReward);
    const burned = bond - (bond * BigInt(s.oracle.slashToWinnerBps)) / 10_000n;
    if (burned - reward < oracleLimits.minLyingCostWei.value && s.oracle.slashToWinnerBps < 10_000) {
      const minBond = minSubmitterBond(reward, s.oracle.slashToWinnerBps);
      problems.push({
        path: ["oracle", "submitterBond"],
        input: s.oracle.submitterBond,
        message: `the part of submitterBond a defeat burns, ${formatEth(burned)} ETH (submitterBond − submitterBond × slashToWinnerBps ${s.oracle.slashToWinnerBps} / 10,000), must be > submitterReward (${s.oracle.submitterReward} ETH) (${oracleLimits.minLyingCostWei.source}: else a liar that corrects itself from a second address profits): raise oracle.submitterBond to at least ${formatEth(minBond)} ETH, or lower oracle.slashToWinnerBps or oracle.submitterReward`,
      });
    }
  }
  if (s.colluders.challengers > 0 && s.colluders.submitters === 0) {
    problems.push({
      path: ["colluders", "submitters"],
      input: s.colluders.submitters,
      message: `colluders.challengers is ${s.colluders.challengers} but there is no coalition liar: the partners act only on requests a coalition liar answered; set colluders.submitters to 1 (or colluders.challengers to 0)`,
    });
  }
  const end = s.startTimestamp + s.epochs * s.epoch.seconds;
  const latest = end + Math.max(s.oracle.challengeWindow, s.oracle.requestTimeout);
  if (latest > oracleLimits.maxDeadline.value) {
    problems.push({
      path: ["startTimestamp"],
      input: s.startTimestamp,
      message: `the run ends at ${end} and a request or result opened then has a deadline up to ${latest}, past ${oracleLimits.maxDeadline.value} (${oracleLimits.maxDeadline.source}): lower startTimestamp, epochs or epoch.seconds`,
    });
  }
  return problems;
}

type OffchainFields = { epoch: { seconds: number }; offchain?: { ledger: { periodEpochs: number; challengeWindow: number; answerWindow: number; unbondingDelay: number; minBond: string; proverReward: string }; operators: { bond: string } } | undefined };

/** The usage ledger's bounds that tie fields together (each field alone is within its own bound). */
function offchainProblems(s: OffchainFields): { path: string[]; input: unknown; message: string }[] {
  const o = s.offchain;
  if (!o) return [];
  const problems: { path: string[]; input: unknown; message: string }[] = [];
  const l = o.ledger;
  const period = l.periodEpochs * s.epoch.seconds;
  const { minPeriodSeconds: lo, maxPeriodSeconds: hi } = usageLedgerLimits;
  if (period < lo.value || period > hi.value) {
    problems.push({ path: ["offchain", "ledger", "periodEpochs"], input: l.periodEpochs, message: `periodEpochs × epoch.seconds = ${period} s must be ${lo.value} s to ${hi.value} s (${lo.source}; ${hi.source})` });
  }
  if (l.unbondingDelay <= l.challengeWindow + l.answerWindow) {
    problems.push({ path: ["offchain", "ledger", "unbondingDelay"], input: l.unbondingDelay, message: `must be more than challengeWindow + answerWindow = ${l.challengeWindow + l.answerWindow} s (UsageLedger: a bond outlives every challenge)` });
  }
  const wei = (v: string) => (ETH_FORMAT.test(v) ? parseEther(v) : undefined);
  const [minBond, reward, bond] = [wei(l.minBond), wei(l.proverReward), wei(o.operators.bond)];
  if (minBond !== undefined && reward !== undefined && reward > minBond) {
    problems.push({ path: ["offchain", "ledger", "proverReward"], input: l.proverReward, message: `must be at most minBond (${l.minBond} ETH) (UsageLedger: a slashed bond always pays the prover's whole reward)` });
  }
  if (minBond !== undefined && bond !== undefined && bond < minBond) {
    problems.push({ path: ["offchain", "operators", "bond"], input: o.operators.bond, message: `must be at least offchain.ledger.minBond (${l.minBond} ETH) (UsageLedger_BondTooSmall)` });
  }
  return problems;
}

/** The smallest submitter bond (whole gwei) whose burned part exceeds `reward` at `slashToWinnerBps`. */
export function minSubmitterBond(reward: bigint, slashToWinnerBps: number): bigint {
  const gwei = 10n ** 9n;
  const burnedOf = (bond: bigint) => bond - (bond * BigInt(slashToWinnerBps)) / 10_000n;
  // burned ≈ bond × (10,000 − bps) / 10,000: start just below the exact figure and step up by a gwei.
  let bond = ((reward * 10_000n) / BigInt(Math.max(1, 10_000 - slashToWinnerBps)) / gwei) * gwei;
  while (burnedOf(bond) <= reward) bond += gwei;
  return bond;
}

/** A scenario as written (every field optional). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A scenario with every default filled in. */
export type Scenario = z.output<typeof scenarioSchema>;

/** The JSON Schema of scenario files, for editors (written to scenarios/scenario.schema.json). */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(scenarioSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
}
