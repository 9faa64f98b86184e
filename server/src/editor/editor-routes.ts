import fs from "node:fs";
import path from "node:path";
import { loadBankFiles } from "@handsup/content";
import { type ContentError, formatBankYaml, parseBankObject } from "@handsup/shared";
import { bankToSpreadsheetRows, writeCsv, writeXlsx } from "@handsup/shared/content/export-spreadsheet.ts";
import {
  importSpreadsheetRows,
  readCsvRows,
  readXlsxRows,
  SpreadsheetTemplateError,
} from "@handsup/shared/content/import-spreadsheet.ts";
import express, { type Request, type Response, type Router } from "express";
import { parseDocument, parse as parseYaml } from "yaml";
import { AttemptLimiter } from "../http/attempt-limiter.ts";
import { BankBusyError, readIfExists, versionOf, withFileLock, writeFileAtomic } from "./bank-files.ts";
import type { BankLibrary } from "./bank-library.ts";
import { type EditorAccessRules, editorAccess } from "./editor-access.ts";
import { IMAGE_PATH, ImageUploadError, MAX_UPLOAD_BYTES, storeBankImage } from "./image-upload.ts";
import { newYamlText, updateYamlText } from "./yaml-update.ts";

export interface EditorDeps extends EditorAccessRules {
  library: BankLibrary;
}

const BANK_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const PASSWORD_HEADER = "x-host-password";

/**
 * The editor's HTTP API (`/api/editor/*`, documented in docs/content-format.md), the public list of broken bank
 * files, and the bank pictures phones and the projector load. Every change goes through one save path: validate
 * with the same schema and loader as boot, check the version the editor started from, write atomically, reload.
 */
