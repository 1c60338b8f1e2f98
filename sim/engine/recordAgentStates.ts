import type { Run } from "./createRun.ts";

type Figure = string | number | bigint | boolean;
const isFigure = (v: unknown): v is Figure => typeof v === "string" || typeof v === "number" || typeof v === "bigint" || typeof v === "boolean";

/**
 * What the reports need from agents' states: each agent (and population) whose state has a `record` (a flat
 * record of figures: counts so far, beliefs) gets one row per figure in agent_epochs.csv at each epoch's end,
 * in the order of agents, then populations, and of the record's keys. A state without `record` writes nothing.
 */
export function recordAgentStates(run: Pick<Run, "agents" | "populations" | "states" | "recorder">, epoch: number): void {
  const write = (id: string, role: string) => {
    const record = run.states.get(id)?.record;
    if (typeof record !== "object" || record === null || Array.isArray(record)) return;
    for (const [metric, value] of Object.entries(record)) if (isFigure(value)) run.recorder.agentEpoch({ epoch, agent: id, role, metric, value });
  };
  for (const agent of run.agents) write(agent.id, agent.role);
  for (const { role } of run.populations) write(role.id, role.role);
}
