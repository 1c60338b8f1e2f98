import type { MarketOverTime } from "./marketOverTime.ts";
import type { HolderReturnsChart } from "./readHolderReturns.ts";
import type { UsageReportView } from "./usageReport.ts";

/** Everything report.html shows, as plain data (embedded in the page as JSON). */
export type ReportView = {
  title: string;
  description: string;
  meta: [string, string][];
  headline: [string, string][];
  flowsOverTime: { epochs: number[]; series: { name: string; data: number[] }[] };
  sankey: { nodes: string[]; links: { source: string; target: string; value: number }[] };
  /** The fee flows alone: no raise, no bonds (see buildReport's FEE_LINKS). */
  feeSankey: { nodes: string[]; links: { source: string; target: string; value: number }[] };
  finalityCdfHours: { undisputed: number[]; disputed: number[] };
  gasBars: { name: string; median: number; p95: number }[];
  yieldOverTime: { epochs: number[]; revenueYieldPct: number[]; cumulativeClaimedPct: number[] };
  books: { epochs: number[]; pending: number[]; claimable: number[]; redeemPool: number[] };
  /** Requests per epoch against the demand curve's mean at the run's price per request. */
  demandOverTime: { epochs: number[]; requests: number[]; expected: number[]; priceEth: number };
  /** Per snapshot: claimed and left unclaimed once its window closed, or all of it still open (ETH). */
  claimsBySnapshot: { snapshots: number[]; claimed: number[]; left: number[]; open: number[] };
  /** Rational submitters and challengers per epoch, with the theory's rates (null: the run has none). */
  rationalOverTime?: { epochs: number[]; lieRate: (number | null)[]; checkRate: (number | null)[]; catchRate: (number | null)[]; activeSubmitters: number[]; activeChallengers: number[]; pStar: number; qStar: number; pLearning: number | null; qLearning: number | null } | null;
  tables: { title: string; note: string; columns: string[]; rows: string[][] }[];
  /** The token's market from its listing (runs with `market.enabled` only). */
  market?: MarketOverTime | undefined;
  /** Holders' returns per role, split into revenue, burn and price (runs with a market only). */
  holderReturns?: HolderReturnsChart | undefined;
  /** Off-chain usage, for runs that had it (its charts appear only then). */
  usage?: UsageReportView;
};

/** The chart of rational agents' play, shown only for runs that have them. */
const RATIONAL_CHART = { id: "chart-rational", title: "Lie and check rates (rational agents)", note: "Per epoch: the rational submitters' lie rate, the rational challengers' check rate (per challenger) and the share of lies caught, beside the theory's p* and q* (dashed) and where learners with the scenario's memory settle (dotted); active agents on the right axis." };

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
/** JSON safe inside a <script> element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");

const CHARTS: { id: string; title: string; note: string }[] = [
  { id: "chart-flows", title: "Fee flows per epoch", note: "Where request and NFT payments went, per epoch (ETH, stacked)." },
  { id: "chart-latency", title: "Time to finality (CDF)", note: "Share of finalized requests final within x hours, undisputed vs disputed." },
  { id: "chart-sankey", title: "Flow of ETH, run totals", note: "Real ETH between parties, amounts in ETH on the nodes; contracts in the middle. Payees that also pay appear twice; two contracts that pay each other are shown net. The raise and the bonds dwarf the fees: the next chart leaves them out." },
  { id: "chart-sankey-fees", title: "Where the fees went, run totals", note: "Fees only (no raise, no bonds): request and NFT payments, the oracle's split of each fee, royalties, the token's payouts to holders, and the sale tokens' revenue the launch holds for investors (net of what it recycled into the token) and pays them when they collect. ETH on the nodes." },
  { id: "chart-gas", title: "Gas by function", note: "Median and p95 gas of successful transactions." },
  { id: "chart-yield", title: "Holder yield", note: "Revenue into the token per epoch, and revenue claimed cumulatively, over the value of the eligible tokens at sale price (%)." },
  { id: "chart-books", title: "Token books", note: "ETH the token holds: pending (next snapshot), open claimable, burn-redeem pool." },
  { id: "chart-demand", title: "Demand against fee", note: "Requests per epoch, and the demand curve's mean at the run's price per request (model fee + submitter reward + protocol fee)." },
  { id: "chart-claims", title: "Revenue claimed and left, per snapshot", note: "What holders claimed of each snapshot's claimable revenue and what they left to roll forward (or go to the redeem pool) when its window closed; open windows at the end apart (ETH)." },
];

/** The charts of off-chain usage (shown only for runs with an `offchain` section). */
const USAGE_CHARTS: { id: string; title: string; note: string }[] = [
  {
    id: "chart-usage-recovery",
    title: "Off-chain revenue: owed and recovered, per ledger period",
    note: "Bars: the token's share of the true off-chain revenue (owed), what the reports paid for the period, and the token's part of the slashes its lies caused (ETH). Line: recovery rate, (paid + slashed) / owed, of periods whose reports were due in the run (%).",
  },
  { id: "chart-usage-lies", title: "Under-reporting: lies committed and detected", note: "Per epoch: reports that left revenue out, lies proven (slashes for a lie), missed reports slashed, and challenges of receipts." },
];

