// CSV as an escaped HTML table (issue 4, item 4). RFC 4180 quoting: fields may hold the delimiter,
// doubled quotes and line breaks. Only the first rows are shown, with a notice saying how many exist.
import { type Html, html } from "../../../pages/html.js";
import type { Lang } from "../../../pages/language.js";
import { fill } from "./render-text.js";

export const MAX_CSV_ROWS = 1000;

/** The delimiter that occurs most often in the first record outside quotes: ',', ';' or tab. */
export function detectDelimiter(text: string): string {
  const counts: Record<string, number> = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (const c of text.slice(0, 64 * 1024)) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === "\n" || c === "\r")) break;
    else if (!quoted && c in counts) counts[c] = (counts[c] ?? 0) + 1;
  }
  return Object.entries(counts).reduce((best, entry) => (entry[1] > best[1] ? entry : best), [",", 0])[0];
}

export interface ParsedCsv {
  /** At most maxRows records. */
  rows: string[][];
  /** Every record in the file. */
  total: number;
}

export function parseCsv(text: string, maxRows = MAX_CSV_ROWS, delimiter = detectDelimiter(text)): ParsedCsv {
  const rows: string[][] = [];
  let total = 0;
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const endRow = () => {
    row.push(field);
    field = "";
    if (total < maxRows) rows.push(row);
    total++;
    row = [];
  };
  const source = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (source[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && source[i + 1] === "\n") i++;
      endRow();
    } else field += c;
  }
  if (field !== "" || row.length > 0 || quoted) endRow();
  return { rows, total };
}

/** The first record is the header row; short records are padded so every row has the same cells. */
export function renderCsv(text: string, lang: Lang, maxRows = MAX_CSV_ROWS): Html {
  const { rows, total } = parseCsv(text, maxRows);
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const cells = (r: string[], tag: "th" | "td") =>
    Array.from({ length: width }, (_, i) =>
      tag === "th" ? html`<th>${r[i] ?? ""}</th>` : html`<td>${r[i] ?? ""}</td>`,
    );
  const [head, ...body] = rows;
  const notice =
    total > rows.length
      ? html`<p class="dg-notice" data-testid="viewer-notice">${fill(lang, "viewer_rows_capped", { shown: rows.length, total })}</p>`
      : "";
  return html`${notice}<div class="dg-table-wrap"><table class="dg-csv">${
    head ? html`<thead><tr>${cells(head, "th")}</tr></thead>` : ""
  }<tbody>${body.map((r) => html`<tr>${cells(r, "td")}</tr>`)}</tbody></table></div>`;
}
