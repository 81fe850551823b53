import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { useTestApp } from "./helpers.js";

// A built dashboard as Vite leaves it: index.html, public files at the top, hashed bundles in assets/.
const dist = mkdtempSync(join(tmpdir(), "sorot-web-"));
mkdirSync(join(dist, "assets"));
writeFileSync(join(dist, "index.html"), '<!doctype html><script src="/assets/index-a1b2.js"></script>');
writeFileSync(join(dist, "favicon.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
writeFileSync(join(dist, "assets", "index-a1b2.js"), "console.log('first build')");
// As the build's precompress step leaves them: big enough to be worth compressing.
const bundle = `export const words = ${JSON.stringify("kopi susu gula aren ".repeat(200))};`;
writeFileSync(join(dist, "assets", "vendor-e5f6.js"), bundle);
writeFileSync(join(dist, "assets", "vendor-e5f6.js.br"), brotliCompressSync(bundle));
writeFileSync(join(dist, "assets", "vendor-e5f6.js.gz"), gzipSync(bundle));

const t = useTestApp({ WEB_DIST_DIR: dist });

describe("the dashboard's files", () => {
  it("answers client-side routes with index.html, never cached", async () => {
    for (const url of ["/", "/b/3f2a/campaigns/new", "/admin/reviews?status=pending"]) {
      const response = await t.app.inject({ method: "GET", url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers["content-type"]).toMatch(/^text\/html/);
      expect(response.headers["cache-control"]).toBe("no-cache");
      expect(response.body).toContain("/assets/index-a1b2.js");
    }
  });

  it("serves hashed bundles for good, and a bundle built after start too", async () => {
    const first = await t.app.inject({ method: "GET", url: "/assets/index-a1b2.js" });
    expect(first.statusCode).toBe(200);
    expect(first.headers["content-type"]).toMatch(/javascript/);
    expect(first.headers["cache-control"]).toBe("public, max-age=31536000, immutable");

    writeFileSync(join(dist, "assets", "index-c3d4.js"), "console.log('rebuilt')");
    const rebuilt = await t.app.inject({ method: "GET", url: "/assets/index-c3d4.js" });
    expect(rebuilt.statusCode).toBe(200);
    expect(rebuilt.body).toBe("console.log('rebuilt')");
  });

  it("hands each client the precompressed copy it accepts, and says the answer varies by it", async () => {
    const url = "/assets/vendor-e5f6.js";
    const br = await t.app.inject({
      method: "GET",
      url,
      headers: { "accept-encoding": "gzip, deflate, br" },
    });
    expect(br.statusCode).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["content-type"]).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(bundle);

    const gz = await t.app.inject({ method: "GET", url, headers: { "accept-encoding": "gzip" } });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.rawPayload).toString()).toBe(bundle);

    const plain = await t.app.inject({ method: "GET", url, headers: { "accept-encoding": "identity" } });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.body).toBe(bundle);
  });

  it("answers 404 problem+json for a missing file, not index.html", async () => {
    for (const url of ["/assets/index-gone.js", "/assets/chunk.css", "/robots.txt", "/b/3f2a/logo.png"]) {
      const response = await t.app.inject({ method: "GET", url });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
    }
    const favicon = await t.app.inject({ method: "GET", url: "/favicon.svg" });
    expect(favicon.statusCode).toBe(200);
    expect(favicon.headers["content-type"]).toMatch(/^image\/svg\+xml/);
  });

  it("never shadows an API path", async () => {
    for (const url of ["/v1/nothing-here", "/metricsx", "/sandbox/pay"]) {
      const response = await t.app.inject({ method: "GET", url });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
    }
  });
});