/** Draws the usage charts; appended to the page only when the run had off-chain usage. */
const USAGE_CLIENT = `
(function () {
  var data = JSON.parse(document.getElementById("report-data").textContent).usage;
  var ready = window.__reportReady;
  var base = { animation: false, color: ["#3b6fb6", "#e0893a", "#4e9f6b", "#c4524e", "#8667b5"], textStyle: { fontFamily: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif" }, grid: { left: 70, right: 60, top: 48, bottom: 48 }, tooltip: { trigger: "axis" } };
  function chart(id, option) {
    try {
      var c = echarts.init(document.getElementById(id), null, { renderer: "canvas" });
      var o = {}; for (var k in base) o[k] = base[k]; for (var k2 in option) o[k2] = option[k2];
      c.setOption(o);
      window.addEventListener("resize", function () { c.resize(); });
      var points = 0; option.series.forEach(function (s) { points += s.data.length; });
      ready.charts[id] = { series: option.series.length, points: points };
    } catch (e) { ready.errors.push(id + ": " + (e && e.message)); console.error(e); }
  }
  var p = data.periods;
  chart("chart-usage-recovery", {
    legend: { top: 0 },
    grid: { left: 70, right: 60, top: 84, bottom: 48 },
    xAxis: { type: "category", name: "period", nameLocation: "middle", nameGap: 28, data: p.periods },
    yAxis: [{ type: "value", name: "ETH" }, { type: "value", name: "%", min: 0 }],
    series: [
      { name: "owed (share of true revenue)", type: "bar", data: p.owed },
      { name: "paid by reports", type: "bar", stack: "recovered", data: p.paid },
      { name: "slashed to the token", type: "bar", stack: "recovered", data: p.slashed },
      { name: "recovery rate", type: "line", yAxisIndex: 1, data: p.recoveryPct, connectNulls: false }
    ]
  });
  var l = data.lies;
  chart("chart-usage-lies", {
    legend: { top: 0 },
    grid: { left: 70, right: 60, top: 60, bottom: 48 },
    xAxis: { type: "category", name: "epoch", nameLocation: "middle", nameGap: 28, data: l.epochs },
    yAxis: { type: "value", name: "count", minInterval: 1 },
    series: [
      { name: "lies committed", type: "bar", data: l.committed },
      { name: "lies detected", type: "bar", data: l.detected },
      { name: "missed reports", type: "bar", data: l.missedReports },
      { name: "challenges", type: "line", data: l.challenges }
    ]
  });
})();
`;

