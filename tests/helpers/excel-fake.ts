/**
 * An in-memory Excel behind Office.js-shaped proxies, for testing the add-in's adapter without
 * Excel. Objects that are read are office-addin-mock OfficeMockObjects, so a property read before
 * load() + sync() yields the mock's error instead of a value; writes are queued and applied to the
 * model only at context.sync(), as Excel does. Every sync is counted.
 *
 * It is strict where the real host refuses, because a lenient fake hides bugs:
 * - Excel on the web refuses a request or a response over 5 MB ("Payload size limit for requests
 *   and responses: 5 MB", https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins;
 *   error codes RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded,
 *   https://learn.microsoft.com/office/dev/add-ins/testing/troubleshoot-development-errors#excel-add-ins).
 *   Every sync measures both (an estimate of Office.js's JSON: ~140 bytes per action, ~150 per
 *   object path or load, plus the arguments; the response is the loaded data) and throws over
 *   the limit, applying nothing.
 * - A batch runs in order and stops at the first failing action; earlier actions stay applied
 *   (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-error-handling).
 * - A protected sheet refuses format, conditional-format, note and value changes (AccessDenied;
 *   https://learn.microsoft.com/javascript/api/excel/excel.worksheetprotection).
 * - NoteCollection.add on a cell that has a note, and getItem on a cell that has none, fail
 *   (https://learn.microsoft.com/javascript/api/excel/excel.notecollection, ExcelApi 1.18).
 * - Rows inserted or deleted move values, fills, notes and conditional-format ranges with them;
 *   sorting moves values, fills and notes but not conditional-format ranges; copying a sheet
 *   copies all of it (https://support.microsoft.com/office/move-or-copy-worksheets-or-worksheet-data-47207967-bbb2-4b2c-a4b0-4ec1ad8a3ba6).
 * - Charts (ChartCollection.add, ExcelApi 1.1, https://learn.microsoft.com/javascript/api/excel/excel.chartcollection)
 *   take their data when the batch runs, from the cells as the earlier actions of that batch left
 *   them; the type and seriesBy must be ChartType / ChartSeriesBy values (InvalidArgument).
 *   With seriesBy "Columns", the first row gives the series names and the first column the
 *   categories only when the top-left cell is blank (Excel's own reading of a chart's source, the
 *   "blank top-left cell" of https://peltiertech.com/prepare-your-data/); otherwise the fake reads
 *   every row as data, as Excel may. A chart holds at most 255 series ("Data series in one chart:
 *   255", https://support.microsoft.com/office/excel-specifications-and-limits-1672b34d-7043-467e-8e92-ee8ed48d4f8a).
 *   A protected sheet refuses new charts (objects are protected unless allowEditObjects,
 *   https://learn.microsoft.com/javascript/api/excel/excel.worksheetprotectionoptions). Titles,
 *   axis titles, the legend and the position (Chart.setPosition, https://learn.microsoft.com/javascript/api/excel/excel.chart)
 *   are recorded as set.
 * - Range.formulas gives a formula's text ("=…") where a cell holds one and the value elsewhere
 *   (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-formulas-member);
 *   typing over a formula replaces it, and the template's sums recalculate (automatic calculation).
 * - The user's undo history (`undo`, one entry per edit): below ExcelApi 1.20 a batch that changes
 *   the workbook clears it (office-js issues #2802, #3778, and #3788, where a maintainer answers
 *   "most of the set operation of Excel API will disable undo/redo operation, it's a by-design
 *   behavior"); from 1.20 the add-in's writes join it instead ("Undo capabilities in Excel
 *   add-ins", https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-undo-capabilities;
 *   ExcelApi 1.20 "adds undo support for Excel JavaScript APIs").
 * - worksheet onChanged fires for value changes only (format changes have their own event,
 *   onFormatChanged, ExcelApi 1.9), with `source` (Local/Remote, 1.7) and, from 1.14,
 *   `triggerSource` (https://learn.microsoft.com/javascript/api/excel/excel.worksheetchangedeventargs).
 */
import { OfficeMockObject } from "office-addin-mock";
import { address, parseAddress } from "../../shared";

export interface FakeCell {
  v: string | number | boolean | null;
  /** The formula the cell holds ("=C10+C11"), whose result `v` is; none for a typed value. */
  f?: string;
  fill: string | null;
  note: string | null;
  numberFormat?: string;
  bold?: boolean;
}

/** A conditional format: the cells it applies to (moved by row inserts and deletes), formula, colour; a sheet lists them in priority order. */
export interface FakeCF {
  refs: string[];
  type: string;
  formula: string;
  fill: string | null;
  priority: number;
}

/** A chart as the fake builds it from its source range when the batch runs. */
export interface FakeChart {
  name: string;
  type: string;
  source: string;
  title: string | null;
  categoryTitle: string | null;
  valueTitle: string | null;
  legend: string | null;
  position: [string, string?] | null;
  categories: (string | number | boolean | null)[];
  series: { name: string; values: (string | number | boolean | null)[] }[];
  /** dataLabels.showValue, dataLabels.numberFormat, axes.valueAxis.numberFormat, when set. */
  labels?: boolean;
  labelFormat?: string;
  valueFormat?: string;
}

