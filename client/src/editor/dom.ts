/** Small DOM helpers for the editor: plain elements, no framework. */

type Attributes = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;
type Child = Node | string | undefined | false | null;

/** `h("button", { class: "secondary", onclick: save }, "Save")`: an element with attributes, handlers and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (typeof value === "function") element.addEventListener(name.replace(/^on/, ""), value);
    else if (value === true) element.setAttribute(name, "");
    else element.setAttribute(name, String(value));
  }
  for (const child of children) if (child !== undefined && child !== false && child !== null) element.append(child);
  return element;
}

/** Asks for one line of text in a small dialog; resolves undefined when cancelled. */
export function askText(title: string, label: string, initial = "", okLabel = "OK"): Promise<string | undefined> {
  return new Promise((resolve) => {
    const input = h("input", { type: "text", value: initial, "aria-label": label, id: "dialog-text" });
    const dialog = h(
      "dialog",
      { class: "editor-dialog", "aria-label": title },
      h(
        "form",
        { method: "dialog" },
        h("h2", {}, title),
        h("label", {}, label, input),
        h(
          "div",
          { class: "row" },
          h("button", { type: "submit", value: "ok", id: "dialog-ok" }, okLabel),
          h("button", { type: "submit", value: "cancel", class: "secondary", formnovalidate: true }, "Cancel"),
        ),
      ),
    );
    dialog.addEventListener("close", () => {
      dialog.remove();
      const text = input.value.trim();
      resolve(dialog.returnValue === "ok" && text !== "" ? text : undefined);
    });
    document.body.append(dialog);
    dialog.showModal();
    input.select();
  });
}

/** Asks a yes/no question in a small dialog. */
export function confirmDialog(title: string, message: string, okLabel: string): Promise<boolean> {
  return new Promise((resolve) => {
    const dialog = h(
      "dialog",
      { class: "editor-dialog", "aria-label": title },
      h(
        "form",
        { method: "dialog" },
        h("h2", {}, title),
        h("p", {}, message),
        h(
          "div",
          { class: "row" },
          h("button", { type: "submit", value: "ok", class: "danger", id: "dialog-ok" }, okLabel),
          h("button", { type: "submit", value: "cancel", class: "secondary" }, "Cancel"),
        ),
      ),
    );
    dialog.addEventListener("close", () => {
      dialog.remove();
      resolve(dialog.returnValue === "ok");
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/** Saves bytes as a download with the given file name. */
export function download(fileName: string, bytes: Uint8Array, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const link = h("a", { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Lets the teacher pick a file; resolves undefined when they cancel. */
export function pickFile(accept: string): Promise<File | undefined> {
  return new Promise((resolve) => {
    const input = h("input", { type: "file", accept, class: "visually-hidden" });
    input.addEventListener("change", () => {
      resolve(input.files?.[0]);
      input.remove();
    });
    input.addEventListener("cancel", () => {
      resolve(undefined);
      input.remove();
    });
    document.body.append(input);
    input.click();
  });
}
