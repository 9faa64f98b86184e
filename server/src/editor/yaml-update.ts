import { type Document, isMap, isScalar, isSeq, type Node, parseDocument, visit } from "yaml";

/** How the editor's YAML is printed: no line wrapping, `[a, b]` without inner padding, as teachers write it. */
const TO_STRING = { lineWidth: 0, flowCollectionPadding: false } as const;

/** Short lists of plain values read best on one line: `options: [Beria, Malenkov]`. */
const FLOW_LIST_MAX_LENGTH = 100;

/**
 * Writes `data` (a bank as plain data) into the YAML text a file already has, changing only what changed:
 * the teacher's comments, key order, quoting and list style survive wherever the value they belong to is kept.
 * Questions are matched by `id`, so a reordered question carries its comments with it.
 */
export function updateYamlText(oldText: string, data: unknown): string {
  const document = parseDocument(oldText);
  document.contents = merge(document, document.contents as Node | null, data) as typeof document.contents;
  return document.toString(TO_STRING);
}

/** YAML for a bank that has no file yet, in the same style as the hand-written banks. */
export function newYamlText(data: unknown): string {
  const document = parseDocument("{}");
  document.contents = created(document, data) as typeof document.contents;
  return document.toString(TO_STRING);
}

function merge(document: Document, node: Node | null, value: unknown): Node {
  if (isPlainObject(value)) {
    if (!isMap(node)) return created(document, value);
    const wanted = Object.entries(value).filter(([, v]) => v !== undefined);
    const wantedKeys = new Set(wanted.map(([key]) => key));
    for (const pair of [...node.items]) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (!wantedKeys.has(key)) node.delete(pair.key);
    }
    for (const [key, child] of wanted) {
      const existing = node.get(key, true) as Node | undefined;
      // set() on an existing key replaces the value in place, so the key keeps its position.
      node.set(key, existing === undefined ? created(document, child) : merge(document, existing, child));
    }
    return node;
  }
  if (Array.isArray(value)) {
    if (!isSeq(node)) return created(document, value);
    const oldItems = node.items as Node[];
    // yaml keeps a comment above the first entry on the list itself; give it to that entry so it moves with it.
    const first = oldItems[0];
    if (!node.flow && node.commentBefore && isMap(first) && !first.commentBefore) {
      first.commentBefore = node.commentBefore;
      node.commentBefore = undefined;
    }
    const idOf = (item: unknown) =>
      isMap(item) ? scalarText(item.get("id", true)) : isPlainObject(item) ? textOrUndefined(item.id) : undefined;
    const newIds = new Set(value.map(idOf).filter((id) => id !== undefined));
    const byId = new Map<string, Node>();
    for (const item of oldItems) {
      const id = idOf(item);
      if (id !== undefined && !byId.has(id)) byId.set(id, item);
    }
    const used = new Set<Node>();
    const items = value.map((child, index) => {
      const id = idOf(child);
      let old = id === undefined ? undefined : byId.get(id);
      // A renamed question (or a plain list entry) keeps the node at its position, unless another entry claimed it.
      if (!old) {
        const candidate = oldItems[index];
        const candidateId = idOf(candidate);
        if (candidate && !used.has(candidate) && (candidateId === undefined || !newIds.has(candidateId)))
          old = candidate;
      }
      if (old && used.has(old)) old = undefined;
      if (old) used.add(old);
      return old ? merge(document, old, child) : created(document, child);
    });
    node.items = items;
    return node;
  }
  if (isScalar(node)) {
    if (node.value !== value) node.value = value;
    return node;
  }
  return created(document, value);
}

/** A new node for `value`, with short scalar lists in flow style. */
function created(document: Document, value: unknown): Node {
  const node = document.createNode(value) as Node;
  visit(node, {
    Seq(_key, seq) {
      const texts = seq.items.map((item) => (isScalar(item) ? String(item.value) : undefined));
      if (texts.every((text) => text !== undefined) && texts.join(", ").length <= FLOW_LIST_MAX_LENGTH) seq.flow = true;
    },
  });
  return node;
}

function scalarText(node: unknown): string | undefined {
  return isScalar(node) ? textOrUndefined(node.value) : undefined;
}

function textOrUndefined(value: unknown): string | undefined {
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
