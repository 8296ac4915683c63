/**
 * The sheets this project writes, as host-neutral data: values, a small set of named styles,
 * merges, widths, frozen panes and notes. The CLI turns them into .xlsx bytes, the Excel
 * add-in into ranges and formats, the Apps Script into tabs. One definition, so a city sheet
 * looks the same whichever host made it.
 */
import { address, parseAddress } from "./address";
import { pick } from "./bilingual";
import { CITY_SHEET_NAMES } from "./city-sheet-names";
import type { MergeResult, Resubmission, StatusRow } from "./consolidate";
import { type Finding, findingMessage, formatNumber, type Lang } from "./finding";
import { type Merge, type TemplateLayout, templateLayout } from "./layout";
import { changeLine } from "./table-diff";
import { templateById } from "./template";
import { reportBlocksOf } from "./report/figures";
import { reportSheet } from "./report/sheet";
import { LINE_PT, PRINT_WORDS, type PrintSetup, printSetupFor, ROW_PAD_PT, wrappedLines } from "./print-setup";
import { STYLE_LOOK, textScale } from "./style-look";
import { blankListSheet } from "./list-sheet";
import { conferenceSheet } from "./conference-sheet";

export { CITY_SHEET_NAMES, isCitySheet } from "./city-sheet-names";

export type OutStyle =
  | "plain"
  | "title"
  | "subtitle"
  | "bold"
  | "header"
  | "number"
  | "text"
  | "count"
  | "groupText"
  | "groupCount"
  | "error"
  | "warning"
  | "blank"
  | "missing"
  | "totalText"
  | "caution"
  /** Running text: wrapped, top-aligned (the report sheet). */
  | "paragraph";

export type OutValue = string | number | boolean | null | undefined;
export interface OutCell {
  v: OutValue;
  s?: OutStyle;
  /** A formula without "=": "C10+C11". Hosts that write formulas use it; v is then ignored. */
  f?: string;
}

export interface OutSheet {
  name: string;
  /** rows[r][c], 0-based */
  rows: (OutCell | undefined)[][];
  widths?: number[];
  heights?: Map<number, number>;
  /**
   * Rows of `heights` that are only as high as their wrapped text: a host that fits rows to
   * wrapped text itself (Sheets) may leave them to it.
   */
  textHeights?: Set<number>;
  merges?: Merge[];
  freeze?: { row: number; col: number };
  notes?: Map<string, string>;
  /** How the sheet prints (shared/print-setup.ts); the host's defaults when absent. */
  print?: PrintSetup;
}

export { argb, COUNT_FORMAT, MARK_COLORS, STYLE_LOOK, type StyleLook, textScale } from "./style-look";

export interface CellMark {
  severity: "error" | "warning";
  /**
   * Every finding on the cell is explained by a likely cause on another cell (spec §3b): it will
   * clear once that cell is corrected, so it is shown lighter (MARK_COLORS.consequence), not as a
   * second mistake. `severity` is still its findings' worst.
   */
  consequence?: true;
  /** One line per finding: "[RULE_ID] message", with " — Sẽ tự đúng khi sửa I28" when explained elsewhere. */
  text: string;
}

/**
 * The findings blamed on each cell (cells[0]), worst severity first-class, in finding order. A
 * likely cause marks its cell as the error; a tie between candidate cells marks none of them (the
 * rules cannot tell which: their own findings keep their marks); a cell whose findings are all
 * explained by a likely cause elsewhere is a consequence.
 */
export function marksByCell(findings: readonly Finding[], lang: Lang): Map<string, CellMark> {
  const out = new Map<string, CellMark & { explained: boolean }>();
  for (const f of findings) {
    const ref = f.cells[0];
    if (!ref || f.alternatives) continue;
    const elsewhere = f.explainedBy !== undefined && !f.explainedBy.includes(ref);
    const hint = elsewhere && f.hint ? ` — ${pick({ vi: f.hint, en: f.hintEn ?? f.hint }, lang)}` : "";
    const line = `[${f.rule}] ${findingMessage(f, lang)}${hint}`;
    const prev = out.get(ref);
    if (!prev)
      out.set(ref, { severity: f.severity === "error" ? "error" : "warning", text: line, explained: elsewhere });
    else {
      prev.text += "\n" + line;
      if (f.severity === "error") prev.severity = "error";
      prev.explained &&= elsewhere;
    }
  }
  const marks = new Map<string, CellMark>();
  for (const [ref, { explained, ...mark }] of out) marks.set(ref, explained ? { ...mark, consequence: true } : mark);
  return marks;
}

