import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyReply } from "fastify";
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

/** A last path segment with a dot asks for a file (/favicon.svg), never for a page of the dashboard. */
const FILE_REQUEST = /\/[^/]*\.[^/]*$/;

/**
 * One origin serves everything: the built dashboard at `/`, with index.html for the client-side
 * routes, so a page reload on /b/123/members works.
 *
 * Files are looked up when asked for, not listed at start, so a dashboard rebuilt while the api
 * runs is served as it is now; a missing file answers 404 (a page asking for the bundles of an
 * older build must fail visibly, never be handed index.html as JavaScript).
 *
 * The build leaves a brotli and a gzip copy beside each text file (apps/web/vite.config.ts,
 * precompress): a client that accepts one gets it with its Content-Encoding, and every answer says
 * `Vary: Accept-Encoding` so a shared cache never hands brotli to a client that cannot read it.
 */
export default fp<{ webDistDir: string }>(
  async (app, { webDistDir }) => {
    if (!existsSync(join(webDistDir, "index.html")))
      app.log.warn({ webDistDir }, "dashboard not built: `npm run build:web` to serve it at /");
    // reply.sendFile for the files at the top of the build (index.html, favicon.svg).
    await app.register(fastifyStatic, { root: webDistDir, serve: false, preCompressed: true });
    // Vite names every bundle after its content hash: a name, once served, never changes.
    await app.register(fastifyStatic, {
      root: join(webDistDir, "assets"),
      prefix: "/assets/",
      decorateReply: false,
      index: false,
      immutable: true,
      maxAge: "365d",
      preCompressed: true,
    });
    const sendIndex = (reply: FastifyReply) => {
      // index.html names the hashed assets of the current build, so it must never be cached.
      reply.header("cache-control", "no-cache");
      return reply.sendFile("index.html", { cacheControl: false });
    };
    app.get("/", { schema: { hide: true } }, (_request, reply) => sendIndex(reply));
    app.get("/*", { schema: { hide: true } }, (request, reply) => {
      const path = request.url.split("?")[0] ?? "/";
      if (API_PREFIXES.some((prefix) => path.startsWith(prefix))) return reply.callNotFound();
      if (FILE_REQUEST.test(path)) return reply.sendFile(path.slice(1));
      return sendIndex(reply);
    });
  },
  { name: "web" },
);
