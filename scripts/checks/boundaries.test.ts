import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

// The dependency graph of DESIGN.md ("Dependencies point one way") is enforced by .biome.json's overrides.
// Each fixture tree is laid out like the repo (apps/web/src/..., packages/core/src/...), so that the
// per-folder overrides apply to it; it is linted in a temp folder with the repo's own configuration.
const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const fixtures = join(repoRoot, "scripts", "checks", "fixtures", "boundaries");
const biome = join(repoRoot, "node_modules", ".bin", "biome");
const apiImportsWorker = "./scripts/checks/api-imports-worker.grit";

interface Diagnostic {
  file: string;
  line: number;
  rule: string;
  message: string;
}

let workDir = "";

afterEach(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/** Lints one fixture tree with .biome.json, the api → worker override switched on, and returns what it reported. */
function lintFixture(name: string): { status: number | null; diagnostics: Diagnostic[] } {
  workDir = mkdtempSync(join(tmpdir(), "sorot-boundaries-"));
  cpSync(join(fixtures, name), workDir, { recursive: true });
  cpSync(join(repoRoot, apiImportsWorker), join(workDir, apiImportsWorker));

  const config = JSON.parse(readFileSync(join(repoRoot, ".biome.json"), "utf8"));
  config.vcs = { enabled: false };
  const gated = config.overrides.find((override: { plugins?: string[] }) =>
    override.plugins?.includes(apiImportsWorker),
  );
  gated.includes = ["apps/api/**"];
  writeFileSync(join(workDir, "biome.json"), JSON.stringify(config));

  const run = spawnSync(biome, ["lint", "--reporter=github", "--max-diagnostics=none", "."], {
    cwd: workDir,
    encoding: "utf8",
  });
  if (run.error) throw run.error;
  const diagnostics = [
    ...run.stdout.matchAll(/^::\w+ title=([^,]+),file=([^,]+),line=(\d+),[^:]*::(.*)$/gm),
  ].map(([, rule = "", file = "", line = "", message = ""]) => ({
    file: relative(workDir, file),
    line: Number(line),
    rule,
    message,
  }));
  return { status: run.status, diagnostics };
}

const RESTRICTED = "lint/style/noRestrictedImports";

describe("the dependency graph in .biome.json", () => {
  it("fails lint on each forbidden import, naming the rule and the file", () => {
    const { status, diagnostics } = lintFixture("forbidden");
    expect(status).not.toBe(0);
    const found = diagnostics.map(({ file, line, rule }) => `${file}:${line} ${rule}`).sort();
    expect(found).toEqual([
      `apps/api/src/imports-web.ts:1 ${RESTRICTED}`,
      "apps/api/src/imports-worker.ts:1 plugin",
      "apps/api/src/loads-the-worker-lazily.ts:1 plugin",
      "apps/api/test/climbs-into-worker.ts:1 plugin",
      `apps/web/src/imports-db.ts:1 ${RESTRICTED}`,
      `apps/web/src/imports-money.ts:1 ${RESTRICTED}`,
      `apps/worker/src/imports-api.ts:1 ${RESTRICTED}`,
      `apps/worker/src/jobs/climbs-into-db.ts:1 ${RESTRICTED}`,
      `packages/contracts/src/imports-db.ts:1 ${RESTRICTED}`,
      `packages/core/src/imports-contracts.ts:1 ${RESTRICTED}`,
      `packages/core/src/reads-files.ts:1 ${RESTRICTED}`,
      `packages/core/src/uses-redis.ts:1 ${RESTRICTED}`,
      `packages/db/src/climbs-into-core.ts:1 ${RESTRICTED}`,
      `packages/delivery-state/src/imports-db.ts:1 ${RESTRICTED}`,
      `packages/jobs/src/imports-delivery-state.ts:1 ${RESTRICTED}`,
      `packages/money/src/imports-web.ts:1 ${RESTRICTED}`,
    ]);

    const messageOf = (file: string) => diagnostics.find((diagnostic) => diagnostic.file === file)?.message;
    expect(messageOf("apps/web/src/imports-db.ts")).toContain(
      "apps/web may import only @sorot/contracts, @sorot/core",
    );
    expect(messageOf("apps/api/src/imports-worker.ts")).toContain("apps/api must not import apps/worker");
    expect(messageOf("packages/core/src/uses-redis.ts")).toContain("does no I/O");
    expect(messageOf("packages/db/src/climbs-into-core.ts")).toContain(
      "must not climb out of its app or package",
    );
  });

  it("passes the imports the graph allows, and lets scripts/ and e2e/ import the apps", () => {
    expect(lintFixture("clean")).toEqual({ status: 0, diagnostics: [] });
  });
});
