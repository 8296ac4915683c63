/**
 * Consolidation (spec §5), pure: the units' checked tables in; the city table, provenance,
 * submission status and merge findings out. Inputs are taken in sorted path order, then
 * sheet order, so the result does not depend on the order they were given in.
 */
import type { SheetResult } from "./analyze";
import type { Bilingual } from "./bilingual";
import { analyzeGrid } from "./analyze";
import type { Roster, RosterUnit } from "./definition/schema";
import { MERGE_RULES } from "./definition/merge-rules";
import { trustedRule } from "./definition/trusted";
import { countBySeverity, type Finding, makeFinding, type Vars } from "./finding";
import { templateLayout } from "./layout";
import { type KeepReason, pickSubmission } from "./resubmission";
import { RosterIndex } from "./roster";
import { type CellChange, diffValues } from "./table-diff";
import { type Template, templateById } from "./template";
import { detachString } from "./text";
import { planOf, UNREADABLE } from "./template-plan";

export interface MergeInput {
  file: string;
  sheetIndex: number;
  result: SheetResult;
  /**
   * The table's values, when the caller computed them already (`lightMergeInput`); then
   * `result.table` may be left out, which keeps a large merge small in memory and cheap to send
   * between threads.
   */
  values?: Values;
  /** When the file says it was last saved (ISO 8601), if it does: breaks a tie between a unit's submissions. */
  modified?: string | null;
}

function detachFinding(f: Finding): Finding {
  const d: Finding = {
    ...f,
    cells: f.cells.map(detachString),
    message: detachString(f.message),
    messageEn: detachString(f.messageEn),
  };
  if (f.sheet !== null) d.sheet = detachString(f.sheet);
  return d;
}

/**
 * A merge input that keeps the table's values and drops the located table itself, and whose
 * strings no longer hold on to the file's XML (detachString): a merge keeps one per unit.
 */
export function lightMergeInput(input: MergeInput): MergeInput {
  const { table: _table, ...rest } = input.result; // eslint-disable-line @typescript-eslint/no-unused-vars
  const result: SheetResult = {
    ...rest,
    sheet: detachString(rest.sheet),
    unit: rest.unit === null ? null : detachString(rest.unit),
    findings: rest.findings.map(detachFinding),
  };
  return {
    file: input.file,
    sheetIndex: input.sheetIndex,
    result,
    values: input.values ?? tableValues(input.result),
    modified: input.modified ?? null,
  };
}

export interface UnreadableInput {
  file: string;
  sheet?: string | null;
  reason: Bilingual;
}

export interface MergeOptions {
  roster?: Roster;
  strict?: boolean;
  /** Name written on the city sheet's "Đơn vị:" line. */
  cityName?: string;
}

export type Values = Record<string, Record<string, number>>;

export interface MergedUnit {
  unit: string;
  file: string;
  sheet: string;
  included: boolean;
  errors: number;
  warnings: number;
  /** On the roster (matched by name or alias)? */
  known: boolean;
  type: RosterUnit["type"] | null;
  /** Why it was left out: "duplicate" | "strict" | "unreadable-values". */
  excluded: "duplicate" | "strict" | null;
  values: Values;
  modified: string | null;
}

/** A unit that sent more than one table: the one kept, one left out, why, and what differs. */
export interface Resubmission {
  unit: string;
  kept: { file: string; sheet: string; modified: string | null };
  left: { file: string; sheet: string; modified: string | null };
  reason: KeepReason;
  /** left → kept: `old` is the left-out table's value, `new` the kept one's. */
  changes: CellChange[];
}

export interface StatusRow {
  unit: string;
  type: RosterUnit["type"] | null;
  submitted: boolean;
  included: boolean;
  errors: number | null;
  warnings: number | null;
  inputs: string[];
  onRoster: boolean;
  /** Files sent for this unit (or, on a row of its own, a file of no known unit) that could not be read. */
  unreadable: { input: string; reason: Bilingual }[];
  /** This unit's left-out submissions, compared with the kept one. */
  resubmissions: Resubmission[];
}

export interface MergeResult {
  units: MergedUnit[];
  missing: string[];
  findings: Finding[];
  city: { rows: Values; findings: Finding[]; result: SheetResult };
  status: StatusRow[];
  resubmissions: Resubmission[];
}

const mergeRule = (() => {
  const rules = new Map(MERGE_RULES.map((r) => [r.id, trustedRule(r)])); // validated by the tests
  return (id: string) => rules.get(id)!;
})();

function mergeFinding(id: string, file: string | null, sheet: string | null, unit: string | null, vars: Vars): Finding {
  const f = makeFinding(mergeRule(id), { sheet, cells: [] }, vars);
  if (file) f.file = file;
  if (unit) f.unit = unit;
  return f;
}

export function fileStem(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  return base.replace(/\.[^.]+$/, "");
}

/** The folder a file sits in ("Hong Bang/Phụ lục 02.xlsx" → "Hong Bang"), or null. */
export function parentFolder(path: string): string | null {
  const parts = path.split(/[\\/]/).filter(Boolean);
  return parts.length > 1 ? parts[parts.length - 2] : null;
}

