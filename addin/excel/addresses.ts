/** A1 addresses as Excel's API wants them: sheet-qualified, grouped into short lists. */
import { address, cellRuns, parseAddress } from "../../shared";

/** 'Phụ lục 02'!C9 — quotes doubled inside the name, as Excel writes them. */
export function qualified(sheet: string, ref: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${ref}`;
}

/** Cells of a range reference "A1:C3" (or one cell), row by row. */
export function cellsOf(ref: string): string[] {
  const [a, b] = ref.replace(/^.*!/, "").replace(/\$/g, "").split(":");
  const p = parseAddress(a);
  const q = parseAddress(b ?? a);
  if (!p || !q) return [];
  const out: string[] = [];
  for (let r = Math.min(p.row, q.row); r <= Math.max(p.row, q.row); r++)
    for (let c = Math.min(p.col, q.col); c <= Math.max(p.col, q.col); c++) out.push(address(r, c));
  return out;
}

/**
 * Comma-separated address lists of at most `maxChars` characters. Excel on the web rejects
 * long RangeAreas addresses, so many cells are painted in several areas of one batch.
 */
export function areaChunks(refs: readonly string[], maxChars = 1500): string[] {
  const out: string[] = [];
  let cur = "";
  for (const r of cellRuns(refs)) {
    if (cur && cur.length + 1 + r.length > maxChars) {
      out.push(cur);
      cur = "";
    }
    cur = cur ? `${cur},${r}` : r;
  }
  if (cur) out.push(cur);
  return out;
}