export function editorRouter(deps: EditorDeps): Router {
  const router = express.Router();
  const { library } = deps;
  const wrongPasswords = new AttemptLimiter();
  const bankFile = (id: string) => path.join(library.dir, `${id}.yaml`);

  /** Answers 401/403/429 and returns false unless this request may edit. */
  const mayEdit = (req: Request, res: Response): boolean => {
    const address = req.ip ?? "unknown";
    const now = Date.now();
    if (wrongPasswords.exhausted(address, now)) {
      res.status(429).json({ error: "Too many wrong passwords. Wait a minute and try again." });
      return false;
    }
    const access = editorAccess(deps, req.ip, req.get(PASSWORD_HEADER));
    if (access.allowed) return true;
    if (access.status === 401 && req.get(PASSWORD_HEADER)) wrongPasswords.spend(address, now);
    res.status(access.status).json({ error: access.reason });
    return false;
  };

  /** Answers 400 and returns undefined unless `:id` is a bank id. */
  const bankIdParam = (req: Request, res: Response): string | undefined => {
    const id = String(req.params.id ?? "");
    if (BANK_ID.test(id)) return id;
    res.status(400).json({ error: `"${id}" is not a bank id: use lowercase letters, digits and hyphens.` });
    return undefined;
  };

  // Pictures are public (phones load them), but only picture files inside a bank's own folder.
  router.get("/api/bank-images/:id/{*picture}", (req, res) => {
    const id = req.params.id;
    const picture = ([] as string[]).concat(req.params.picture ?? []).join("/");
    if (!BANK_ID.test(id) || !IMAGE_PATH.test(picture)) {
      res.status(404).json({ error: "No such picture." });
      return;
    }
    const full = path.join(library.dir, id, picture);
    if (!fs.existsSync(full) || !fs.statSync(full).isFile()) {
      res.status(404).json({ error: "No such picture." });
      return;
    }
    res.set("X-Content-Type-Options", "nosniff");
    res.sendFile(full, { maxAge: "1h", dotfiles: "deny" });
  });

  // The create page shows that a bank is broken; only an editor sees the details (they can quote answers).
  router.get("/api/bank-problems", (req, res) => {
    const detailed = editorAccess(deps, req.ip, req.get(PASSWORD_HEADER)).allowed;
    const files = [...new Set(library.problems.map((problem) => problem.file))];
    res.json({ files, problems: detailed ? library.problems : [] });
  });

  router.use("/api/editor", express.json({ limit: "4mb" }));

  router.get("/api/editor/access", (req, res) => {
    const access = editorAccess(deps, req.ip, req.get(PASSWORD_HEADER));
    res.json({
      allowed: access.allowed,
      passwordRequired: deps.hostPassword !== undefined,
      ...(access.allowed ? {} : { reason: access.reason }),
    });
  });

  router.get("/api/editor/banks", (req, res) => {
    if (!mayEdit(req, res)) return;
    const banks = [...library.banks]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((bank) => ({
        id: bank.id,
        title: bank.title,
        subject: bank.subject,
        level: bank.level,
        questionCount: bank.questions.length,
        file: path.basename(library.fileOf(bank.id) ?? `${bank.id}.yaml`),
      }));
    res.json({ banks, problems: library.problems });
  });

  router.get("/api/editor/banks/:id", (req, res) => {
    if (!mayEdit(req, res)) return;
    const id = bankIdParam(req, res);
    if (!id) return;
    const file = library.fileOf(id) ?? bankFile(id);
    const text = readIfExists(file);
    if (text === undefined) {
      res.status(404).json({ error: `There is no bank "${id}" (it may have been deleted or renamed).` });
      return;
    }
    const document = parseDocument(text);
    res.json({
      id,
      version: versionOf(text),
      // The file as plain data: what the teacher wrote, defaults not filled in, so saving it back changes nothing.
      bank: document.errors.length === 0 ? document.toJS() : undefined,
      problems: library.problems.filter((problem) => problem.file === path.basename(file)),
    });
  });

  /** Saves a bank: `{ bank, baseVersion }`, baseVersion null for a new bank. */
  router.put("/api/editor/banks/:id", (req, res) => {
    if (!mayEdit(req, res)) return;
    const id = bankIdParam(req, res);
    if (!id) return;
    const { bank, baseVersion } = (req.body ?? {}) as { bank?: unknown; baseVersion?: unknown };
    if (typeof bank !== "object" || bank === null || (baseVersion !== null && typeof baseVersion !== "string")) {
      res.status(400).json({ error: "Send { bank, baseVersion } (baseVersion null for a new bank)." });
      return;
    }
    if ((bank as { id?: unknown }).id !== id) {
      res
        .status(400)
        .json({ error: `The bank's id must be "${id}" to save it as ${id}.yaml (use rename to change it).` });
      return;
    }
    const result = saveBank(library, id, bank, baseVersion, (old) =>
      old === undefined ? newYamlText(bank) : updateYamlText(old, bank),
    );
    res.status(result.status).json(result.body);
  });

  /** Renames a bank: a new id (file name, picture folder) and title. `{ newId, title, baseVersion }`. */
  router.post("/api/editor/banks/:id/rename", (req, res) => {
    if (!mayEdit(req, res)) return;
    const id = bankIdParam(req, res);
    if (!id) return;
    const { newId, title, baseVersion } = (req.body ?? {}) as Record<string, unknown>;
    const target = checkNewBank(library, newId, title);
    if (typeof target === "string") {
      res.status(target.startsWith("There is already") ? 409 : 400).json({ error: target });
      return;
    }
    const oldText = readIfExists(library.fileOf(id) ?? bankFile(id));
    if (oldText === undefined) {
      res.status(404).json({ error: `There is no bank "${id}".` });
      return;
    }
    if (baseVersion !== versionOf(oldText)) {
      res.status(409).json({ error: conflictMessage(), version: versionOf(oldText) });
      return;
    }
    const data = { ...(parseYaml(oldText) as Record<string, unknown>), id: target.id, title: target.title };
    const result = saveBank(library, target.id, data, null, () => updateYamlText(oldText, data));
    if (result.status !== 200) {
      res.status(result.status).json(result.body);
      return;
    }
    movePictures(library.dir, id, target.id);
    fs.rmSync(library.fileOf(id) ?? bankFile(id), { force: true });
    library.reload();
    res.json(result.body);
  });

  /** Copies a bank (and its pictures) under a new id and title. `{ newId, title }`. */
  router.post("/api/editor/banks/:id/duplicate", (req, res) => {
    if (!mayEdit(req, res)) return;
    const id = bankIdParam(req, res);
    if (!id) return;
    const { newId, title } = (req.body ?? {}) as Record<string, unknown>;
    const target = checkNewBank(library, newId, title);
    if (typeof target === "string") {
      res.status(target.startsWith("There is already") ? 409 : 400).json({ error: target });
      return;
    }
    const oldText = readIfExists(library.fileOf(id) ?? bankFile(id));
    if (oldText === undefined) {
      res.status(404).json({ error: `There is no bank "${id}".` });
      return;
    }
    const pictures = path.join(library.dir, id);
    if (fs.existsSync(pictures)) fs.cpSync(pictures, path.join(library.dir, target.id), { recursive: true });
    const data = { ...(parseYaml(oldText) as Record<string, unknown>), id: target.id, title: target.title };
    const result = saveBank(library, target.id, data, null, () => updateYamlText(oldText, data));
    res.status(result.status === 200 ? 201 : result.status).json(result.body);
  });

  /** Deletes a bank by moving its file and pictures to `<banks dir>/.trash/`, so a slip of the mouse loses nothing. */
  router.delete("/api/editor/banks/:id", (req, res) => {
    if (!mayEdit(req, res)) return;
    const id = bankIdParam(req, res);
    if (!id) return;
    const file = library.fileOf(id) ?? bankFile(id);
    const text = readIfExists(file);
    if (text === undefined) {
      res.status(404).json({ error: `There is no bank "${id}".` });
      return;
    }
    if (req.query.version !== versionOf(text)) {
      res.status(409).json({ error: conflictMessage(), version: versionOf(text) });
      return;
    }
    const trash = path.join(library.dir, ".trash", `${new Date().toISOString().replace(/[:.]/g, "-")}-${id}`);
    fs.mkdirSync(trash, { recursive: true });
    fs.renameSync(file, path.join(trash, path.basename(file)));
    movePictures(library.dir, id, path.join(".trash", path.basename(trash), id));
    library.reload();
    res.json({ deleted: id, keptIn: path.relative(library.dir, trash) });
  });

  router.post(
    "/api/editor/banks/:id/images",
    express.raw({ type: () => true, limit: MAX_UPLOAD_BYTES }),
    async (req, res) => {
      if (!mayEdit(req, res)) return;
      const id = bankIdParam(req, res);
      if (!id) return;
      if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
        res.status(400).json({ error: "Choose a picture to upload." });
        return;
      }
      try {
        const name = decodeURIComponent(req.get("x-file-name") ?? "picture");
        res.status(201).json(await storeBankImage(library.dir, id, name, req.body));
      } catch (error) {
        if (error instanceof ImageUploadError) res.status(415).json({ error: error.message });
        else throw error;
      }
    },
  );

  /** Reads a spreadsheet in the quiz template into questions (in the YAML's shape) and the rows it rejected. */
  router.post("/api/editor/import", express.raw({ type: () => true, limit: "10mb" }), async (req, res) => {
    if (!mayEdit(req, res)) return;
    const name = decodeURIComponent(req.get("x-file-name") ?? "spreadsheet.xlsx");
    const extension = path.extname(name).toLowerCase();
    if (!Buffer.isBuffer(req.body) || (extension !== ".xlsx" && extension !== ".csv")) {
      res.status(400).json({ error: "Choose an .xlsx or .csv file in the quiz spreadsheet template." });
      return;
    }
    let rows: string[][];
    try {
      rows = extension === ".csv" ? readCsvRows(req.body.toString("utf8")) : await readXlsxRows(req.body);
    } catch {
      res.status(400).json({ error: `${name} is not a readable .xlsx file.` });
      return;
    }
    try {
      const imported = importSpreadsheetRows(rows, name);
      // Through the same writer as `pnpm content:import`, so the questions look as they would in the file.
      const asYaml =
        imported.questions.length === 0
          ? []
          : (
              parseYaml(formatBankYaml({ id: "imported", title: name, tags: [], questions: imported.questions })) as {
                questions: unknown[];
              }
            ).questions;
      res.json({ questions: asYaml, rejected: imported.rejected });
    } catch (error) {
      if (error instanceof SpreadsheetTemplateError) res.status(400).json({ error: `${name}: ${error.message}` });
      else throw error;
    }
  });

  /** The saved bank as a spreadsheet in the quiz template (`?format=xlsx|csv`), with what could not be exported. */
  router.get("/api/editor/banks/:id/export", async (req, res) => {
    if (!mayEdit(req, res)) return;
    const id = bankIdParam(req, res);
    if (!id) return;
    const bank = library.banks.find((candidate) => candidate.id === id);
    if (!bank) {
      res.status(404).json({ error: `There is no playable bank "${id}" (save it without errors first).` });
      return;
    }
    const format = req.query.format === "csv" ? "csv" : "xlsx";
    const { rows, skipped, adjusted } = bankToSpreadsheetRows(bank);
    const data = format === "xlsx" ? await writeXlsx(rows) : writeCsv(rows);
    res.json({
      fileName: `${id}.${format}`,
      base64: Buffer.from(data).toString("base64"),
      exported: bank.questions.length - skipped.length,
      skipped,
      adjusted,
    });
  });

  // A body that is not JSON, or too big, gets a sentence rather than Express's HTML error page.
  router.use(
    (error: Error & { type?: string }, _req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (error.type === "entity.parse.failed") res.status(400).json({ error: "The request body is not valid JSON." });
      else if (error.type === "entity.too.large")
        res.status(413).json({ error: "That file is too large (pictures up to 20 MB, spreadsheets up to 10 MB)." });
      else next(error);
    },
  );

  return router;
}

