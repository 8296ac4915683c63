/**
 * An in-memory SpreadsheetApp (and the few other Apps Script services the script uses) that
 * counts every call, for running the BUILT dist/appsscript/Code.js in a Node vm context with
 * nothing else in it. As far as the script uses them: spreadsheets, tabs, ranges (values,
 * formulas, backgrounds, notes, number formats, fonts), merges and frozen panes, protections
 * (enforced for an editor behind the link), conditional format rules (evaluated for the one
 * formula shape the script writes), menus, toasts, sidebars, locks and document properties.
 *
 * Embedded charts (Sheet.newChart → EmbeddedChartBuilder → build, Sheet.insertChart;
 * https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder) are built
 * from the cells of their ranges when inserted: a column chart's first column is its domain (the
 * categories) and each other column a series (the default for a range whose first column is text,
 * https://developers.google.com/chart/interactive/docs/gallery/columnchart#data-format); the first
 * row holds the series names only when setNumHeaders(1) says so, or, left at Sheets' guess, when
 * it is all text. The anchor (setPosition: 1-based row and column) must lie in the tab, like any
 * range; a chart with no range is refused at build().
 *
 * It is strict where Sheets is strict, and each refusal below cites where that is documented or
 * reported (messages in quotes are Sheets' own). Sheets' side, as a person uses it, is modelled
 * too: typing and pasting (`type`, `paste`: parsed by the cell's number format, refused on a
 * protected cell, then onEdit), duplicating and deleting a tab.
 *
 * Every menu click or trigger is its own execution (`run`, `script()`): the bundle is loaded into
 * fresh globals each time (https://developers.google.com/apps-script/guides/triggers: simple
 * triggers and menu items each run the function anew; nothing global survives), and a test may
 * run another execution in the middle of one (`between`), as two people typing at once do. The
 * model cannot block: a lock held by a suspended execution makes tryLock return false and
 * waitLock throw, as they do in Sheets when the wait times out.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import { address, type Finding, LIKELY_CAUSE, MARK_COLORS, parseAddress } from "../../shared";
import { ensureTargets } from "./build";

type V = string | number | boolean | Date;

/** dist/appsscript, rebuilt first when missing or stale. */
export function builtAppsScript(): string {
  ensureTargets(["appsscript"]);
  return join(__dirname, "..", "..", "dist", "appsscript");
}

/**
 * The marks a check should leave, as [ref, colour] sorted (spec §3b): a likely mistyped cell is an
 * error; a rule finding that a likely cause on another cell explains marks nothing (a consequence);
 * a tie between candidate cells marks none of them; every other finding marks its cell, the worst
 * severity winning.
 */
export function expectedMarks(findings: readonly Finding[]): [string, string][] {
  const out = new Map<string, string>();
  for (const f of findings) {
    if (f.rule === LIKELY_CAUSE ? f.alternatives : f.explainedBy && !f.explainedBy.includes(f.cells[0])) continue;
    const ref = f.cells[0];
    if (!ref) continue;
    if (f.severity === "error" || !out.has(ref))
      out.set(ref, f.severity === "error" ? MARK_COLORS.error : MARK_COLORS.warning);
  }
  return [...out].sort();
}

/** The highlight colours as the script paints them (shared/output-sheets.ts MARK_COLORS). */
const MARKS = new Set(["#FFC7CE", "#FFEB9C"]);

interface Cell {
  v: V;
  bg: string | null;
  note: string;
  /** Number format; undefined is Sheets' automatic format. */
  nf?: string;
  bold?: boolean;
}

export interface CfRule {
  formula: string;
  background: string;
  ranges: FakeRange[];
}

export interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export class ProtectedError extends Error {}

/** An embedded chart as the fake builds it from its ranges when inserted. */
export interface GasChart {
  type: string;
  title: string | null;
  xTitle: string | null;
  yTitle: string | null;
  legend: string | null;
  anchor: string;
  ranges: string[];
  categories: V[];
  series: { name: string; values: V[] }[];
  /** EmbeddedChartBuilder.setOption(key, value), by key. */
  options: Record<string, unknown>;
}

/** Charts.Position and Charts.ChartType, as the script reads them from the Charts service. */
export const CHARTS_ENUMS = {
  Position: { BOTTOM: "BOTTOM", TOP: "TOP", RIGHT: "RIGHT", NONE: "NONE" },
  ChartType: { COLUMN: "COLUMN", BAR: "BAR", LINE: "LINE", PIE: "PIE" },
};

/**
 * Sheets' message when an editor writes into a protected range, by script or by hand
 * (https://developers.google.com/apps-script/reference/spreadsheet/protection: "editors" may edit,
 * everyone else is refused; the script runs as the person typing in a simple trigger).
 */
const PROTECTED =
  "You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.";

/**
 * A value as Sheets stores it when it is typed, pasted or written by setValues: a formula stays a
 * formula; under the plain-text format ("@") everything stays text; otherwise a number in the
 * spreadsheet's locale becomes a number (vi_VN: "." groups thousands, "," is the decimal mark).
 * Plain text keeps "a string of numbers as text" (Format → Number → Plain text; described in
 * https://blog.sheetgo.com/google-sheets-features/google-sheets-data-formats-guide/).
 */
export function parseTyped(v: V, nf: string | undefined, locale: string): V {
  // A leading apostrophe keeps what follows as text and is not shown as part of it ("if you type
  // '0001 it will keep the leading zeros and treat it as a string":
  // https://github.com/theoephraim/node-google-spreadsheet/issues/696).
  if (typeof v === "string" && v.startsWith("'")) return v.slice(1);
  if (typeof v !== "string" || v === "" || v.startsWith("=") || nf === "@") return v;
  const s = v.trim();
  const vi = /^vi/i.test(locale);
  const plain = vi ? /^-?\d+(,\d+)?$/ : /^-?\d+(\.\d+)?$/;
  const grouped = vi ? /^-?\d{1,3}(\.\d{3})+(,\d+)?$/ : /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;
  if (!plain.test(s) && !grouped.test(s)) return v;
  const [thousands, decimal] = vi ? [".", ","] : [",", "."];
  return Number(s.split(thousands).join("").replace(decimal, "."));
}

