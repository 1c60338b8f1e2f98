import { z } from "zod";

/**
 * The sweep file schema. A sweep is plain data: a base scenario, the scenario fields to vary and how,
 * and the seeds each point runs with. Unknown keys are errors, as in scenario files.
 *
 * A parameter is a list of values, or a range `{ from, to, step }`, `{ from, to, count, scale }`, or
 * (random mode only) `{ from, to, scale }` sampled continuously. Parameter specs are checked one by one
 * in expandParameter.ts, so each problem names its own parameter.
 */

const number = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/, "must be a number or a decimal string, e.g. \"0.01\"")]);

/** A range of numbers; which keys are allowed depends on the mode (checked in expandParameter.ts). */
export const rangeSchema = z
  .strictObject({
    from: number.describe("First value (inclusive)"),
    to: number.describe("Last value (inclusive)"),
    step: number.optional().describe("Grid: from, from + step, … up to to (linear)"),
    count: z.number().int().min(1).max(1_000).optional().describe("Grid: this many values from `from` to `to`, spaced by `scale`"),
    scale: z.enum(["linear", "log"]).optional().describe("Spacing of `count` values or of random draws (default linear)"),
  })
  .describe("A range of values for a numeric scenario field");

/** A list of values, tried in order (grid) or drawn uniformly (random). */
export const valuesSchema = z.array(z.unknown()).min(1).max(1_000).describe("Values of the field, each validated as part of a scenario");

export const sweepSchema = z
  .strictObject({
    $schema: z.string().optional().describe("Path of the JSON Schema, for editors"),
    description: z.string().max(2_000).optional().describe("What question this sweep answers"),
    base: z
      .union([
        z.string().min(1),
        z.strictObject({
          file: z.string().min(1).optional().describe("Scenario file, relative to the sweep file"),
          scenario: z.record(z.string(), z.unknown()).optional().describe("Scenario fields written inline; merged over the file's"),
        }),
      ])
      .describe("The scenario every point starts from: a scenario file path (relative to the sweep file), or { file, scenario } with inline fields merged over it")
      .default({}),
    epochs: z.number().int().min(1).max(100_000).optional().describe("Epochs of every run (overrides the base scenario's)"),
    parameters: z
      .record(z.string().min(1), z.unknown())
      .describe("Scenario fields to vary, by dotted path (e.g. oracle.challengeWindow): a list of values or a range { from, to, step | count, scale }"),
    mode: z.enum(["grid", "random"]).describe("grid: every combination of the parameters' values; random: `count` points drawn with the seeded generator").default("grid"),
    count: z.number().int().min(1).max(10_000).optional().describe("Points to draw (random mode only)"),
    samplingSeed: z.number().int().min(0).max(2 ** 32 - 1).describe("Seed of the random draws of points (random mode)").default(1),
    seeds: z
      .union([z.number().int().min(1).max(1_000), z.array(z.number().int().min(0).max(2 ** 32 - 1)).min(1).max(1_000)])
      .describe("Seeds every point runs with: N means seeds 1 to N; or an explicit list")
      .default(1),
  })
  .describe("An IMO testbed parameter sweep");

export type SweepInput = z.input<typeof sweepSchema>;
export type SweepFile = z.output<typeof sweepSchema>;
export type RangeSpec = z.output<typeof rangeSchema>;

/** The JSON Schema of sweep files, for editors (written to scenarios/sweeps/sweep.schema.json). */
export function sweepJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(sweepSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
}
