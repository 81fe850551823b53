import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, loadEnv, type Plugin, type ProxyOptions } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

/** Paths the API serves (as in apps/api's plugins/web.ts); everything else is the single-page app. */
const API_PATHS = ["/v1", "/t/", "/media/", "/sandbox/", "/healthz", "/readyz", "/docs", "/openapi.json"];

/** Text the browser downloads; images and fonts are compressed already. */
const COMPRESSIBLE = /\.(js|css|html|svg|json)$/;
/** Below this a compressed copy saves less than its headers cost (@fastify/static skips them too). */
const MIN_COMPRESS_BYTES = 1024;

/**
 * Writes `<file>.br` and `<file>.gz` beside every built text file, at the strongest settings: done
 * once per build, not per request, so the api's static handler (plugins/web.ts, preCompressed)
 * hands a phone the smallest copy its Accept-Encoding allows and spends no CPU on it.
 */
function precompress(): Plugin {
  const brotli = promisify(brotliCompress);
  const gz = promisify(gzip);
  return {
    name: "sorot-precompress",
    apply: "build",
    async writeBundle({ dir }, bundle) {
      const outDir = dir ?? join(root, "dist");
      const files = Object.values(bundle).flatMap((file) => {
        const source = file.type === "chunk" ? file.code : file.source;
        return COMPRESSIBLE.test(file.fileName) && source.length >= MIN_COMPRESS_BYTES
          ? [{ path: join(outDir, file.fileName), source }]
          : [];
      });
      await Promise.all(
        files.map(async ({ path, source }) => {
          await writeFile(
            `${path}.br`,
            await brotli(source, {
              params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
            }),
          );
          await writeFile(`${path}.gz`, await gz(source, { level: constants.Z_BEST_COMPRESSION }));
        }),
      );
    },
  };
}

const SHELL_LIBRARIES =
  /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack|i18next|react-i18next|zod|use-sync-external-store)[\\/]/;

export default defineConfig(({ mode }) => {
  const target = loadEnv(mode, root, "VITE_").VITE_API_PROXY || "http://localhost:3000";
  const proxy: Record<string, ProxyOptions> = Object.fromEntries(API_PATHS.map((path) => [path, { target }]));
  return {
    root,
    plugins: [react(), precompress()],
    build: {
      outDir: "dist",
      emptyOutDir: true,
      rolldownOptions: {
        // The libraries every screen needs change far less often than the app: in their own chunk they
        // stay cached across deploys. The others (forms, QR codes) go with the screens that use them.
        output: { codeSplitting: { groups: [{ name: "vendor", test: SHELL_LIBRARIES }] } },
      },
    },
    server: { proxy },
    preview: { proxy },
  };
});