export class GasFake {
  calls = new Map<string, number>();
  /** Cells read by getValues and getFormulas (a read's cost grows with them; the calls do not show it). */
  cellsRead = 0;
  toasts: { msg: string; title?: string }[] = [];
  menus: { name: string; items: [string, string][] }[] = [];
  sidebars: { file: string; title: string }[] = [];
  props = new Map<string, string>();
  /**
   * "owner" runs menu commands; "editor" is someone behind the shared link (simple triggers);
   * "anonymous" an editor who is not signed in, for whom Sheets runs no simple trigger (issue 24,
   * point 9, reproduced against the restrictions of simple triggers in
   * https://developers.google.com/apps-script/guides/triggers#restrictions; docs/apps-script.md
   * asks units to sign in for this reason): their edits change cells and nothing runs.
   */
  user: "owner" | "editor" | "anonymous" = "owner";
  /** The person running menu commands may edit through this group (not as a named editor), when set. */
  runnerGroup: string | undefined;
  /** The document lock is held by some other execution (a merge elsewhere) for as long as this is set. */
  lockTakenElsewhere = false;
  locale = "vi_VN";
  sheets: FakeSheet[] = [];
  active = 0;
  /** The range a script activated last, as "Tab!A1". */
  selection = "";
  nextId = 1000;
  name = "Phụ lục 02 – Hải Phòng";
  /** Lock kind → the execution holding it. */
  locks = new Map<string, number>();
  /** Executions started so far; the one running now. */
  executions = 0;
  current = 0;
  private code: vm.Script | undefined;
  private hook: { after: string; nth: number; run: () => void } | undefined;
  private quiet = 0;

  constructor(private dist: string) {}

  count(name: string): void {
    if (!this.quiet) this.calls.set(name, (this.calls.get(name) ?? 0) + 1);
  }

  /** After a call of the script's: another execution may run here (`between`). */
  private after(name: string): void {
    const h = this.hook;
    if (this.quiet) return;
    if (h && name === h.after && --h.nth === 0) {
      this.hook = undefined;
      h.run();
    }
  }

  total(): number {
    let n = 0;
    for (const v of this.calls.values()) n += v;
    return n;
  }

  reset(): void {
    this.calls.clear();
    this.cellsRead = 0;
  }

  /** What the fake does as the user (typing, building an event) is not a call of the script's. */
  asUser<T>(f: () => T): T {
    this.quiet++;
    try {
      return f();
    } finally {
      this.quiet--;
    }
  }

  /**
   * Runs `run` (another execution) right after the nth call named `after` of what runs next:
   * the two executions interleave there.
   */
  between(after: string, run: () => void, nth = 1): void {
    this.hook = { after, nth, run };
  }

  /** Cells the simple trigger running now has read (undefined: no simple trigger is running). */
  private triggerCells: number | undefined;

  /**
   * A simple trigger may run 30 s (https://developers.google.com/apps-script/guides/triggers#restrictions:
   * "They cannot run for longer than 30 seconds"). Reading a large tab is what takes the time: a
   * tab of a million cells was measured at 5–40 s per read (issue 24), so the model stops an
   * onEdit that has read more than 30 s at the slow rate, 25,000 cells a second.
   */
  static readonly TRIGGER_CELLS = 30 * 25000;

  /** getValues/getFormulas: counted, and refused past the simple trigger's time (returns nothing). */
  read(cells: number): undefined {
    this.cellsRead += cells;
    if (this.triggerCells === undefined) return undefined;
    this.triggerCells += cells;
    if (this.triggerCells > GasFake.TRIGGER_CELLS) throw new Error("Exceeded maximum execution time");
    return undefined;
  }

  /** Runs `f` as the body of a simple trigger (its reads limited as onEdit's are). */
  asTrigger<T>(f: () => T): T {
    const outer = this.triggerCells;
    this.triggerCells = 0;
    try {
      return f();
    } finally {
      this.triggerCells = outer;
    }
  }

  /** One execution: the bundle in fresh globals, then `fn` called; its locks are released at the end. */
  run(fn: string, ...args: unknown[]): unknown {
    const id = ++this.executions;
    const outer = this.current;
    const outerCells = this.triggerCells;
    this.triggerCells = fn === "onEdit" || fn === "onOpen" ? 0 : undefined;
    this.current = id;
    try {
      const ctx = vm.createContext(this.globals(id));
      (this.code ??= new vm.Script(readFileSync(join(this.dist, "Code.js"), "utf8"), {
        filename: "Code.js",
      })).runInContext(ctx);
      return (ctx as unknown as Record<string, (...a: unknown[]) => unknown>)[fn](...args);
    } finally {
      for (const [kind, holder] of this.locks) if (holder === id) this.locks.delete(kind);
      this.current = outer;
      this.triggerCells = outerCells;
    }
  }

  /** The script's functions, each call its own execution. */
  script(): Record<string, (...args: unknown[]) => unknown> {
    return new Proxy(
      {},
      {
        get:
          (_, fn: string) =>
          (...args: unknown[]) =>
            this.run(fn, ...args),
      },
    );
  }