/** A template layout as a styled sheet; findings paint their blamed cell and become notes. */
export function layoutSheet(
  lay: TemplateLayout,
  findings: readonly Finding[],
  lang: Lang,
  opts: { name?: string; formulas?: boolean; title?: string; unit?: string } = {},
): OutSheet {
  const t = lay.template;
  const rows: OutCell[][] = lay.grid.rows.map((row) => (row ?? []).map((v) => ({ v: v as OutValue })));
  const cell = (r: number, c: number) => ((rows[r] ??= [])[c] ??= { v: null });
  const style = (r: number, c: number, s: OutStyle) => (cell(r, c).s = s);
  style(lay.titleRow, 0, "title");
  style(lay.subtitleRow, 0, "subtitle");
  style(lay.unitRow, 0, "bold");
  if (!lay.grid.rows[lay.unitRow]?.[1]) style(lay.unitRow, 1, "blank");
  for (const r of lay.attrRows.values()) if (!lay.grid.rows[r]?.[2]) style(r, 2, "blank");
  for (let r = lay.headerTop; r <= lay.numberRow; r++)
    for (let c = 0; c <= lay.lastCol; c++) style(r, c, r === lay.numberRow ? "number" : "header");
  const labelCol = lay.col.get("label") ?? 1;
  for (const def of t.rows) {
    const r = lay.row.get(def.code)!;
    const strong = def.kind === "group" || def.kind === "total";
    for (let c = 0; c <= lay.lastCol; c++)
      style(r, c, c === labelCol ? (strong ? "groupText" : "text") : strong ? "groupCount" : "count");
  }
  if (opts.formulas)
    for (const [ref, f] of lay.formulas) {
      const p = parseAddress(ref)!;
      cell(p.row, p.col).f = f;
    }
  const notes = new Map<string, string>();
  for (const [ref, mark] of marksByCell(findings, lang)) {
    notes.set(ref, mark.text);
    const p = parseAddress(ref);
    if (p) style(p.row, p.col, mark.severity);
  }
  const heights = new Map<number, number>();
  for (let r = lay.headerTop; r <= lay.headerBottom; r++)
    heights.set(r, r === lay.headerBottom && r > lay.headerTop ? 50 : 36);
  const name = opts.name ?? lay.grid.name;
  const widths = unwrappedWidths(
    rows,
    t.columns.map((c) => c.width),
    lay.merges,
  );
  const textRows = new Set<number>();
  wrappedHeights(rows, widths, 0, heights, lay.merges, textRows);
  return {
    name,
    rows,
    widths,
    heights,
    textHeights: textRows,
    merges: lay.merges,
    notes,
    freeze: { row: lay.numberRow + 1, col: labelCol + 1 },
    print: printSetupFor(widths, {
      landscape: true,
      title: opts.title ?? name,
      unit: opts.unit ?? "",
      words: PRINT_WORDS[lang],
      titleRows: { top: lay.headerTop, bottom: lay.numberRow },
      titleCols: { left: 0, right: labelCol },
    }),
  };
}

/** A blank template sheet, totals as formulas, for a unit to fill in. */
export function templateSheet(
  id: "pl02" | "daibieu" | "ds-daibieu",
  opts: { unit?: string; name?: string } = {},
): OutSheet {
  if (id === "ds-daibieu") return blankListSheet(id, opts);
  const lay = templateLayout(templateById(id), { unit: opts.unit ?? "" });
  return layoutSheet(lay, [], "vi", { name: opts.name, formulas: true });
}

/** The characters a cell's value shows: its longest line; a count as #,##0 writes it. */
export function shownLength(v: OutValue): number {
  if (v === null || v === undefined) return 0;
  // the project's own formatter: Intl's first use costs ~20 ms of start-up in a CLI run
  if (typeof v === "number") return Math.abs(v) >= 1000 ? formatNumber(v, "en").length : String(v).length;
  return Math.max(
    0,
    ...String(v)
      .split("\n")
      .map((l) => l.length),
  );
}

/**
 * A column's width that fits its widest cell (from row `from` on: header rows wrap), one
 * character of padding, within [min, max]; wrapped text longer than max runs on to more lines.
 */
function fitted(rows: readonly (OutCell | undefined)[][], col: number, min: number, max: number, from = 0): number {
  let w = 0;
  for (let r = from; r < rows.length; r++) w = Math.max(w, shownLength(rows[r]?.[col]?.v));
  return Math.min(max, Math.max(min, w + 2));
}

/** The cells merges cover, as "row,col". */
function mergedCells(merges: readonly Merge[] = []): Set<string> {
  const out = new Set<string>();
  for (const m of merges)
    for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) out.add(`${r},${c}`);
  return out;
}

