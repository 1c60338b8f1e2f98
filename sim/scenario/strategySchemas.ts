import { z } from "zod";

/**
 * Sections shared by the rational strategies of submitters and challengers (docs/economics.md, "Rational submitters
 * and challengers"): how an agent learns a belief, and when it leaves or enters.
 */
export const learningSchema = z
  .strictObject({
    priorMean: z.number().gt(0).lt(1).meta({ "x-unit": "probability" }).describe("The belief an agent starts with (probability, strictly between 0 and 1)").default(0.5),
    priorWeight: z.number().gt(0).max(1_000_000).meta({ "x-unit": "observations" }).describe("How many observations the starting belief is worth (> 0)").default(2),
    forgetting: z
      .number()
      .gt(0)
      .max(1)
      .meta({ "x-unit": "factor" })
      .describe("The weight what it learned keeps per decision it takes (a submitter's answer, a result a challenger sees): 1 counts every observation the same (fictitious play); below 1 weighs recent ones more, and an agent that stopped observing drifts back to its prior and tests again (0 < λ ≤ 1)")
      .default(0.999),
  })
  .describe("Learned beliefs: a beta posterior from exponentially weighted counts of what the agent observed; the agent decides on a draw from it (docs/economics.md)");

export const participationSchema = z
  .strictObject({
    windowEpochs: z.number().int().min(1).max(1_000).meta({ "x-unit": "epochs" }).describe("Epochs the trailing profit spans (a new epoch's profit weighs 1/window)").default(4),
    exitAfterLosingEpochs: z
      .number()
      .int()
      .min(0)
      .max(100_000)
      .meta({ "x-unit": "epochs" })
      .describe("An active agent leaves after this many epochs in a row with a trailing profit below zero (0: it never leaves)")
      .default(3),
  })
  .describe("When a rational agent leaves: its profit per epoch is priced with the cost model (costs) from what it did and what happened to it");

export const strategyChoice = (description: string) => z.enum(["scripted", "rational"]).meta({ "x-unit": "choice" }).describe(description).default("scripted");
