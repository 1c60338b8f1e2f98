import { z } from "zod";

/**
 * The scenario schema: the one place where every parameter of a run and its default live.
 * A scenario file is plain data (YAML or JSON) that this schema validates; unknown keys are errors.
 * Amounts of ETH are decimal strings ("0.01"), kept as written and turned into wei where used.
 */

const eth = (description: string) =>
  z
    .string()
    .regex(/^\d{1,12}(\.\d{1,18})?$/, "must be an amount of ETH as a decimal string, e.g. \"0.01\"")
    .describe(`${description} (ETH, decimal string)`);

/** An ETH amount the oracle stores in whole gwei: at most 9 decimals. */
const gweiEth = (description: string) =>
  z
    .string()
    .regex(/^\d{1,12}(\.\d{1,9})?$/, "must be an amount of ETH in whole gwei (at most 9 decimals), e.g. \"0.1\"")
    .describe(`${description} (ETH, decimal string, whole gwei)`);

const bps = (description: string) => z.number().int().min(0).max(10_000).describe(`${description} (basis points, 0-10000)`);
const probability = (description: string) => z.number().min(0).max(1).describe(`${description} (probability, 0-1)`);
const count = (description: string, max = 10_000) => z.number().int().min(0).max(max).describe(description);
const seconds = (description: string, min = 1) => z.number().int().min(min).max(10 * 365 * 86_400).describe(`${description} (seconds)`);

export const modelNames = ["tiny", "small", "medium", "large"] as const;

const epochSchema = z
  .strictObject({
    seconds: seconds("Chain time one epoch lasts").default(3_600),
    blocks: z.number().int().min(1).max(1_000).describe("Blocks (agent turns) per epoch: agents observe and act once per block").default(12),
  })
  .describe("Length of one epoch");

const tokenSchema = z
  .strictObject({
    name: z.string().min(1).max(64).default("Open Model Token"),
    symbol: z.string().min(1).max(11).default("OMT"),
    supply: z.number().int().min(1).max(79_000_000_000).describe("Total supply in whole tokens").default(1_000_000_000),
    claimableBps: bps("Share of revenue claimable at each snapshot; the rest goes to the burn-redeem pool").default(8_000),
    snapshotIntervalEpochs: z.number().int().min(1).max(100_000).describe("Epochs between two snapshots").default(10),
    claimWindow: z.number().int().min(1).max(64).describe("Snapshots a claim stays open").default(2),
    unclaimedPolicy: z.enum(["roll-forward", "to-redeem-pool"]).describe("Where unclaimed revenue goes when its window closes").default("roll-forward"),
  })
  .describe("The model's ERC-7641 revenue-share token");

const raiseSchema = z
  .strictObject({
    target: eth("Raise target").default("150"),
    windowEpochs: z.number().int().min(1).max(10_000).describe("Epochs the raise stays open").default(3),
    allocation: z
      .strictObject({
        publicSale: bps("Share of supply sold in the raise").default(5_000),
        liquidity: bps("Liquidity reserve").default(3_000),
        contributors: bps("Model contributors").default(1_000),
        team: bps("Team").default(1_000),
      })
      .refine((a) => a.publicSale + a.liquidity + a.contributors + a.team === 10_000, {
        message: "the four shares must sum to 10000 basis points",
      })
      .prefault({}),
    liquidityExcluded: z.boolean().describe("Whether the liquidity reserve earns no revenue (a pool that cannot claim)").default(true),
    vestingEpochs: z.number().int().min(0).max(100_000).describe("Linear vesting of proceeds (0 = paid at settlement)").default(0),
  })
  .describe("The IMO raise");

const investorsSchema = z
  .strictObject({
    count: count("Number of investors", 5_000).default(40),
    meanDeposit: eth("Mean deposit").default("6"),
    depositSpread: z.number().min(0).max(3).describe("Log-normal sigma of deposits (0 = everyone deposits the mean)").default(0.8),
    timing: z.enum(["uniform", "early", "late"]).describe("When in the window investors deposit").default("uniform"),
  })
  .describe("Investors in the raise");

const modelSchema = z
  .strictObject({
    name: z.enum(modelNames).describe("Shipped model (trace length grows from tiny ~2^10 to large ~2^20 steps)").default("tiny"),
    fee: eth("Model fee per request").default("0.001"),
    receiverBps: bps("Share of the model fee paid to the model's token (the rest to the model owner)").default(10_000),
  })
  .describe("The model served by the oracle");

const demandSchema = z
  .strictObject({
    users: count("Number of model users", 100_000).default(50),
    meanRequestsPerEpoch: z.number().min(0).max(100_000).describe("Mean of the Poisson number of requests per epoch").default(20),
    trendPerEpoch: z.number().min(-0.5).max(0.5).describe("Relative growth of demand per epoch (0.01 = +1 % per epoch)").default(0),
    shock: z
      .strictObject({
        atEpoch: z.number().int().min(0).max(1_000_000),
        durationEpochs: z.number().int().min(1).max(1_000_000),
        multiplier: z.number().min(0).max(1_000).describe("Demand is multiplied by this during the shock"),
      })
      .optional()
      .describe("A temporary jump or drop in demand"),
    nftMintProbability: probability("Chance that a request is an NFT mint rather than a plain inference").default(0.1),
  })
  .describe("Demand for inferences");

