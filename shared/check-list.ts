/**
 * The rules of a list of delegates (spec §4b): each row's name, kind, summary, year of birth and
 * gender, then the count the plan asks of the unit's kind, and the count its Cơ cấu đại biểu
 * gives. Every message names the person's sheet row and name.
 */
import { address } from "./address";
import type { Bilingual } from "./bilingual";
import { type Finding, makeFinding } from "./finding";
import type { ListPerson, LocatedList } from "./locate-list";
import { fold } from "./text";

/** What the unit's other sheets tell about the list: its kind, and its Cơ cấu đại biểu figures. */
export interface ListContext {
  unitType?: string | null;
  daibieu?: { sheet: string; values: Record<string, number>; cells: Record<string, string> } | null;
}

const UNIT_TYPE_TEXT: Record<string, Bilingual> = {
  thpt: { vi: "Trường THPT, đơn vị trực thuộc", en: "a high school or attached unit" },
  phong: { vi: "Phòng GDĐT", en: "a district office (Phòng GDĐT)" },
};
const KIND_TEXT: Record<string, Bilingual> = {
  delegate: { vi: "Đại biểu", en: "delegates (Đại biểu)" },
  collective: { vi: "Tập thể tiêu biểu", en: "exemplary collectives (Tập thể tiêu biểu)" },
  individual: { vi: "Cá nhân tiêu biểu", en: "exemplary individuals (Cá nhân tiêu biểu)" },
};
const EXPECTED_TEXT: Record<string, Bilingual> = {
  delegate: { vi: "03 đại biểu", en: "3 delegates" },
  collective: { vi: "01 tập thể tiêu biểu", en: "1 exemplary collective" },
  individual: { vi: "01 cá nhân tiêu biểu", en: "1 exemplary individual" },
};
/** The kinds the plan asks of each kind of unit, and how many (mục III.2.2, III.3). */
const EXPECTED: Record<string, [string, number][]> = {
  thpt: [["delegate", 3]],
  phong: [
    ["collective", 1],
    ["individual", 1],
  ],
};
/** The Cơ cấu đại biểu row that counts each kind. */
export const DAIBIEU_ROW_OF_KIND: Record<string, string> = { delegate: "DB7", collective: "DB8", individual: "DB9" };
const DAIBIEU_ROW_TEXT: Record<string, Bilingual> = {
  DB7: { vi: "số đại biểu cử dự Hội nghị cấp trên (DB7)", en: "delegates sent to the higher conference (DB7)" },
  DB8: { vi: "số tập thể tiêu biểu được giới thiệu (DB8)", en: "exemplary collectives nominated (DB8)" },
  DB9: { vi: "số cá nhân tiêu biểu được giới thiệu (DB9)", en: "exemplary individuals nominated (DB9)" },
};

const NO_NAME: Bilingual = { vi: "chưa ghi tên", en: "no name" };
const nameOf = (p: ListPerson): Bilingual | string => p.name || NO_NAME;

/** "dòng 8 Nguyễn Văn An, dòng 9 Trần Thị Bình" (English: "line 8 …"); "không có ai" when none. */
export function peopleText(people: readonly ListPerson[]): Bilingual {
  if (people.length === 0) return { vi: "không có ai", en: "none" };
  return {
    vi: people.map((p) => `dòng ${p.row + 1} ${p.name || NO_NAME.vi}`).join(", "),
    en: people.map((p) => `line ${p.row + 1} ${p.name || NO_NAME.en}`).join(", "),
  };
}

/** The unit's kind, for DS_COUNT: the sheet's "Loại đơn vị", the context's, the unit's name, else the list's kinds. */
export function listUnitType(list: LocatedList, ctx: ListContext = {}): "thpt" | "phong" {
  const given = list.attrs.get("unitType") ?? ctx.unitType ?? null;
  if (given) return given === "phong" ? "phong" : "thpt";
  const unit = fold(list.unit ?? "");
  if (/^(phong gd|phong giao duc)/.test(unit)) return "phong";
  if (/^(truong|trung tam|thpt)/.test(unit)) return "thpt";
  return list.people.some((p) => p.kind === "collective" || p.kind === "individual") &&
    !list.people.some((p) => p.kind === "delegate")
    ? "phong"
    : "thpt";
}

