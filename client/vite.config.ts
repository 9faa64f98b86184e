import { resolve } from "node:path";
import { defineConfig } from "vite";

// Pages: the student's phone (index.html), the teacher's projector (host.html), the results page (results.html).
// Phaser goes into its own chunk so both pages share one cached copy.
export default defineConfig({
  root: import.meta.dirname,
  server: {
    // HTTP API goes through the proxy; the WebSocket connects straight to VITE_SERVER_URL (TECH-NOTES §8).
    proxy: { "/api": "http://localhost:2567" },
  },
  build: {
    outDir: resolve(import.meta.dirname, "dist"),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      input: {
        student: resolve(import.meta.dirname, "index.html"),
        host: resolve(import.meta.dirname, "host.html"),
        results: resolve(import.meta.dirname, "results.html"),
      },
      output: { manualChunks: (id: string) => (id.includes("node_modules/phaser") ? "phaser" : undefined) },
    },
  },
});