  addSheet(name: string, rows: (V | null | undefined)[][] = []): FakeSheet {
    const s = new FakeSheet(this, name, this.nextId++);
    rows.forEach((row, r) => row?.forEach((v, c) => v !== null && v !== undefined && v !== "" && s.set(r, c, v)));
    this.sheets.push(s);
    return s;
  }

  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`no tab ${name}`);
    return s;
  }

  // ------------------------------------------------------------------ the person at the keyboard

  /**
   * Types or pastes `rows` at `ref` as the current user: refused on a protected cell (Sheets
   * shows the PROTECTED message and keeps the old value), each value parsed by its cell's number
   * format; then onEdit runs as its own execution, with e.value for one typed cell and none for
   * a paste (https://developers.google.com/apps-script/guides/triggers/events#edit).
   */
  paste(tab: string, ref: string, rows: V[][]): unknown {
    const s = this.sheet(tab);
    const p = parseAddress(ref)!;
    const nr = rows.length;
    const nc = rows[0].length;
    s.within(p.row, p.col, nr, nc);
    new FakeRange(s, p.row, p.col, nr, nc).guard();
    rows.forEach((row, i) =>
      row.forEach((v, j) => {
        const cell = s.cell(p.row + i, p.col + j);
        cell.v = parseTyped(v, cell.nf, this.locale);
      }),
    );
    if (this.user === "anonymous") return undefined;
    const range = this.asUser(() => new FakeRange(s, p.row, p.col, nr, nc).api());
    const one = nr === 1 && nc === 1;
    return this.run("onEdit", one ? { range, value: String(rows[0][0]) } : { range });
  }

  /**
   * Copy and paste of a block from one tab onto the same cells of another, as Ctrl+C / Ctrl+V: the
   * values and the conditional format rules over the block come along (Paste special offers
   * "conditional formatting only" as a part of what a paste carries; issue 24, point 12,
   * reproduced it), the rules' formulas unchanged, then onEdit runs for the pasted range.
   */
  pasteFrom(from: string, a1: string, to: string): unknown {
    const src = this.sheet(from);
    const dst = this.sheet(to);
    const [x, y] = a1.split(":").map((a) => parseAddress(a)!);
    const block = new FakeRange(src, x.row, x.col, y.row - x.row + 1, y.col - x.col + 1);
    dst.within(block.r, block.c, block.nr, block.nc);
    for (let r = block.r; r < block.r + block.nr; r++)
      for (let c = block.c; c < block.c + block.nc; c++) {
        const cell = src.cellAt(r, c);
        if (cell) dst.cell(r, c).v = cell.v;
        else if (dst.cellAt(r, c)) dst.cell(r, c).v = "";
      }
    for (const rule of src.cf) {
      const over = rule.ranges.flatMap((q) => {
        const r0 = Math.max(q.r, block.r);
        const c0 = Math.max(q.c, block.c);
        const r1 = Math.min(q.r + q.nr, block.r + block.nr);
        const c1 = Math.min(q.c + q.nc, block.c + block.nc);
        return r0 < r1 && c0 < c1 ? [new FakeRange(dst, r0, c0, r1 - r0, c1 - c0)] : [];
      });
      if (over.length) dst.cf.push({ ...rule, ranges: over });
    }
    if (this.user === "anonymous") return undefined;
    const range = this.asUser(() => new FakeRange(dst, block.r, block.c, block.nr, block.nc).api());
    return this.run("onEdit", { range });
  }

  type(tab: string, ref: string, text: string): unknown {
    return this.paste(tab, ref, [[text]]);
  }

  /**
   * Sheets' "Duplicate": values, formats, merges, frozen panes and conditional format rules (the
   * same formulas, so they still read the original's block) are copied; the copy is a new tab
   * with a new id, right after the original. With `protections`, the tab's protection comes
   * along, as issue 24 (point 10) reproduced: the unit may then not replace the copy's rules.
   */
  duplicate(tab: string, name = `Bản sao của ${tab}`, opts: { protections?: boolean } = {}): FakeSheet {
    const src = this.sheet(tab);
    const copy = new FakeSheet(this, name, this.nextId++);
    copy.rows = src.rows.map((row) => row?.map((c) => (c ? { ...c } : c)));
    copy.cf = src.cf.map((r) => ({
      ...r,
      ranges: r.ranges.map((x) => new FakeRange(copy, x.r, x.c, x.nr, x.nc)),
    }));
    copy.mergeAreas = src.mergeAreas.map((m) => ({ ...m }));
    copy.frozen = { ...src.frozen };
    copy.maxRows = src.maxRows;
    copy.maxCols = src.maxCols;
    if (opts.protections)
      for (const p of src.protections) {
        const q = new FakeProtection(copy);
        q.editors = [...p.editors];
        q.domainEdit = p.domainEdit;
        q.unprotected = p.unprotected.map((x) => new FakeRange(copy, x.r, x.c, x.nr, x.nc));
        copy.protections.push(q);
      }
    this.sheets.splice(this.sheets.indexOf(src) + 1, 0, copy);
    return copy;
  }

  /** The user deletes a tab (the hidden helper tab too: Sheets lets an editor unhide and delete it). */
  deleteTab(tab: string): void {
    this.sheets.splice(this.sheets.indexOf(this.sheet(tab)), 1);
    this.active = Math.min(this.active, this.sheets.length - 1);
  }

  /**
   * Whether the rule shape the script writes holds at `p`: the cell's twin in the helper tab's
   * block says the code, the value under it equals the cell's own value now (a relative reference
   * in a conditional format's custom formula is to each cell in turn, counted from the range's
   * first cell: https://blog.wxm.be/2016/11/28/custom-conditional-formatting-google-sheets.html,
   * "relative referencing in this context seems to place A1 at the current cell"), and the sum of the table's numbers
   * equals the one written in the block. Sheets compares text without case, a blank as 0 or "";
   * SUM over a cell holding an error is an error (IFERROR then gives "err").
   */
  private holds(
    sheet: FakeSheet,
    rule: CfRule,
    range: FakeRange,
    p: { row: number; col: number },
  ): boolean | undefined {
    const m =
      /^=AND\(INDIRECT\("'(.+)'!R"&\(ROW\(\)\+(-?\d+)\)&"C"&\(COLUMN\(\)-(\d+)\),FALSE\)="(\w)",IFERROR\(INDIRECT\("'.+'!R"&\(ROW\(\)\+(-?\d+)\)&"C"&\(COLUMN\(\)-(\d+)\),FALSE\)=([A-Z]+\d+),TRUE\),IFERROR\(ROUND\(SUM\(\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)\),6\),"err"\)=INDIRECT\("'.+'!R(\d+)C(\d+)",FALSE\)\)$/.exec(
        rule.formula,
      );
    if (!m) return undefined;
    const helper = this.sheets.find((s) => s.name === m[1]);
    if (!helper) return false;
    if (helper.get(p.row + Number(m[2]), p.col - Number(m[3])) !== m[4]) return false;
    const corner = parseAddress(m[7])!;
    const cur = sheet.value(corner.row + p.row - range.r, corner.col + p.col - range.c);
    const seen = helper.get(p.row + Number(m[5]), p.col - Number(m[6])) ?? "";
    const isErr = (v: V) => typeof v === "string" && v.startsWith("#");
    const same = (a: V, b: V) =>
      a === b ||
      (a === "" && (b === 0 || b === "")) ||
      (b === "" && a === 0) ||
      (typeof a === "string" && typeof b === "string" && a.toLowerCase() === b.toLowerCase());
    if (!isErr(cur) && !same(seen, cur)) return false;
    const [p1, p2] = [parseAddress(`${m[8]}${m[9]}`)!, parseAddress(`${m[10]}${m[11]}`)!];
    let sum: number | string = 0;
    for (let r = p1.row; r <= p2.row && sum !== "err"; r++)
      for (let c = p1.col; c <= p2.col; c++) {
        const v = sheet.value(r, c);
        if (isErr(v)) {
          sum = "err";
          break;
        }
        if (typeof v === "number") sum = (sum as number) + v;
      }
    if (typeof sum === "number") sum = Math.round(sum * 1e6) / 1e6;
    return helper.get(Number(m[12]) - 1, Number(m[13]) - 1) === sum;
  }

  /** The colour a user sees: our conditional rules first, then the cell's own background. */
  shown(sheet: FakeSheet, ref: string): string | null {
    const p = parseAddress(ref)!;
    for (const rule of sheet.cf) {
      const range = rule.ranges.find((r) => r.contains(p.row, p.col));
      if (!range) continue;
      const held = this.holds(sheet, rule, range, p);
      if (held !== undefined) {
        if (held) return rule.background;
        continue;
      }
      // The rule shape the script writes: the cell's twin in a block of the helper tab, at an
      // offset of rows (any sign) and, in the current shape, of columns.
      const m =
        /^=INDIRECT\("'(.+)'!R"&\(ROW\(\)\+(-?\d+)\)&"C"&(?:COLUMN\(\)|\(COLUMN\(\)-(\d+)\)),FALSE\)="(\w)"$/.exec(
          rule.formula,
        );
      if (!m) continue;
      const helper = this.sheets.find((s) => s.name === m[1]);
      if (helper?.get(p.row + Number(m[2]), p.col - Number(m[3] ?? 0)) === m[4]) return rule.background;
    }
    return sheet.cellAt(p.row, p.col)?.bg ?? null;
  }

  /** Every cell that shows a highlight colour (anywhere our rules cover), as [ref, colour], sorted. */
  marks(sheet: FakeSheet): [string, string][] {
    const out = new Map<string, string>();
    for (const rule of sheet.cf)
      for (const x of rule.ranges)
        for (let r = x.r; r < x.r + x.nr; r++)
          for (let c = x.c; c < x.c + x.nc; c++) {
            const bg = this.shown(sheet, address(r, c));
            if (bg && MARKS.has(bg)) out.set(address(r, c), bg);
          }
    for (const [r, row] of sheet.rows.entries())
      row?.forEach((cell, c) => cell?.bg && MARKS.has(cell.bg) && out.set(address(r, c), cell.bg));
    return [...out].sort();
  }

  // ------------------------------------------------------------------ services

  /** The services as one execution sees them (`exec` owns the locks it takes). */
  globals(exec = ++this.executions): Record<string, unknown> {
    const fake = this;
    const spreadsheet = this.counted("Spreadsheet", {
      getSheets: () => fake.sheets.map((s) => s.api()),
      getNumSheets: () => fake.sheets.length,
      getSheetByName: (n: string) => fake.sheets.find((s) => s.name === n)?.api() ?? null,
      insertSheet: (n: string, index?: number) => {
        if (fake.sheets.some((s) => s.name === n)) throw new Error(`A sheet with the name "${n}" already exists.`);
        // The index must name a place among the current tabs, 0 … getNumSheets()
        // (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#insertsheetsheetname,-sheetindex).
        if (index !== undefined && (!Number.isInteger(index) || index < 0 || index > fake.sheets.length))
          throw new Error(
            `insertSheet: index ${index} is out of range (the spreadsheet has ${fake.sheets.length} sheets).`,
          );
        const s = new FakeSheet(fake, n, fake.nextId++);
        fake.sheets.splice(index ?? fake.sheets.length, 0, s);
        fake.active = fake.sheets.indexOf(s);
        return s.api();
      },
      deleteSheet: (api: unknown) => {
        const i = fake.sheets.findIndex((s) => s.api() === api);
        if (i < 0) throw new Error("deleteSheet: unknown sheet");
        fake.sheets.splice(i, 1);
        fake.active = Math.min(fake.active, fake.sheets.length - 1);
      },
      getActiveSheet: () => fake.sheets[fake.active].api(),
      getSpreadsheetLocale: () => fake.locale,
      toast: (msg: string, title?: string) => void fake.toasts.push({ msg, title }),
      getName: () => fake.name,
      getId: () => "fake-spreadsheet-id",
    });
    const menu = (name: string) => {
      const m = { name, items: [] as [string, string][] };
      const api = this.counted("Menu", {
        addItem: (label: string, fn: string) => (m.items.push([label, fn]), api),
        addSeparator: () => api,
        addToUi: () => void fake.menus.push(m),
      });
      return api;
    };
    const ui = this.counted("Ui", {
      createMenu: menu,
      showSidebar: (html: { out: { file: string; title: string } }) => void fake.sidebars.push({ ...html.out }),
      alert: (msg: string) => void fake.toasts.push({ msg, title: "alert" }),
    });
    const SpreadsheetApp = this.counted("SpreadsheetApp", {
      getActiveSpreadsheet: () => spreadsheet,
      getActive: () => spreadsheet,
      getUi: () => ui,
      flush: () => undefined,
      newConditionalFormatRule: () => {
        const rule: CfRule = { formula: "", background: "", ranges: [] };
        const b = this.counted("ConditionalFormatRuleBuilder", {
          whenFormulaSatisfied: (f: string) => ((rule.formula = f), b),
          setBackground: (c: string) => ((rule.background = c.toUpperCase()), b),
          setRanges: (r: FakeRange[]) => ((rule.ranges = r.map((x) => (x as unknown as { self: FakeRange }).self)), b),
          build: () => ruleApi(rule),
        });
        return b;
      },
      ProtectionType: { SHEET: "SHEET", RANGE: "RANGE" },
    });
    const ruleApi = (rule: CfRule) =>
      this.counted("ConditionalFormatRule", {
        rule,
        getBooleanCondition: () => ({ getCriteriaValues: () => [rule.formula] }),
        getRanges: () => rule.ranges.map((r) => r.api()),
      });
    const props = this.counted("Properties", {
      getProperties: () => Object.fromEntries(fake.props),
      getProperty: (k: string) => fake.props.get(k) ?? null,
      setProperty: (k: string, v: string) => void fake.props.set(k, v),
      setProperties: (o: Record<string, string>) => Object.entries(o).forEach(([k, v]) => fake.props.set(k, v)),
    });
    // One lock of each kind for all executions (https://developers.google.com/apps-script/reference/lock/lock-service).
    const lock = (kind: string) => {
      const free = () => {
        const holder = fake.locks.get(kind);
        return (holder === undefined || holder === exec) && !(kind === "document" && fake.lockTakenElsewhere);
      };
      return this.counted("Lock", {
        tryLock: () => {
          if (!free()) return false;
          fake.locks.set(kind, exec);
          return true;
        },
        waitLock: () => {
          // Sheets' message when the wait runs out (https://developers.google.com/apps-script/reference/lock/lock#waitlocktimeoutinmillis).
          if (!free()) throw new Error("Lock timeout: another process was holding the lock for too long.");
          fake.locks.set(kind, exec);
        },
        releaseLock: () => void (fake.locks.get(kind) === exec && fake.locks.delete(kind)),
        hasLock: () => fake.locks.get(kind) === exec,
      });
    };
    return {
      SpreadsheetApp,
      Charts: CHARTS_ENUMS,
      PropertiesService: this.counted("PropertiesService", { getDocumentProperties: () => props }),
      LockService: this.counted("LockService", {
        getDocumentLock: () => lock("document"),
        getScriptLock: () => lock("script"),
        getUserLock: () => lock(`user:${fake.user}`),
      }),
      HtmlService: this.counted("HtmlService", {
        createHtmlOutputFromFile: (file: string) => {
          readFileSync(join(fake.dist, `${file}.html`)); // throws if the bundle lacks it
          const out = { file, title: "" };
          const api: object = this.counted("HtmlOutput", { out, setTitle: (t: string) => ((out.title = t), api) });
          return api;
        },
      }),
      console: { log: () => undefined, warn: () => undefined, error: () => undefined },
    };
  }

  /** Wraps an object so that every method call is counted as "Kind.method". */
  counted<T extends object>(kind: string, target: T): T {
    return new Proxy(target, {
      get: (t, prop, recv) => {
        const v = Reflect.get(t, prop, recv);
        if (typeof v !== "function" || typeof prop !== "string" || prop === "constructor") return v;
        return (...args: unknown[]) => {
          this.count(`${kind}.${prop}`);
          const out = v.apply(t, args);
          this.after(`${kind}.${prop}`);
          return out;
        };
      },
    });
  }
}