/**
 * Heights for the rows whose wrapped text runs to more than one line in its column (from row
 * `from` on; merged cells keep the heights given, a height given stays when it is more), so no
 * line hides under the next row when a program does not fit row heights itself (LibreOffice
 * keeps a written file's heights).
 */
function wrappedHeights(
  rows: readonly (OutCell | undefined)[][],
  widths: readonly number[],
  from: number,
  heights = new Map<number, number>(),
  merges?: readonly Merge[],
  textRows?: Set<number>,
): Map<number, number> {
  const merged = mergedCells(merges);
  // A merge within one row wraps its text across the merge's width.
  const across = new Map<string, number>();
  for (const m of merges ?? [])
    if (m.top === m.bottom) {
      let w = 0;
      for (let c = m.left; c <= m.right; c++) w += widths[c] ?? 8.43;
      across.set(`${m.top},${m.left}`, w);
    }
  for (let r = from; r < rows.length; r++) {
    let pt = 0;
    rows[r]?.forEach((cell, c) => {
      const key = `${r},${c}`;
      if (!cell?.s || typeof cell.v !== "string" || (merged.has(key) && !across.has(key))) return;
      const look = STYLE_LOOK[cell.s];
      const width = across.get(key) ?? widths[c] ?? 8.43;
      const lines = look.wrap ? wrappedLines(cell.v, (width - 1) / textScale(look)) : 1;
      if (lines > 1 || look.size) pt = Math.max(pt, (lines * LINE_PT * (look.size ?? 11)) / 11 + ROW_PAD_PT);
    });
    if (pt > (heights.get(r) ?? LINE_PT)) {
      if (!heights.has(r)) textRows?.add(r);
      heights.set(r, Math.ceil(pt));
    }
  }
  return heights;
}

/**
 * Widths widened so that text that does not wrap fits its cell when the cell to its right is
 * not empty (else it runs on over that cell, as spreadsheets show it).
 */
function unwrappedWidths(
  rows: readonly (OutCell | undefined)[][],
  widths: number[],
  merges?: readonly Merge[],
): number[] {
  const merged = mergedCells(merges);
  rows.forEach((row, r) =>
    row?.forEach((cell, c) => {
      if (!cell?.s || merged.has(`${r},${c}`) || STYLE_LOOK[cell.s].wrap) return;
      const next = row[c + 1]?.v;
      if (next === null || next === undefined || next === "") return;
      const need = Math.ceil(shownLength(cell.v) * textScale(STYLE_LOOK[cell.s])) + 1;
      if (need > (widths[c] ?? 8.43)) widths[c] = need;
    }),
  );
  return widths;
}

/** What a sheet of the city workbook prints in its page header. */
interface PrintContext {
  unit: string;
  lang: Lang;
}

const printTitle = (sheet: string) => `Phụ lục 02 · ${sheet}`;

/** A wide sheet's print setup: its header row (the last frozen) and STT with the unit on every page. */
function withPrint(sheet: OutSheet, ctx: PrintContext): OutSheet {
  const header = sheet.freeze?.row ?? 0;
  return {
    ...sheet,
    print: printSetupFor(sheet.widths ?? [], {
      title: printTitle(sheet.name),
      unit: ctx.unit,
      words: PRINT_WORDS[ctx.lang],
      titleRows: header > 0 ? { top: header - 1, bottom: header - 1 } : undefined,
      titleCols: { left: 0, right: 1 },
    }),
  };
}

function detailSheet(result: MergeResult, ctx: PrintContext): OutSheet {
  const t = templateById("pl02");
  const fixed = ["STT", "Đơn vị", "Tệp", "Trang tính"];
  const head = (v: string): OutCell => ({ v, s: "header" });
  const rows: OutCell[][] = [
    [...fixed.map(head), ...t.rows.map((r) => head(r.code === "TONG" ? "Tổng cộng" : r.code))],
    [...fixed.map(() => head("")), ...t.rows.map((r) => head(r.label))],
  ];
  const included = result.units.filter((u) => u.included);
  included.forEach((u, i) =>
    rows.push([
      { v: i + 1, s: "count" },
      { v: u.unit, s: "text" },
      { v: u.file, s: "text" },
      { v: u.sheet, s: "text" },
      ...t.rows.map((r): OutCell => ({ v: u.values[r.code].total, s: "count" })),
    ]),
  );
  rows.push([
    { v: "", s: "totalText" },
    { v: "Tổng cộng", s: "totalText" },
    { v: "", s: "totalText" },
    { v: "", s: "totalText" },
    ...t.rows.map((r): OutCell => ({ v: result.city.rows[r.code].total, s: "groupCount" })),
  ]);
  const merges = fixed.map((_, c) => ({ top: 0, bottom: 1, left: c, right: c }));
  const textRows = new Set<number>();
  const widths = [5, fitted(rows, 1, 16, 40, 2), fitted(rows, 2, 10, 36, 2), fitted(rows, 3, 10, 20, 2)];
  t.rows.forEach((_, i) => widths.push(fitted(rows, 4 + i, 8, 12, 2)));
  return {
    name: CITY_SHEET_NAMES.detail,
    rows,
    widths,
    heights: wrappedHeights(rows, widths, 0, new Map(), merges, textRows),
    textHeights: textRows,
    merges,
    freeze: { row: 2, col: 2 },
    print: printSetupFor(widths, {
      title: printTitle(CITY_SHEET_NAMES.detail),
      unit: ctx.unit,
      words: PRINT_WORDS[ctx.lang],
      titleRows: { top: 0, bottom: 1 },
      titleCols: { left: 0, right: 1 },
    }),
  };
}

