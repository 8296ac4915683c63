/**
 * An in-memory Excel behind Office.js-shaped proxies, for testing the add-in's adapter without
 * Excel. Objects that are read are office-addin-mock OfficeMockObjects, so a property read before
 * load() + sync() yields the mock's error instead of a value; writes are queued and applied to the
 * model only at context.sync(), as Excel does. Every sync is counted.
 */
import { OfficeMockObject } from "office-addin-mock";
import { address, parseAddress } from "../../shared";

export interface FakeCell {
  v: string | number | boolean | null;
  fill: string | null;
  note: string | null;
  numberFormat?: string;
  bold?: boolean;
}

export interface FakeSheet {
  id: string;
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  cells: Map<string, FakeCell>;
  merges: string[];
  frozen: string | null;
}

type Op = () => void;

function cellsOf(ref: string): string[] {
  const [a, b] = ref.replace(/^.*!/, "").replace(/\$/g, "").split(":");
  const p = parseAddress(a)!;
  const q = parseAddress(b ?? a)!;
  const out: string[] = [];
  for (let r = p.row; r <= q.row; r++) for (let c = p.col; c <= q.col; c++) out.push(address(r, c));
  return out;
}

export class FakeExcel {
  sheets: FakeSheet[] = [];
  settings = new Map<string, string>();
  active = 0;
  selected: string | null = null;
  syncs = 0;
  /** Set to a number to make getUsedRange().values etc. throw if read without sync. */
  handlers: ((e: { worksheetId: string; triggerSource?: string }) => void)[] = [];
  private pending: Op[] = [];
  private tracked: OfficeMockObject[] = [];
  private nextId = 1;
  name = "So-tong-hop.xlsx";

  addSheet(name: string, rows: (string | number | boolean | null | undefined)[][] = [], id?: string): FakeSheet {
    const sheet: FakeSheet = {
      id: id ?? `{sheet-${this.nextId++}}`,
      name,
      visibility: "Visible",
      cells: new Map(),
      merges: [],
      frozen: null,
    };
    rows.forEach((row, r) =>
      row?.forEach((v, c) => {
        if (v !== null && v !== undefined && v !== "") sheet.cells.set(address(r, c), { v, fill: null, note: null });
      }),
    );
    this.sheets.push(sheet);
    return sheet;
  }

