/** Every file `imo-sim report` writes into `<run folder>/report/` (and nothing else: a run folder holding other files is not replaced). */
export const REPORT_FILES = [
  "agents.csv",
  "conservation.csv",
  "demand_by_epoch.csv",
  "dispute_latency.csv",
  "fee_flows_by_epoch.csv",
  "fee_flows_total.csv",
  "gas_by_function.csv",
  "gas_per_request.csv",
  "holders.csv",
  "holder_returns.csv",
  "holder_yield.csv",
  "latency_stats.csv",
  "rational_by_epoch.csv",
  "report.html",
  "revenue_by_snapshot.csv",
  "summary.json",
] as const;

/** The files `imo-sim report` adds for a run with off-chain usage (its scenario's `offchain` section). */
export const USAGE_REPORT_FILES = ["usage_agents.csv", "usage_by_epoch.csv", "usage_by_period.csv"] as const;
