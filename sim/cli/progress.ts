/** A one-line progress bar on stderr (only when stderr is a terminal): epoch, transactions, tx/s. */
export function createProgress(epochs: number): { update(p: { epoch: number; transactions: number; elapsedSeconds: number }): void; done(): void } {
  const tty = process.stderr.isTTY === true;
  let shown = false;
  return {
    update({ epoch, transactions, elapsedSeconds }) {
      if (!tty) return;
      const width = 30;
      const filled = Math.round((epoch / epochs) * width);
      const rate = elapsedSeconds > 0 ? Math.round(transactions / elapsedSeconds) : 0;
      process.stderr.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] epoch ${epoch}/${epochs}  ${transactions} tx  ${rate} tx/s `);
      shown = true;
    },
    done() {
      if (tty && shown) process.stderr.write("\n");
    },
  };
}
