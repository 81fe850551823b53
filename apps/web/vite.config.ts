import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, loadEnv, type ProxyOptions } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

/** Paths the API serves (as in apps/api's plugins/web.ts); everything else is the single-page app. */
const API_PATHS = ["/v1", "/t/", "/media/", "/sandbox/", "/healthz", "/readyz", "/docs", "/openapi.json"];

export default defineConfig(({ mode }) => {
  const target = loadEnv(mode, root, "VITE_").VITE_API_PROXY || "http://localhost:3000";
  const proxy: Record<string, ProxyOptions> = Object.fromEntries(API_PATHS.map((path) => [path, { target }]));
  return {
    root,
    plugins: [react()],
    build: {
      outDir: "dist",
      emptyOutDir: true,
      rolldownOptions: {
        // Libraries change far less often than the app: in their own chunks they stay cached across deploys.
        output: { codeSplitting: { groups: [{ name: "vendor", test: /[\\/]node_modules[\\/]/ }] } },
      },
    },
    server: { proxy },
    preview: { proxy },
  };
});
