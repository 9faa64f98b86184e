import { el } from "./dom.ts";

/** A column of a sortable table: its header, the cell it shows, and the value it sorts by. */
export interface Column<Row> {
  header: string;
  cell: (row: Row) => Node | string;
  sortValue: (row: Row) => number | string | null;
  /** numbers align right */
  numeric?: boolean;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

/**
 * A table whose column headers are buttons: a click (or Enter/Space, since they are buttons) sorts by that column,
 * a second click reverses; the header carries aria-sort so a screen reader says how the table is sorted.
 * Empty values (no answer) always sort last.
 */
export function sortableTable<Row>(caption: string, columns: Column<Row>[], rows: Row[], id: string): HTMLElement {
  const table = el("table", { id, class: "sortable" });
  table.append(el("caption", {}, caption));
  const headRow = el("tr");
  table.append(el("thead", {}, headRow));
  const body = el("tbody");
  table.append(body);
  let sortedBy = -1;
  let ascending = true;

  const render = () => {
    const order = [...rows];
    if (sortedBy >= 0) {
      const value = columns[sortedBy]!.sortValue;
      order.sort((a, b) => {
        const x = value(a);
        const y = value(b);
        if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
        const by = typeof x === "number" && typeof y === "number" ? x - y : collator.compare(String(x), String(y));
        return ascending ? by : -by;
      });
    }
    body.replaceChildren(
      ...order.map((row) =>
        el(
          "tr",
          {},
          ...columns.map((column, i) =>
            el(
              i === 0 ? "th" : "td",
              { ...(i === 0 ? { scope: "row" } : {}), ...(column.numeric ? { class: "num" } : {}) },
              column.cell(row),
            ),
          ),
        ),
      ),
    );
    headRow.querySelectorAll("th").forEach((th, i) => {
      th.setAttribute("aria-sort", i === sortedBy ? (ascending ? "ascending" : "descending") : "none");
      const mark = th.querySelector(".sort-mark");
      if (mark) mark.textContent = i === sortedBy ? (ascending ? " ▲" : " ▼") : "";
    });
  };

  columns.forEach((column, i) => {
    const button = el(
      "button",
      { type: "button", class: "sort" },
      column.header,
      el("span", { class: "sort-mark", "aria-hidden": "true" }),
    );
    button.addEventListener("click", () => {
      ascending = sortedBy === i ? !ascending : true;
      sortedBy = i;
      render();
    });
    headRow.append(
      el("th", { scope: "col", "aria-sort": "none", ...(column.numeric ? { class: "num" } : {}) }, button),
    );
  });
  render();
  return el("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-label": caption }, table);
}
