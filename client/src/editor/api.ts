/** The editor's calls to the server (`/api/editor/*`, see docs/content-format.md), with the host password if any. */

const PASSWORD_KEY = "handsup.editor.password";

export class ApiError extends Error {
  readonly status: number;
  readonly body: Record<string, unknown>;
  constructor(status: number, body: Record<string, unknown>) {
    super(typeof body.error === "string" ? body.error : `The server answered ${status}.`);
    this.status = status;
    this.body = body;
  }
}

export function savedPassword(): string {
  return sessionStorage.getItem(PASSWORD_KEY) ?? "";
}

export function rememberPassword(password: string): void {
  sessionStorage.setItem(PASSWORD_KEY, password);
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const password = savedPassword();
  return { ...(password ? { "x-host-password": password } : {}), ...extra };
}

async function send<T>(method: string, url: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: headers(body === undefined ? {} : { "content-type": "application/json" }),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, { error: "Cannot reach the Hands Up server. Is it still running?" });
  }
  const data = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) throw new ApiError(response.status, data);
  return data as T;
}

async function upload<T>(url: string, file: File): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: headers({
        "content-type": file.type || "application/octet-stream",
        "x-file-name": encodeURIComponent(file.name),
      }),
      body: file,
    });
  } catch {
    throw new ApiError(0, { error: "Cannot reach the Hands Up server. Is it still running?" });
  }
  const data = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) throw new ApiError(response.status, data);
  return data as T;
}

export type RawBank = Record<string, unknown> & { id: string; title?: unknown; questions?: unknown };
export type Problem = { file?: string; path: string; message: string };
export type BankSummary = {
  id: string;
  title: string;
  subject?: string;
  level?: string;
  questionCount: number;
  file: string;
};

export const editorApi = {
  access: () => send<{ allowed: boolean; passwordRequired: boolean; reason?: string }>("GET", "/api/editor/access"),
  list: () => send<{ banks: BankSummary[]; problems: Problem[] }>("GET", "/api/editor/banks"),
  open: (id: string) =>
    send<{ id: string; version: string; bank: RawBank | undefined; problems: Problem[] }>(
      "GET",
      `/api/editor/banks/${id}`,
    ),
  save: (id: string, bank: RawBank, baseVersion: string | null) =>
    send<{ id: string; version: string; file: string }>("PUT", `/api/editor/banks/${id}`, { bank, baseVersion }),
  rename: (id: string, newId: string, title: string, baseVersion: string) =>
    send<{ id: string; version: string }>("POST", `/api/editor/banks/${id}/rename`, { newId, title, baseVersion }),
  duplicate: (id: string, newId: string, title: string) =>
    send<{ id: string; version: string }>("POST", `/api/editor/banks/${id}/duplicate`, { newId, title }),
  remove: (id: string, version: string) =>
    send<{ deleted: string; keptIn: string }>(
      "DELETE",
      `/api/editor/banks/${id}?version=${encodeURIComponent(version)}`,
    ),
  uploadImage: (id: string, file: File) =>
    upload<{ src: string; width: number; height: number; bytes: number }>(`/api/editor/banks/${id}/images`, file),
  importSheet: (file: File) =>
    upload<{ questions: Record<string, unknown>[]; rejected: { row: number; reason: string }[] }>(
      "/api/editor/import",
      file,
    ),
  exportSheet: (id: string, format: "xlsx" | "csv") =>
    send<{
      fileName: string;
      base64: string;
      exported: number;
      skipped: { id: string; reason: string }[];
      adjusted: { id: string; change: string }[];
    }>("GET", `/api/editor/banks/${id}/export?format=${format}`),
};

/** Where the server serves a bank's picture. */
export function imageUrl(bankId: string, src: string): string {
  return `/api/bank-images/${encodeURIComponent(bankId)}/${encodeURIComponent(src)}`;
}
