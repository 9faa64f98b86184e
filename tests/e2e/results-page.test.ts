import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { expect, test } from "vitest";
import { answer, hostGame, joinPhones, waitForQuestion } from "./game-flow.ts";
import { screenshotDir, useStage, waitForLive } from "./harness.ts";

const stage = useStage();

// Bank order with the "leadership" tag: a typed answer ("Peaceful Coexistence"), then a choice (Beria).
test("the teacher opens the results page from the podium, sorts the grid and downloads the XLSX", async () => {
  const { host, code } = await hostGame(stage, { tags: "leadership", questions: 2, mode: "everyone", bonuses: false });
  const [ada, ben] = await joinPhones(stage, code, ["Ada", "Ben"] as const);
  await waitForLive(host, /2 players joined/);
  await host.getByRole("button", { name: "Start" }).click();
  // Q1: Ada right, Ben wrong ("Detente"). Q2: Ada right, Ben gives no answer.
  await Promise.all([waitForQuestion(ada!, 0), waitForQuestion(ben!, 0)]);
  await answer(ada!, "Peaceful Coexistence");
  await answer(ben!, "Detente");
  await waitForLive(ada!, /^Correct!/);
  await host.keyboard.press("Space");
  await waitForLive(host, /^Leaderboard after question/);
  await host.getByRole("button", { name: "Next question" }).click();
  await waitForQuestion(ada!, 1);
  await answer(ada!, "Beria");
  await waitForLive(ada!, /Answer sent/);
  await host.getByRole("button", { name: "Reveal now" }).click();
  await waitForLive(ada!, /^Correct!/);
  await host.keyboard.press("Space");
  await waitForLive(host, /^Leaderboard after question/);
  await host.getByRole("button", { name: "Podium" }).click();
  const podium = await waitForLive(host, /^Podium: /);
  const adaScore = Number(/^Podium: 1\. Ada (\d+) points/.exec(podium)![1]);
  expect(adaScore).toBeGreaterThan(0);

  // The podium's "Results page" opens the page in a new tab; the key comes from this browser's recent games.
  const [results] = await Promise.all([
    host.context().waitForEvent("page"),
    host.getByRole("button", { name: "Results page" }).click(),
  ]);
  expect(new URL(results.url()).search).toBe(`?code=${code}`); // the key is not in the address
  await results.waitForSelector("#grid tbody tr");
  expect(await results.locator("h1").textContent()).toBeTruthy();
  const rowNames = () => results.locator("#grid tbody th").allTextContents();
  expect(await rowNames()).toEqual(["Ada", "Ben"]); // by rank
  // Re-teach: the question Ben got wrong (50 %) comes before the one only Ada answered (100 %).
  expect(await results.locator(".reteach li").allTextContents()).toEqual([
    expect.stringMatching(/^Q1 · 50% correct — .*most common wrong answer: “Detente”/),
    expect.stringMatching(/^Q2 · 100% correct/),
  ]);
  // Sort the grid by score with the keyboard: ascending puts Ben first, and the header says so.
  const scoreHeader = results.locator("#grid thead th", { hasText: "Score" });
  await scoreHeader.locator("button").focus();
  await results.keyboard.press("Enter");
  expect(await scoreHeader.getAttribute("aria-sort")).toBe("ascending");
  expect(await rowNames()).toEqual(["Ben", "Ada"]);
  await scoreHeader.locator("button").click();
  expect(await scoreHeader.getAttribute("aria-sort")).toBe("descending");
  expect(await rowNames()).toEqual(["Ada", "Ben"]);
  // Ben's Q2 cell reads "no answer" (text, not only a colour).
  expect(await results.locator("#grid tbody tr").nth(1).locator("td").nth(2).textContent()).toContain("no answer");

  for (const [width, height] of [
    [1366, 768],
    [1920, 1080],
    [360, 740],
  ] as const) {
    await results.setViewportSize({ width, height });
    await results.screenshot({ path: path.join(screenshotDir, `results-page-${width}x${height}.png`), fullPage: true });
  }

  const [download] = await Promise.all([
    results.waitForEvent("download"),
    results.getByRole("link", { name: "Download XLSX (all tables)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^handsup-[A-Za-z0-9-]+-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(readFileSync((await download.path())!)).buffer);
  expect(workbook.worksheets.map((s) => s.name)).toEqual(["Summary", "Students", "Questions", "Grid"]);
  expect(workbook.getWorksheet("Summary")!.getCell("B3").value).toBe(code);
  const students = workbook.getWorksheet("Students")!;
  expect(students.getRow(2).values).toEqual([undefined, 1, "Ada", "playing", adaScore, 2, 2, expect.any(Number)]);
  expect(students.getRow(3).values).toEqual([undefined, 2, "Ben", "playing", 0, 0, 1, expect.any(Number)]);
  const questions = workbook.getWorksheet("Questions")!;
  expect(questions.getRow(2).getCell(6).value).toBe(50);
  expect(questions.getRow(2).getCell(7).value).toBe("Detente");
  const grid = workbook.getWorksheet("Grid")!;
  expect(grid.getRow(5).values).toEqual([
    undefined,
    "Ben",
    "playing",
    2,
    expect.any(String),
    "no answer",
    undefined,
    undefined,
    0,
  ]);

  // Back on the teacher's page: after the game, the create page lists it under recent games.
  await host.getByRole("button", { name: "End game" }).click();
  await waitForLive(host, /^Game over: /);
  await host.getByRole("button", { name: "New game" }).click();
  await host.waitForSelector("#recent-results a");
  expect(await host.locator("#recent-results a").first().getAttribute("href")).toBe(`/results.html?code=${code}`);
});