export function checkList(list: LocatedList, ctx: ListContext = {}): Finding[] {
  const t = list.template;
  const sheet = list.sheet;
  const out: Finding[] = [...list.findings];
  const rule = (id: string) => t.rule.get(id)!;
  const col = (role: Parameters<typeof t.keyOf.get>[0]) => {
    const key = t.keyOf.get(role);
    return key === undefined ? undefined : list.columns.get(key);
  };
  const cell = (p: ListPerson, role: Parameters<typeof t.keyOf.get>[0]) => {
    const c = col(role);
    return c === undefined ? null : address(p.row, c);
  };
  const headerCell = (role: Parameters<typeof t.keyOf.get>[0]) => address(list.headerTop, col(role) ?? 0);
  const { min, max } = t.def.birthYears;
  for (const p of list.people) {
    const rowNumber = String(p.row + 1);
    const missing: { role: "name" | "kind" | "summary"; text: Bilingual }[] = [];
    if (!p.name) missing.push({ role: "name", text: { vi: "họ và tên (tên tập thể)", en: "the name" } });
    if (!p.kind)
      missing.push({
        role: "kind",
        text: p.kindRaw
          ? {
              vi: `loại ("${p.kindRaw}" không phải Đại biểu, Tập thể tiêu biểu hay Cá nhân tiêu biểu)`,
              en: `the kind ("${p.kindRaw}" is not Đại biểu, Tập thể tiêu biểu or Cá nhân tiêu biểu)`,
            }
          : { vi: "loại (Đại biểu, Tập thể tiêu biểu hay Cá nhân tiêu biểu)", en: "the kind" },
      });
    if (!p.summary)
      missing.push({ role: "summary", text: { vi: "tóm tắt thành tích", en: "the summary of achievements" } });
    const present = missing.filter((m) => col(m.role) !== undefined);
    if (present.length > 0)
      out.push(
        makeFinding(
          rule("DS_REQUIRED"),
          { sheet, cells: present.map((m) => cell(p, m.role)!), column: t.keyOf.get(present[0].role) },
          {
            rowNumber,
            name: nameOf(p),
            missing: {
              vi: present.map((m) => m.text.vi).join(", "),
              en: present.map((m) => m.text.en).join(", "),
            },
          },
        ),
      );
    // A year of birth and a gender are a person's: a collective has neither, and a row of no kind is skipped.
    if (!p.kind || !t.personKinds.has(p.kind)) continue;
    const birth = cell(p, "birthYear");
    if (birth && (p.birthYear === null || p.birthYear < min || p.birthYear > max)) {
      const raw = p.birthRaw;
      const value: Bilingual =
        raw === null || raw === "" || raw === undefined
          ? { vi: "để trống", en: "is blank" }
          : { vi: `"${String(raw)}"`, en: `"${String(raw)}"` };
      out.push(
        makeFinding(
          rule("DS_BIRTH_YEAR"),
          { sheet, cells: [birth], column: t.keyOf.get("birthYear") },
          { rowNumber, name: nameOf(p), value, min: String(min), max: String(max) },
        ),
      );
    }
    const gender = cell(p, "gender");
    if (gender && !p.gender) {
      const value: Bilingual = p.genderRaw
        ? { vi: `"${p.genderRaw}"`, en: `"${p.genderRaw}"` }
        : { vi: "để trống", en: "is blank" };
      out.push(
        makeFinding(
          rule("DS_GENDER"),
          { sheet, cells: [gender], column: t.keyOf.get("gender") },
          { rowNumber, name: nameOf(p), value },
        ),
      );
    }
  }
  // A list with nobody on it is a blank form, not a list sent (the merge counts it as not sent).
  if (col("kind") === undefined || list.people.length === 0) return out;

  const ofKind = (k: string) => list.people.filter((p) => p.kind === k);
  const type = listUnitType(list, ctx);
  for (const [kind, n] of EXPECTED[type]) {
    const these = ofKind(kind);
    if (these.length === n) continue;
    const blamed = these.length > n ? [cell(these[n], "kind")!] : [headerCell("kind")];
    out.push(
      makeFinding(
        rule("DS_COUNT"),
        {
          sheet,
          cells: [...blamed, ...these.map((p) => cell(p, "kind")!).filter((c) => c !== blamed[0])],
          column: "kind",
        },
        {
          count: these.length,
          kind: KIND_TEXT[kind],
          names: peopleText(these),
          unitType: UNIT_TYPE_TEXT[type],
          expected: EXPECTED_TEXT[kind],
        },
      ),
    );
  }
  const db = ctx.daibieu;
  if (db)
    for (const [kind, code] of Object.entries(DAIBIEU_ROW_OF_KIND)) {
      const these = ofKind(kind);
      const expected = db.values[code] ?? 0;
      if (these.length === expected) continue;
      out.push(
        makeFinding(
          rule("DS_MATCHES_DAIBIEU"),
          { sheet, cells: [headerCell("kind"), ...these.map((p) => cell(p, "kind")!)], column: "kind" },
          {
            rowLabel: DAIBIEU_ROW_TEXT[code],
            expected,
            cell: db.cells[code] ? `'${db.sheet}'!${db.cells[code]}` : db.sheet,
            count: these.length,
            names: peopleText(these),
          },
        ),
      );
    }
  return out;
}