/**
 * The roster unit a file stands for when its sheet names none: by the file's name, the sheet's,
 * then the folder's (every unit sends "Phụ lục 02.xlsx", each in a folder of its own).
 */
function unitOfPath(index: RosterIndex, file: string, sheet: string | null): RosterUnit | undefined {
  const folder = parentFolder(file);
  return index.match(fileStem(file)) ?? (sheet ? index.match(sheet) : undefined) ?? index.match(folder);
}

function label(file: string, sheet: string): string {
  return `${file} › ${sheet}`;
}

/** Values of a located table: unreadable cells and missing rows count 0. */
export function tableValues(result: SheetResult): Values {
  const t = templateById(result.template);
  const table = result.table;
  const out: Values = {};
  if (table?.template === t) {
    // the table's arrays are indexed by this template's rows and count columns
    const { value, flags } = table.data;
    const { zeroRow } = planOf(t);
    const nk = t.countKeys.length;
    t.rows.forEach((def, ri) => {
      const row = { ...zeroRow };
      for (let k = 0; k < nk; k++) {
        const v = value[ri * nk + k];
        // most counts are 0, which the row holds already (-0 is not)
        if (!(flags[ri * nk + k] & UNREADABLE) && (v !== 0 || Object.is(v, -0))) row[t.countKeys[k]] = v;
      }
      out[def.code] = row;
    });
    return out;
  }
  for (const def of t.rows) {
    const row: Record<string, number> = {};
    const cells = table?.cells.get(def.code);
    for (const key of t.countKeys) row[key] = cells?.get(key)?.value ?? 0;
    out[def.code] = row;
  }
  return out;
}

/**
 * Σ of the included units' values, cell by cell, in unit order. When every unit's rows and
 * columns come in the template's order and hold numbers (what `tableValues` makes), each is
 * added in an array at its position: the same additions to the same cells in the same order as
 * adding key by key, which any other values get.
 */
function sumValues(t: Template, units: readonly MergedUnit[]): Values {
  const city: Values = {};
  for (const def of t.rows) {
    const row: Record<string, number> = {};
    for (const key of t.countKeys) row[key] = 0;
    city[def.code] = row;
  }
  const nk = t.countKeys.length;
  const acc = new Float64Array(t.rows.length * nk);
  let shaped = true;
  each: for (const u of units) {
    if (!u.included) continue;
    let ri = 0;
    for (const code in u.values) {
      if (code !== t.rows[ri]?.code) {
        shaped = false;
        break each;
      }
      const src = u.values[code];
      let k = 0;
      for (const key in src) {
        const v = src[key];
        if (key !== t.countKeys[k] || typeof v !== "number") {
          shaped = false;
          break each;
        }
        acc[ri * nk + k++] += v;
      }
      ri++;
    }
  }
  if (shaped) {
    t.rows.forEach((def, ri) => {
      const row = city[def.code];
      for (let k = 0; k < nk; k++) row[t.countKeys[k]] = acc[ri * nk + k];
    });
    return city;
  }
  for (const u of units) {
    if (!u.included) continue;
    for (const code in u.values) for (const key in u.values[code]) city[code][key] += u.values[code][key];
  }
  return city;
}

function byPath(a: MergeInput, b: MergeInput): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.sheetIndex - b.sheetIndex;
}

