/**
 * The worksheet of the annotated copy: the blamed cells' style, rows and cells added where a
 * blamed cell has none, and where a <legacyDrawing> goes when the sheet gets its first notes.
 */
import { parseAddress } from "../..";
import { local } from "../read/xml-text";
import { type Edit, fail, prefixOf, scan, setAttr, type Span } from "./xml-edit";

/** Elements that come after <legacyDrawing> in a worksheet (ECMA-376 CT_Worksheet order). */
const AFTER_LEGACY = new Set([
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
]);

export interface SheetScan {
  prefix: string;
  legacyDrawingRid: string | null;
  /** Where a <legacyDrawing> goes. */
  legacyAt: number;
  edits: Edit[];
}

export function markSheet(xml: string, part: string, styleOf: Map<string, (s: number) => number>): SheetScan {
  const targets = new Map<string, { row: number; col: number; done: boolean }>();
  const byRC = new Map<string, string>(); // "row:col" → address
  const targetRows = new Map<number, { col: number; addr: string }[]>();
  for (const addr of styleOf.keys()) {
    const a = parseAddress(addr);
    if (!a) continue;
    targets.set(addr, { ...a, done: false });
    byRC.set(`${a.row}:${a.col}`, addr);
    const list = targetRows.get(a.row) ?? [];
    list.push({ col: a.col, addr });
    targetRows.set(a.row, list);
  }
  for (const list of targetRows.values()) list.sort((a, b) => a.col - b.col);
  const edits: Edit[] = [];
  let prefix = "";
  let legacyDrawingRid: string | null = null;
  let legacyAt = -1;
  let rootClose = -1;
  let afterSheetData = false;
  let sheetDataOpen: Span | null = null;
  let sheetDataSelfClosing = false;
  let sheetDataClose = -1;
  let r = -1;
  let c = -1;
  let rowOpen: Span | null = null;
  let rowSelfClosing = false;
  let rowCells: { col: number; start: number }[] = [];
  const seenRows = new Set<number>();
  const rowsBefore: { row: number; start: number }[] = []; // rows holding targets' neighbours, for inserting rows
  const newCell = (addr: string) => `<${prefix}c r="${addr}" s="${styleOf.get(addr)!(0)}"/>`;
  const fillRow = (row: number, closeStart: number) => {
    // cells of this row that are blamed but absent: inserted in column order
    const list = targetRows.get(row);
    if (!list) return;
    for (const t of list) {
      const info = targets.get(t.addr)!;
      if (info.done) continue;
      info.done = true;
      const next = rowCells.find((x) => x.col > t.col);
      const cell = newCell(t.addr);
      if (next) edits.push({ at: next.start, del: 0, text: cell });
      else if (rowSelfClosing) {
        const tag = xml.slice(rowOpen!.start, rowOpen!.end);
        edits.push({
          at: rowOpen!.start,
          del: rowOpen!.end - rowOpen!.start,
          text: tag.replace(/\s*\/>$/, ">"),
        });
        edits.push({ at: rowOpen!.end, del: 0, text: cell + `</${prefix}row>` });
      } else edits.push({ at: closeStart, del: 0, text: cell });
    }
  };
  scan(
    xml,
    part,
    (tag, at, depth) => {
      const n = local(tag.name);
      if (depth === 1) {
        prefix = prefixOf(tag.name);
        return;
      }
      if (depth === 2) {
        if (n === "sheetData") {
          sheetDataOpen = at;
          sheetDataSelfClosing = !!tag.isSelfClosing;
        } else if (afterSheetData && legacyAt < 0 && AFTER_LEGACY.has(n)) legacyAt = at.start;
        if (n === "legacyDrawing") {
          const a = tag.attributes;
          legacyDrawingRid = a["r:id"] ?? Object.entries(a).find(([k]) => local(k) === "id")?.[1] ?? "";
        }
        return;
      }
      if (depth === 3 && n === "row" && sheetDataOpen) {
        const ref = tag.attributes.r;
        const rr = ref === undefined ? NaN : Number(ref) - 1;
        r = Number.isInteger(rr) && rr >= 0 ? rr : r + 1;
        c = -1;
        rowOpen = at;
        rowSelfClosing = !!tag.isSelfClosing;
        rowCells = [];
        seenRows.add(r);
        rowsBefore.push({ row: r, start: at.start });
        return;
      }
      if (depth === 4 && n === "c" && rowOpen) {
        const ref = tag.attributes.r;
        const a = ref === undefined ? undefined : parseAddress(ref.toUpperCase());
        c = a ? a.col : c + 1;
        rowCells.push({ col: c, start: at.start });
        if (targetRows.has(r)) {
          const addr = byRC.get(`${r}:${c}`);
          if (addr && !targets.get(addr)!.done) {
            targets.get(addr)!.done = true;
            const sAttr = tag.attributes.s;
            const s = sAttr === undefined ? 0 : Number(sAttr) || 0;
            const open = xml.slice(at.start, at.end);
            edits.push({
              at: at.start,
              del: at.end - at.start,
              text: setAttr(open, "s", String(styleOf.get(addr)!(s))),
            });
          }
        }
      }
    },
    (tag, at, depth) => {
      const n = local(tag.name);
      if (depth === 3 && n === "row" && rowOpen) {
        fillRow(r, at.start);
        rowOpen = null;
      } else if (depth === 2 && n === "sheetData") {
        afterSheetData = true;
        sheetDataClose = at.start;
      } else if (depth === 1) rootClose = at.start;
    },
  );
  if (!sheetDataOpen) throw fail(`${part} không có sheetData`, `${part} has no sheetData`);
  // Rows that do not exist yet: each goes before the first row below it, or at the end of sheetData.
  const missing = [...targetRows.keys()].filter((row) => !seenRows.has(row)).sort((a, b) => a - b);
  if (missing.length) {
    const open: Span = sheetDataOpen;
    let endOfData = -1;
    if (sheetDataSelfClosing) {
      const tag = xml.slice(open.start, open.end);
      edits.push({ at: open.start, del: open.end - open.start, text: tag.replace(/\s*\/>$/, ">") });
      endOfData = open.end;
    }
    const closeIdx = endOfData >= 0 ? endOfData : sheetDataClose;
    for (const row of missing) {
      const cells = targetRows
        .get(row)!
        .filter((t) => !targets.get(t.addr)!.done)
        .map((t) => newCell(t.addr))
        .join("");
      const before = rowsBefore.find((x) => x.row > row);
      edits.push({
        at: before ? before.start : closeIdx,
        del: 0,
        text: `<${prefix}row r="${row + 1}">${cells}</${prefix}row>`,
      });
    }
    if (sheetDataSelfClosing) edits.push({ at: endOfData, del: 0, text: `</${prefix}sheetData>` });
  }
  return { prefix, legacyDrawingRid, legacyAt: legacyAt >= 0 ? legacyAt : rootClose, edits };
}
