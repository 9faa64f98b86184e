import ExcelJS from "exceljs";
import type { GameReport } from "./report.ts";
import { gameLine, reportTable, TABLE_NAMES } from "./report-tables.ts";

// Text starting like a formula stays text in a CSV only with a leading '; in XLSX a string cell is never run
// (exceljs writes it as a shared string, not a formula), so the names are written exactly as typed.

/** The report as an XLSX workbook: one sheet per table (Summary, Students, Questions, Grid). */
export async function reportToXlsx(report: GameReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Hands Up";
  workbook.title = gameLine(report);
  workbook.created = new Date(report.game.createdAt);
  for (const name of TABLE_NAMES) {
    const table = reportTable(report, name);
    const sheet = workbook.addWorksheet(table.title, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = table.columns.map((header) => ({ header, width: Math.max(10, Math.min(60, header.length + 4)) }));
    sheet.getRow(1).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row.map((cell) => cell ?? null));
    widenToContent(sheet);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Columns as wide as their longest text (capped), so a teacher need not drag every column open. */
function widenToContent(sheet: ExcelJS.Worksheet): void {
  sheet.columns.forEach((column) => {
    let widest = 8;
    column.eachCell?.({ includeEmpty: false }, (cell) => {
      widest = Math.max(widest, String(cell.value ?? "").length + 2);
    });
    column.width = Math.min(60, widest);
  });
}