const crosses = (lo: number, hi: number, at: number) => at > lo && at <= hi;

export class FakeSheet {
  rows: (Cell | undefined)[][] = [];
  cf: CfRule[] = [];
  protections: FakeProtection[] = [];
  hidden = false;
  frozen = { rows: 0, cols: 0 };
  mergeAreas: Area[] = [];
  charts: GasChart[] = [];
  /** A new tab in Sheets has 1,000 rows and 26 columns; a range beyond them is an error. */
  maxRows = 1000;
  maxCols = 26;
  private handle: object | undefined;

  constructor(
    readonly fake: GasFake,
    public name: string,
    readonly id: number,
  ) {}

  get merges(): string[] {
    return this.mergeAreas.map((m) => `${address(m.top, m.left)}:${address(m.bottom, m.right)}`);
  }

  cellAt(r: number, c: number): Cell | undefined {
    return this.rows[r]?.[c];
  }

  /** What is stored in the cell (a formula as its text). */
  get(r: number, c: number): V | undefined {
    const v = this.rows[r]?.[c]?.v;
    return v === "" ? undefined : v;
  }

  /**
   * What getValues() returns: a formula's result. Only the formula shape the template writes is
   * computed ("=C12+C13+C14"); '+' reads an empty cell as 0 and a number typed as text as that
   * number, anything else gives #VALUE!, as in Sheets. Another formula is not modelled: it throws.
   */
  value(r: number, c: number, depth = 0): V {
    const v = this.rows[r]?.[c]?.v ?? "";
    if (typeof v !== "string" || !v.startsWith("=")) return v;
    if (!/^=[A-Z]+\d+(\+[A-Z]+\d+)*$/.test(v) || depth > 50) throw new Error(`fake: formula not modelled: ${v}`);
    let sum = 0;
    for (const ref of v.slice(1).split("+")) {
      const p = parseAddress(ref)!;
      const x = this.value(p.row, p.col, depth + 1);
      if (typeof x === "string" && x.startsWith("#")) return x;
      const n = x === "" ? 0 : typeof x === "boolean" ? Number(x) : typeof x === "number" ? x : Number(x);
      if (typeof x === "string" && x !== "" && (x.trim() === "" || !Number.isFinite(n))) return "#VALUE!";
      sum += n;
    }
    return sum;
  }