/** ChartType values a column chart may take (https://learn.microsoft.com/javascript/api/excel/excel.charttype). */
const CHART_TYPES = new Set([
  "ColumnClustered",
  "ColumnStacked",
  "ColumnStacked100",
  "BarClustered",
  "BarStacked",
  "Line",
  "Pie",
  "XYScatter",
]);
/** Where a range the fake handed out sits (Office.js would need a load to tell). */
const AT = Symbol("range position");
interface At {
  sheet: FakeSheet;
  top: number;
  left: number;
  bottom: number;
  right: number;
}
const SERIES_BY = new Set(["Auto", "Columns", "Rows"]);
const MAX_SERIES = 255;

export interface FakeSheet {
  id: string;
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  cells: Map<string, FakeCell>;
  cfs: FakeCF[];
  merges: string[];
  frozen: string | null;
  protected: boolean;
  charts: FakeChart[];
  /** What Worksheet.pageLayout was told (ExcelApi 1.9). */
  page: FakePageLayout;
}

export interface FakePageLayout {
  paperSize?: string;
  orientation?: string;
  centerHorizontally?: boolean;
  zoom?: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
  printTitleRows?: string;
  printTitleColumns?: string;
  headers: Record<string, string>;
  /** Worksheet.horizontalPageBreaks.add: the cells new pages start at. */
  rowBreaks: string[];
}

export interface ChangeEvent {
  worksheetId: string;
  address?: string;
  source?: "Local" | "Remote";
  triggerSource?: "Unknown" | "ThisLocalAddin";
  changeType?: string;
}

type Op = () => void;

/** 5 MB, Excel on the web's limit in each direction. */
export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
const ACTION_BYTES = 140;
const PATH_BYTES = 150;

function cellsOf(ref: string): string[] {
  const [a, b] = ref.replace(/^.*!/, "").replace(/\$/g, "").split(":");
  const p = parseAddress(a)!;
  const q = parseAddress(b ?? a)!;
  const out: string[] = [];
  for (let r = p.row; r <= q.row; r++) for (let c = p.col; c <= q.col; c++) out.push(address(r, c));
  return out;
}

