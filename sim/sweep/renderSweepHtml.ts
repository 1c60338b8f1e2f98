import type { SweepParameter } from "./loadSweep.ts";

/** Everything the sweep report shows, as plain data (embedded in the page as JSON). */
export type SweepView = {
  title: string;
  description: string;
  meta: [string, string][];
  mode: "grid" | "random";
  parameters: SweepParameter[];
  metrics: { key: string; label: string; unit: string; note: string }[];
  points: {
    id: string;
    values: Record<string, string | number | boolean>;
    /** Per metric: [p5, p50, p95] over the point's seeds. */
    stats: Record<string, (number | null)[]>;
    /** Per metric: [seed, value] of every completed run. */
    seeds: Record<string, [number, number | null][]>;
  }[];
  tables: { title: string; note: string; columns: string[]; rows: string[][] }[];
};

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");

/**
 * One chart per metric and swept parameter. Grid sweeps: the parameter's values on a category axis, one
 * group per combination of the other parameters, each with a p5–p95 band, a p50 line and the seeds'
 * values as dots. Random sweeps: every point's p50 and seeds' values as dots on a value axis.
 */
const CLIENT = `
(function () {
  var data = JSON.parse(document.getElementById("sweep-data").textContent);
  var ready = { charts: {}, errors: [] };
  var palette = ["#3b6fb6", "#e0893a", "#4e9f6b", "#c4524e", "#8667b5", "#8d6e5a", "#d279b3", "#7f7f7f", "#b5b33b", "#3bb0c2"];
  var charts = [];
  function num(v) { return typeof v === "number" ? v : Number(v); }
  function label(v) { return typeof v === "string" ? v : JSON.stringify(v); }
  function build(metric, param, id) {
    var others = data.parameters.filter(function (p) { return p.name !== param.name; });
    var groups = {}, order = [];
    data.points.forEach(function (pt) {
      var key = others.map(function (o) { return o.name + "=" + label(pt.values[o.name]); }).join(", ") || "all points";
      if (!groups[key]) { groups[key] = []; order.push(key); }
      groups[key].push(pt);
    });
    var series = [];
    var base = { animation: false, color: palette, textStyle: { fontFamily: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif" }, tooltip: { trigger: "item" },
      legend: { top: 0, type: "scroll" }, grid: { left: 70, right: 24, top: 48, bottom: 48 },
      yAxis: { type: "value", name: metric.unit, scale: true } };
    if (data.mode === "grid") {
      var xs = [];
      data.points.forEach(function (pt) { var l = label(pt.values[param.name]); if (xs.indexOf(l) < 0) xs.push(l); });
      if (param.numeric) xs.sort(function (a, b) { return num(a) - num(b); });
      order.forEach(function (key, g) {
        var color = palette[g % palette.length];
        var byX = {};
        groups[key].forEach(function (pt) { byX[label(pt.values[param.name])] = pt; });
        var stat = function (i) { return xs.map(function (x) { var pt = byX[x]; var v = pt ? pt.stats[metric.key][i] : null; return v === null || v === undefined ? "-" : v; }); };
        var p5 = stat(0), p50 = stat(1), p95 = stat(2);
        var width = p95.map(function (v, i) { return v === "-" || p5[i] === "-" ? "-" : v - p5[i]; });
        var name = order.length > 1 ? key : "p50";
        series.push({ name: name, type: "line", stack: "band" + g, data: p5, lineStyle: { opacity: 0 }, symbol: "none", tooltip: { show: false }, silent: true, legendHoverLink: false });
        series.push({ name: name, type: "line", stack: "band" + g, data: width, lineStyle: { opacity: 0 }, symbol: "none", areaStyle: { color: color, opacity: 0.18 }, tooltip: { show: false }, silent: true });
        series.push({ name: name, type: "line", data: p50, color: color, symbolSize: 6, connectNulls: true });
        var dots = [];
        groups[key].forEach(function (pt) { pt.seeds[metric.key].forEach(function (s) { if (s[1] !== null) dots.push({ value: [label(pt.values[param.name]), s[1]], seed: s[0], point: pt.id }); }); });
        series.push({ name: name, type: "scatter", data: dots, color: color, symbolSize: 5, itemStyle: { opacity: 0.55 },
          tooltip: { formatter: function (p) { return p.data.point + " seed " + p.data.seed + ": " + p.data.value[1]; } } });
      });
      base.xAxis = { type: "category", name: param.name, nameLocation: "middle", nameGap: 28, data: xs, boundaryGap: false };
    } else {
      var medians = [], dotsAll = [];
      data.points.forEach(function (pt) {
        var x = num(pt.values[param.name]);
        var m = pt.stats[metric.key][1];
        if (m !== null) medians.push({ value: [x, m], point: pt.id });
        pt.seeds[metric.key].forEach(function (s) { if (s[1] !== null) dotsAll.push({ value: [x, s[1]], point: pt.id, seed: s[0] }); });
      });
      series.push({ name: "seeds", type: "scatter", data: dotsAll, symbolSize: 5, itemStyle: { opacity: 0.5 }, tooltip: { formatter: function (p) { return p.data.point + " seed " + p.data.seed + ": " + p.data.value[1]; } } });
      series.push({ name: "p50 of a point", type: "scatter", data: medians, symbolSize: 9, symbol: "diamond", tooltip: { formatter: function (p) { return p.data.point + " p50: " + p.data.value[1]; } } });
      base.xAxis = { type: param.scale === "log" ? "log" : "value", name: param.name, nameLocation: "middle", nameGap: 28, scale: true };
    }
    base.series = series;
    try {
      var c = echarts.init(document.getElementById(id), null, { renderer: "canvas" });
      c.setOption(base);
      charts.push(c);
      var points = 0; series.forEach(function (s) { points += s.data.length; });
      ready.charts[id] = { series: series.length, points: points };
    } catch (e) { ready.errors.push(id + ": " + (e && e.message)); console.error(e); }
  }
  data.metrics.forEach(function (metric) {
    data.parameters.forEach(function (param, j) { build(metric, param, "chart-" + metric.key + "-" + j); });
  });
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
header p { margin: 0; color: #c9d4e6; white-space: pre-line; }
header dl { display: flex; flex-wrap: wrap; gap: 4px 24px; margin: 12px 0 0; font-size: 12px; color: #c9d4e6; }
header dt { display: inline; font-weight: 600; color: #fff; } header dd { display: inline; margin: 0 0 0 6px; font-family: ui-monospace, monospace; }
main { max-width: 1280px; margin: 0 auto; padding: 24px 32px 48px; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; margin-bottom: 20px; }
h2 { margin: 0 0 2px; font-size: 16px; font-weight: 600; }
.note { margin: 0 0 12px; color: var(--muted); font-size: 13px; }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.chart { width: 100%; height: 320px; }
table { border-collapse: collapse; width: 100%; font-size: 12.5px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #f0f3f8; font-weight: 600; position: sticky; top: 0; }
.table-wrap { max-height: 420px; overflow: auto; }
@media (max-width: 900px) { .grid { grid-template-columns: 1fr; } }
`;