const CLIENT = `
(function () {
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var ready = { charts: {}, errors: [] };
  var palette = ["#3b6fb6", "#e0893a", "#4e9f6b", "#c4524e", "#8667b5", "#8d6e5a", "#d279b3", "#7f7f7f", "#b5b33b", "#3bb0c2"];
  var base = { animation: false, color: palette, textStyle: { fontFamily: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif" }, grid: { left: 70, right: 24, top: 40, bottom: 48 }, tooltip: { trigger: "axis" } };
  function merge(a, b) { var o = {}; for (var k in a) o[k] = a[k]; for (var k2 in b) o[k2] = b[k2]; return o; }
  var charts = [];
  function chart(id, option) {
    try {
      var el = document.getElementById(id);
      var c = echarts.init(el, null, { renderer: "canvas" });
      c.setOption(merge(base, option));
      charts.push(c);
      var points = 0;
      option.series.forEach(function (s) { points += (s.data ? s.data.length : 0) + (s.links ? s.links.length : 0); });
      ready.charts[id] = { series: option.series.length, points: points };
    } catch (e) { ready.errors.push(id + ": " + (e && e.message)); console.error(e); }
  }
  var f = data.flowsOverTime;
  chart("chart-flows", {
    legend: { top: 0, type: "plain" },
    grid: { left: 70, right: 24, top: 80, bottom: 48 },
    xAxis: { type: "category", name: "epoch", nameLocation: "middle", nameGap: 28, data: f.epochs },
    yAxis: { type: "value", name: "ETH" },
    series: f.series.map(function (s) { return { name: s.name, type: "bar", stack: "fees", data: s.data, emphasis: { focus: "series" } }; })
  });
  function eth(x) { var a = Math.abs(x); return a >= 1000 ? x.toLocaleString("en-US", { maximumFractionDigits: 0 }) : a >= 1 ? x.toLocaleString("en-US", { maximumFractionDigits: 3 }) : Number(x.toPrecision(3)).toString(); }
  function sankey(id, s) {
    chart(id, {
      tooltip: { trigger: "item", formatter: function (p) { return p.dataType === "edge" ? p.data.source + " → " + p.data.target + ": " + eth(p.value) + " ETH" : p.name + ": " + eth(p.value) + " ETH"; } },
      series: [{ type: "sankey", left: 10, right: 250, top: 10, bottom: 10, nodeGap: 12, emphasis: { focus: "adjacency" }, lineStyle: { color: "gradient", curveness: 0.5, opacity: 0.35 },
        label: { fontSize: 11, formatter: function (p) { return p.name + "  " + eth(p.value) + " ETH"; } },
        data: s.nodes.map(function (n) { return { name: n }; }), links: s.links }]
    });
  }
  sankey("chart-sankey", data.sankey);
  sankey("chart-sankey-fees", data.feeSankey);
  /** Series with at least one value that is not zero: an empty series would only add a legend entry. */
  function nonEmpty(series) { return series.filter(function (s) { return s.data.some(function (v) { return Array.isArray(v) ? true : v !== 0; }); }); }
  var cdf = data.finalityCdfHours;
  function cdfSeries(name, values) { return { name: name, type: "line", showSymbol: false, step: "end", data: values.map(function (h, i) { return [h, i]; }) }; }
  chart("chart-latency", {
    legend: { top: 0 },
    xAxis: { type: "value", name: "hours from request to finality", nameLocation: "middle", nameGap: 28 },
    yAxis: { type: "value", name: "% of requests", max: 100 },
    series: nonEmpty([cdfSeries("undisputed", cdf.undisputed), cdfSeries("disputed", cdf.disputed)])
  });
  var g = data.gasBars;
  chart("chart-gas", {
    legend: { top: 0 },
    grid: { left: 230, right: 40, top: 36, bottom: 40 },
    xAxis: { type: "value", name: "gas" },
    yAxis: { type: "category", data: g.map(function (x) { return x.name; }), inverse: true },
    series: [{ name: "median", type: "bar", data: g.map(function (x) { return x.median; }) }, { name: "p95", type: "bar", data: g.map(function (x) { return x.p95; }) }]
  });
  var y = data.yieldOverTime;
  chart("chart-yield", {
    legend: { top: 0 },
    xAxis: { type: "category", name: "epoch", nameLocation: "middle", nameGap: 28, data: y.epochs },
    yAxis: { type: "value", name: "%" },
    series: nonEmpty([{ name: "revenue yield per epoch", type: "bar", data: y.revenueYieldPct }, { name: "claimed, cumulative", type: "line", data: y.cumulativeClaimedPct }])
  });
  var b = data.books;
  chart("chart-books", {
    legend: { top: 0 },
    xAxis: { type: "category", name: "epoch", nameLocation: "middle", nameGap: 28, data: b.epochs },
    yAxis: { type: "value", name: "ETH" },
    series: nonEmpty([{ name: "pending", type: "line", stack: "books", areaStyle: {}, data: b.pending }, { name: "open claimable", type: "line", stack: "books", areaStyle: {}, data: b.claimable }, { name: "redeem pool", type: "line", stack: "books", areaStyle: {}, data: b.redeemPool }])
  });
  var d = data.demandOverTime;
  chart("chart-demand", {
    legend: { top: 0 },
    xAxis: { type: "category", name: "epoch", nameLocation: "middle", nameGap: 28, data: d.epochs },
    yAxis: { type: "value", name: "requests" },
    series: [{ name: "requests (price " + d.priceEth + " ETH)", type: "bar", data: d.requests }, { name: "demand curve's mean", type: "line", showSymbol: false, data: d.expected }]
  });
  var k = data.claimsBySnapshot;
  chart("chart-claims", {
    legend: { top: 0 },
    xAxis: { type: "category", name: "snapshot", nameLocation: "middle", nameGap: 28, data: k.snapshots },
    yAxis: { type: "value", name: "ETH" },
    series: nonEmpty([{ name: "claimed", type: "bar", stack: "pool", data: k.claimed }, { name: "left unclaimed", type: "bar", stack: "pool", data: k.left }, { name: "open at the end", type: "bar", stack: "pool", data: k.open }])
  });
  var m = data.market;
  if (m) chart("chart-market", {
    legend: { top: 0 },
    tooltip: { trigger: "axis" },
    xAxis: { type: "category", name: "epoch", nameLocation: "middle", nameGap: 28, data: m.epochs },
    yAxis: [{ type: "log", name: "ETH per token" }, { type: "value", name: "ETH volume" }],
    series: nonEmpty([
      { name: "pool price", type: "line", data: m.price },
      { name: "fundamental value", type: "line", lineStyle: { type: "dashed" }, data: m.value },
      { name: "value less margin", type: "line", showSymbol: false, lineStyle: { opacity: 0.4 }, data: m.valueLow },
      { name: "value plus margin", type: "line", showSymbol: false, lineStyle: { opacity: 0.4 }, data: m.valueHigh },
      { name: "burn redeem value", type: "line", data: m.redeem },
      { name: "volume", type: "bar", yAxisIndex: 1, data: m.volume }
    ])
  });
  var hr = data.holderReturns;
  if (hr) chart("chart-returns", {
    legend: { top: 0 },
    tooltip: { trigger: "axis" },
    xAxis: { type: "category", name: "role", nameLocation: "middle", nameGap: 28, data: hr.roles },
    yAxis: { type: "value", name: "ETH" },
    series: [
      { name: "revenue", type: "bar", stack: "return", data: hr.revenue },
      { name: "burn", type: "bar", stack: "return", data: hr.burn },
      { name: "liquidity", type: "bar", stack: "return", data: hr.liquidity },
      { name: "price", type: "bar", stack: "return", data: hr.price },
      { name: "total", type: "scatter", symbolSize: 10, data: hr.total }
    ]
  });
  var r = data.rationalOverTime;
  if (r) {
    var flat = function (name, value, type) { return { name: name, type: "line", showSymbol: false, lineStyle: { type: type }, data: r.epochs.map(function () { return value; }) }; };
    var lines = [{ name: "lie rate", type: "line", showSymbol: false, data: r.lieRate }, { name: "check rate", type: "line", showSymbol: false, data: r.checkRate }, { name: "caught share of lies", type: "line", showSymbol: false, data: r.catchRate }, flat("p*", r.pStar, "dashed"), flat("q*", r.qStar, "dashed")];
    if (r.pLearning !== null) lines.push(flat("lie rate, learners settle", r.pLearning, "dotted"), flat("check rate, learners settle", r.qLearning, "dotted"));
    lines.push({ name: "active submitters", type: "bar", yAxisIndex: 1, data: r.activeSubmitters }, { name: "active challengers", type: "bar", yAxisIndex: 1, data: r.activeChallengers });
    chart("chart-rational", {
      legend: { top: 0 },
      grid: { left: 70, right: 60, top: 80, bottom: 48 },
      xAxis: { type: "category", name: "epoch", nameLocation: "middle", nameGap: 28, data: r.epochs },
      yAxis: [{ type: "value", name: "rate", min: 0, max: 1 }, { type: "value", name: "agents", minInterval: 1 }],
      series: lines
    });
  }
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  window.__reportReady = ready;
})();
`;

