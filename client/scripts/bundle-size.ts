import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export interface BundleSize {
  files: string[];
  bytes: number;
  gzipBytes: number;
}

/**
 * The JavaScript the student's join form needs: every script and modulepreload dist/index.html
 * references, raw and gzipped. `rel="prefetch"` chunks (the game, fetched in the background while
 * the student types) are not counted: nothing waits for them.
 */
export function studentBundleSize(distDir: string): BundleSize {
  const html = readFileSync(join(distDir, "index.html"), "utf8");
  const files = new Set<string>();
  for (const match of html.matchAll(/<(?:script|link)[^>]+(?:src|href)="([^"]+\.js)"[^>]*>/g)) {
    if (!/rel="prefetch"/.test(match[0])) files.add(match[1]!);
  }
  let bytes = 0;
  let gzipBytes = 0;
  for (const src of files) {
    const content = readFileSync(join(distDir, src.replace(/^\//, "")));
    bytes += content.length;
    gzipBytes += gzipSync(content, { level: 9 }).length;
  }
  return { files: [...files], bytes, gzipBytes };
}
