import { resolve } from "node:path";
import { defineConfig, type Plugin } from "vite";

/**
 * The student page shows its HTML join form from a few kB of script and loads the game (Phaser, the
 * scenes, the SDK) with a dynamic import. This adds `<link rel="prefetch">` for the game's chunks to
 * index.html, so the phone downloads them at once, at low priority, while the student types — but
 * runs none of them until main.ts imports the game (evaluating Phaser would freeze the typing).
 */
function prefetchStudentGame(): Plugin {
  return {
    name: "handsup-prefetch-student-game",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(html, ctx) {
        if (!ctx.bundle || !ctx.filename.endsWith("index.html")) return [];
        const chunks = Object.values(ctx.bundle).flatMap((output) => (output.type === "chunk" ? [output] : []));
        const game = chunks.find((chunk) => chunk.facadeModuleId?.endsWith("/student/student-app.ts"));
        if (!game) return [];
        const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
        const files = new Set<string>();
        const visit = (fileName: string) => {
          if (files.has(fileName)) return;
          files.add(fileName);
          for (const dependency of byName.get(fileName)?.imports ?? []) visit(dependency);
        };
        visit(game.fileName);
        // Chunks the join form already loads (index.html's own scripts and modulepreloads) need no prefetch.
        for (const match of html.matchAll(/(?:src|href)="\/([^"]+\.js)"/g)) files.delete(match[1]!);
        return [...files].map((file) => ({
          tag: "link",
          attrs: { rel: "prefetch", href: `/${file}`, as: "script", crossorigin: "" },
          injectTo: "head" as const,
        }));
      },
    },
  };
}

// Four pages: the student's phone (index.html), the teacher's projector (host.html), the bank editor (edit.html) and
// the results page (results.html).
// Phaser goes into its own chunk so both pages share one cached copy.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [prefetchStudentGame()],
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
        edit: resolve(import.meta.dirname, "edit.html"),
        results: resolve(import.meta.dirname, "results.html"),
      },
      output: { manualChunks: (id: string) => (id.includes("node_modules/phaser") ? "phaser" : undefined) },
    },
  },
});
