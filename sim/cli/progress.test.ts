import { describe, expect, it } from "vitest";
import { createProgress } from "./progress.ts";

const stream = (isTTY: boolean) => {
  const written: string[] = [];
  return { isTTY, written, write: (text: string) => written.push(text) };
};

describe("progress", () => {
  it("piped: a line at the start, at each quarter and every few seconds, never more", () => {
    const out = stream(false);
    const progress = createProgress({ epochs: 40, stream: out, everySeconds: 5 });
    for (let epoch = 1; epoch <= 40; epoch++) progress.update({ epoch, transactions: epoch * 100, elapsedSeconds: epoch * 0.25 });
    progress.done();
    expect(out.written).toEqual([
      "progress: epoch 1/40 (2 %), 100 transactions, 400 tx/s, 0.3 s\n",
      "progress: epoch 10/40 (25 %), 1,000 transactions, 400 tx/s, 2.5 s\n",
      "progress: epoch 20/40 (50 %), 2,000 transactions, 400 tx/s, 5.0 s\n",
      "progress: epoch 30/40 (75 %), 3,000 transactions, 400 tx/s, 7.5 s\n",
      "progress: epoch 40/40 (100 %), 4,000 transactions, 400 tx/s, 10.0 s\n",
    ]);
    expect(progress.epoch).toBe(40);
  });

  it("piped, a slow run: a line every few seconds between the quarters", () => {
    const out = stream(false);
    const progress = createProgress({ epochs: 100, stream: out, everySeconds: 5 });
    for (let epoch = 1; epoch <= 20; epoch++) progress.update({ epoch, transactions: epoch, elapsedSeconds: epoch * 2 });
    expect(out.written.map((l) => /epoch (\d+)/.exec(l)?.[1])).toEqual(["1", "4", "7", "10", "13", "16", "19"]);
  });

  it("on a terminal: one bar redrawn in place, and a line end when done", () => {
    const out = stream(true);
    const progress = createProgress({ epochs: 4, stream: out });
    for (let epoch = 1; epoch <= 4; epoch++) progress.update({ epoch, transactions: epoch, elapsedSeconds: 1 });
    progress.done();
    expect(out.written).toHaveLength(5);
    expect(out.written.slice(0, 4).every((l) => l.startsWith("\r["))).toBe(true);
    expect(out.written[4]).toBe("\n");
  });
});
