import fs from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** One function (or package) and the CPU time spent in it, not counting what it called. */
export interface SelfTimeRow {
  name: string;
  selfMs: number;
  share: number;
}

function shortUrl(url: string): string {
  const modules = url.lastIndexOf("node_modules/");
  if (modules >= 0) return url.slice(modules + "node_modules/".length);
  const repo = url.indexOf("/server/src/");
  if (repo >= 0) return url.slice(repo + 1);
  return url.replace(/^file:\/\//, "");
}

function packageOf(url: string): string {
  if (url === "") return "(native / V8 / GC)";
  if (url.startsWith("node:")) return "node core";
  const modules = url.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const rest = url.slice(modules + "node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  for (const part of ["server/src", "shared/src", "content"]) if (url.includes(`/${part}/`)) return part;
  return url;
}

/** Reads a `.cpuprofile` (from `node --cpu-prof`) and sums self time by function and by package. */
export function summarizeCpuProfile(file: string, top = 25): { byFunction: SelfTimeRow[]; byPackage: SelfTimeRow[] } {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, index) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  const total = [...selfUs.values()].reduce((sum, us) => sum + us, 0);
  const functions = new Map<string, number>();
  const packages = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const name = `${frame.functionName || "(anonymous)"} ${shortUrl(frame.url)}${frame.url ? `:${frame.lineNumber + 1}` : ""}`;
    functions.set(name, (functions.get(name) ?? 0) + us);
    const pkg = frame.functionName === "(idle)" ? "(idle)" : packageOf(frame.url);
    packages.set(pkg, (packages.get(pkg) ?? 0) + us);
  }
  const rows = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, selfMs: Math.round(us / 1000), share: total > 0 ? us / total : 0 }));
  return { byFunction: rows(functions), byPackage: rows(packages) };
}

/**
 * Where the self time of one function (e.g. the `writev` syscall) comes from: its samples grouped by the
 * call path of our own code and Colyseus that led to it (the nearest `depth` named JS frames).
 */
export function callersOf(file: string, functionName: string, depth = 3, top = 12): SelfTimeRow[] {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((id, index) => {
    if (byId.get(id)?.callFrame.functionName !== functionName) return;
    const us = profile.timeDeltas[index] ?? 0;
    all += us;
    const path: string[] = [];
    for (let at = parent.get(id); at !== undefined && path.length < depth; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      // Skip Node and the ws library: the interesting part is which room or Colyseus code sent the frame.
      if (frame?.url && !frame.url.startsWith("node:") && !frame.url.includes("node_modules/ws/")) {
        path.push(frame.functionName || "(anonymous)");
      }
    }
    const key = path.reverse().join(" → ");
    totals.set(key, (totals.get(key) ?? 0) + us);
  });
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => ({ name, selfMs: Math.round(us / 1000), share: all > 0 ? us / all : 0 }));
}

/** The summary as two plain-text tables. */
export function formatCpuProfileSummary(summary: { byFunction: SelfTimeRow[]; byPackage: SelfTimeRow[] }): string {
  const line = (row: SelfTimeRow) =>
    `${String(row.selfMs).padStart(8)} ms ${(row.share * 100).toFixed(1).padStart(5)}%  ${row.name}`;
  return [
    "self time by package:",
    ...summary.byPackage.map(line),
    "",
    "self time by function:",
    ...summary.byFunction.map(line),
  ].join("\n");
}

if (import.meta.main) {
  const file = process.argv[2];
  if (!file) {
    console.error("usage: node tests/load/cpu-profile-summary.ts <file.cpuprofile> [top]");
    process.exit(2);
  }
  console.log(formatCpuProfileSummary(summarizeCpuProfile(file, Number(process.argv[3] ?? 25))));
  for (const hot of ["writev", "sendDuePings"]) {
    console.log(`\nwho calls ${hot} (share of its self time):`);
    for (const row of callersOf(file, hot)) {
      console.log(`${String(row.selfMs).padStart(8)} ms ${(row.share * 100).toFixed(1).padStart(5)}%  ${row.name}`);
    }
  }
}
