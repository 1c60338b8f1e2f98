#!/usr/bin/env node
// Runs the forge binary that npm installed for this platform and exits with ITS exit code.
// The npm package's own launcher (node_modules/.bin/forge, @foundry-rs/forge 1.7.1) does not pass the
// child's exit code on: `forge test` with failing tests exits 0 through it, which would turn CI green.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const os = process.platform;
const arch = process.arch === "x64" ? "amd64" : process.arch;
const name = process.platform === "win32" ? "forge.exe" : "forge";
let binary;
try {
  binary = require.resolve(`@foundry-rs/forge-${os}-${arch}/bin/${name}`);
} catch {
  process.stderr.write(`No forge binary for ${os}/${arch}: run \`npm ci\` (package @foundry-rs/forge-${os}-${arch}).\n`);
  process.exit(2);
}
const result = spawnSync(binary, process.argv.slice(2), { stdio: "inherit" });
if (result.error) {
  process.stderr.write(`forge did not run: ${result.error.message}\n`);
  process.exit(2);
}
process.exit(result.status ?? (result.signal ? 1 : 0));