type SaveResult = { status: 200 | 400 | 409 | 422; body: Record<string, unknown> };

/**
 * The one way the editor writes a bank. Checks the version, builds the new text, checks it exactly as boot
 * would (schema, pictures, duplicate ids) from a temporary file beside the bank, and only then renames it into place.
 */
function saveBank(
  library: BankLibrary,
  id: string,
  data: unknown,
  baseVersion: string | null,
  toText: (oldText: string | undefined) => string,
): SaveResult {
  const fileName = `${id}.yaml`;
  const quick = parseBankObject(data, fileName);
  if (!quick.ok) return invalid(quick.errors);
  const file = library.fileOf(id) ?? path.join(library.dir, fileName);
  try {
    return withFileLock(file, () => saveLocked(library, id, file, baseVersion, toText));
  } catch (error) {
    if (error instanceof BankBusyError) return { status: 409, body: { error: error.message } };
    throw error;
  }
}

/** The version check and the write, with the bank's lock held. */
function saveLocked(
  library: BankLibrary,
  id: string,
  file: string,
  baseVersion: string | null,
  toText: (oldText: string | undefined) => string,
): SaveResult {
  const fileName = `${id}.yaml`;
  const oldText = readIfExists(file);
  if (baseVersion === null && oldText !== undefined) {
    return { status: 409, body: { error: `There is already a bank with the id "${id}". Choose another name.` } };
  }
  if (baseVersion !== null && oldText === undefined) {
    return { status: 409, body: { error: `The bank "${id}" was deleted or renamed since you opened it.` } };
  }
  if (baseVersion !== null && oldText !== undefined && versionOf(oldText) !== baseVersion) {
    return { status: 409, body: { error: conflictMessage(), version: versionOf(oldText) } };
  }
  const clash = library.banks.find((bank) => bank.id === id && library.fileOf(id) !== file);
  if (clash) return { status: 409, body: { error: `Another file already holds the bank "${id}".` } };
  const text = toText(oldText);
  // Check the very text about to be written, with the loader the server boots with (it also checks the pictures).
  const probe = path.join(library.dir, `.${fileName}.check-${process.pid}.yml.tmp`);
  fs.writeFileSync(probe, text);
  let errors: ContentError[];
  try {
    errors = loadBankFiles([probe]).errors;
  } finally {
    fs.rmSync(probe, { force: true });
  }
  if (errors.length > 0) return invalid(errors);
  writeFileAtomic(file, text);
  library.reload();
  return { status: 200, body: { id, version: versionOf(text), file: path.basename(file) } };
}

