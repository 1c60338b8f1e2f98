#!/usr/bin/env node
// A solc executable for forge, backed by the npm package `solc` (the official compiler built to
// WebAssembly), so nothing is downloaded. forge calls it in two ways:
//   solc-wasm --version
//   solc-wasm [--allow-paths a,b] [--base-path root] [--include-path p] --standard-json  (input on stdin)
// Imports are resolved against the base path, the include paths and the allowed paths.
import { readFileSync, existsSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const solc = require("solc");

const args = process.argv.slice(2);

if (args.includes("--version")) {
  const version = solc.version().replace(".Emscripten.clang", ".Linux.g++");
  process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${version}\n`);
  process.exit(0);
}

if (!args.includes("--standard-json")) {
  process.stderr.write("solc-wasm: only --version and --standard-json are supported\n");
  process.exit(2);
}

function valuesOf(flag) {
  const out = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === flag && i + 1 < args.length) out.push(...args[i + 1].split(","));
  }
  return out;
}

const basePath = valuesOf("--base-path")[0] ?? process.cwd();
const roots = [basePath, ...valuesOf("--include-path"), ...valuesOf("--allow-paths")].filter(Boolean);

function findImports(path) {
  const candidates = isAbsolute(path) ? [path] : roots.map((root) => resolve(root, path));
  for (const candidate of candidates) {
    if (existsSync(candidate)) return { contents: readFileSync(candidate, "utf8") };
  }
  return { error: `File not found: ${path} (searched ${roots.map((r) => join(r, path)).join(", ")})` };
}

const input = readFileSync(0, "utf8");
process.stdout.write(solc.compile(input, { import: findImports }));
