import fs from "node:fs";
import path from "node:path";
import { launchBrowser } from "../e2e/harness.ts";

/** One point of the sweep: a run's size and the three figures the chart shows. */
export interface SweepPoint {
  series: "classes" | "one room";
  students: number;
  answerAckP99Ms: number;
  fanoutP99Ms: number;
  serverCpuPct: number;
  errors: number;
}

const WIDTH = 1200;
const HEIGHT = 460;
const PANELS = [
  { key: "answerAckP99Ms", title: "p99 answer → ack (ms)" },
  { key: "fanoutP99Ms", title: "p99 question-open fan-out (ms)" },
  { key: "serverCpuPct", title: "server CPU (% of one core, average)" },
] as const;
const COLOURS = { classes: "#1f77b4", "one room": "#d62728" } as const;

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (value <= step * magnitude) return step * magnitude;
  return 10 * magnitude;
}

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/** The sweep as an SVG: three panels (ack, fan-out, CPU) against students, one line per series. */
export function sweepSvg(points: readonly SweepPoint[], subtitle: string): string {
  const panelWidth = WIDTH / PANELS.length;
  const margin = { left: 62, right: 18, top: 58, bottom: 64 };
  const maxStudents = niceMax(Math.max(...points.map((p) => p.students)));
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" font-family="DejaVu Sans, sans-serif" font-size="13">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${WIDTH / 2}" y="22" text-anchor="middle" font-size="17" font-weight="bold">Hands Up on 2 cores: latency and CPU against students</text>`,
    `<text x="${WIDTH / 2}" y="42" text-anchor="middle" fill="#555">${escapeXml(subtitle)}</text>`,
  ];
  PANELS.forEach((panel, index) => {
    const x0 = index * panelWidth + margin.left;
    const x1 = (index + 1) * panelWidth - margin.right;
    const y0 = HEIGHT - margin.bottom;
    const y1 = margin.top + 20;
    const maxY = niceMax(Math.max(...points.map((p) => p[panel.key])));
    const sx = (students: number) => x0 + (students / maxStudents) * (x1 - x0);
    const sy = (value: number) => y0 - (value / maxY) * (y0 - y1);
    parts.push(
      `<text x="${(x0 + x1) / 2}" y="${margin.top + 6}" text-anchor="middle" font-weight="bold">${panel.title}</text>`,
    );
    for (let i = 0; i <= 4; i++) {
      const value = (maxY / 4) * i;
      const y = sy(value);
      parts.push(`<line x1="${x0}" x2="${x1}" y1="${y}" y2="${y}" stroke="#e5e5e5"/>`);
      parts.push(`<text x="${x0 - 6}" y="${y + 4}" text-anchor="end" fill="#333">${Number(value.toFixed(1))}</text>`);
    }
    for (let i = 0; i <= 4; i++) {
      const students = (maxStudents / 4) * i;
      parts.push(
        `<text x="${sx(students)}" y="${y0 + 18}" text-anchor="middle" fill="#333">${students.toLocaleString("en")}</text>`,
      );
    }
    parts.push(`<line x1="${x0}" x2="${x1}" y1="${y0}" y2="${y0}" stroke="#333"/>`);
    parts.push(`<line x1="${x0}" x2="${x0}" y1="${y0}" y2="${y1}" stroke="#333"/>`);
    parts.push(`<text x="${(x0 + x1) / 2}" y="${y0 + 38}" text-anchor="middle">students</text>`);
    for (const series of ["classes", "one room"] as const) {
      const line = points.filter((p) => p.series === series).sort((a, b) => a.students - b.students);
      if (line.length === 0) continue;
      const colour = COLOURS[series];
      parts.push(
        `<polyline fill="none" stroke="${colour}" stroke-width="2.5" points="${line.map((p) => `${sx(p.students)},${sy(p[panel.key])}`).join(" ")}"/>`,
      );
      for (const p of line) {
        // A hollow marker: that run had errors or students who did not finish.
        parts.push(
          `<circle cx="${sx(p.students)}" cy="${sy(p[panel.key])}" r="4.5" fill="${p.errors > 0 ? "#fff" : colour}" stroke="${colour}" stroke-width="2"/>`,
        );
      }
    }
  });
  const legendY = HEIGHT - 14;
  parts.push(`<circle cx="${WIDTH / 2 - 250}" cy="${legendY - 4}" r="5" fill="${COLOURS.classes}"/>`);
  parts.push(`<text x="${WIDTH / 2 - 240}" y="${legendY}">classes of 40</text>`);
  parts.push(`<circle cx="${WIDTH / 2 - 100}" cy="${legendY - 4}" r="5" fill="${COLOURS["one room"]}"/>`);
  parts.push(`<text x="${WIDTH / 2 - 90}" y="${legendY}">one room</text>`);
  parts.push(`<circle cx="${WIDTH / 2 + 40}" cy="${legendY - 4}" r="5" fill="#fff" stroke="#333" stroke-width="2"/>`);
  parts.push(`<text x="${WIDTH / 2 + 50}" y="${legendY}">run with errors</text>`);
  parts.push("</svg>");
  return parts.join("\n");
}

/** Renders the SVG to a PNG with Debian's Chromium (the browser the e2e tests already use). */
export async function writeSweepPng(svg: string, file: string): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: WIDTH, height: HEIGHT } });
    await page.setContent(`<html><body style="margin:0">${svg}</body></html>`);
    await page.screenshot({ path: file, clip: { x: 0, y: 0, width: WIDTH, height: HEIGHT } });
  } finally {
    await browser.close();
  }
}
