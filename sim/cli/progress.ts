export type ProgressUpdate = { epoch: number; transactions: number; elapsedSeconds: number };

export type CreateProgressParameters = {
  epochs: number;
  /** Where to write (stderr by default); a terminal gets a bar redrawn in place, anything else lines. */
  stream?: { isTTY?: boolean; write(text: string): unknown } | undefined;
  /** Seconds between two lines when not a terminal. Default 5. */
  everySeconds?: number | undefined;
};

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

/**
 * Progress of a run on stderr. On a terminal: one bar redrawn in place (epoch, transactions, tx/s). Piped or
 * redirected (a log, CI, a batch job): a line every `everySeconds` of wall time and at each quarter of the run,
 * so a log shows that the run is alive and how far it got.
 */
export function createProgress({ epochs, stream = process.stderr, everySeconds = 5 }: CreateProgressParameters): { update(p: ProgressUpdate): void; done(): void; readonly epoch: number } {
  const tty = stream.isTTY === true;
  let shown = false;
  let lastLineAt = Number.NEGATIVE_INFINITY;
  let lastQuarter = 0;
  let current = 0;
  return {
    get epoch() {
      return current;
    },
    update({ epoch, transactions, elapsedSeconds }) {
      current = epoch;
      const rate = elapsedSeconds > 0 ? transactions / elapsedSeconds : 0;
      if (tty) {
        const width = 30;
        const filled = Math.round((epoch / epochs) * width);
        stream.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] epoch ${epoch}/${epochs}  ${transactions} tx  ${Math.round(rate)} tx/s `);
        shown = true;
        return;
      }
      const quarter = Math.floor((epoch / epochs) * 4);
      if (elapsedSeconds - lastLineAt < everySeconds && quarter === lastQuarter) return;
      lastLineAt = elapsedSeconds;
      lastQuarter = quarter;
      stream.write(`progress: epoch ${epoch}/${epochs} (${Math.floor((epoch / epochs) * 100)} %), ${fmt(transactions)} transactions, ${fmt(rate)} tx/s, ${elapsedSeconds.toFixed(1)} s\n`);
    },
    done() {
      if (tty && shown) stream.write("\n");
    },
  };
}
