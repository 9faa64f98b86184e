import { el, svg } from "./dom.ts";
import type { Report } from "./report-types.ts";

/**
 * Plain-SVG charts. Every bar carries its number as text (colour is a second cue, never the only one), and each
 * chart has a title and a text description for screen readers.
 */

const LOW = 50; // at or below this % correct a question is drawn in the "went wrong" colour and labelled so

/** Horizontal bars, one per question: % correct; skipped questions say "skipped". */
export function percentCorrectChart(report: Report): HTMLElement {
  const rowHeight = 30;
  const labelWidth = 56;
  const width = 600;
  const barSpace = width - labelWidth - 120;
  const height = report.questions.length * rowHeight + 30;
  const chart = svg("svg", {
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
    "aria-labelledby": "pc-title pc-desc",
    class: "chart percent",
  });
  chart.append(svg("title", { id: "pc-title" }, "% correct per question"));
  const described = report.questions
    .map(
      (q) =>
        `Q${q.index + 1}: ${q.skipped ? "skipped" : q.percentCorrect === null ? "no answers" : `${q.percentCorrect}%`}`,
    )
    .join(", ");
  chart.append(svg("desc", { id: "pc-desc" }, described));
  // The 50% line: where "went wrong" starts.
  const x50 = labelWidth + barSpace / 2;
  chart.append(svg("line", { x1: x50, x2: x50, y1: 0, y2: height - 24, class: "guide" }));
  chart.append(svg("text", { x: x50, y: height - 8, "text-anchor": "middle", class: "axis" }, "50%"));
  chart.append(svg("text", { x: labelWidth + barSpace, y: height - 8, "text-anchor": "end", class: "axis" }, "100%"));
  report.questions.forEach((q, row) => {
    const y = row * rowHeight;
    chart.append(
      svg("text", { x: labelWidth - 8, y: y + 20, "text-anchor": "end", class: "label" }, `Q${q.index + 1}`),
    );
    const value = q.percentCorrect;
    if (q.skipped || value === null) {
      chart.append(svg("text", { x: labelWidth + 4, y: y + 20, class: "note" }, q.skipped ? "skipped" : "no answers"));
      return;
    }
    const low = value <= LOW;
    chart.append(
      svg("rect", {
        x: labelWidth,
        y: y + 5,
        width: Math.max(2, (value / 100) * barSpace),
        height: rowHeight - 10,
        class: low ? "bar low" : "bar",
      }),
    );
    chart.append(
      svg(
        "text",
        { x: labelWidth + (value / 100) * barSpace + 6, y: y + 20, class: low ? "value low" : "value" },
        `${value}%${low ? " ⚠ re-teach" : ""}`,
      ),
    );
  });
  return figure("% correct per question", chart, "Questions at or under 50% correct are marked “⚠ re-teach”.");
}

/** How many students scored in each band of points (five equal bands from 0 to the top score). */
export function scoreDistributionChart(report: Report): HTMLElement {
  const scores = report.students.filter((s) => !s.removed).map((s) => s.score);
  const bins = scoreBins(scores);
  const width = 600;
  const height = 240;
  const top = 20;
  const bottom = 50;
  const most = Math.max(1, ...bins.map((b) => b.count));
  const slot = (width - 40) / Math.max(1, bins.length);
  const chart = svg("svg", {
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
    "aria-labelledby": "sd-title sd-desc",
    class: "chart scores",
  });
  chart.append(svg("title", { id: "sd-title" }, "Score distribution"));
  chart.append(svg("desc", { id: "sd-desc" }, bins.map((b) => `${b.label}: ${b.count} students`).join(", ")));
  bins.forEach((bin, i) => {
    const h = ((height - top - bottom) * bin.count) / most;
    const x = 20 + i * slot + 6;
    const y = height - bottom - h;
    chart.append(svg("rect", { x, y, width: slot - 12, height: Math.max(h, 1), class: "bar" }));
    chart.append(
      svg("text", { x: x + (slot - 12) / 2, y: y - 6, "text-anchor": "middle", class: "value" }, String(bin.count)),
    );
    chart.append(
      svg(
        "text",
        { x: x + (slot - 12) / 2, y: height - bottom + 20, "text-anchor": "middle", class: "axis" },
        bin.label,
      ),
    );
  });
  chart.append(
    svg(
      "text",
      { x: width / 2, y: height - 8, "text-anchor": "middle", class: "axis" },
      "points (number above each bar = students)",
    ),
  );
  return figure("Score distribution", chart, "");
}

/**
 * Up to five equal bands of points from the lowest score (at most 0) to the highest, each a round width
 * (1, 2 or 5 × a power of ten) so the labels read well: 0–499, 500–999, …; a band's label is its range.
 */
export function scoreBins(scores: readonly number[]): { label: string; count: number }[] {
  if (scores.length === 0) return [];
  const low = Math.min(0, ...scores);
  const high = Math.max(...scores);
  if (high === low) return [{ label: String(high), count: scores.length }];
  const size = roundUp(Math.ceil((high - low + 1) / 5));
  const bands = Math.ceil((high - low + 1) / size);
  return Array.from({ length: bands }, (_, i) => {
    const from = low + i * size;
    const to = i === bands - 1 ? high : from + size - 1;
    return { label: `${from}–${to}`, count: scores.filter((s) => s >= from && s <= to).length };
  });
}

function roundUp(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].find((step) => step * power >= value) ?? 10) * power;
}

function figure(title: string, chart: SVGElement, note: string): HTMLElement {
  return el(
    "figure",
    { class: "chart-box" },
    el("figcaption", {}, title),
    chart,
    note ? el("p", { class: "chart-note" }, note) : null,
  );
}