/** What the status sheet says of a unit held out of the total. */
export const HELD_OUT_TEXT = "Chưa xác nhận — không tính vào tổng";
export const HELD_OUT_HOW =
  'Đơn vị không có trong danh sách. Muốn tính vào tổng: bật "Tính cả đơn vị ngoài danh sách" (dòng lệnh: --include-unknown) hoặc thêm đơn vị vào danh sách đơn vị, rồi tổng hợp lại';

/**
 * "Đã nộp": a unit whose only file could not be read did send something, so not "Chưa"; a blank
 * table is "Nộp bảng trống"; against a roster not known to be complete nobody is called "Chưa".
 */
export function submittedText(s: StatusRow, rosterComplete = true): string {
  if (s.heldOut) return HELD_OUT_TEXT;
  if (s.submitted) return "Có";
  if (s.blank) return "Nộp bảng trống";
  if (s.unreadable.length > 0) return "Không đọc được";
  return rosterComplete ? "Chưa" : "Không thấy (danh sách chưa đầy đủ)";
}

function noteText(s: StatusRow): string {
  const notes = s.unreadable.map((u) => `${u.input}: ${u.reason.vi}`);
  if (s.heldOut) notes.unshift(HELD_OUT_HOW);
  if (s.blank) notes.push("Mọi số liệu bằng 0 hoặc để trống: coi như chưa nộp");
  return notes.join("; ");
}

/**
 * Changes listed per left-out submission on the status sheet; the rest are counted. Excel shows a
 * row at most 409 points high (~27 lines) and keeps 32,767 characters a cell ("Excel specifications
 * and limits"); `phuluc02 diff` and `merge --json` list them all.
 */
export const STATUS_CHANGES_SHOWN = 25;

/** "kept › sheet: why" for a unit that sent several tables; "" otherwise. */
function keptText(list: readonly Resubmission[]): string {
  const r = list[0];
  return r ? `${r.kept.file} › ${r.kept.sheet}: ${r.reason.text.vi}` : "";
}

/** One left-out submission against the kept one: a head line, then one line per changed cell. */
function changesText(r: Resubmission): string {
  const head = `${r.left.file} › ${r.left.sheet} → ${r.kept.file} › ${r.kept.sheet}`;
  if (r.changes.length === 0) return `${head}: không khác ô nào`;
  const lines = [`${head}: ${r.changes.length} ô khác`];
  for (const c of r.changes.slice(0, STATUS_CHANGES_SHOWN)) lines.push(changeLine(c, "vi"));
  const more = r.changes.length - STATUS_CHANGES_SHOWN;
  if (more > 0) lines.push(`… và ${more} ô khác (xem: phuluc02 diff)`);
  return lines.join("\n");
}

/** "3 người", or "Chưa gửi" for a unit that should have sent its list of delegates (spec §5b). */
function delegateListCell(s: StatusRow, rosterComplete: boolean): OutCell {
  if (typeof s.delegateList === "number") return { v: `${s.delegateList} người`, s: "count" };
  const due = !s.heldOut && (s.submitted || (rosterComplete && s.onRoster));
  return due ? { v: "Chưa gửi", s: "missing" } : { v: "", s: "count" };
}