function renderTable(t: SweepView["tables"][number]): string {
  const head = t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("");
  const body = t.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`).join("\n");
  return `<section><h2>${escapeHtml(t.title)}</h2><p class="note">${escapeHtml(t.note)}</p><div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div></section>`;
}

/** A self-contained page: inlined ECharts, the data as JSON, no external requests, no timestamps. */
export function renderSweepHtml(view: SweepView, echartsSource: string): string {
  const { tables, ...chartData } = view;
  const how =
    view.mode === "grid"
      ? "Band: p5–p95 over the seeds; line: p50; dots: one per seed. One colour per combination of the other parameters."
      : "Diamonds: p50 of each point over its seeds; dots: one per seed.";
  const sections = view.metrics
    .map((m) => {
      const charts = view.parameters.map((_, j) => `<div class="chart" id="chart-${escapeHtml(m.key)}-${j}"></div>`).join("\n");
      return `<section><h2>${escapeHtml(m.label)} <small>(${escapeHtml(m.key)}, ${escapeHtml(m.unit)})</small></h2><p class="note">${escapeHtml(m.note)}. ${how}</p><div class="grid">\n${charts}\n</div></section>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>IMO testbed sweep: ${escapeHtml(view.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>IMO testbed sweep: ${escapeHtml(view.title)}</h1>
<p>${escapeHtml(view.description)}</p>
<dl>${view.meta.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd></div>`).join("")}</dl>
</header>
<main>
${view.parameters.length === 0 ? '<section><p class="note">No swept parameters: the figures are in the tables below.</p></section>' : sections}
${tables.map(renderTable).join("\n")}
</main>
<script id="sweep-data" type="application/json">${scriptJson(chartData)}</script>
<script>${echartsSource.replace(/<\/script/gi, "<\\/script")}</script>
<script>${CLIENT}</script>
</body>
</html>
`;
}