const STYLE = `
:root { color-scheme: light; --ink: #1f2733; --muted: #5b6676; --line: #e3e7ee; --card: #fff; --bg: #f5f7fa; --accent: #3b6fb6; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink); font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
header { background: #1f2f4a; color: #fff; padding: 24px 32px; }
header h1 { margin: 0 0 4px; font-size: 22px; font-weight: 600; }
header p { margin: 0; color: #c9d4e6; }
header dl { display: flex; flex-wrap: wrap; gap: 4px 24px; margin: 12px 0 0; font-size: 12px; color: #c9d4e6; }
header dt { display: inline; font-weight: 600; color: #fff; } header dd { display: inline; margin: 0 0 0 6px; font-family: ui-monospace, monospace; }
main { max-width: 1280px; margin: 0 auto; padding: 24px 32px 48px; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; margin-bottom: 20px; }
h2 { margin: 0 0 2px; font-size: 16px; font-weight: 600; }
.note { margin: 0 0 12px; color: var(--muted); font-size: 13px; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 12px; }
.figure { border-left: 3px solid var(--accent); padding: 4px 10px; }
.figure .label { color: var(--muted); font-size: 12px; } .figure .value { font-size: 18px; font-weight: 600; }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 20px; }
.grid section { margin-bottom: 0; }
.chart { width: 100%; height: 340px; }
#chart-sankey, #chart-sankey-fees { height: 460px; } #chart-gas { height: 520px; }
.wide { grid-column: 1 / -1; }
table { border-collapse: collapse; width: 100%; font-size: 12.5px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #f0f3f8; font-weight: 600; position: sticky; top: 0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; font-family: ui-monospace, monospace; }
/* Tables show every row: no scroll box that would clip them in print or in a full-page screenshot. */
.table-wrap { overflow-x: auto; }
.bad { color: #b3261e; font-weight: 600; } .good { color: #2e7d32; font-weight: 600; }
@media (max-width: 900px) { .grid { grid-template-columns: 1fr; } }
@media print {
  body { background: #fff; }
  main { max-width: none; padding: 0; }
  section { break-inside: avoid; border: none; padding: 8px 0; }
  section.wide:has(table) { break-inside: auto; }
  .grid { display: block; }
  .table-wrap { overflow: visible; }
  th { position: static; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
}
`;

