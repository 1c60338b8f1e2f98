import { join } from "node:path";
import { describeGas } from "./describeDistribution.ts";
import { readCsv } from "./readCsv.ts";

export type GasByFunction = {
  contract: string;
  function: string;
  calls: number;
  min: number | null;
  median: number | null;
  mean: number | null;
  p95: number | null;
  max: number | null;
  reverted: number;
  revertedGas: number;
  rejected: number;
  dropped: number;
};

export type AgentGas = { role: string; gas: number; transactions: number; claims: number; claimGas: number };

/** The token's claim functions (one snapshot, or several in one transaction). */
const CLAIM_FUNCTIONS: ReadonlySet<string> = new Set(["RevShareToken.claim", "RevShareToken.claimBatch"]);

export type SummarizeGasReturnType = {
  byFunction: GasByFunction[];
  /** Gas of all mined transactions (successful and reverted). */
  totalGas: number;
  transactions: { total: number; success: number; reverted: number; rejected: number; dropped: number };
  /** Gas spent by each agent whose role is in `trackRoles` (all statuses), with its role, and the part of it spent on revenue claims. */
  agentGas: Map<string, AgentGas>;
  /** Sum of gas of successful calls per `Contract.function`. */
  successGas: Map<string, number>;
};

/** Streams transactions.csv: gas per contract and function (successful calls; failures counted apart), and per tracked agent. */
export async function summarizeGas(runDir: string, trackRoles: ReadonlySet<string>): Promise<SummarizeGasReturnType> {
  const success = new Map<string, number[]>();
  const failures = new Map<string, { reverted: number; revertedGas: number; rejected: number; dropped: number }>();
  const agentGas = new Map<string, AgentGas>();
  const transactions = { total: 0, success: 0, reverted: 0, rejected: 0, dropped: 0 };
  let totalGas = 0;
  await readCsv(join(runDir, "transactions.csv"), (row) => {
    const key = `${row.contract}.${row.function}`;
    const gas = Number(row.gas_used || "0");
    totalGas += gas;
    transactions.total++;
    if (!success.has(key)) success.set(key, []);
    if (!failures.has(key)) failures.set(key, { reverted: 0, revertedGas: 0, rejected: 0, dropped: 0 });
    const status = row.status ?? "";
    if (status === "success") {
      transactions.success++;
      success.get(key)?.push(gas);
    } else {
      const f = failures.get(key);
      if (f && (status === "reverted" || status === "rejected" || status === "dropped")) {
        f[status]++;
        transactions[status]++;
        if (status === "reverted") f.revertedGas += gas;
      }
    }
    const role = row.role ?? "";
    if (trackRoles.has(role)) {
      const agent = row.agent ?? "";
      const a = agentGas.get(agent) ?? { role, gas: 0, transactions: 0, claims: 0, claimGas: 0 };
      a.gas += gas;
      a.transactions++;
      if (CLAIM_FUNCTIONS.has(key)) {
        a.claims++;
        a.claimGas += gas;
      }
      agentGas.set(agent, a);
    }
  });
  const byFunction = [...success.keys()].sort().map((key): GasByFunction => {
    const [contract = "", fn = ""] = key.split(".");
    const stats = describeGas(success.get(key) ?? []);
    const f = failures.get(key) ?? { reverted: 0, revertedGas: 0, rejected: 0, dropped: 0 };
    return { contract, function: fn, calls: stats?.calls ?? 0, min: stats?.min ?? null, median: stats?.median ?? null, mean: stats?.mean ?? null, p95: stats?.p95 ?? null, max: stats?.max ?? null, ...f };
  });
  const successGas = new Map([...success].map(([k, v]) => [k, v.reduce((s, g) => s + g, 0)]));
  return { byFunction, totalGas, transactions, agentGas, successGas };
}
