/**
 * The Sở's conference (spec §5b): the delegates the units' lists name, beside each unit's Cơ cấu
 * đại biểu figures; D, the exemplary delegates sent, and the room left for guests and leaders,
 * min(300 − D, ⌊3D / 7⌋); MERGE_DELEGATES_OVER and MERGE_PERSON_TWICE; the units that should
 * have sent a list and did not.
 */
import type { SheetResult } from "./analyze";
import type { MergedUnit, StatusRow } from "./consolidate";
import type { RosterUnit } from "./definition/schema";
import { countBySeverity, type Finding } from "./finding";
import { label, mergeFinding } from "./merge-finding";
import { tableValues } from "./merge-values";
import { foldName, stripMarks } from "./text";

/** The Sở's conference: at most 300 delegates, exemplars at least 70 % (plan, mục II.2). */
export const SO_CONFERENCE_MAX = 300;
export const EXEMPLAR_SHARE = { num: 7, den: 10 };

/** One person or collective of a unit's list, as the merge keeps it. */
export interface ConferencePerson {
  name: string;
  birthYear: number | null;
  gender: string | null;
  /** "delegate", "collective", "individual", or null when the row named no kind. */
  kind: string | null;
  position: string;
  award: string;
  summary: string;
  /** 1-based sheet row of the list. */
  row: number;
}

/** What a unit's workbook holds for the conference besides its Phụ lục 02. */
export interface UnitConference {
  list: { sheet: string; people: ConferencePerson[]; errors: number; warnings: number } | null;
  daibieu: { sheet: string; values: Record<string, number>; unitType: string | null } | null;
}

/** The unit's list and Cơ cấu đại biểu among `sheets` (one workbook's), as `otherSheetsOf` pairs them. */
export function conferenceOf(sheets: readonly SheetResult[], table: SheetResult, tables: number): UnitConference {
  const mine = (s: SheetResult) => tables <= 1 || (!!s.unit && s.unit === table.unit);
  const list = sheets.find((s) => s.list && mine(s));
  const db = sheets.find((s) => s.template === "daibieu" && s.table && mine(s));
  const out: UnitConference = { list: null, daibieu: null };
  if (list?.list && list.list.people.length > 0) {
    const n = countBySeverity(list.findings);
    out.list = {
      sheet: list.sheet,
      people: list.list.people.map((p) => ({
        name: p.name,
        birthYear: p.birthYear,
        gender: p.gender,
        kind: p.kind,
        position: p.position,
        award: p.award,
        summary: p.summary,
        row: p.row + 1,
      })),
      errors: n.errors,
      warnings: n.warnings,
    };
  }
  if (db?.table) {
    const values: Record<string, number> = {};
    for (const [code, row] of Object.entries(tableValues(db))) values[code] = row.value ?? 0;
    out.daibieu = { sheet: db.sheet, values, unitType: db.table.attrs.get("unitType") ?? null };
  }
  return out;
}

export interface ConferenceUnit {
  unit: string;
  type: RosterUnit["type"] | null;
  /** The file its list came from (its Phụ lục 02's when it sent none). */
  file: string;
  list: UnitConference["list"];
  daibieu: UnitConference["daibieu"];
}

export interface ConferenceResult {
  /** The included units, in the status sheet's order, each with its list and figures. */
  units: ConferenceUnit[];
  /** Everyone on the included units' lists. */
  people: (ConferencePerson & { unit: string })[];
  /** D: the exemplary delegates the units sent (every person and collective listed). */
  delegates: number;
  /** The room left for guests and leaders: min(300 − D, ⌊3D / 7⌋), never below 0. */
  guestsRoom: number;
  /** Σ of the units' Cơ cấu đại biểu figures, row by row. */
  daibieuTotals: Record<string, number>;
  /** Units that should have sent a list and did not. */
  missingLists: string[];
  findings: Finding[];
  /** The lines MERGE_PERSON_TWICE is about after the first: unit, 1-based sheet row, finding index. */
  repeats: { unit: string; row: number; finding: number }[];
}

/** Guests and leaders the Sở may still invite when the units send D exemplars. */
export function guestsRoom(d: number): number {
  const byShare = Math.floor((d * (EXEMPLAR_SHARE.den - EXEMPLAR_SHARE.num)) / EXEMPLAR_SHARE.num);
  return Math.max(0, Math.min(SO_CONFERENCE_MAX - d, byShare));
}

