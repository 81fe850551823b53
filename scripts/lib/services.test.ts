import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resolvePostgres, resolveRedis, ServiceUnavailableError } from "./services.js";

const savedEnv = { DATABASE_URL: process.env.DATABASE_URL, REDIS_URL: process.env.REDIS_URL };
let dataDir: string;
const lines: string[] = [];
const log = (line: string) => lines.push(line);

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "sorot-services-"));
  lines.length = 0;
});

afterEach(async () => {
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await rm(dataDir, { recursive: true, force: true });
});

/** A port that refuses connections: bound for a moment, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("resolvePostgres", () => {
  it("refuses an unreachable DATABASE_URL in one line naming the variable and host, never the password", async () => {
    const port = await closedPort();
    process.env.DATABASE_URL = `postgres://sorot:hunter2-secret@127.0.0.1:${port}/sorot`;
    const failure = await resolvePostgres({ dataDir, log }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ServiceUnavailableError);
    const message = (failure as Error).message;
    expect(message).toMatch(/^DATABASE_URL: /);
    expect(message).toContain(`127.0.0.1:${port}`);
    expect(message).not.toContain("hunter2-secret");
    expect(message).not.toContain("\n");
  });

  it("runs an embedded server with a sorot database, shared by a second caller, stopped by the last", async () => {
    delete process.env.DATABASE_URL;
    const first = await resolvePostgres({ dataDir, log });
    const second = await resolvePostgres({ dataDir, log });
    expect(first.source).toBe("embedded");
    expect(second.url).toBe(first.url);
    expect(new URL(first.url).pathname).toBe("/sorot");

    const client = new pg.Client({ connectionString: first.url });
    await client.connect();
    const { rows } = await client.query<{ name: string }>("select current_database() as name");
    await client.end();
    expect(rows[0]?.name).toBe("sorot");

    await first.stop();
    expect(lines.at(-1)).toMatch(/left running for 1 other/);
    await second.stop();
    const probe = new pg.Client({ connectionString: first.url, connectionTimeoutMillis: 2_000 });
    await expect(probe.connect()).rejects.toThrow();
  });
});

describe("resolveRedis", () => {
  it("refuses an unreachable REDIS_URL within its timeout, in one line naming the variable", async () => {
    const port = await closedPort();
    process.env.REDIS_URL = `redis://127.0.0.1:${port}`;
    const started = Date.now();
    const failure = await resolveRedis({ dataDir, log }).catch((error: unknown) => error);
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(failure).toBeInstanceOf(ServiceUnavailableError);
    expect((failure as Error).message).toMatch(new RegExp(`^REDIS_URL: Redis at 127\\.0\\.0\\.1:${port} `));
  });
});