  set(r: number, c: number, v: V): void {
    this.maxRows = Math.max(this.maxRows, r + 1);
    this.maxCols = Math.max(this.maxCols, c + 1);
    this.cell(r, c).v = v;
  }

  cell(r: number, c: number): Cell {
    const row = (this.rows[r] ??= []);
    return (row[c] ??= { v: "", bg: null, note: "" });
  }

  lastRow(): number {
    let n = 0;
    this.rows.forEach((row, r) => row?.some((c) => c && c.v !== "") && (n = r + 1));
    return n;
  }

  lastCol(): number {
    let n = 0;
    for (const row of this.rows) row?.forEach((c, i) => c && c.v !== "" && (n = Math.max(n, i + 1)));
    return n;
  }

  /**
   * As Sheets does: a range must lie inside the tab's rows and columns
   * (https://developers.google.com/apps-script/reference/spreadsheet/sheet#getrangerow,-column,-numrows,-numcolumns).
   */
  within(r: number, c: number, nr: number, nc: number): void {
    if (r < 0 || c < 0 || nr < 1 || nc < 1 || r + nr > this.maxRows || c + nc > this.maxCols)
      throw new Error(
        `The coordinates of the range are outside the dimensions of the sheet (${this.name}: ${r + 1},${c + 1} +${nr}×${nc}; sheet ${this.maxRows}×${this.maxCols}).`,
      );
  }

