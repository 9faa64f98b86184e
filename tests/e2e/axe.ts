import { createRequire } from "node:module";
import type { Page } from "playwright-core";

/** axe-core in the page: every rule, every impact. It can't see inside the canvas (the keyboard test covers that). */

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

interface AxeResult {
  violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[];
}

/** The page's axe violations as short lines ("color-contrast (serious): #join-code"); [] when clean. */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(
    () =>
      (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResult> } }).axe.run(
        document,
        { resultTypes: ["violations"] },
      ) as Promise<AxeResult>,
  );
  return result.violations.map(
    (v) => `${v.id} (${v.impact ?? "?"}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")}`,
  );
}