  cell(sheet: FakeSheet | string, ref: string): FakeCell {
    const s = typeof sheet === "string" ? this.sheet(sheet) : sheet;
    let c = s.cells.get(ref);
    if (!c) s.cells.set(ref, (c = { v: null, fill: null, note: null }));
    return c;
  }

  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name === name || x.id === name);
    if (!s) throw new Error(`ItemNotFound: ${name}`);
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

  // ---------------------------------------------------------------- Office.js surface

  /** Excel.run as the add-in calls it. */
  run = async <T>(fn: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> => {
    return fn(this.context() as unknown as Excel.RequestContext);
  };

  private track<T extends OfficeMockObject>(o: T): T {
    this.tracked.push(o);
    return o;
  }

  private later(op: Op) {
    this.pending.push(op);
  }

  private async sync() {
    this.syncs++;
    const ops = this.pending;
    this.pending = [];
    for (const op of ops) op();
    const objs = this.tracked;
    this.tracked = [];
    for (const o of objs) await o.sync();
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
    if (bottom < 0) return { top: 0, left: 0, bottom: 0, right: 0 };
    return { top, left, bottom, right };
  }

  private usedRange(s: FakeSheet, valuesOnly: boolean) {
    const b = this.usedBounds(s, valuesOnly);
    const values: unknown[][] = [];
    const props: unknown[][] = [];
    for (let r = b.top; r <= b.bottom; r++) {
      const vr: unknown[] = [];
      const pr: unknown[] = [];
      for (let c = b.left; c <= b.right; c++) {
        const cell = s.cells.get(address(r, c));
        vr.push(cell?.v ?? "");
        pr.push({
          format: {
            fill: cell?.fill ? { color: cell.fill, pattern: "Solid" } : { color: "#FFFFFF", pattern: "None" },
          },
        });
      }
      values.push(vr);
      props.push(pr);
    }
    const range = this.track(
      new OfficeMockObject({
        values,
        rowIndex: b.top,
        columnIndex: b.left,
        rowCount: b.bottom - b.top + 1,
        columnCount: b.right - b.left + 1,
        address: `${s.name}!${address(b.top, b.left)}:${address(b.bottom, b.right)}`,
      }),
    );
    let resolved = false;
    this.later(() => (resolved = true));
    (range as unknown as { getCellProperties: () => unknown }).getCellProperties = () => ({
      get value() {
        if (!resolved) throw new Error("getCellProperties: context.sync() was not called");
        return props;
      },
    });
    return range;
  }

  private format(refs: () => string[], s: FakeSheet) {
    const apply = (f: (c: FakeCell) => void) => this.later(() => refs().forEach((ref) => f(this.cell(s, ref))));
    const fill = {
      set color(v: string) {
        apply((c) => (c.fill = v.toUpperCase()));
      },
      clear: () => apply((c) => (c.fill = null)),
    };
    const font = {
      set bold(v: boolean) {
        apply((c) => (c.bold = v));
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
    const refs = () => addr.split(",").flatMap((a) => cellsOf(a.trim()));
    return { format: this.format(refs, s), address: addr };
  }

  private writable(s: FakeSheet, top: number, left: number, h: number, w: number) {
    const later = (op: Op) => this.later(op);
    const cell = (r: number, c: number) => this.cell(s, address(top + r, left + c));
    const refs = () => {
      const out: string[] = [];
      for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) out.push(address(top + r, left + c));
      return out;
    };
    return {
      set values(vals: unknown[][]) {
        later(() =>
          vals.forEach((row, r) => row.forEach((v, c) => (cell(r, c).v = v === "" ? null : (v as FakeCell["v"])))),
        );
      },
      set numberFormat(nf: string[][]) {
        later(() => nf.forEach((row, r) => row.forEach((v, c) => (cell(r, c).numberFormat = v))));
      },
      format: this.format(refs, s),
      merge: () => later(() => s.merges.push(`${address(top, left)}:${address(top + h - 1, left + w - 1)}`)),
      select: () => later(() => (this.selected = `${s.name}!${address(top, left)}`)),
    };
  }

  private worksheet(s: FakeSheet) {
    const ws = this.track(new OfficeMockObject({ name: s.name, id: s.id, visibility: s.visibility }));
    const later = (op: Op) => this.later(op);
    const cellAt = (ref: string) => this.cell(s, ref);
    const notes = {
      add: (ref: string, text: string) =>
        this.later(() => {
          const c = this.cell(s, ref);
          if (c.note !== null) throw new Error(`InvalidArgument: ${ref} already has a note`);
          c.note = text;
        }),
      getItem: (ref: string) => ({
        set content(text: string) {
          later(() => {
            const c = cellAt(ref);
            if (c.note === null) throw new Error(`ItemNotFound: note ${ref}`);
            c.note = text;
          });
        },
        delete: () =>
          this.later(() => {
            const c = this.cell(s, ref);
            if (c.note === null) throw new Error(`ItemNotFound: note ${ref}`);
            c.note = null;
          }),
      }),
      getItemOrNullObject: (ref: string) => {
        const note = s.cells.get(ref)?.note ?? null;
        // Like Office.js: isNullObject is known after the next sync, content only if loaded.
        const probe = this.track(new OfficeMockObject({ content: note ?? "" }));
        const holder = probe as unknown as { isNullObject: unknown };
        holder.isNullObject = "Error, context.sync() was not called";
        this.later(() => (holder.isNullObject = note === null));
        return probe;
      },
    };
    Object.assign(ws, {
      getUsedRange: (valuesOnly = false) => this.usedRange(s, valuesOnly),
      getRanges: (addr: string) => this.areas(s, addr),
      getRange: (addr: string) => {
        const p = parseAddress(addr.split(":")[0])!;
        const q = parseAddress(addr.split(":")[1] ?? addr)!;
        return this.writable(s, p.row, p.col, q.row - p.row + 1, q.col - p.col + 1);
      },
      getRangeByIndexes: (r: number, c: number, h: number, w: number) => this.writable(s, r, c, h, w),
      notes,
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

  private collection<T>(items: () => T[]) {
    const holder = { items: "Error, context.sync() was not called" as unknown as T[] };
    return Object.assign(holder, {
      load: () => {
        const list = items();
        for (const x of list) (x as { load?: () => void }).load?.();
        this.later(() => (holder.items = list));
        return holder;
      },
    });
  }

  private context() {
    const settingsColl = this.collection(() => [...this.settings].map(([key, value]) => ({ key, value })));
    const worksheets = Object.assign(
      this.collection(() => this.sheets.map((s) => this.worksheet(s))),
      {
        getActiveWorksheet: () => this.worksheet(this.sheets[this.active]),
        getItem: (key: string) => this.worksheet(this.sheet(key)),
        add: (name: string) => {
          const s: FakeSheet = {
            id: `{sheet-${this.nextId++}}`,
            name,
            visibility: "Visible",
            cells: new Map(),
            merges: [],
            frozen: null,
          };
          this.later(() => {
            if (this.sheets.some((x) => x.name.toLowerCase() === name.toLowerCase()))
              throw new Error(`ItemAlreadyExists: ${name}`);
            this.sheets.push(s);
          });
          return this.worksheet(s);
        },
        onChanged: { add: (h: FakeExcel["handlers"][number]) => this.handlers.push(h) },
      },
    );
    const workbook = this.track(new OfficeMockObject({ name: this.name }));
    Object.assign(workbook, {
      worksheets,
      settings: Object.assign(settingsColl, {
        add: (key: string, value: string) => this.later(() => this.settings.set(key, value)),
      }),
    });
    return { workbook, sync: () => this.sync() };
  }
}