export function consolidate(inputs: MergeInput[], unreadable: UnreadableInput[], opts: MergeOptions = {}): MergeResult {
  const t = templateById("pl02");
  const roster = opts.roster ?? { units: [] };
  const index = new RosterIndex(roster);
  const findings: Finding[] = [];

  for (const u of [...unreadable].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    const input = u.sheet ? label(u.file, u.sheet) : u.file;
    findings.push(mergeFinding("MERGE_UNREADABLE", u.file, u.sheet ?? null, null, { input, reason: u.reason }));
  }

  const sorted = inputs.filter((i) => i.result.template === "pl02" && (i.values || i.result.table)).sort(byPath);
  const units: MergedUnit[] = [];
  const claims = new Map<string, MergedUnit[]>();
  for (const input of sorted) {
    const { result, file } = input;
    const sheet = result.sheet;
    const known = index.match(result.unit) ?? (result.unit ? undefined : unitOfPath(index, file, sheet));
    const folder = parentFolder(file);
    const unit = known?.name ?? result.unit ?? `${folder ? folder + "/" : ""}${fileStem(file)} (${sheet})`;
    const { errors, warnings } = countBySeverity(result.findings);
    const m: MergedUnit = {
      unit,
      file,
      sheet,
      included: true,
      errors,
      warnings,
      known: !!known,
      type: known?.type ?? null,
      excluded: null,
      values: input.values ?? tableValues(result),
      modified: input.modified ?? null,
    };
    const key = known ? `roster:${known.name}` : `name:${unit.normalize("NFC").toLowerCase()}`;
    const list = claims.get(key) ?? [];
    list.push(m);
    claims.set(key, list);
    units.push(m);
  }
  // A unit that sent several tables: keep one (a resubmission by name, else the newest, else the
  // first in path order) and compare each one left out with it.
  const resubmissions: Resubmission[] = [];
  const duplicates: { kept: MergedUnit; list: MergedUnit[]; left: MergedUnit[]; reason: KeepReason }[] = [];
  for (const list of claims.values()) {
    if (list.length < 2) continue;
    const { index: k, reason } = pickSubmission(list);
    const kept = list[k];
    const left = list.filter((_, i) => i !== k);
    for (const u of left) {
      u.included = false;
      u.excluded = "duplicate";
      resubmissions.push({
        unit: kept.unit,
        kept: { file: kept.file, sheet: kept.sheet, modified: kept.modified },
        left: { file: u.file, sheet: u.sheet, modified: u.modified },
        reason,
        changes: diffValues(u.values, kept.values),
      });
    }
    duplicates.push({ kept, list, left, reason });
  }
  for (const m of units) {
    const { file, sheet, unit, errors } = m;
    if (!m.known)
      findings.push(mergeFinding("MERGE_UNKNOWN_UNIT", file, sheet, unit, { unit, input: label(file, sheet) }));
    if (errors > 0) {
      if (opts.strict && m.included) {
        m.included = false;
        m.excluded = "strict";
      }
      const outcome = opts.strict
        ? { vi: "không được tổng hợp (chế độ nghiêm ngặt)", en: "left out (strict mode)" }
        : m.excluded === "duplicate"
          ? { vi: "là bản trùng, không được tổng hợp", en: "a duplicate, left out" }
          : { vi: "vẫn được tổng hợp", en: "still included" };
      findings.push(
        mergeFinding("MERGE_INVALID_INPUT", file, sheet, unit, { input: label(file, sheet), unit, errors, outcome }),
      );
    }
  }
  for (const { kept, list, left, reason } of duplicates)
    findings.push(
      mergeFinding("MERGE_DUPLICATE_UNIT", left[0].file, left[0].sheet, kept.unit, {
        unit: kept.unit,
        count: list.length,
        inputs: list.map((u) => label(u.file, u.sheet)).join("; "),
        first: label(kept.file, kept.sheet),
        reason: reason.text,
      }),
    );

  const submitted = new Set(units.filter((u) => u.known).map((u) => u.unit));
  const missing = roster.units.map((u) => u.name).filter((n) => !submitted.has(n));
  for (const unit of missing) findings.push(mergeFinding("MERGE_MISSING_UNIT", null, null, unit, { unit }));

  // The city table: Σ over included units, checked like any unit sheet.
  const city = sumValues(t, units);
  const layout = templateLayout(t, { unit: opts.cityName ?? "Sở GDĐT Hải Phòng (tổng hợp)", values: city });
  layout.grid.name = "Tổng hợp thành phố";
  // Every figure of the city is computed from the units' (as a formula would): none is a likely
  // cause (spec §3b); the units' own likely causes are in their findings.
  layout.grid.formulas = layout.grid.rows.map(() => Array.from({ length: layout.lastCol + 1 }, () => ""));
  const cityResult = analyzeGrid(layout.grid, [t])!;
  // The city sheet names the Sở, so UNIT_MISSING never applies; everything else is the units' sum.
  const cityFindings = cityResult.findings;

  const status: StatusRow[] = [];
  const byUnit = new Map<string, MergedUnit[]>();
  for (const u of units) {
    const list = byUnit.get(u.unit);
    if (list) list.push(u);
    else byUnit.set(u.unit, [u]);
  }
  const statusOf = (name: string, type: RosterUnit["type"] | null, onRoster: boolean): StatusRow => {
    const list = byUnit.get(name) ?? [];
    const main = list.find((u) => u.included) ?? list[0];
    return {
      unit: name,
      type,
      submitted: list.length > 0,
      included: list.some((u) => u.included),
      errors: main ? main.errors : null,
      warnings: main ? main.warnings : null,
      inputs: list.map((u) => label(u.file, u.sheet)),
      onRoster,
      unreadable: [],
      resubmissions: resubmissions.filter((r) => r.unit === name),
    };
  };
  for (const r of roster.units) status.push(statusOf(r.name, r.type, true));
  for (const [name, list] of byUnit) if (!list[0].known) status.push(statusOf(name, null, false));
  // A file that could not be read is on the status sheet too: on its unit's row when its name
  // or folder names a roster unit (which then does not read "Chưa nộp"), else on a row of its own.
  for (const u of [...unreadable].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    const input = u.sheet ? label(u.file, u.sheet) : u.file;
    const known = unitOfPath(index, u.file, u.sheet ?? null);
    const row = known && status.find((s) => s.onRoster && s.unit === known.name);
    if (row) {
      row.inputs.push(input);
      row.unreadable.push({ input, reason: u.reason });
    } else
      status.push({
        unit: input,
        type: null,
        submitted: false,
        included: false,
        errors: null,
        warnings: null,
        inputs: [input],
        onRoster: false,
        unreadable: [{ input, reason: u.reason }],
        resubmissions: [],
      });
  }

  return {
    units,
    missing,
    findings,
    city: { rows: city, findings: cityFindings, result: cityResult },
    status,
    resubmissions,
  };
}