  /** Would the current user be refused an edit of this cell? */
  locked(r: number, c: number): boolean {
    if (this.fake.user === "owner") return false;
    return this.protections.some((p) => !p.unprotected.some((u) => u.contains(r, c)));
  }

  /**
   * Sheets refuses a frozen pane that cuts a merged cell: "Sorry, you can't freeze rows/columns
   * which contain only part of a merged cell." (reported with Sheets as the reference behaviour in
   * https://github.com/dream-num/univer/issues/724; https://developers.google.com/apps-script/reference/spreadsheet/sheet#setfrozencolumnscolumns).
   */
  freeze(kind: "rows" | "columns", n: number): void {
    const cut = this.mergeAreas.find((m) =>
      kind === "rows" ? crosses(m.top, m.bottom, n) : crosses(m.left, m.right, n),
    );
    if (cut) throw new Error(`Sorry, you can't freeze ${kind} which contain only part of a merged cell.`);
    if (kind === "rows") this.frozen.rows = n;
    else this.frozen.cols = n;
  }

  /** EmbeddedChartBuilder: every setter records and returns the builder; build() checks it has data. */
  chartBuilder(): object {
    const spec = {
      type: "COLUMN",
      title: null as string | null,
      xTitle: null as string | null,
      yTitle: null as string | null,
      legend: null as string | null,
      anchor: "A1",
      ranges: [] as string[],
      headers: -1,
      options: {} as Record<string, unknown>,
    };
    const s = this;
    const chain =
      (f: (...a: never[]) => void) =>
      (...a: never[]) => (f(...a), builder);
    const builder: object = this.fake.counted("EmbeddedChartBuilder", {
      asColumnChart: chain(() => (spec.type = "COLUMN")),
      setChartType: chain((t: string) => (spec.type = t)),
      setTitle: chain((t: string) => (spec.title = t)),
      setXAxisTitle: chain((t: string) => (spec.xTitle = t)),
      setYAxisTitle: chain((t: string) => (spec.yTitle = t)),
      setLegendPosition: chain((p: string) => (spec.legend = p)),
      setNumHeaders: chain((n: number) => (spec.headers = n)),
      // Any Google Charts option by its dotted name; Sheets ignores the ones it does not know.
      setOption: chain((key: string, value: unknown) => (spec.options[key] = value)),
      addRange: chain((r: { self?: FakeRange }) => {
        if (!(r?.self instanceof FakeRange)) throw new Error("addRange: not a Range");
        const x = r.self;
        spec.ranges.push(`${x.sheet.name}!${address(x.r, x.c)}:${address(x.r + x.nr - 1, x.c + x.nc - 1)}`);
      }),
      setPosition: chain((row: number, col: number) => {
        s.within(row - 1, col - 1, 1, 1);
        spec.anchor = address(row - 1, col - 1);
      }),
      build: () => {
        if (spec.ranges.length === 0) throw new Error("build: the chart has no data range");
        return { spec: { ...spec, ranges: [...spec.ranges], options: { ...spec.options } } };
      },
    });
    return builder;
  }

  /** The chart Sheets draws from its first range: domain in the first column, a series per other column. */
  drawChart(spec: Omit<GasChart, "categories" | "series"> & { headers: number }): GasChart {
    const [name, ref] = spec.ranges[0].split("!");
    const src = this.fake.sheet(name);
    const [p, q] = ref.split(":").map((a) => parseAddress(a)!);
    const firstRow: V[] = [];
    for (let c = p.col + 1; c <= q.col; c++) firstRow.push(src.value(p.row, c));
    const headers = spec.headers >= 0 ? spec.headers : firstRow.every((v) => typeof v === "string") ? 1 : 0;
    const rows: number[] = [];
    for (let r = p.row + headers; r <= q.row; r++) rows.push(r);
    const series: GasChart["series"] = [];
    for (let c = p.col + 1; c <= q.col; c++)
      series.push({
        name: headers ? String(src.value(p.row, c)) : `Series ${c - p.col}`,
        values: rows.map((r) => src.value(r, c)),
      });
    const { headers: _h, ...rest } = spec;
    void _h;
    return { ...rest, categories: rows.map((r) => src.value(r, p.col)), series };
  }

