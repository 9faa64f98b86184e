// Prints the size of the JavaScript the student's phone downloads (after `vite build`).
import { join } from "node:path";
import { studentBundleSize } from "./bundle-size.ts";

const size = studentBundleSize(join(import.meta.dirname, "..", "dist"));
const kB = (bytes: number) => (bytes / 1000).toFixed(1);
console.log(
  `student join form: ${kB(size.bytes)} kB JS (${kB(size.gzipBytes)} kB gzip) in ${size.files.length} files; the game is prefetched behind it`,
);
