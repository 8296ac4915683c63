/**
 * Consolidation (spec §5), pure: the units' checked tables in; the city table, provenance,
 * submission status and merge findings out. Inputs are taken in sorted path order, then
 * sheet order, so the result does not depend on the order they were given in.
 */
import type { SheetResult } from "./analyze";
import type { Bilingual } from "./bilingual";
import { analyzeGrid } from "./analyze";
import type { Roster, RosterUnit } from "./definition/schema";
import { countBySeverity, type Finding, likelyCells } from "./finding";
import { label, mergeFinding } from "./merge-finding";
import { templateLayout } from "./layout";
import { selectInputs } from "./merge-select";
import { buildStatus } from "./merge-status";
import { type MergeSummary, summarizeMerge } from "./merge-summary";
import type { KeepReason } from "./resubmission";
import { RosterIndex } from "./roster";
import type { CellChange } from "./table-diff";
import { closeUnit, identifyUnit, UNIT_SOURCE_TEXT, type UnitSource } from "./unit-identity";
import { sumValues, tableValues } from "./merge-values";
import { templateById } from "./template";
import { detachString } from "./text";
import { type ConferenceResult, consolidateConference, type UnitConference } from "./conference";

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
  /** The file's own time (ISO 8601: the file system's, `File.lastModified`), when the host knows it. */
  fileTime?: string | null;
  /** Findings counted on the unit's other sheets of the same file (its Cơ cấu đại biểu). */
  otherSheets?: { errors: number; warnings: number };
  /** The unit's list of delegates and Cơ cấu đại biểu figures from the same file (spec §5b). */
  conference?: UnitConference;
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
    letterhead: rest.letterhead ? detachString(rest.letterhead) : null,
    findings: rest.findings.map(detachFinding),
  };
  return {
    file: input.file,
    sheetIndex: input.sheetIndex,
    result,
    values: input.values ?? tableValues(input.result),
    modified: input.modified ?? null,
    fileTime: input.fileTime ?? null,
    ...(input.otherSheets ? { otherSheets: input.otherSheets } : {}),
    ...(input.conference ? { conference: input.conference } : {}),
  };
}

export { tableValues } from "./merge-values";

export interface UnreadableInput {
  file: string;
  sheet?: string | null;
  reason: Bilingual;
}

export interface MergeOptions {
  /**
   * The list of expected units. One the user gives counts as complete (unless `complete: false`);
   * the bundled one says it is partial. Without a roster every unit is outside it.
   */
  roster?: Roster;
  strict?: boolean;
  /** Units not on a complete roster go into the total too (they are held out by default). */
  includeUnknown?: boolean;
  /** Files of the folder that are not spreadsheets (a roster.json, a .docx): listed as skipped. */
  skipped?: string[];
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
  /** Cells its likely causes name (spec §3b): "3 ô cần sửa"; a tie between cells is not counted. */
  likely: number;
  /** On the roster (matched by name or alias)? */
  known: boolean;
  type: RosterUnit["type"] | null;
  /** Which clue named the unit ("line", "letterhead", "file", "sheet", "folder"), or null. */
  source: UnitSource | null;
  /** Why it was left out. */
  excluded: Exclusion | null;
  /** Every count 0 or empty: not a submission (MERGE_EMPTY_TABLE). */
  blank: boolean;
  /** Not on a complete roster and not confirmed (`includeUnknown`): kept out of the total. */
  heldOut: boolean;
  /** Why this input was kept over the unit's other inputs (or identical copies), if there were any. */
  keptBecause: KeepReason | null;
  /** A roster unit that sent nothing and whose name is close to this unknown one's. */
  proposal: string | null;
  /** For a copy of another input's table: the unit of the input kept. */
  copyOf: string | null;
  values: Values;
  modified: string | null;
  fileTime: string | null;
  /** The unit's list of delegates and Cơ cấu đại biểu figures (spec §5b), when its file has them. */
  conference?: UnitConference;
}

/**
 * Why an input is left out: another input of the unit was kept ("duplicate"), another input holds
 * the same figures ("duplicate-content"), nothing decided between the unit's inputs ("undecided"),
 * strict mode, a blank table, a unit not on the roster ("unknown").
 */
export type Exclusion = "duplicate" | "duplicate-content" | "undecided" | "strict" | "blank" | "unknown";

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
  /** Sent a table that is not blank (a blank one counts as not submitted). */
  submitted: boolean;
  /** Sent only blank tables: "nộp bảng trống". */
  blank: boolean;
  /** Not on the roster and held out of the total: "chưa xác nhận — không tính vào tổng". */
  heldOut: boolean;
  included: boolean;
  errors: number | null;
  warnings: number | null;
  /** Cells the likely causes of its table name ("3 ô cần sửa", spec §3b); null when no table was read. */
  likely: number | null;
  inputs: string[];
  onRoster: boolean;
  /** Files sent for this unit (or, on a row of its own, a file of no known unit) that could not be read. */
  unreadable: { input: string; reason: Bilingual }[];
  /** This unit's left-out submissions, compared with the kept one. */
  resubmissions: Resubmission[];
  /** Its list of delegates (spec §5b): how many it names, or null when it sent none. */
  delegateList?: number | null;
}

