// Bank schema and parsing. The spreadsheet import/export modules are deliberately not re-exported here:
// they pull in exceljs, which the browser bundle must not carry. Import them by path from Node code.
export * from "./bank.schema.ts";
export * from "./bank-image.ts";
export * from "./format-bank.ts";
export * from "./maths.ts";
export * from "./parse-bank.ts";
