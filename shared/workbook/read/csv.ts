/**
 * A .csv as one sheet: the text decoded (UTF-8 with or without its BOM, UTF-16 with its BOM, else
 * Windows-1258, what Excel's "CSV (Comma delimited)" writes on a Vietnamese Windows), the separator
 * found (`,` `;` or a tab, or Excel's "sep=;" first line), the fields read as RFC 4180 says
 * (quotes, doubled quotes, line breaks inside quotes). A CSV carries no types: a plain whole or
 * decimal number is a number, anything else text. Within the reader's row, column and cell limits.
 */
import type { Cell } from "../../cell";
import { DEFAULT_LIMITS, type ReadLimits, type ReadSheet } from "./types";

const SEPARATORS = [",", ";", "\t"] as const;

/** The text of the bytes, or null when they are not text (a NUL byte, undecodable). */
export function csvText(bytes: Uint8Array): string | null {
  try {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(3));
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  } catch {
    return null;
  }
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0) return null; // binary
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // not UTF-8: the ANSI code page of a Vietnamese Windows
  }
  try {
    return new TextDecoder("windows-1258").decode(bytes);
  } catch {
    return null; // a runtime without the legacy decoders
  }
}

/** The separator used most often and as often on each of the first lines (outside quotes). */
function separatorOf(text: string): string {
  const counts = new Map<string, number[]>(SEPARATORS.map((s) => [s, []]));
  let quoted = false;
  let line = new Map<string, number>();
  let lines = 0;
  for (let i = 0; i < text.length && lines < 30; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) {
      if (line.size > 0 || lines === 0) for (const s of SEPARATORS) counts.get(s)!.push(line.get(s) ?? 0);
      line = new Map();
      lines++;
    } else if (!quoted && (SEPARATORS as readonly string[]).includes(ch)) line.set(ch, (line.get(ch) ?? 0) + 1);
  }
  for (const s of SEPARATORS) counts.get(s)!.push(line.get(s) ?? 0);
  let best: string = ",";
  let bestScore = -1;
  for (const s of SEPARATORS) {
    const n = counts.get(s)!.filter((x) => x > 0);
    // lines that use it, then how many fields they make
    const score = n.length * 1000 + Math.max(0, ...n);
    if (n.length > 0 && score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return best;
}

const NUMBER = /^-?\d{1,15}(\.\d+)?$/;

function cellOf(field: string): Cell {
  const t = field.trim();
  if (t === "") return null;
  return NUMBER.test(t) ? Number(t) : field;
}

/** The rows of a CSV text; `truncated` when rows beyond the limit were not read. */
export function parseCsv(
  text: string,
  limits: Pick<ReadLimits, "maxRows" | "maxCols" | "maxCells"> = DEFAULT_LIMITS,
): { rows: Cell[][]; truncated: boolean; separator: string } {
  let start = 0;
  let sep = "";
  const hint = /^sep=(.)\r?\n/.exec(text);
  if (hint) {
    sep = hint[1];
    start = hint[0].length;
  }
  if (!sep) sep = separatorOf(text);
  const rows: Cell[][] = [];
  let row: Cell[] = [];
  let field = "";
  let cells = 0;
  let i = start;
  const n = text.length;
  const endField = () => {
    if (row.length < limits.maxCols) row.push(cellOf(field));
    field = "";
  };
  const endRow = (): boolean => {
    endField();
    rows.push(row.every((c) => c === null) ? [] : row);
    cells += row.length;
    row = [];
    return rows.length < limits.maxRows && cells < limits.maxCells;
  };
  while (i < n) {
    const ch = text[i];
    if (ch === '"' && field.trim() === "") {
      // a quoted field: up to the closing quote, "" for one quote
      field = "";
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          field += text.slice(i);
          i = n;
          break;
        }
        field += text.slice(i, q);
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      // anything between the closing quote and the separator is kept, as spreadsheet programs do
      while (i < n && text[i] !== sep && text[i] !== "\n" && text[i] !== "\r") field += text[i++];
      continue;
    }
    if (ch === sep) {
      endField();
      i++;
    } else if (ch === "\n" || ch === "\r") {
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
      if (!endRow()) return { rows, truncated: i < n, separator: sep };
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== "" || row.length > 0) endRow();
  while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
  return { rows, truncated: false, separator: sep };
}

/** A CSV file as the reader's one sheet, named `name`; null when its bytes are not text. */
export function readCsv(bytes: Uint8Array, name: string, limits: Partial<ReadLimits> = {}): ReadSheet | null {
  const text = csvText(bytes);
  if (text === null) return null;
  const { rows, truncated } = parseCsv(text, { ...DEFAULT_LIMITS, ...limits });
  return { name, rows, truncated, hidden: false };
}
