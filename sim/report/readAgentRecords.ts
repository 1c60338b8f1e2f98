import { join } from "node:path";
import type { ComputeCounts } from "../economics/computeCost.ts";
import { readCsv } from "./readCsv.ts";

/** Each agent's figures as its state recorded them at the last epoch (agent_epochs.csv), by agent id then figure. */
export type AgentRecords = Map<string, Map<string, string>>;

/** Streams agent_epochs.csv, keeping the last value of each agent's figures (a run folder without the table reads as no records). */
export async function readAgentRecords(runDir: string): Promise<AgentRecords> {
  const records: AgentRecords = new Map();
  await readCsv(join(runDir, "agent_epochs.csv"), (row) => {
    const agent = row.agent ?? "";
    let figures = records.get(agent);
    if (!figures) records.set(agent, (figures = new Map()));
    figures.set(row.metric ?? "", row.value ?? "");
  });
  return records;
}

/** The compute ledgers among the records (sim/agents/withComputeLedger.ts): agents that recorded `model_runs`. */
export function computeLedgers(records: AgentRecords): Map<string, ComputeCounts> {
  const ledgers = new Map<string, ComputeCounts>();
  for (const [agent, figures] of records) {
    if (!figures.has("model_runs")) continue;
    ledgers.set(agent, { modelRuns: Number(figures.get("model_runs") ?? 0), lieRuns: Number(figures.get("lie_runs") ?? 0), gameMoves: Number(figures.get("game_moves") ?? 0) });
  }
  return ledgers;
}
