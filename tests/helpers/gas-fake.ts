/**
 * An in-memory SpreadsheetApp (and the few other Apps Script services the script uses) that
 * counts every call, for running the BUILT dist/appsscript/Code.js in a Node vm context with
 * nothing else in it. As far as the script uses them: spreadsheets, tabs, ranges (values,
 * backgrounds, notes, number formats, fonts), protections (enforced for a non-owner), conditional
 * format rules (evaluated for the one formula shape the script writes), menus, toasts, sidebars,
 * the document lock and document properties.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { address, parseAddress } from "../../shared";

type V = string | number | boolean | Date;

interface Cell {
  v: V;
  bg: string | null;
  note: string;
  nf?: string;
  bold?: boolean;
}

export interface CfRule {
  formula: string;
  background: string;
  ranges: FakeRange[];
}

export class ProtectedError extends Error {}

export class GasFake {
  calls = new Map<string, number>();
  toasts: { msg: string; title?: string }[] = [];
  menus: { name: string; items: [string, string][] }[] = [];
  sidebars: { file: string; title: string }[] = [];
  props = new Map<string, string>();
  /** "owner" runs menu commands; "editor" is someone behind the shared link (simple triggers). */
  user: "owner" | "editor" = "owner";
  lockTakenElsewhere = false;
  locale = "vi_VN";
  sheets: FakeSheet[] = [];
  active = 0;
  /** The range a script activated last, as "Tab!A1". */
  selection = "";
  nextId = 1000;
  name = "Phụ lục 02 – Hải Phòng";

  constructor(private dist: string) {}

  count(name: string): void {
    this.calls.set(name, (this.calls.get(name) ?? 0) + 1);
  }

  total(): number {
    let n = 0;
    for (const v of this.calls.values()) n += v;
    return n;
  }

  reset(): void {
    this.calls.clear();
  }

  /** Wraps an object so that every method call is counted as "Kind.method". */
  counted<T extends object>(kind: string, target: T): T {
    return new Proxy(target, {
      get: (t, prop, recv) => {
        const v = Reflect.get(t, prop, recv);
        if (typeof v !== "function" || typeof prop !== "string" || prop === "constructor") return v;
        return (...args: unknown[]) => {
          this.count(`${kind}.${prop}`);
          return v.apply(t, args);
        };
      },
    });
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

  /** The colour a user sees: our conditional rules first, then the cell's own background. */
  shown(sheet: FakeSheet, ref: string): string | null {
    const p = parseAddress(ref)!;
    for (const rule of sheet.cf) {
      if (!rule.ranges.some((r) => r.contains(p.row, p.col))) continue;
      const m = /^=INDIRECT\("'(.+)'!R"&\(ROW\(\)\+(\d+)\)&"C"&COLUMN\(\),FALSE\)="(\w)"$/.exec(rule.formula);
      if (!m) continue;
      const helper = this.sheets.find((s) => s.name === m[1]);
      if (helper?.get(p.row + Number(m[2]), p.col) === m[3]) return rule.background;
    }
    return sheet.cellAt(p.row, p.col)?.bg ?? null;
  }

  // ------------------------------------------------------------------ services

  globals(): Record<string, unknown> {
    const fake = this;
    const spreadsheet = this.counted("Spreadsheet", {
      getSheets: () => fake.sheets.map((s) => s.api()),
      getNumSheets: () => fake.sheets.length,
      getSheetByName: (n: string) => fake.sheets.find((s) => s.name === n)?.api() ?? null,
      insertSheet: (n: string, index?: number) => {
        if (fake.sheets.some((s) => s.name === n)) throw new Error(`A sheet with the name "${n}" already exists.`);
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
    let held = false;
    const lock = this.counted("Lock", {
      tryLock: () => {
        if (fake.lockTakenElsewhere || held) return false;
        held = true;
        return true;
      },
      releaseLock: () => void (held = false),
      hasLock: () => held,
    });
    return {
      SpreadsheetApp,
      PropertiesService: this.counted("PropertiesService", { getDocumentProperties: () => props }),
      LockService: this.counted("LockService", { getDocumentLock: () => lock }),
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
}

export class FakeSheet {
  rows: (Cell | undefined)[][] = [];
  cf: CfRule[] = [];
  protections: FakeProtection[] = [];
  hidden = false;
  frozen = { rows: 0, cols: 0 };
  merges: string[] = [];
  /** A new tab in Sheets has 1,000 rows and 26 columns; a range beyond them is an error. */
  maxRows = 1000;
  maxCols = 26;
  private handle: object | undefined;

  constructor(
    readonly fake: GasFake,
    public name: string,
    readonly id: number,
  ) {}

  cellAt(r: number, c: number): Cell | undefined {
    return this.rows[r]?.[c];
  }

  get(r: number, c: number): V | undefined {
    const v = this.rows[r]?.[c]?.v;
    return v === "" ? undefined : v;
  }

  set(r: number, c: number, v: V): void {
    this.maxRows = Math.max(this.maxRows, r + 1);
    this.maxCols = Math.max(this.maxCols, c + 1);
    const row = (this.rows[r] ??= []);
    row[c] ??= { v: "", bg: null, note: "" };
    row[c]!.v = v;
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

  /** As Sheets does: a range must lie inside the tab's rows and columns. */
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

  api(): object {
    if (this.handle) return this.handle as object;
    const s = this;
    const f = this.fake;
    const range = (r: number, c: number, nr = 1, nc = 1) => {
      s.within(r - 1, c - 1, nr, nc);
      return new FakeRange(s, r - 1, c - 1, nr, nc).api();
    };
    this.handle = f.counted("Sheet", {
      getName: () => s.name,
      getSheetId: () => s.id,
      getDataRange: () => new FakeRange(s, 0, 0, Math.max(1, s.lastRow()), Math.max(1, s.lastCol())).api(),
      getRange: (a: number | string, c?: number, nr?: number, nc?: number) => {
        if (typeof a === "number") return range(a, c!, nr, nc);
        const [x, y] = a.split(":");
        const p = parseAddress(x)!;
        const q = parseAddress(y ?? x)!;
        return range(p.row + 1, p.col + 1, q.row - p.row + 1, q.col - p.col + 1);
      },
      getRangeList: (list: string[]) =>
        f.counted("RangeList", {
          setBorder: () => {
            for (const a of list) {
              const [x, y] = a.split(":");
              const p = parseAddress(x)!;
              const q = parseAddress(y ?? x)!;
              s.within(p.row, p.col, q.row - p.row + 1, q.col - p.col + 1);
              new FakeRange(s, p.row, p.col, q.row - p.row + 1, q.col - p.col + 1).guard();
            }
          },
        }),
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
      setConditionalFormatRules: (rules: { rule: CfRule }[]) => {
        if (f.user !== "owner" && s.protections.length) throw new ProtectedError("protected sheet");
        s.cf = rules.map((r) => r.rule);
      },
      setColumnWidth: () => undefined,
      setRowHeight: () => undefined,
      setFrozenRows: (n: number) => void (s.frozen.rows = n),
      setFrozenColumns: (n: number) => void (s.frozen.cols = n),
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
          throw new ProtectedError(
            `You are trying to edit a protected cell or object (${this.sheet.name}!${address(this.r + i, this.c + j)}).`,
          );
  }

  private each<T>(f: (cell: Cell, i: number, j: number) => T): T[][] {
    const blank: Cell = { v: "", bg: null, note: "" };
    return Array.from({ length: this.nr }, (_, i) =>
      Array.from({ length: this.nc }, (_, j) => f(this.sheet.cellAt(this.r + i, this.c + j) ?? { ...blank }, i, j)),
    );
  }

  private write<T>(grid: T[][], f: (cell: Cell, v: T) => void): void {
    if (grid.length !== this.nr || grid.some((row) => row.length !== this.nc))
      throw new Error(`The number of rows or columns in the data does not match the range (${this.nr}×${this.nc}).`);
    this.guard();
    for (let i = 0; i < this.nr; i++)
      for (let j = 0; j < this.nc; j++) f(this.sheet.cell(this.r + i, this.c + j), grid[i][j]);
  }

  api(): object {
    const self = this;
    const f = this.sheet.fake;
    return f.counted("Range", {
      self,
      getValues: () =>
        Array.from({ length: this.nr }, (_, i) =>
          Array.from({ length: this.nc }, (_, j) => this.sheet.cellAt(this.r + i, this.c + j)?.v ?? ""),
        ),
      setValues: (g: V[][]) =>
        this.write(g, (cell, v) => {
          // Like Sheets: a number typed as text becomes a number unless the cell is plain text.
          cell.v = typeof v === "string" && cell.nf !== "@" && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
        }),
      getBackgrounds: () => this.each((cell) => cell.bg ?? "#ffffff"),
      setBackgrounds: (g: (string | null)[][]) => this.write(g, (cell, v) => (cell.bg = v ? v.toUpperCase() : null)),
      getNotes: () => this.each((cell) => cell.note),
      setNotes: (g: string[][]) => this.write(g, (cell, v) => (cell.note = v ?? "")),
      setNumberFormats: (g: string[][]) => this.write(g, (cell, v) => (cell.nf = v)),
      setFontWeights: (g: string[][]) => this.write(g, (cell, v) => (cell.bold = v === "bold")),
      setFontStyles: (g: string[][]) => this.write(g, () => undefined),
      setFontSizes: (g: number[][]) => this.write(g, () => undefined),
      setHorizontalAlignments: (g: string[][]) => this.write(g, () => undefined),
      setWraps: (g: boolean[][]) => this.write(g, () => undefined),
      merge: () => {
        this.guard();
        this.sheet.merges.push(`${address(this.r, this.c)}:${address(this.r + this.nr - 1, this.c + this.nc - 1)}`);
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

  constructor(readonly sheet: FakeSheet) {}

  api() {
    const p = this;
    const api: Record<string, unknown> = this.sheet.fake.counted("Protection", {
      setDescription: (d: string) => ((p.description = d), api),
      setUnprotectedRanges: (rs: { self: FakeRange }[]) => ((p.unprotected = rs.map((r) => r.self)), api),
      getUnprotectedRanges: () => p.unprotected.map((r) => r.api()),
      getEditors: () => [...p.editors],
      removeEditors: (list: string[]) => {
        p.editors = p.editors.filter((e) => !list.includes(e) || e.startsWith("so-gddt"));
        return api;
      },
      canDomainEdit: () => p.domainEdit,
      setDomainEdit: (v: boolean) => ((p.domainEdit = v), api),
      remove: () => void p.sheet.protections.splice(p.sheet.protections.indexOf(p), 1),
    });
    return api;
  }
}