function hostError(code: string, message: string): Error {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

const bytes = (x: unknown) => JSON.stringify(x ?? null).length;

export class FakeExcel {
  sheets: FakeSheet[] = [];
  settings = new Map<string, string>();
  active = 0;
  selected: string | null = null;
  syncs = 0;
  /** The ExcelApi minor version this Excel has (1.14 gives triggerSource, 1.18 notes, 1.20 undo). */
  api = 18;
  /** The user's undo history: what Ctrl+Z can still take back. */
  undo: string[] = [];
  /** Excel on the web (5 MB limit each way); desktop Excel has none. */
  web = true;
  /** Request and response bytes of every sync, in order. */
  payloads: { request: number; response: number; refused: boolean }[] = [];
  /** Sheets whose values the current batch wrote (onChanged fires for them). */
  private valuesWritten = new Set<string>();
  handlers: ((e: ChangeEvent) => void)[] = [];
  /** Called as each sync starts, with its number (a test's way to act between two round trips). */
  beforeSync: ((n: number) => void) | undefined;
  private pending: { op: Op; bytes: number }[] = [];
  private tracked: { o: { sync?: () => Promise<void> }; response: () => number }[] = [];
  /** The loaded results of the batch running, given to the add-in if its response is accepted. */
  private results: (() => void)[] = [];
  private nextId = 1;
  name = "So-tong-hop.xlsx";

  /** A sheet of values; `formulas[r][c]` (text with or without "=") makes that cell a formula whose result is its value. */
  addSheet(
    name: string,
    rows: (string | number | boolean | null | undefined)[][] = [],
    id?: string,
    formulas?: (string | null | undefined)[][],
  ): FakeSheet {
    const sheet = this.blank(name, id);
    rows.forEach((row, r) =>
      row?.forEach((v, c) => {
        if (v !== null && v !== undefined && v !== "") sheet.cells.set(address(r, c), { v, fill: null, note: null });
      }),
    );
    formulas?.forEach((row, r) =>
      row?.forEach((f, c) => {
        if (typeof f === "string") this.cell(sheet, address(r, c)).f = f.startsWith("=") ? f : `=${f}`;
      }),
    );
    this.sheets.push(sheet);
    return sheet;
  }

  private blank(name: string, id?: string): FakeSheet {
    return {
      id: id ?? `{sheet-${this.nextId++}}`,
      name,
      visibility: "Visible",
      cells: new Map(),
      cfs: [],
      merges: [],
      frozen: null,
      protected: false,
      charts: [],
      page: { headers: {}, rowBreaks: [] },
    };
  }

  cell(sheet: FakeSheet | string, ref: string): FakeCell {
    const s = typeof sheet === "string" ? this.sheet(sheet) : sheet;
    let c = s.cells.get(ref);
    if (!c) s.cells.set(ref, (c = { v: null, fill: null, note: null }));
    return c;
  }

  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name === name || x.id === name);
    if (!s) throw hostError("ItemNotFound", name);
    return s;
  }

  /** Plain grid of a sheet's values (for reading back what the add-in wrote). */
  values(name: string): (string | number | boolean | null)[][] {
    const s = this.sheet(name);
    const rows: (string | number | boolean | null)[][] = [];
    for (const [ref, c] of s.cells) {
      const p = parseAddress(ref)!;
      if (c.v === null) continue;
      (rows[p.row] ??= [])[p.col] = c.v;
    }
    for (let r = 0; r < rows.length; r++) rows[r] ??= [];
    return rows;
  }

  /** The colour a cell shows: the first conditional format (by priority) that applies, else its own fill. */
  shown(sheet: FakeSheet, ref: string): string | null {
    const cf = sheet.cfs.find((f) => f.refs.includes(ref));
    return cf?.fill ?? sheet.cells.get(ref)?.fill ?? null;
  }

  // ---------------------------------------------------------------- what users do

  /** The user types a value (or a co-author does: source "Remote"); onChanged fires. */
  edit(sheet: FakeSheet, ref: string, v: FakeCell["v"], source: "Local" | "Remote" = "Local"): void {
    const cell = this.cell(sheet, ref);
    if (source === "Local") this.undo.push(`${sheet.name}!${ref}`);
    cell.v = v;
    delete cell.f; // typing over a formula replaces it
    this.recalc(sheet);
    this.fire({ worksheetId: sheet.id, address: ref, source, changeType: "RangeEdited" });
  }

  /**
   * Automatic calculation (Excel's default): every formula that adds cells ("=C10+C11", the
   * template's only kind) takes the sum of their values again. Other formulas keep their value.
   */
  recalc(sheet: FakeSheet): void {
    const done = new Map<string, number>();
    const valueOf = (ref: string, depth: number): number => {
      const c = sheet.cells.get(ref);
      const sum = c?.f?.match(/^=[A-Z]+\d+(\+[A-Z]+\d+)*$/) && depth < 100;
      if (!sum) return typeof c?.v === "number" ? c.v : 0;
      if (!done.has(ref)) {
        const n = c!
          .f!.slice(1)
          .split("+")
          .reduce((t, r) => t + valueOf(r, depth + 1), 0);
        done.set(ref, n);
        c!.v = n;
      }
      return done.get(ref)!;
    };
    for (const ref of sheet.cells.keys()) valueOf(ref, 0);
  }

  /**
   * The user pastes a copied cell (Ctrl+V, "Paste All") onto `ref`: the cell takes the source's
   * value and formats, so every conditional format stops applying to it — Excel splits the rule's
   * "Applies to" around the pasted cell (https://excelribbon.tips.net/T001143_Stopping_a_Conditional_Formatting_Rule_from_Breaking_into_Smaller_Ranges.html,
   * https://excelribbon.tips.net/T004362_Protecting_Conditional_Formatting.html). onChanged fires.
   */
  paste(sheet: FakeSheet, ref: string, v: FakeCell["v"]): void {
    this.dropFormats(sheet, [ref]);
    this.edit(sheet, ref, v);
  }

  /** Home → Clear → Clear Formats: the cells lose their fills and every conditional format on them; values and notes stay. */
  clearFormats(sheet: FakeSheet, refs: string[]): void {
    for (const ref of refs) if (sheet.cells.has(ref)) sheet.cells.get(ref)!.fill = null;
    this.dropFormats(sheet, refs);
  }

  /**
   * Format Painter from `from` onto `to`: `to` takes `from`'s formats, conditional formats
   * included — Excel widens each rule of `from` to cover `to` ("Applies to" grows; the same
   * behaviour as Paste Special → "All, merge conditional formats", same sources as `paste`).
   */
  formatPainter(sheet: FakeSheet, from: string, to: string): void {
    this.dropFormats(sheet, [to]);
    for (const cf of sheet.cfs) if (cf.refs.includes(from)) cf.refs.push(to);
    this.cell(sheet, to).fill = sheet.cells.get(from)?.fill ?? null;
  }

  private dropFormats(sheet: FakeSheet, refs: string[]): void {
    for (const cf of sheet.cfs) cf.refs = cf.refs.filter((r) => !refs.includes(r));
    sheet.cfs = sheet.cfs.filter((cf) => cf.refs.length > 0);
    sheet.cfs.forEach((f, i) => (f.priority = i));
  }

  /** Inserts `n` rows before 0-based row `at`: everything below moves down, formats and notes too. */
  insertRows(sheet: FakeSheet, at: number, n = 1): void {
    this.moveRows(sheet, (r) => (r >= at ? r + n : r));
    this.fire({ worksheetId: sheet.id, address: `${at + 1}:${at + n}`, source: "Local", changeType: "RowInserted" });
  }

  /** Deletes `n` rows from 0-based row `at`. */
  deleteRows(sheet: FakeSheet, at: number, n = 1): void {
    this.moveRows(sheet, (r) => (r < at ? r : r < at + n ? null : r - n));
    this.fire({ worksheetId: sheet.id, address: `${at + 1}:${at + n}`, source: "Local", changeType: "RowDeleted" });
  }

  private moveRows(sheet: FakeSheet, to: (row: number) => number | null) {
    const moveRef = (ref: string) => {
      const p = parseAddress(ref)!;
      const r = to(p.row);
      return r === null ? null : address(r, p.col);
    };
    const cells = new Map<string, FakeCell>();
    for (const [ref, c] of sheet.cells) {
      const m = moveRef(ref);
      if (m) cells.set(m, c);
    }
    sheet.cells = cells;
    for (const cf of sheet.cfs) cf.refs = cf.refs.map(moveRef).filter((r): r is string => r !== null);
    sheet.cfs = sheet.cfs.filter((cf) => cf.refs.length > 0);
  }

  /**
   * Sorts 0-based rows top..bottom by the value in column `col` (Data → Sort): whole cells move,
   * with their fills and notes; conditional formats stay where they are.
   */
  sortRows(sheet: FakeSheet, top: number, bottom: number, col: number, descending = false): void {
    const rows: Map<number, FakeCell>[] = [];
    for (let r = top; r <= bottom; r++) {
      const row = new Map<number, FakeCell>();
      for (const [ref, c] of sheet.cells) {
        const p = parseAddress(ref)!;
        if (p.row === r) row.set(p.col, c);
      }
      rows.push(row);
    }
    const key = (row: Map<number, FakeCell>) => Number(row.get(col)?.v ?? 0);
    rows.sort((a, b) => (descending ? key(b) - key(a) : key(a) - key(b)));
    for (const ref of [...sheet.cells.keys()]) {
      const p = parseAddress(ref)!;
      if (p.row >= top && p.row <= bottom) sheet.cells.delete(ref);
    }
    rows.forEach((row, i) => row.forEach((c, colIdx) => sheet.cells.set(address(top + i, colIdx), c)));
    this.fire({ worksheetId: sheet.id, source: "Local", changeType: "RangeEdited" });
  }

  /** Move or Copy → Create a copy: the new sheet has everything the old one had, and a new id. */
  copySheet(sheet: FakeSheet, name: string): FakeSheet {
    const copy = this.blank(name);
    for (const [ref, c] of sheet.cells) copy.cells.set(ref, { ...c });
    copy.cfs = sheet.cfs.map((cf) => ({ ...cf, refs: [...cf.refs] }));
    copy.merges = [...sheet.merges];
    this.sheets.push(copy);
    return copy;
  }

  private fire(e: ChangeEvent) {
    const event: ChangeEvent = { ...e };
    if (this.api >= 14) event.triggerSource = e.triggerSource ?? "Unknown";
    else delete event.triggerSource;
    for (const h of [...this.handlers]) h(event);
  }

  // ---------------------------------------------------------------- Office.js surface

  /** Excel.run as the add-in calls it. */
  run: {
    <T>(fn: (ctx: Excel.RequestContext) => Promise<T>): Promise<T>;
    <T>(object: unknown, fn: (ctx: Excel.RequestContext) => Promise<T>): Promise<T>;
  } = async <T>(a: unknown, b?: unknown): Promise<T> => {
    // Excel.run(fn) or Excel.run(object, fn) (the second form re-enters an earlier context).
    const fn = (typeof a === "function" ? a : b) as (ctx: Excel.RequestContext) => Promise<T>;
    return fn(this.context() as unknown as Excel.RequestContext);
  };

  private track<T extends { sync?: () => Promise<void> }>(o: T, response: () => number = () => 0): T {
    this.tracked.push({ o, response });
    // A load queued on an object made in an earlier batch is carried by the next sync, as in Office.js.
    const withLoad = o as unknown as { load?: (...a: unknown[]) => unknown };
    const load = withLoad.load;
    if (typeof load === "function")
      withLoad.load = (...a: unknown[]) => {
        if (!this.tracked.some((t) => t.o === o)) this.tracked.push({ o, response });
        return load.apply(o, a);
      };
    return o;
  }

  private later(op: Op, args: unknown = null) {
    this.pending.push({ op, bytes: ACTION_BYTES + bytes(args) });
  }

  /**
   * A loaded result: worked out in batch order, handed to the add-in only when the response comes
   * back. A response over 5 MB brings nothing back, so nothing that batch loaded becomes readable
   * (the writes before it stay done).
   */
  private loaded(result: () => () => void) {
    this.later(() => this.results.push(result()));
  }

  /** A path Office.js sends to address an object (getItem, getRange…), with its arguments. */
  private path(args: unknown = null) {
    this.pending.push({ op: () => undefined, bytes: PATH_BYTES + bytes(args) });
  }

  private async sync() {
    this.syncs++;
    this.beforeSync?.(this.syncs);
    const ops = this.pending;
    const objs = this.tracked;
    this.results = []; // a batch that failed earlier brought nothing back
    this.pending = [];
    this.tracked = [];
    const request = ops.reduce((n, o) => n + o.bytes, 0) + objs.length * PATH_BYTES;
    if (this.web && request > PAYLOAD_LIMIT) {
      this.payloads.push({ request, response: 0, refused: true });
      throw hostError("RequestPayloadSizeLimitExceeded", `request of ${request} bytes`);
    }
    this.valuesWritten.clear();
    // Only when there is something to lose: a snapshot of every sheet before and after the batch.
    const state = () => JSON.stringify(this.sheets.map((s) => [s.name, [...s.cells], s.cfs, s.charts, s.merges]));
    const before = this.undo.length > 0 && this.api < 20 ? state() : undefined;
    try {
      for (const { op } of ops) op();
    } finally {
      if (before !== undefined && state() !== before) this.undo = [];
      for (const id of this.valuesWritten)
        this.fire({ worksheetId: id, source: "Local", triggerSource: "ThisLocalAddin", changeType: "RangeEdited" });
    }
    const results = this.results;
    this.results = [];
    const response = objs.reduce((n, t) => n + t.response(), 0);
    this.payloads.push({ request, response, refused: this.web && response > PAYLOAD_LIMIT });
    if (this.web && response > PAYLOAD_LIMIT)
      throw hostError("ResponsePayloadSizeLimitExceeded", `response of ${response} bytes`);
    for (const r of results) r();
    for (const { o } of objs) await o.sync?.();
  }

  private guard(s: FakeSheet, what: string) {
    if (s.protected) throw hostError("AccessDenied", `${s.name} is protected (${what})`);
  }

  private usedBounds(s: FakeSheet, valuesOnly: boolean) {
    let top = Infinity,
      left = Infinity,
      bottom = -1,
      right = -1;
    for (const [ref, c] of s.cells) {
      if (valuesOnly ? c.v === null : c.v === null && !c.fill && !c.note) continue;
      const p = parseAddress(ref)!;
      top = Math.min(top, p.row);
      left = Math.min(left, p.col);
      bottom = Math.max(bottom, p.row);
      right = Math.max(right, p.col);
    }
    if (bottom < 0) return null;
    return { top, left, bottom, right };
  }

  private readable(s: FakeSheet, b: { top: number; left: number; bottom: number; right: number } | null) {
    const values: unknown[][] = [];
    // Range.formulas: the formula text ("=…") where a cell holds one, else its value ("" when
    // empty), in the range's shape (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-formulas-member).
    const formulas: unknown[][] = [];
    if (b)
      for (let r = b.top; r <= b.bottom; r++) {
        const vr: unknown[] = [];
        const fr: unknown[] = [];
        for (let c = b.left; c <= b.right; c++) {
          const cell = s.cells.get(address(r, c));
          vr.push(cell?.v ?? "");
          fr.push(cell?.f ?? cell?.v ?? "");
        }
        values.push(vr);
        formulas.push(fr);
      }
    const propsOf = () =>
      values.map((row, r) =>
        row.map((_, c) => {
          const cell = s.cells.get(address(b!.top + r, b!.left + c));
          return {
            format: {
              fill: cell?.fill ? { color: cell.fill, pattern: "Solid" } : { color: "#FFFFFF", pattern: "None" },
            },
          };
        }),
      );
    const bb = b ?? { top: 0, left: 0, bottom: 0, right: 0 };
    const loaded = new Set<string>();
    const range = new OfficeMockObject({
      values: b ? values : [[""]],
      formulas: b ? formulas : [[""]],
      rowIndex: bb.top,
      columnIndex: bb.left,
      rowCount: bb.bottom - bb.top + 1,
      columnCount: bb.right - bb.left + 1,
      address: `${s.name}!${address(bb.top, bb.left)}:${address(bb.bottom, bb.right)}`,
    });
    const mock = range as unknown as { load: (p: string) => unknown; isNullObject: unknown };
    const load = mock.load.bind(range);
    mock.load = (p: string) => {
      for (const k of String(p).split(",")) loaded.add(k.trim());
      load(p);
      return range;
    };
    this.path();
    this.track(
      range,
      () =>
        (loaded.has("values") ? bytes(values) : 0) + (loaded.has("formulas") ? bytes(formulas) : 0) + 40 * loaded.size,
    );
    mock.isNullObject = "Error, context.sync() was not called";
    this.loaded(() => () => (mock.isNullObject = b === null));
    let executed = false; // its response is counted once the batch ran it
    let resolved = false; // readable once the response came back
    this.later(() => (executed = true));
    this.loaded(() => () => (resolved = true));
    Object.assign(range, {
      getCellProperties: () => {
        this.track({}, () => (executed ? bytes(propsOf()) : 0));
        return {
          get value() {
            if (!resolved) throw new Error("getCellProperties: context.sync() was not called");
            return propsOf();
          },
        };
      },
      getIntersectionOrNullObject: (addr: string) => {
        const [p, q] = addr.split(":").map((a) => parseAddress(a)!);
        const cut = b && {
          top: Math.max(b.top, p.row),
          left: Math.max(b.left, p.col),
          bottom: Math.min(b.bottom, q.row),
          right: Math.min(b.right, q.col),
        };
        return this.readable(s, cut && cut.top <= cut.bottom && cut.left <= cut.right ? cut : null);
      },
    });
    return range;
  }

  /** Conditional formats of one sheet, as ConditionalFormatCollection shows them. */
  private conditionalFormats(s: FakeSheet) {
    const holder = { items: "Error, context.sync() was not called" as unknown };
    return Object.assign(holder, {
      load: () => {
        const list = s.cfs.map((cf) => ({
          type: cf.type,
          priority: cf.priority,
          customOrNullObject:
            cf.type === "Custom" ? { isNullObject: false, rule: { formula: cf.formula } } : { isNullObject: true },
          // ConditionalFormat.getRanges (ExcelApi 1.9): the RangeAreas it applies to, its address
          // sheet-qualified per area ("Sheet1!A1:B4, Sheet1!D1:D4"), known after the next sync
          // (https://learn.microsoft.com/javascript/api/excel/excel.conditionalformat#excel-excel-conditionalformat-getranges-member(1)).
          getRanges: () => {
            if (this.api < 9) throw hostError("ApiNotFound", "ConditionalFormat.getRanges needs ExcelApi 1.9");
            this.path();
            const areas = { address: "Error, context.sync() was not called", load: () => areas };
            const addr = () => cf.refs.map((r) => `'${s.name.replace(/'/g, "''")}'!${r}`).join(", ");
            this.track({}, () => 40 + addr().length);
            this.loaded(() => {
              const a = addr();
              return () => (areas.address = a);
            });
            return areas;
          },
          delete: () =>
            this.later(() => {
              this.guard(s, "conditional format");
              const i = s.cfs.indexOf(cf);
              if (i < 0) throw hostError("ItemNotFound", "conditional format");
              s.cfs.splice(i, 1);
              s.cfs.forEach((f, k) => (f.priority = k));
            }),
        }));
        this.path();
        this.track({}, () => bytes(list.map((x) => [x.type, x.customOrNullObject])));
        this.loaded(() => () => (holder.items = list));
        return holder;
      },
    });
  }

  private format(refs: () => string[], s: FakeSheet) {
    const apply = (f: (c: FakeCell) => void, arg: unknown) =>
      this.later(() => {
        this.guard(s, "format");
        refs().forEach((ref) => f(this.cell(s, ref)));
      }, arg);
    const fill = {
      set color(v: string) {
        apply((c) => (c.fill = v.toUpperCase()), v);
      },
      clear: () => apply((c) => (c.fill = null), null),
    };
    const font = {
      set bold(v: boolean) {
        apply((c) => (c.bold = v), v);
      },
      italic: false,
      size: 11,
    };
    return {
      fill,
      font,
      horizontalAlignment: "General",
      wrapText: false,
      columnWidth: 0,
      rowHeight: 0,
      borders: { getItem: () => ({ style: "None" }) },
    };
  }

  private areas(s: FakeSheet, addr: string) {
    this.path(addr);
    const refs = () => addr.split(",").flatMap((a) => cellsOf(a.trim()));
    const conditionalFormats = {
      add: (type: string) => {
        const spec = { formula: "", fill: null as string | null, priority: -1 };
        const cf = {
          custom: {
            rule: {
              set formula(f: string) {
                spec.formula = f;
              },
            },
            format: {
              fill: {
                set color(c: string) {
                  spec.fill = c.toUpperCase();
                },
              },
            },
          },
          set priority(p: number) {
            spec.priority = p;
          },
        };
        this.later(() => {
          this.guard(s, "conditional format");
          // Priority is the index in the sheet's list; setting it moves the others down.
          const cf = { refs: refs(), type, ...spec };
          if (spec.priority < 0 || spec.priority >= s.cfs.length) s.cfs.push(cf);
          else s.cfs.splice(spec.priority, 0, cf);
          s.cfs.forEach((f, i) => (f.priority = i));
        }, [type, addr]);
        // The formula and the colour travel as two more actions.
        this.path(null);
        this.path(null);
        return cf;
      },
    };
    return { format: this.format(refs, s), address: addr, conditionalFormats };
  }

  private writable(s: FakeSheet, top: number, left: number, h: number, w: number) {
    const later = (op: Op, arg: unknown) => this.later(op, arg);
    const guard = () => this.guard(s, "values");
    const written = this.valuesWritten;
    const cell = (r: number, c: number) => this.cell(s, address(top + r, left + c));
    const refs = () => {
      const out: string[] = [];
      for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) out.push(address(top + r, left + c));
      return out;
    };
    this.path([top, left, h, w]);
    const at: At = { sheet: s, top, left, bottom: top + h - 1, right: left + w - 1 };
    return {
      [AT]: at,
      set values(vals: unknown[][]) {
        later(() => {
          guard();
          written.add(s.id);
          vals.forEach((row, r) =>
            row.forEach((v, c) => {
              const x = cell(r, c);
              x.v = v === "" ? null : (v as FakeCell["v"]);
              delete x.f;
            }),
          );
        }, vals);
      },
      set numberFormat(nf: string[][]) {
        later(() => nf.forEach((row, r) => row.forEach((v, c) => (cell(r, c).numberFormat = v))), nf);
      },
      format: this.format(refs, s),
      merge: () => later(() => s.merges.push(`${address(top, left)}:${address(top + h - 1, left + w - 1)}`), null),
      select: () => later(() => (this.selected = `${s.name}!${address(top, left)}`), null),
      conditionalFormats: this.conditionalFormats(s),
    };
  }

  private notes(s: FakeSheet) {
    const noteAt = (ref: string) => {
      const c = s.cells.get(ref);
      if (!c || c.note === null) throw hostError("ItemNotFound", `note ${ref}`);
      return c;
    };
    const holder = { items: "Error, context.sync() was not called" as unknown };
    return Object.assign(holder, {
      add: (ref: string, text: string) =>
        this.later(() => {
          this.guard(s, "note");
          const c = this.cell(s, ref);
          if (c.note !== null) throw hostError("InvalidArgument", `${ref} already has a note`);
          c.note = text;
        }, [ref, text]),
      getItem: (ref: string) => {
        this.path(ref);
        const later = (op: Op, arg: unknown) => this.later(op, arg);
        const guard = () => this.guard(s, "note");
        return {
          set content(text: string) {
            later(() => {
              guard();
              noteAt(ref).note = text;
            }, text);
          },
          delete: () =>
            this.later(() => {
              this.guard(s, "note");
              noteAt(ref).note = null;
            }),
        };
      },
      getItemOrNullObject: (ref: string) => {
        this.path(ref);
        const note = s.cells.get(ref)?.note ?? null;
        // Like Office.js: isNullObject is known after the next sync, content only if loaded.
        const probe = this.track(new OfficeMockObject({ content: note ?? "" }), () => 60 + bytes(note));
        const holder = probe as unknown as { isNullObject: unknown };
        holder.isNullObject = "Error, context.sync() was not called";
        this.loaded(() => () => (holder.isNullObject = note === null));
        return probe;
      },
      load: () => {
        // Notes in sheet order (row by row), each with its cell as getLocation() gives it.
        const list = [...s.cells]
          .filter(([, c]) => c.note !== null)
          .map(([ref, c]) => ({ ref, cell: c, pos: parseAddress(ref)! }))
          .sort((a, b) => a.pos.row - b.pos.row || a.pos.col - b.pos.col)
          .map(({ cell }) =>
            this.settableContent(s, cell, {
              delete: () =>
                this.later(() => {
                  this.guard(s, "note");
                  if (cell.note === null) throw hostError("ItemNotFound", "note");
                  cell.note = null;
                }),
              getLocation: () => {
                this.path();
                const loc = { address: "Error, context.sync() was not called" as string, load: () => loc };
                this.track({}, () => 60);
                this.loaded(() => {
                  const at = [...s.cells].find(([, c]) => c === cell);
                  if (!at) throw hostError("ItemNotFound", "note");
                  return () => (loc.address = `'${s.name}'!${at[0]}`);
                });
                return loc;
              },
            }),
          );
        this.path();
        this.track({}, () => bytes(list.map((n) => n.content)) + 20 * list.length);
        this.loaded(() => () => (holder.items = list));
        return holder;
      },
    });
  }

  /**
   * A listed note's `content`: read as loaded, set as an action of the next batch (Note.content,
   * ExcelApi 1.18: "Gets or sets the text of the note", https://learn.microsoft.com/javascript/api/excel/excel.note).
   */
  private settableContent<T extends object>(s: FakeSheet, cell: FakeCell, item: T): T & { content: string } {
    const loaded = cell.note as string;
    return Object.defineProperty(item, "content", {
      enumerable: true,
      get: () => loaded,
      set: (text: string) =>
        this.later(() => {
          this.guard(s, "note");
          if (cell.note === null) throw hostError("ItemNotFound", "note");
          cell.note = text;
        }, text),
    }) as T & { content: string };
  }

  /** ChartCollection.add and the parts of a chart the add-in sets. */
  private charts(s: FakeSheet) {
    return {
      add: (type: string, source: { [AT]: At }, seriesBy = "Auto") => {
        const src = source[AT];
        const ref = `${address(src.top, src.left)}:${address(src.bottom, src.right)}`;
        const chart: FakeChart = {
          name: `Chart ${s.charts.length + 1}`,
          type,
          source: `${src.sheet.name}!${ref}`,
          title: null,
          categoryTitle: null,
          valueTitle: null,
          legend: null,
          position: null,
          categories: [],
          series: [],
        };
        this.later(() => {
          this.guard(s, "chart");
          if (!CHART_TYPES.has(type) || !SERIES_BY.has(seriesBy))
            throw hostError("InvalidArgument", `chart type ${type}, seriesBy ${seriesBy}`);
          const p = { row: src.top, col: src.left };
          const q = { row: src.bottom, col: src.right };
          const at = (r: number, c: number) => src.sheet.cells.get(address(r, c))?.v ?? null;
          const byRows = seriesBy === "Rows";
          const labelled = at(p.row, p.col) === null;
          // Along a series (down a column for "Columns") and across the series.
          const [along0, along1, across0, across1] = byRows
            ? [p.col, q.col, p.row, q.row]
            : [p.row, q.row, p.col, q.col];
          const get = (along: number, across: number) => (byRows ? at(across, along) : at(along, across));
          const first = labelled ? 1 : 0;
          const list: number[] = [];
          for (let k = across0 + first; k <= across1; k++) list.push(k);
          if (list.length > MAX_SERIES) throw hostError("InvalidArgument", `${list.length} series (255 at most)`);
          const points: number[] = [];
          for (let a = along0 + first; a <= along1; a++) points.push(a);
          chart.categories = labelled ? points.map((a) => get(a, across0)) : points.map((_, i) => i + 1);
          chart.series = list.map((k, i) => ({
            name: labelled ? String(get(along0, k) ?? "") : `Series${i + 1}`,
            values: points.map((a) => get(a, k)),
          }));
          s.charts.push(chart);
        }, [type, ref, seriesBy]);
        const set = (f: (v: string) => void) => (v: string) => this.later(() => f(v), v);
        const titled = (f: (v: string) => void) => ({
          set text(v: string) {
            set(f)(v);
          },
        });
        return {
          set name(v: string) {
            set((x) => (chart.name = x))(v);
          },
          title: titled((v) => (chart.title = v)),
          axes: {
            categoryAxis: { title: titled((v) => (chart.categoryTitle = v)) },
            valueAxis: {
              title: titled((v) => (chart.valueTitle = v)),
              set numberFormat(v: string) {
                set((x) => (chart.valueFormat = x))(v);
              },
            },
          },
          dataLabels: {
            set showValue(v: boolean) {
              set(() => (chart.labels = v))(String(v));
            },
            set numberFormat(v: string) {
              set((x) => (chart.labelFormat = x))(v);
            },
          },
          legend: {
            set position(v: string) {
              set((x) => (chart.legend = x))(v);
            },
          },
          setPosition: (start: string, end?: string) =>
            this.later(() => (chart.position = end ? [start, end] : [start]), [start, end]),
        };
      },
    };
  }

  private worksheet(s: FakeSheet) {
    this.path(s.id);
    const ws = this.track(new OfficeMockObject({ name: s.name, id: s.id, visibility: s.visibility }), () => 120);
    const protection = this.track(new OfficeMockObject({ protected: s.protected }), () => 30);
    Object.assign(ws, {
      getUsedRange: (valuesOnly = false) => {
        const b = this.usedBounds(s, valuesOnly);
        return this.readable(s, b ?? { top: 0, left: 0, bottom: 0, right: 0 });
      },
      getUsedRangeOrNullObject: (valuesOnly = false) => this.readable(s, this.usedBounds(s, valuesOnly)),
      getRanges: (addr: string) => this.areas(s, addr),
      getRange: (addr?: string) => {
        if (!addr) return this.writable(s, 0, 0, 1048576, 16384);
        const p = parseAddress(addr.split(":")[0])!;
        const q = parseAddress(addr.split(":")[1] ?? addr)!;
        return this.writable(s, p.row, p.col, q.row - p.row + 1, q.col - p.col + 1);
      },
      getRangeByIndexes: (r: number, c: number, h: number, w: number) => this.writable(s, r, c, h, w),
      notes: this.notes(s),
      charts: this.charts(s),
      pageLayout: this.pageLayout(s),
      horizontalPageBreaks: {
        add: (cell: string) => {
          // A break goes before a cell of the sheet ("A21"); anything else is InvalidArgument.
          if (!parseAddress(cell)) throw hostError("InvalidArgument", `page break at ${cell}`);
          this.later(() => s.page.rowBreaks.push(cell));
        },
      },
      protection,
      freezePanes: {
        freezeAt: () => this.later(() => (s.frozen = "at")),
        freezeRows: (n: number) => this.later(() => (s.frozen = `rows:${n}`)),
        freezeColumns: (n: number) => this.later(() => (s.frozen = `cols:${n}`)),
      },
      activate: () => this.later(() => (this.active = this.sheets.indexOf(s))),
      delete: () => this.later(() => this.sheets.splice(this.sheets.indexOf(s), 1)),
    });
    return ws as unknown as Excel.Worksheet;
  }

  /**
   * Worksheet.pageLayout (ExcelApi 1.9). Refused as Excel refuses them (InvalidArgument): a zoom
   * scale outside 10–400 ("Print page scale value can be between 10 and 400",
   * Excel.PageLayoutZoomOptions), and print titles that are not whole rows ("$1:$2") or whole
   * columns ("$A:$B"): setPrintTitleRows/Columns take "the rows/columns that contain the cells
   * to be repeated" (Excel.PageLayout reference).
   */
  private pageLayout(s: FakeSheet) {
    const refuse = (what: string) => {
      throw Object.assign(new Error(`InvalidArgument: ${what}`), { code: "InvalidArgument" });
    };
    const set = <K extends keyof FakePageLayout>(key: K) => ({
      set: (v: FakePageLayout[K]) => this.later(() => (s.page[key] = v)),
      enumerable: true,
    });
    const headers = {};
    for (const key of ["leftHeader", "centerHeader", "rightHeader", "leftFooter", "centerFooter", "rightFooter"])
      Object.defineProperty(headers, key, { set: (v: string) => this.later(() => (s.page.headers[key] = v)) });
    const pl = {
      headersFooters: { defaultForAllPages: headers },
      setPrintTitleRows: (rows: string) => {
        if (!/^\$?\d+:\$?\d+$/.test(rows)) refuse(`print title rows ${rows}`);
        this.later(() => (s.page.printTitleRows = rows));
      },
      setPrintTitleColumns: (cols: string) => {
        if (!/^\$?[A-Z]+:\$?[A-Z]+$/.test(cols)) refuse(`print title columns ${cols}`);
        this.later(() => (s.page.printTitleColumns = cols));
      },
    };
    Object.defineProperties(pl, {
      paperSize: set("paperSize"),
      orientation: set("orientation"),
      centerHorizontally: set("centerHorizontally"),
      zoom: {
        set: (z: FakePageLayout["zoom"]) => {
          if (z?.scale !== undefined && (z.scale < 10 || z.scale > 400)) refuse(`zoom scale ${z.scale}`);
          this.later(() => (s.page.zoom = z));
        },
      },
    });
    return pl;
  }

  private collection<T>(items: () => T[], size: (list: T[]) => number = () => 0) {
    const holder = { items: "Error, context.sync() was not called" as unknown as T[] };
    return Object.assign(holder, {
      load: () => {
        const list = items();
        for (const x of list) (x as { load?: () => void }).load?.();
        this.track({}, () => size(list));
        this.loaded(() => () => (holder.items = list));
        return holder;
      },
    });
  }

  private context() {
    const settingsColl = this.collection(
      () => [...this.settings].map(([key, value]) => ({ key, value })),
      (list) => bytes(list),
    );
    const worksheets = Object.assign(
      this.collection(() => this.sheets.map((s) => this.worksheet(s))),
      {
        getActiveWorksheet: () => this.worksheet(this.sheets[this.active]),
        getItem: (key: string) => this.worksheet(this.sheet(key)),
        add: (name: string) => {
          const s = this.blank(name);
          this.later(() => {
            if (this.sheets.some((x) => x.name.toLowerCase() === name.toLowerCase()))
              throw hostError("ItemAlreadyExists", name);
            this.sheets.push(s);
          }, name);
          return this.worksheet(s);
        },
        onChanged: {
          add: (h: FakeExcel["handlers"][number]) => {
            this.handlers.push(h);
            return {
              remove: () => this.later(() => (this.handlers = this.handlers.filter((x) => x !== h))),
            };
          },
        },
      },
    );
    const workbook = this.track(new OfficeMockObject({ name: this.name }), () => 60);
    Object.assign(workbook, {
      worksheets,
      settings: Object.assign(settingsColl, {
        add: (key: string, value: string) => this.later(() => this.settings.set(key, value), [key, value]),
      }),
    });
    return { workbook, sync: () => this.sync() };
  }
}
