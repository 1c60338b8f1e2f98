// imo-sim: the simulator's command line. The simulator itself is not built yet; until it is, say so
// plainly instead of pretending to run a scenario.
const message = [
  "imo-sim: the agent-based simulator is not built yet.",
  "What works today: the contracts and their tests (npm test).",
  "Follow the simulator's progress in the project's issues.",
].join("\n");

process.stderr.write(`${message}\n`);
process.exit(2);
