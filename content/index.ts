import path from "node:path";

/** Folder that holds the built-in question banks (one YAML file per bank). */
export const BANKS_DIR = path.join(import.meta.dirname, "banks");

export { bankFilesIn, type LoadedBank, loadBankFiles, loadBanksFromDir } from "./load-banks.ts";
