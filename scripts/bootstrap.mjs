// `npm start` and `npm test` on a fresh clone: plain JavaScript with no dependencies, because it
// runs before anything is installed. Installs with `npm ci` when needed, then runs
// scripts/<command>.ts through tsx and exits with its code.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { constants } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const COMMANDS = ["start", "test"];
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const [command, ...args] = process.argv.slice(2);

if (!COMMANDS.includes(command)) {
  console.error(`usage: node scripts/bootstrap.mjs ${COMMANDS.join("|")} [arguments]`);
  process.exit(2);
}

const tsxBinary = join(repoRoot, "node_modules", ".bin", "tsx");
if (!existsSync(tsxBinary)) {
  console.log("[bootstrap] dependencies are not installed: running npm ci");
  // Under `npm start`, npm_execpath is the npm that launched us; run the same one.
  const npm = process.env.npm_execpath
    ? spawnSync(process.execPath, [process.env.npm_execpath, "ci"], { cwd: repoRoot, stdio: "inherit" })
    : spawnSync("npm", ["ci"], { cwd: repoRoot, stdio: "inherit" });
  if (npm.status !== 0 || !existsSync(tsxBinary)) {
    const how = npm.error
      ? npm.error.message
      : npm.signal
        ? `killed by ${npm.signal}`
        : `exit code ${npm.status}`;
    console.error(`[bootstrap] npm ci failed (${how}): fix the error above, then run npm ${command} again`);
    process.exit(1);
  }
}

// tsx as a loader inside this one node process, not the tsx CLI: the CLI relays signals to a second
// process and SIGKILLs it when it does not acknowledge one within 30 ms, which a busy machine turned
// into a script killed halfway through its shutdown, with PostgreSQL and Redis left running.
const child = spawn(process.execPath, ["--import", "tsx", join("scripts", `${command}.ts`), ...args], {
  cwd: repoRoot,
  stdio: "inherit",
});
// A signal sent to this process alone (kill, a supervisor) must still reach the script. From a
// terminal the script gets it twice (directly and from here), so its handler must be idempotent.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => child.kill(signal));
}
child.on("error", (error) => {
  console.error(`[bootstrap] could not run scripts/${command}.ts: ${error.message}`);
  process.exit(1);
});
child.on("exit", (code, signal) => {
  process.exit(code ?? 128 + (constants.signals[signal] ?? 0));
});