export interface MergeResult {
  units: MergedUnit[];
  missing: string[];
  findings: Finding[];
  city: { rows: Values; findings: Finding[]; result: SheetResult };
  status: StatusRow[];
  resubmissions: Resubmission[];
  /** The counts every host shows, and their words (merge-summary.ts). */
  summary: MergeSummary;
  /** Whether the roster is known to be complete, and where it comes from. */
  roster: { complete: boolean; source: string | null; units: number };
  /** Files given that are not spreadsheets, in path order. */
  skipped: string[];
  /** The Sở's conference: the units' lists of delegates and their Cơ cấu đại biểu (spec §5b). */
  conference: ConferenceResult;
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
export function unitOfPath(index: RosterIndex, file: string, sheet: string | null): RosterUnit | undefined {
  const folder = parentFolder(file);
  return index.match(fileStem(file)) ?? (sheet ? index.match(sheet) : undefined) ?? index.match(folder);
}

function byPath(a: MergeInput, b: MergeInput): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.sheetIndex - b.sheetIndex;
}

function isBlank(values: Values): boolean {
  for (const code in values) for (const key in values[code]) if (values[code][key] !== 0) return false;
  return true;
}

const HOW_TO_INCLUDE: Bilingual = {
  vi: 'chưa xác nhận — không tính vào tổng (muốn tính: bật "Tính cả đơn vị ngoài danh sách", dòng lệnh --include-unknown, hoặc thêm đơn vị vào danh sách)',
  en: 'not confirmed — left out of the total (to include it: turn on "Include units not on the roster", --include-unknown on the command line, or add it to the roster)',
};

export function consolidate(inputs: MergeInput[], unreadable: UnreadableInput[], opts: MergeOptions = {}): MergeResult {
  const t = templateById("pl02");
  const roster = opts.roster ?? { units: [] };
  // a roster the user gives is complete unless it says otherwise; no roster at all is not
  const complete = !!opts.roster && opts.roster.complete !== false;
  const index = new RosterIndex(roster);
  const findings: Finding[] = [];

  for (const u of [...unreadable].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    const input = u.sheet ? label(u.file, u.sheet) : u.file;
    findings.push(mergeFinding("MERGE_UNREADABLE", u.file, u.sheet ?? null, null, { input, reason: u.reason }));
  }

  const sorted = inputs.filter((i) => i.result.template === "pl02" && (i.values || i.result.table)).sort(byPath);
  const units: MergedUnit[] = [];
  const lines = new Map<MergedUnit, string | null>();
  for (const input of sorted) {
    const { result, file } = input;
    const sheet = result.sheet;
    const line = (result.unitSource ?? "line") === "line" ? result.unit : null;
    const letterhead = result.letterhead ?? (result.unitSource === "letterhead" ? result.unit : null);
    const id = identifyUnit(index, { file, sheet, line, letterhead });
    const own = countBySeverity(result.findings);
    const values = input.values ?? tableValues(result);
    const blank = isBlank(values);
    const m: MergedUnit = {
      unit: id.name,
      file,
      sheet,
      included: !blank,
      errors: own.errors + (input.otherSheets?.errors ?? 0),
      warnings: own.warnings + (input.otherSheets?.warnings ?? 0),
      likely: likelyCells(result.findings),
      known: !!id.known,
      type: id.known?.type ?? null,
      source: id.source,
      excluded: blank ? "blank" : null,
      blank,
      heldOut: false,
      keptBecause: null,
      proposal: null,
      copyOf: null,
      values,
      modified: input.modified ?? null,
      fileTime: input.fileTime ?? null,
    };
    if (input.conference) m.conference = input.conference;
    units.push(m);
    lines.set(m, line);
  }
  // Copies of one table, then several tables of one unit: one is kept (merge-select.ts).
  const selected = selectInputs(units);
  findings.push(...selected.findings);
  const resubmissions = selected.resubmissions;

  // Units outside a complete roster wait for the user's word; against a partial list they count.
  const sentSomething = new Set(units.filter((u) => u.known && !u.blank).map((u) => u.unit));
  const notSent = roster.units.filter((r) => !sentSomething.has(r.name));
  for (const m of units) {
    const { file, sheet, unit, errors } = m;
    if (!m.known && !m.blank && m.excluded !== "duplicate-content") {
      findings.push(unknownFinding(m, index, notSent, complete, !!opts.includeUnknown));
    }
    if (m.known && m.source && m.source !== "line" && !m.blank && m.excluded !== "duplicate-content") {
      const unmatched = m.source !== "letterhead" && !!lines.get(m);
      findings.push(
        mergeFinding("MERGE_UNIT_INFERRED", file, sheet, unit, {
          input: label(file, sheet),
          unit,
          source: UNIT_SOURCE_TEXT[m.source],
          line: unmatched
            ? { vi: ' (dòng "Đơn vị:" không khớp danh sách)', en: ' (its "Đơn vị:" line matches no roster unit)' }
            : { vi: "", en: "" },
        }),
      );
    }
    if (m.blank)
      findings.push(mergeFinding("MERGE_EMPTY_TABLE", file, sheet, unit, { input: label(file, sheet), unit }));
    if (errors > 0) {
      if (opts.strict && m.included) {
        m.included = false;
        m.excluded = "strict";
      }
      const outcome = OUTCOME[m.excluded ?? "included"];
      findings.push(
        mergeFinding("MERGE_INVALID_INPUT", file, sheet, unit, { input: label(file, sheet), unit, errors, outcome }),
      );
    }
  }
  for (const f of selected.unitFindings) findings.push(f);

  // The status rows are the one account of who sent what: a roster unit is missing when its row
  // has no table and no file of its that could not be read (that one reads "Không đọc được").
  const status = buildStatus(units, unreadable, resubmissions, roster, (file, sheet) => unitOfPath(index, file, sheet));
  const missing = complete
    ? status.filter((r) => r.onRoster && !r.submitted && r.unreadable.length === 0).map((r) => r.unit)
    : [];
  for (const unit of missing) findings.push(mergeFinding("MERGE_MISSING_UNIT", null, null, unit, { unit }));
  const conference = consolidateConference(units, status, complete);
  for (const row of status) {
    const cu = conference.units.find((u) => u.unit === row.unit && u.list);
    row.delegateList = cu?.list ? cu.list.people.length : null;
  }

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

  const skipped = [...(opts.skipped ?? [])].sort();
  const rosterInfo = { complete, source: roster.source ?? null, units: roster.units.length };
  const partial = {
    units,
    missing,
    findings,
    city: { rows: city, findings: cityFindings, result: cityResult },
    status,
    resubmissions,
    roster: rosterInfo,
    skipped,
    conference,
  };
  return { ...partial, summary: summarizeMerge(partial) };
}