function invalid(errors: readonly ContentError[]): SaveResult {
  const problems = errors.map(({ path: where, message }) => ({ path: where, message }));
  const first = problems[0];
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
  return {
    status: 422,
    body: {
      error: `Not saved: ${first ? `${first.path}: ${first.message}` : "the bank is not valid"}${more}.`,
      problems,
    },
  };
}

function conflictMessage(): string {
  return (
    "Not saved: someone else saved this bank after you opened it (another tab, another teacher, or a text editor). " +
    "Copy anything you need, reload the bank to see their version, and make your change again."
  );
}

/** A new bank id and title for rename/duplicate, or why they cannot be used. */
function checkNewBank(library: BankLibrary, newId: unknown, title: unknown): { id: string; title: string } | string {
  if (typeof newId !== "string" || !BANK_ID.test(newId)) {
    return "The new id must be lowercase letters, digits and hyphens (like my-quiz).";
  }
  if (typeof title !== "string" || title.trim() === "") return "Give the bank a title.";
  if (library.fileOf(newId) || fs.existsSync(path.join(library.dir, `${newId}.yaml`))) {
    return `There is already a bank with the id "${newId}". Choose another name.`;
  }
  return { id: newId, title: title.trim() };
}

function movePictures(dir: string, fromId: string, to: string): void {
  const from = path.join(dir, fromId);
  if (!fs.existsSync(from)) return;
  const target = path.join(dir, to);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.renameSync(from, target);
}