  api(): object {
    if (this.handle) return this.handle as object;
    const s = this;
    const f = this.fake;
    const range = (r: number, c: number, nr = 1, nc = 1) => {
      s.within(r - 1, c - 1, nr, nc);
      return new FakeRange(s, r - 1, c - 1, nr, nc).api();
    };
    const a1 = (a: string) => {
      const [x, y] = a.split(":");
      const p = parseAddress(x)!;
      const q = parseAddress(y ?? x)!;
      s.within(p.row, p.col, q.row - p.row + 1, q.col - p.col + 1);
      return new FakeRange(s, p.row, p.col, q.row - p.row + 1, q.col - p.col + 1);
    };
    this.handle = f.counted("Sheet", {
      getName: () => s.name,
      getSheetId: () => s.id,
      getDataRange: () => new FakeRange(s, 0, 0, Math.max(1, s.lastRow()), Math.max(1, s.lastCol())).api(),
      getRange: (a: number | string, c?: number, nr?: number, nc?: number) =>
        typeof a === "number" ? range(a, c!, nr, nc) : a1(a).api(),
      getRangeList: (list: string[]) => {
        const ranges = list.map(a1);
        return f.counted("RangeList", {
          setBorder: () => ranges.forEach((r) => r.guard()),
          setNumberFormat: (nf: string) =>
            ranges.forEach((r) =>
              r.fill(
                () => nf,
                (cell, v) => (cell.nf = v),
              ),
            ),
        });
      },
      getMaxRows: () => s.maxRows,
      getMaxColumns: () => s.maxCols,
      insertRowsAfter: (after: number, n: number) => {
        s.within(after - 1, 0, 1, 1);
        s.maxRows += n;
      },
      insertColumnsAfter: (after: number, n: number) => {
        s.within(0, after - 1, 1, 1);
        s.maxCols += n;
      },
      getLastRow: () => s.lastRow(),
      getLastColumn: () => s.lastCol(),
      hideSheet: () => {
        s.hidden = true;
        // As in Sheets: hiding the active tab shows another one.
        if (f.sheets[f.active] === s)
          f.active = Math.max(
            0,
            f.sheets.findIndex((x) => !x.hidden),
          );
      },
      isSheetHidden: () => s.hidden,
      activate: () => void (f.active = f.sheets.indexOf(s)),
      protect: () => {
        const p = new FakeProtection(s);
        s.protections.push(p);
        return p.api();
      },
      getProtections: () => s.protections.map((p) => p.api()),
      getConditionalFormatRules: () =>
        s.cf.map((rule) => ({
          getBooleanCondition: () => ({ getCriteriaValues: () => [rule.formula] }),
          rule,
        })),
      // Formatting rules are part of the protected tab: an editor who may only edit some of its
      // cells is refused (https://developers.google.com/apps-script/reference/spreadsheet/protection).
      setConditionalFormatRules: (rules: { rule: CfRule }[]) => {
        if (f.user !== "owner" && s.protections.length) throw new ProtectedError(PROTECTED);
        s.cf = rules.map((r) => r.rule);
      },
      newChart: () => s.chartBuilder(),
      insertChart: (chart: { spec?: Omit<GasChart, "categories" | "series"> & { headers: number } }) => {
        if (!chart?.spec) throw new Error("insertChart: not an EmbeddedChart");
        s.charts.push(s.drawChart(chart.spec));
      },
      getCharts: () => s.charts.map((c) => ({ ...c })),
      setColumnWidth: () => undefined,
      setRowHeight: () => undefined,
      setFrozenRows: (n: number) => s.freeze("rows", n),
      setFrozenColumns: (n: number) => s.freeze("columns", n),
    }) as unknown as object;
    return this.handle as object;
  }
}

export class FakeRange {
  constructor(
    readonly sheet: FakeSheet,
    readonly r: number,
    readonly c: number,
    readonly nr: number,
    readonly nc: number,
  ) {}

  contains(r: number, c: number): boolean {
    return r >= this.r && r < this.r + this.nr && c >= this.c && c < this.c + this.nc;
  }

  guard(): void {
    for (let i = 0; i < this.nr; i++)
      for (let j = 0; j < this.nc; j++)
        if (this.sheet.locked(this.r + i, this.c + j))
          throw new ProtectedError(`${PROTECTED} (${this.sheet.name}!${address(this.r + i, this.c + j)})`);
  }

  private each<T>(f: (cell: Cell, i: number, j: number) => T): T[][] {
    const blank: Cell = { v: "", bg: null, note: "" };
    return Array.from({ length: this.nr }, (_, i) =>
      Array.from({ length: this.nc }, (_, j) => f(this.sheet.cellAt(this.r + i, this.c + j) ?? { ...blank }, i, j)),
    );
  }

  /**
   * A 2D write must match the range exactly, with Sheets' messages
   * (https://developers.google.com/apps-script/reference/spreadsheet/range#setvaluesvalues:
   * "The size of the two-dimensional array must match the size of the range").
   */
  private write<T>(grid: T[][], f: (cell: Cell, v: T) => void): void {
    if (grid.length !== this.nr)
      throw new Error(
        `The number of rows in the data does not match the number of rows in the range. The data has ${grid.length} but the range has ${this.nr}.`,
      );
    const bad = grid.find((row) => row.length !== this.nc);
    if (bad)
      throw new Error(
        `The number of columns in the data does not match the number of columns in the range. The data has ${bad.length} but the range has ${this.nc}.`,
      );
    this.guard();
    for (let i = 0; i < this.nr; i++)
      for (let j = 0; j < this.nc; j++) f(this.sheet.cell(this.r + i, this.c + j), grid[i][j]);
  }

  fill<T>(v: (i: number, j: number) => T, f: (cell: Cell, v: T) => void): void {
    this.write(
      Array.from({ length: this.nr }, (_, i) => Array.from({ length: this.nc }, (_, j) => v(i, j))),
      f,
    );
  }

