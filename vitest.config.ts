import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["sim/**/*.test.ts", "tools/**/*.test.ts"],
    // Tests that start Anvil run in separate files; two workers match the two cores of CI.
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
