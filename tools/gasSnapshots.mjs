// Per-operation gas snapshots (snapshots/*.json, written by `vm.snapshotValue` in contracts/test/gas).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Compares two folders of `{ name: "gas" }` files; returns one line per problem. */
export function compareSnapshots(committed, fresh, tolerancePct) {
  const problems = [];
  const read = (dir) =>
    Object.fromEntries(
      readdirSync(dir)
        .filter((f) => f.endsWith(".json"))
        .map((f) => [f.replace(/\.json$/, ""), JSON.parse(readFileSync(join(dir, f), "utf8"))]),
    );
  const before = read(committed);
  const after = read(fresh);
  for (const group of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = before[group] ?? {};
    const b = after[group] ?? {};
    for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!(name in a)) problems.push(`${group} / ${name}: ${b[name]} is new (not in the committed snapshot)`);
      else if (!(name in b)) problems.push(`${group} / ${name}: no longer measured (committed ${a[name]})`);
      else {
        const old = Number(a[name]);
        const now = Number(b[name]);
        const pct = old === 0 ? (now === 0 ? 0 : Infinity) : ((now - old) / old) * 100;
        if (Math.abs(pct) > tolerancePct) {
          problems.push(`${group} / ${name}: ${old} -> ${now} (${pct > 0 ? "+" : ""}${pct.toFixed(2)} %, tolerance ${tolerancePct} %)`);
        }
      }
    }
  }
  return problems;
}
