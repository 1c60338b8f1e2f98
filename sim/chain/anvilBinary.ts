import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { AnvilStartError } from "../errors/index.ts";

const require = createRequire(import.meta.url);

/**
 * The anvil binary that npm installed for this platform (`@foundry-rs/anvil-<os>-<arch>`).
 * `ANVIL_BINARY` in the environment overrides it (a native Foundry install, say).
 */
export function anvilBinary(): string {
  const override = process.env.ANVIL_BINARY;
  if (override) return override;
  const os = process.platform === "win32" ? "win32" : process.platform;
  const arch = process.arch === "x64" ? "amd64" : process.arch;
  const pkg = `@foundry-rs/anvil-${os}-${arch}`;
  try {
    const root = dirname(require.resolve(`${pkg}/package.json`));
    const binary = join(root, "bin", process.platform === "win32" ? "anvil.exe" : "anvil");
    if (existsSync(binary)) return binary;
  } catch {
    // fall through to the error below
  }
  throw new AnvilStartError(`No anvil binary for ${process.platform}/${process.arch}`, {
    details: `The npm package ${pkg} is not installed.`,
    hints: ["Run `npm ci` in the project folder.", "Or point ANVIL_BINARY at an anvil executable."],
  });
}