const submittersSchema = z
  .strictObject({
    honest: count("Honest submitters: run the VM and submit the true result", 1_000).default(3),
    malicious: count("Malicious submitters", 1_000).default(0),
    wrongProbability: probability("Chance a malicious submitter answers wrongly").default(0.5),
    liePosition: z.enum(["early", "middle", "late", "random"]).describe("Where in the trace the lie starts").default("random"),
    refuseToPlayProbability: probability("Chance a caught liar stops answering the dispute game (times out)").default(0.3),
    responseDelayEpochs: z.number().int().min(0).max(100).describe("Epochs a submitter waits before answering a request").default(0),
    seeMempool: z
      .boolean()
      .describe("Submitters see each other's pending submissions and do not send a duplicate; false makes them race, and the losers' reverted transactions show what the race wastes")
      .default(true),
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
  })
  .describe("Challengers");

const holdersSchema = z
  .strictObject({
    claimEverySnapshot: count("Holders who claim every snapshot", 10_000).default(10),
    claimLate: count("Holders who claim at the end of the window", 10_000).default(5),
    neverClaim: count("Holders who never claim", 10_000).default(5),
    burnAfterSnapshot: count("Holders who burn right after a snapshot", 10_000).default(0),
    burnBeforeSnapshot: count("Holders who burn just before a snapshot", 10_000).default(0),
    burnShare: probability("Share of its balance a burner burns each time").default(0.1),
    transferProbability: probability("Chance per epoch that a holder transfers part of its balance to another").default(0.05),
  })
  .describe("Token holders (they buy in the raise as investors and keep their tokens)");

const oracleSchema = z
  .strictObject({
    submitterBond: gweiEth("Bond a submitter posts with a result").default("0.1"),
    challengerBond: gweiEth("Bond a challenger posts").default("0.1"),
    challengeWindow: seconds("Time a result stays open to challenge", 60).default(7_200),
    responseDeadline: seconds("Time a party has for each move of a dispute game", 60).default(900),
    requestTimeout: z.number().int().min(60).max(30 * 86_400).describe("Time after which an unanswered request expires and its escrow goes back to the requester (seconds)").default(86_400),
    slashToWinnerBps: bps("Share of a loser's bond paid to the winner; the rest is burned or goes to the treasury").default(5_000),
    slashRemainder: z.enum(["burn", "treasury"]).default("burn"),
    submitterReward: gweiEth("Reward paid to the submitter whose result finalizes").default("0.0005"),
    protocolFee: eth("Protocol fee per request").default("0.0001"),
    callbackGasLimit: z.number().int().min(50_000).max(10_000_000).describe("Gas the callback is given").default(300_000),
    callbackGasPriceGwei: z.number().min(0).max(10_000).describe("Governed gas price charged for the callback (gwei)").default(1),
  })
  .describe("The opML oracle and its dispute game");

const nftSchema = z
  .strictObject({
    mintFee: eth("Mint fee paid to the model's token").default("0.01"),
    royaltyBps: bps("ERC-2981 royalty on resales").default(500),
    resaleProbability: probability("Chance per epoch that a collector lists one of its NFTs").default(0.05),
    meanPrice: eth("Mean resale price").default("0.05"),
    commitReveal: z.boolean().describe("Mint through commit-reveal (front-running protection)").default(false),
  })
  .describe("ERC-7007 AI-generated-content NFTs");

const gasSchema = z
  .strictObject({
    priceGwei: z.number().min(0).max(100_000).describe("Gas price used to value gas in ETH in the reports").default(20),
  })
  .describe("Gas price model");

const assertionsSchema = z
  .strictObject({
    noWrongFinalizedWhileHonestChallenger: z.boolean().describe("Fail the run if a wrong result finalized while an honest challenger was live").default(true),
    moneyConserved: z.boolean().describe("Fail the run if the books do not balance to the wei").default(true),
    maxWrongFinalized: z.number().int().min(0).optional().describe("Fail the run if more wrong results than this finalized"),
  })
  .describe("Checks that decide the run's exit code");

export const scenarioSchema = z
  .strictObject({
    $schema: z.string().optional().describe("Path of the JSON Schema, for editors"),
    description: z.string().max(2_000).optional().describe("What question this scenario answers"),
    seed: z.number().int().min(0).max(2 ** 32 - 1).describe("Seed of every random draw of the run").default(1),
    epochs: z.number().int().min(1).max(100_000).describe("Number of epochs to run").default(50),
    startTimestamp: z.number().int().min(1_000_000_000).max(4_000_000_000).describe("Chain time at the start (unix seconds)").default(1_800_000_000),
    epoch: epochSchema.prefault({}),
    token: tokenSchema.prefault({}),
    raise: raiseSchema.prefault({}),
    investors: investorsSchema.prefault({}),
    model: modelSchema.prefault({}),
    demand: demandSchema.prefault({}),
    submitters: submittersSchema.prefault({}),
    challengers: challengersSchema.prefault({}),
    holders: holdersSchema.prefault({}),
    oracle: oracleSchema.prefault({}),
    nft: nftSchema.prefault({}),
    gas: gasSchema.prefault({}),
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
  })
  .describe("An IMO testbed scenario");

/** A scenario as written (every field optional). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A scenario with every default filled in. */
export type Scenario = z.output<typeof scenarioSchema>;

/** The JSON Schema of scenario files, for editors (written to scenarios/scenario.schema.json). */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(scenarioSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
}
