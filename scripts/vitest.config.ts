import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// One id per run, inherited by the test workers: it names this run's databases (see @sorot/db/testing).
process.env.SOROT_TEST_RUN ??= String(Math.floor(Date.now() / 1000));

export default defineConfig({
  root: fileURLToPath(new URL("..", import.meta.url)),
  test: {
    include: [
      "{apps,packages}/*/{src,test}/**/*.test.{ts,tsx}",
      "integration/**/*.test.ts",
      "scripts/**/*.test.ts",
      "e2e/lib/**/*.test.ts",
    ],
    globalSetup: ["scripts/test/global-setup.ts"],
    // Two cores: two forks keep the machine responsive while test files run in parallel.
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