/** A person's name as compared across lists: NFC, case and spaces folded, marks dropped. */
export function personKey(name: string): string {
  return stripMarks(foldName(name));
}

const KIND_VI: Record<string, string> = {
  delegate: "Đại biểu",
  collective: "Tập thể tiêu biểu",
  individual: "Cá nhân tiêu biểu",
};
export const kindText = (kind: string | null): string => (kind ? (KIND_VI[kind] ?? kind) : "");

export function consolidateConference(
  units: readonly (MergedUnit & { conference?: UnitConference })[],
  status: readonly StatusRow[],
  rosterComplete: boolean,
): ConferenceResult {
  const included = units.filter((u) => u.included);
  const order = new Map(status.map((s, i) => [s.unit, i]));
  included.sort((a, b) => (order.get(a.unit) ?? 1e9) - (order.get(b.unit) ?? 1e9));
  const out: ConferenceResult = {
    units: [],
    people: [],
    delegates: 0,
    guestsRoom: 0,
    daibieuTotals: {},
    missingLists: [],
    findings: [],
    repeats: [],
  };
  for (const u of included) {
    // a unit's list may come in another of its files (a corrected Phụ lục 02 sent alone)
    const own = u.conference ?? { list: null, daibieu: null };
    const others = units.filter((x) => x !== u && x.unit === u.unit && x.conference);
    const listFrom = own.list ? u : others.find((x) => x.conference!.list);
    const c = {
      list: listFrom?.conference!.list ?? null,
      daibieu: own.daibieu ?? others.find((x) => x.conference!.daibieu)?.conference!.daibieu ?? null,
    };
    out.units.push({ unit: u.unit, type: u.type, file: listFrom?.file ?? u.file, list: c.list, daibieu: c.daibieu });
    for (const p of c.list?.people ?? []) out.people.push({ ...p, unit: u.unit });
    for (const [code, v] of Object.entries(c.daibieu?.values ?? {}))
      out.daibieuTotals[code] = (out.daibieuTotals[code] ?? 0) + v;
  }
  out.delegates = out.people.length;
  out.guestsRoom = guestsRoom(out.delegates);
  if (out.delegates > SO_CONFERENCE_MAX)
    out.findings.push(
      mergeFinding("MERGE_DELEGATES_OVER", null, null, null, {
        delegates: out.delegates,
        max: SO_CONFERENCE_MAX,
        over: out.delegates - SO_CONFERENCE_MAX,
      }),
    );
  // One name and year of birth in two units' lists: a person sent twice.
  const seen = new Map<string, (ConferencePerson & { unit: string; file: string; sheet: string })[]>();
  for (const cu of out.units)
    for (const p of cu.list?.people ?? []) {
      if (!p.name || p.birthYear === null || p.kind === "collective") continue;
      const key = `${personKey(p.name)}|${p.birthYear}`;
      const list = seen.get(key) ?? [];
      list.push({ ...p, unit: cu.unit, file: cu.file, sheet: cu.list!.sheet });
      seen.set(key, list);
    }
  for (const same of seen.values()) {
    if (new Set(same.map((p) => p.unit)).size < 2) continue;
    // named as typed with its marks, when one list has them ("Nguyễn Thị Hương", not "NGUYEN THI HUONG")
    const first = same.find((p) => stripMarks(p.name) !== p.name) ?? same[0];
    const where = (line: string) =>
      same.map((p) => `${p.unit} (${label(p.file, p.sheet)}, ${line} ${p.row})`).join("; ");
    for (const p of same.slice(1)) out.repeats.push({ unit: p.unit, row: p.row, finding: out.findings.length });
    out.findings.push(
      mergeFinding("MERGE_PERSON_TWICE", same[1].file, same[1].sheet, same[1].unit, {
        name: first.name,
        birthYear: String(first.birthYear),
        count: same.length,
        where: { vi: where("dòng"), en: where("line") },
      }),
    );
  }
  // Every kind of unit sends a list (THPT, units under the Sở: 3 delegates; Phòng GDĐT: 2 nominees).
  const listed = new Set(out.units.filter((u) => u.list).map((u) => u.unit));
  const sentLists = new Set(units.filter((u) => u.conference?.list).map((u) => u.unit));
  for (const s of status) {
    if (s.heldOut || listed.has(s.unit) || sentLists.has(s.unit)) continue;
    if (s.submitted || (rosterComplete && s.onRoster)) out.missingLists.push(s.unit);
  }
  return out;
}
