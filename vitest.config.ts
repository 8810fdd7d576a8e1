import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    exclude: ["**/node_modules/**"],
    globalSetup: ["test/support/global-setup.ts"],
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores, but most of a test is waiting on the fake servers and the send rate: four files at a
    // time keep both cores busy without starving the timing of any one (measured: 8 min, was 9.5).
    maxWorkers: 4,
  },
});
