#!/usr/bin/env node
// The imo-sim command: runs the TypeScript sources through tsx, so nothing needs building first.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../sim/cli/main.ts");
process.exit(await main(process.argv.slice(2)));