  api(): object {
    const self = this;
    const f = this.sheet.fake;
    const s = this.sheet;
    return f.counted("Range", {
      self,
      getValues: () =>
        f.read(this.nr * this.nc) ??
        Array.from({ length: this.nr }, (_, i) =>
          Array.from({ length: this.nc }, (_, j) => s.value(this.r + i, this.c + j)),
        ),
      // As Range.getFormulas: "" where a cell holds no formula, the formula's text with its "="
      // where one does (https://developers.google.com/apps-script/reference/spreadsheet/range#getformulas).
      getFormulas: () =>
        f.read(this.nr * this.nc) ??
        this.each((cell) => (typeof cell.v === "string" && cell.v.startsWith("=") ? cell.v : "")),
      setValues: (g: V[][]) => this.write(g, (cell, v) => (cell.v = parseTyped(v, cell.nf, f.locale))),
      getBackgrounds: () => this.each((cell) => cell.bg ?? "#ffffff"),
      setBackgrounds: (g: (string | null)[][]) => this.write(g, (cell, v) => (cell.bg = v ? v.toUpperCase() : null)),
      getNote: () => this.each((cell) => cell.note)[0][0],
      // setNote edits the cell: refused on a protected one, as a value is.
      setNote: (n: string | null) =>
        this.fill(
          () => n ?? "",
          (cell, v) => (cell.note = v),
        ),
      getNotes: () => this.each((cell) => cell.note),
      setNotes: (g: string[][]) => this.write(g, (cell, v) => (cell.note = v ?? "")),
      getNumberFormats: () => this.each((cell) => cell.nf ?? ""),
      setNumberFormats: (g: string[][]) => this.write(g, (cell, v) => (cell.nf = v)),
      setNumberFormat: (nf: string) =>
        this.fill(
          () => nf,
          (cell, v) => (cell.nf = v),
        ),
      setFontWeights: (g: string[][]) => this.write(g, (cell, v) => (cell.bold = v === "bold")),
      setFontStyles: (g: string[][]) => this.write(g, () => undefined),
      setFontSizes: (g: number[][]) => this.write(g, () => undefined),
      setHorizontalAlignments: (g: string[][]) => this.write(g, () => undefined),
      setWraps: (g: boolean[][]) => this.write(g, () => undefined),
      // A merge may not cut a frozen pane: "You can't merge frozen and non-frozen columns" (rows
      // alike; https://github.com/dream-num/univer/issues/724 reports it as Sheets' behaviour;
      // https://developers.google.com/apps-script/reference/spreadsheet/range#merge).
      merge: () => {
        this.guard();
        if (crosses(this.c, this.c + this.nc - 1, s.frozen.cols))
          throw new Error("You can't merge frozen and non-frozen columns.");
        if (crosses(this.r, this.r + this.nr - 1, s.frozen.rows))
          throw new Error("You can't merge frozen and non-frozen rows.");
        s.mergeAreas.push({ top: this.r, left: this.c, bottom: this.r + this.nr - 1, right: this.c + this.nc - 1 });
        return self.api();
      },
      getRow: () => this.r + 1,
      getColumn: () => this.c + 1,
      getNumRows: () => this.nr,
      getNumColumns: () => this.nc,
      getSheet: () => this.sheet.api(),
      getA1Notation: () =>
        this.nr === 1 && this.nc === 1
          ? address(this.r, this.c)
          : `${address(this.r, this.c)}:${address(this.r + this.nr - 1, this.c + this.nc - 1)}`,
      activate: () => {
        f.active = f.sheets.indexOf(this.sheet);
        f.selection = `${this.sheet.name}!${address(this.r, this.c)}`;
      },
    }) as unknown as object;
  }
}

export class FakeProtection {
  description = "";
  unprotected: FakeRange[] = [];
  editors = ["so-gddt@haiphong.edu.vn", "truong-a@haiphong.edu.vn"];
  domainEdit = true;

  constructor(readonly sheet: FakeSheet) {
    const g = sheet.fake.runnerGroup;
    if (g) this.editors.push(g);
  }

  /** The group the person running the script edits through, when they do (GasFake.runnerGroup). */
  runnerGroup(): string | undefined {
    return this.sheet.fake.user === "owner" ? this.sheet.fake.runnerGroup : undefined;
  }

  api() {
    const p = this;
    const api: Record<string, unknown> = this.sheet.fake.counted("Protection", {
      setDescription: (d: string) => ((p.description = d), api),
      setUnprotectedRanges: (rs: { self: FakeRange }[]) => ((p.unprotected = rs.map((r) => r.self)), api),
      getUnprotectedRanges: () => p.unprotected.map((r) => r.api()),
      getEditors: () => [...p.editors],
      // Removing the group through which the person running the script may edit is refused: "if
      // the user's edit permission comes from a group, the script throws an exception upon removing
      // the group" (https://developers.google.com/apps-script/reference/spreadsheet/protection;
      // the message below is the model's, not Sheets' own words). Nothing is removed then.
      removeEditors: (list: string[]) => {
        if (p.runnerGroup() && list.includes(p.runnerGroup()!))
          throw new Error(`Cannot remove ${p.runnerGroup()}: your own permission to edit comes from it.`);
        p.editors = p.editors.filter((e) => !list.includes(e) || e.startsWith("so-gddt"));
        return api;
      },
      removeEditor: (e: string) => {
        if (e === p.runnerGroup()) throw new Error(`Cannot remove ${e}: your own permission to edit comes from it.`);
        p.editors = p.editors.filter((x) => x !== e || x.startsWith("so-gddt"));
        return api;
      },
      canDomainEdit: () => p.domainEdit,
      setDomainEdit: (v: boolean) => ((p.domainEdit = v), api),
      remove: () => void p.sheet.protections.splice(p.sheet.protections.indexOf(p), 1),
    });
    return api;
  }
}