/**
 * MERGE_UNKNOWN_UNIT for an input of no roster unit, holding it out of the total when the roster
 * is complete and the user did not include unknown units; a close roster unit that sent nothing
 * is proposed.
 */
function unknownFinding(
  m: MergedUnit,
  index: RosterIndex,
  notSent: readonly RosterUnit[],
  complete: boolean,
  includeUnknown: boolean,
): Finding {
  const proposal = closeUnit(index, m.unit, notSent);
  m.proposal = proposal?.name ?? null;
  if (complete && !includeUnknown && m.included) {
    m.included = false;
    m.excluded = "unknown";
    m.heldOut = true;
  }
  const outcome: Bilingual = m.heldOut
    ? HOW_TO_INCLUDE
    : !m.included
      ? { vi: "không được tổng hợp", en: "left out" }
      : complete
        ? {
            vi: "vẫn được tổng hợp (đã chọn tính cả đơn vị ngoài danh sách)",
            en: "included (units not on the roster are included)",
          }
        : {
            vi: "vẫn được tổng hợp vì danh sách đơn vị chưa đầy đủ; hãy kiểm tra",
            en: "still included, as the roster is not complete; please check",
          };
  const proposed: Bilingual = proposal
    ? { vi: ` — có thể là "${proposal.name}" (chưa nộp)`, en: ` — perhaps "${proposal.name}" (sent nothing)` }
    : { vi: "", en: "" };
  return mergeFinding("MERGE_UNKNOWN_UNIT", m.file, m.sheet, m.unit, {
    unit: m.unit,
    input: label(m.file, m.sheet),
    proposal: proposed,
    outcome,
  });
}

const OUTCOME: Record<Exclusion | "included", Bilingual> = {
  included: { vi: "vẫn được tổng hợp", en: "still included" },
  strict: { vi: "không được tổng hợp (chế độ nghiêm ngặt)", en: "left out (strict mode)" },
  duplicate: { vi: "là bản trùng, không được tổng hợp", en: "a duplicate, left out" },
  "duplicate-content": { vi: "là bản trùng, không được tổng hợp", en: "a duplicate, left out" },
  undecided: { vi: "chưa được tổng hợp (chưa rõ bản nào dùng)", en: "not included (which input to use is undecided)" },
  blank: { vi: "là bảng trống, không được tổng hợp", en: "blank, left out" },
  unknown: { vi: "chưa xác nhận, không tính vào tổng", en: "not confirmed, left out of the total" },
};