const numeric = /^[−\-]?[\d,]+(\.\d+)?(e[-+]?\d+)?$/;

function renderTable(t: ReportView["tables"][number]): string {
  const head = t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("");
  const body = t.rows
    .map((r) => `<tr>${r.map((cell) => {
      const cls = cell === "ok" ? ' class="good"' : cell.startsWith("mismatch") ? ' class="bad"' : numeric.test(cell) ? ' class="num"' : "";
      return `<td${cls}>${escapeHtml(cell)}</td>`;
    }).join("")}</tr>`)
    .join("\n");
  return `<section class="wide"><h2>${escapeHtml(t.title)}</h2><p class="note">${escapeHtml(t.note)}</p><div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div></section>`;
}

/** A self-contained page: inlined ECharts, the data as JSON, no external requests, no timestamps. */
export function renderReportHtml(view: ReportView, echartsSource: string): string {
  const figures = view.headline.map(([label, value]) => `<div class="figure"><div class="label">${escapeHtml(label)}</div><div class="value${value === "MISMATCH" ? " bad" : ""}">${escapeHtml(value)}</div></div>`).join("\n");
  const marketChart = view.market
    ? `<section class="wide"><h2>Market price against value</h2><p class="note">The pool's price, the fundamental traders' mean value (present value of the claimable revenue they expect, never below the burn redeem value) with their no-trade band, what burning one token redeems, and the ETH volume per epoch (right axis). Prices in ETH per whole token, log scale.</p><div class="chart" id="chart-market"></div></section>\n`
    : "";
  const returnsChart = view.holderReturns
    ? `<section class="wide"><h2>Holders' return by role: revenue, burn, liquidity, price</h2><p class="note">Each role's holders summed (holder_returns.csv): revenue claimed and still claimable, burn redemptions, liquidity (what LP positions earned against holding their deposits: impermanent loss + fees), and the rest, price (pool sales + liquidity removals + tokens held and LP positions at the closing pool price − raise deposits net of refunds − pool buys − liquidity added − liquidity's part). The parts add up to the total (dots), to the wei; gas is left out. ETH, stacked.</p><div class="chart" id="chart-returns"></div></section>\n`
    : "";
  const charts = marketChart + returnsChart + [...CHARTS, ...(view.usage ? USAGE_CHARTS : []), ...(view.rationalOverTime ? [RATIONAL_CHART] : [])].map((c) => `<section${c.id === "chart-sankey" || c.id === "chart-sankey-fees" || c.id === "chart-gas" ? ' class="wide"' : ""}><h2>${escapeHtml(c.title)}</h2><p class="note">${escapeHtml(c.note)}</p><div class="chart" id="${c.id}"></div></section>`).join("\n");
  const { tables, ...chartData } = view;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>IMO testbed report: ${escapeHtml(view.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>IMO testbed report: ${escapeHtml(view.title)}</h1>
<p>${escapeHtml(view.description)}</p>
<dl>${view.meta.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd></div>`).join("")}</dl>
</header>
<main>
<section><h2>Summary</h2><p class="note">Headline figures of the run (chain time; ETH).</p><div class="figures">
${figures}
</div></section>
<div class="grid">
${charts}
${tables.map(renderTable).join("\n")}
</div>
</main>
<script id="report-data" type="application/json">${scriptJson(chartData)}</script>
<script>${echartsSource.replace(/<\/script/gi, "<\\/script")}</script>
<script>${CLIENT}</script>${view.usage ? `\n<script>${USAGE_CLIENT}</script>` : ""}
</body>
</html>
`;
}
