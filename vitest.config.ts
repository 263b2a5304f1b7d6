import { defineConfig } from "vitest/config";

// One runner for every layer. Files run in parallel processes; tests that need a real tool
// (soffice, chromium, postgres, redis) fail under CI=true when it is missing (see test/support/require-tool.ts).
export default defineConfig({
  test: {
    include: ["packages/*/test/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    reporters: ["default"],
  },
});
