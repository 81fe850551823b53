import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import fp from "fastify-plugin";

/** Paths the dashboard must never shadow: an unknown API path answers a problem, not index.html. */
const API_PREFIXES = [
  "/v1/",
  "/t/",
  "/media/",
  "/sandbox/",
  "/admin/queues",
  "/docs",
  "/openapi.json",
  "/healthz",
  "/readyz",
  "/metrics",
];

/**
 * One origin serves everything: the built dashboard at `/`, with index.html for the client-side
 * routes, so a page reload on /b/123/members works.
 */
export default fp<{ webDistDir: string }>(
  async (app, { webDistDir }) => {
    if (!existsSync(join(webDistDir, "index.html"))) {
      app.log.warn({ webDistDir }, "dashboard not built: `npm run build:web` to serve it at /");
      return;
    }
    await app.register(fastifyStatic, { root: webDistDir, wildcard: false, index: false });
    const sendIndex = (reply: { header(k: string, v: string): unknown; sendFile(f: string): unknown }) => {
      // index.html names the hashed assets of the current build, so it must never be cached.
      reply.header("cache-control", "no-cache");
      return reply.sendFile("index.html");
    };
    app.get("/", { schema: { hide: true } }, (_request, reply) => sendIndex(reply));
    app.get("/*", { schema: { hide: true } }, (request, reply) => {
      const path = request.url.split("?")[0] ?? "/";
      if (API_PREFIXES.some((prefix) => path.startsWith(prefix))) return reply.callNotFound();
      return sendIndex(reply);
    });
  },
  { name: "web" },
);
