// Prints the size of the JavaScript the student's phone downloads: every script and
// modulepreload that dist/index.html references, raw and gzipped.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const dist = join(import.meta.dirname, "..", "dist");
const html = readFileSync(join(dist, "index.html"), "utf8");
const scripts = new Set<string>();
for (const match of html.matchAll(/<(?:script|link)[^>]+(?:src|href)="([^"]+\.js)"/g)) scripts.add(match[1]!);

let raw = 0;
let gzip = 0;
for (const src of scripts) {
  const bytes = readFileSync(join(dist, src.replace(/^\//, "")));
  raw += bytes.length;
  gzip += gzipSync(bytes, { level: 9 }).length;
}
const kB = (bytes: number) => (bytes / 1000).toFixed(1);
console.log(`student bundle: ${kB(raw)} kB JS (${kB(gzip)} kB gzip) in ${scripts.size} files`);
