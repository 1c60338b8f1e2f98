// A sweep job in its own process: receives a JobSpec over IPC, runs it (runJob.ts) and answers with the
// record or the error. Runs the TypeScript sources through tsx, like bin/imo-sim.mjs.
import { register } from "tsx/esm/api";

register();
const { runJob } = await import("./runJob.ts");
const { BaseError } = await import("../errors/index.ts");
const { interrupted } = await import("../chain/startAnvil.ts");

// If the sweep process goes away, stop as on Ctrl-C: anvil stopped, partial folder removed.
process.on("disconnect", () => process.kill(process.pid, "SIGTERM"));
if (!process.connected) process.exit(130);

process.once("message", async (spec) => {
  try {
    const record = await runJob(spec);
    process.send?.({ ok: true, record }, () => process.exit(0));
  } catch (error) {
    if (interrupted()) return; // the interrupt handler stops anvil and exits
    const message = error instanceof BaseError ? `${error.name}: ${error.shortMessage}` : error instanceof Error ? `${error.name}: ${error.message.split("\n")[0]}` : String(error);
    process.send?.({ ok: false, error: message }, () => process.exit(3));
  }
});