function statusSheet(result: MergeResult, ctx: PrintContext): OutSheet {
  const heads = [
    "STT",
    "Đơn vị",
    "Loại đơn vị",
    "Đã nộp",
    "Ô cần sửa",
    "Số lỗi",
    "Số cảnh báo",
    "Được tổng hợp",
    "Danh sách đại biểu",
    "Bản nộp",
    "Trong danh sách",
    "Ghi chú",
    "Bản được dùng",
    "Khác với bản bị loại",
  ];
  const rows: OutCell[][] = [heads.map((v) => ({ v, s: "header" }))];
  result.status.forEach((s, i) =>
    rows.push([
      { v: i + 1, s: "count" },
      { v: s.unit, s: "text" },
      { v: s.type ?? "", s: "text" },
      { v: submittedText(s, result.roster.complete), s: s.submitted && !s.heldOut ? "count" : "missing" },
      // the cells to correct (spec §3b) before the rule findings they explain
      { v: s.likely ?? "", s: "count" },
      { v: s.errors ?? "", s: "count" },
      { v: s.warnings ?? "", s: "count" },
      { v: s.included ? "Có" : "Không", s: "count" },
      delegateListCell(s, result.roster.complete),
      { v: s.inputs.join("; "), s: "text" },
      { v: s.onRoster ? "Có" : "Không", s: "count" },
      { v: noteText(s), s: "text" },
      { v: keptText(s.resubmissions), s: "text" },
      { v: s.resubmissions.map(changesText).join("\n"), s: "text" },
    ]),
  );
  const textRows = new Set<number>();
  // Short columns fit their widest cell; long text wraps within its column.
  const widths = [5, fitted(rows, 1, 16, 40, 1), fitted(rows, 2, 10, 18, 1), fitted(rows, 3, 9, 18, 1), 8];
  widths.push(8, 9, 10, fitted(rows, 8, 10, 18, 1), fitted(rows, 9, 12, 36, 1), 10);
  widths.push(fitted(rows, 11, 12, 40, 1), fitted(rows, 12, 12, 40, 1), fitted(rows, 13, 12, 60, 1));
  return {
    name: CITY_SHEET_NAMES.status,
    rows,
    widths,
    heights: wrappedHeights(rows, widths, 0, new Map(), [], textRows),
    textHeights: textRows,
    freeze: { row: 1, col: 0 },
    print: printSetupFor(widths, {
      title: printTitle(CITY_SHEET_NAMES.status),
      unit: ctx.unit,
      words: PRINT_WORDS[ctx.lang],
      titleRows: { top: 0, bottom: 0 },
      titleCols: { left: 0, right: 1 },
    }),
  };
}

/**
 * The output sheets, in order: the three of spec §5 — the city table in the template's layout
 * (its own findings painted and noted, so its addresses match the city findings), the per-unit
 * detail and the submission status — then the city's figures in words for the Sở's report
 * (issue 15), in `lang`.
 */
export function cityOutputSheets(result: MergeResult, lang: Lang = "vi"): OutSheet[] {
  const city = result.city.result;
  const lay = templateLayout(templateById("pl02"), { unit: city.unit, values: result.city.rows });
  const ctx: PrintContext = { unit: city.unit ?? "", lang };
  return [
    layoutSheet(lay, result.city.findings, lang, {
      name: CITY_SHEET_NAMES.city,
      title: printTitle(CITY_SHEET_NAMES.city),
      unit: ctx.unit,
    }),
    detailSheet(result, ctx),
    statusSheet(result, ctx),
    withPrint(conferenceSheet(CITY_SHEET_NAMES.conference, result.conference, lang), ctx),
    reportSheet(CITY_SHEET_NAMES.report, reportBlocksOf(result, lang), {
      title: printTitle(CITY_SHEET_NAMES.report),
      unit: ctx.unit,
      words: PRINT_WORDS[lang],
    }),
  ];
}

/** Plain 2D values of an output sheet, padded to a rectangle (hosts write them in one call). */
export function sheetValues(sheet: OutSheet): { values: (string | number | boolean)[][]; width: number } {
  const width = Math.max(1, ...sheet.rows.map((r) => r?.length ?? 0));
  const values = sheet.rows.map((row) => {
    const out: (string | number | boolean)[] = [];
    for (let c = 0; c < width; c++) {
      const cell = row?.[c];
      const v = cell?.f ? "=" + cell.f : cell?.v;
      out.push(v === null || v === undefined ? "" : v);
    }
    return out;
  });
  return { values, width };
}

/** The cells of each style, as lists of A1 addresses (hosts format a style's cells in one call). */
export function cellsByStyle(sheet: OutSheet): Map<OutStyle, string[]> {
  const out = new Map<OutStyle, string[]>();
  sheet.rows.forEach((row, r) =>
    row?.forEach((cell, c) => {
      if (!cell?.s || cell.s === "plain") return;
      const list = out.get(cell.s) ?? [];
      list.push(address(r, c));
      out.set(cell.s, list);
    }),
  );
  return out;
}
