/**
 * The Sở's conference (spec §5b): the units' lists of delegates and their Cơ cấu đại biểu,
 * consolidated; D and the room left for guests and leaders checked against a count made here
 * from the lists as written; MERGE_DELEGATES_OVER, MERGE_PERSON_TWICE; units that sent no list.
 */
import {
  analyzeGrid,
  analyzeWorkbook,
  attachOtherSheets,
  CITY_SHEET_NAMES,
  cityOutputSheets,
  conferenceFigures,
  conferenceFiguresFromSheet,
  consolidate,
  type Grid,
  guestsRoom,
  listLayout,
  type ListRow,
  listTemplateById,
  type MergeInput,
  type Roster,
} from "../shared";
import { reportBlocksOf } from "../shared/report/figures";
import { dbSheet, sheet, unitValues } from "./helpers/tables";

const T = listTemplateById("ds-daibieu");
const person = (name: string, birthYear: number | string, kind = "Đại biểu"): ListRow => ({
  name,
  birthYear,
  gender: "Nam",
  position: "Giáo viên",
  kind,
  award: "Chiến sĩ thi đua cơ sở (2024)",
  summary: "Hoàn thành xuất sắc nhiệm vụ 5 năm liền",
});
const list = (unit: string, people: ListRow[]): Grid => listLayout(T, { unit, people }).grid;

/** One unit's workbook: Phụ lục 02, Cơ cấu đại biểu, and its list when it has one. */
function unitBook(i: number, unit: string, people: ListRow[] | null, db: Record<string, number>): MergeInput[] {
  const grids = [
    { ...sheet(unitValues(i), unit), name: "Phụ lục 02" },
    { ...dbSheet(db, { level: "co_so", unitType: unit.startsWith("Phòng") ? "phong" : "thpt" }, unit), name: "CCDB" },
  ];
  if (people) grids.push({ ...list(unit, people), name: "DS" });
  const sheets = analyzeWorkbook(grids);
  const inputs = sheets
    .map((result, sheetIndex) => ({ file: `${unit}.xlsx`, sheetIndex, result }))
    .filter((x) => x.result.template === "pl02");
  attachOtherSheets(inputs, sheets);
  return inputs;
}

const ROSTER: Roster = {
  units: [
    { name: "Trường THPT Ngô Quyền", type: "Trường THPT", aliases: [] },
    { name: "Trường THPT Thái Phiên", type: "Trường THPT", aliases: [] },
    { name: "Phòng GDĐT quận Lê Chân", type: "Phòng GDĐT", aliases: [] },
    { name: "Trường THPT Trần Phú", type: "Trường THPT", aliases: [] },
    { name: "Trường THPT Lê Quý Đôn", type: "Trường THPT", aliases: [] },
  ],
  complete: true,
};
const LISTS: Record<string, ListRow[] | null> = {
  "Trường THPT Ngô Quyền": [person("Nguyễn Văn An", 1980), person("Trần Thị Bình", 1985), person("Lê Văn Cường", 1979)],
  // the same person as Ngô Quyền's first, typed without marks and in capitals: MERGE_PERSON_TWICE
  "Trường THPT Thái Phiên": [person("NGUYEN  VAN AN", 1980), person("Phạm Thị Dung", 1990), person("Vũ Văn Em", 1975)],
  "Phòng GDĐT quận Lê Chân": [
    person("Trường Mầm non Hoa Sen", "", "Tập thể tiêu biểu"),
    person("Đỗ Thị Giang", 1988, "Cá nhân tiêu biểu"),
  ],
  // sent its Phụ lục 02 and Cơ cấu đại biểu, no list
  "Trường THPT Trần Phú": null,
};
const DB = (unit: string): Record<string, number> =>
  unit.startsWith("Phòng")
    ? { DB1: 40, DB2: 60, DB3: 42, DB4: 18, DB8: 1, DB9: 1 }
    : { DB1: 120, DB2: 130, DB3: 91, DB4: 39, DB7: 3 };

function merge() {
  const inputs = Object.entries(LISTS).flatMap(([unit, people], i) => unitBook(i, unit, people, DB(unit)));
  return consolidate(inputs, [], { roster: ROSTER });
}

test("D, the room left, the people and the Cơ cấu đại biểu totals, against a count of the lists as written", () => {
  const r = merge();
  const c = r.conference;
  // independent count: every row of every list sent, as written above
  const written = Object.entries(LISTS).flatMap(([unit, people]) =>
    (people ?? []).map((p) => ({ unit, name: String(p.name).replace(/\s+/g, " ") })),
  );
  expect(c.delegates).toBe(written.length);
  expect(c.delegates).toBe(8);
  expect(c.guestsRoom).toBe(Math.min(300 - 8, Math.floor((3 * 8) / 7)));
  expect(c.guestsRoom).toBe(3);
  expect(c.people.map((p) => ({ unit: p.unit, name: p.name }))).toEqual(
    ROSTER.units.flatMap((u) => written.filter((w) => w.unit === u.name)),
  );
  const dbOf = Object.keys(LISTS).map(DB);
  for (const code of ["DB1", "DB2", "DB3", "DB7", "DB8", "DB9"])
    expect(c.daibieuTotals[code]).toBe(dbOf.reduce((s, d) => s + (d[code] ?? 0), 0));
  expect(c.units.map((u) => [u.unit, u.list?.people.length ?? null, u.daibieu?.values.DB7])).toEqual([
    ["Trường THPT Ngô Quyền", 3, 3],
    ["Trường THPT Thái Phiên", 3, 3],
    ["Phòng GDĐT quận Lê Chân", 2, 0],
    ["Trường THPT Trần Phú", null, 3],
  ]);
  // a unit that sent its tables but no list, and a roster unit that sent nothing
  expect(c.missingLists).toEqual(["Trường THPT Trần Phú", "Trường THPT Lê Quý Đôn"]);
  expect(r.status.map((s) => [s.unit, s.delegateList])).toEqual([
    ["Trường THPT Ngô Quyền", 3],
    ["Trường THPT Thái Phiên", 3],
    ["Phòng GDĐT quận Lê Chân", 2],
    ["Trường THPT Trần Phú", null],
    ["Trường THPT Lê Quý Đôn", null],
  ]);
});

test("MERGE_PERSON_TWICE: one name and year in two units' lists, compared without marks, case or spaces", () => {
  const c = merge().conference;
  const first = listLayout(T).firstDataRow + 1; // the sheet row of a list's first person
  expect(c.findings.map((f) => [f.rule, f.severity, f.unit, f.message])).toEqual([
    [
      "MERGE_PERSON_TWICE",
      "warning",
      "Trường THPT Thái Phiên",
      `"Nguyễn Văn An" (sinh năm 1980) có trong 2 danh sách: Trường THPT Ngô Quyền (Trường THPT Ngô Quyền.xlsx › DS, dòng ${first}); Trường THPT Thái Phiên (Trường THPT Thái Phiên.xlsx › DS, dòng ${first})`,
    ],
  ]);
  // another year of birth is another person
  const other = consolidate(
    [
      ...unitBook(0, "Trường THPT Ngô Quyền", [person("Nguyễn Văn An", 1980)], DB("Trường")),
      ...unitBook(1, "Trường THPT Thái Phiên", [person("Nguyễn Văn An", 1981)], DB("Trường")),
    ],
    [],
    { roster: ROSTER },
  );
  expect(other.conference.findings).toEqual([]);
});

test("MERGE_DELEGATES_OVER: more than 300 exemplary delegates; the room left is then 0", () => {
  const many = Array.from({ length: 301 }, (_, i) => person(`Người ${i + 1}`, 1970 + (i % 30)));
  const r = consolidate(unitBook(0, "Trường THPT Ngô Quyền", many, DB("Trường")), [], { roster: ROSTER });
  expect(r.conference.delegates).toBe(301);
  expect(r.conference.guestsRoom).toBe(0);
  expect(r.conference.findings.map((f) => [f.rule, f.severity, f.message])).toEqual([
    [
      "MERGE_DELEGATES_OVER",
      "error",
      "Các đơn vị cử 301 đại biểu điển hình tiên tiến, quá 1 so với tối đa 300 đại biểu của Hội nghị cấp Sở",
    ],
  ]);
  expect([0, 1, 7, 10, 210, 231, 300].map(guestsRoom)).toEqual([0, 0, 3, 4, 90, 69, 0]);
});

test("the list's errors count with its unit on the status sheet", () => {
  const clean = merge().status.find((s) => s.unit === "Trường THPT Ngô Quyền")!.errors!;
  const bad = [person("Nguyễn Văn An", 1880), ...LISTS["Trường THPT Ngô Quyền"]!.slice(1)];
  const r = consolidate(unitBook(0, "Trường THPT Ngô Quyền", bad, DB("Trường")), [], { roster: ROSTER });
  expect(r.status.find((s) => s.unit === "Trường THPT Ngô Quyền")!.errors).toBe(clean + 1);
});

test("sheet Đại biểu Hội nghị của Sở: totals, people grouped by unit, figures beside, a repeated person marked", () => {
  const r = merge();
  const out = cityOutputSheets(r).find((s) => s.name === CITY_SHEET_NAMES.conference)!;
  const v = out.rows.map((row) => (row ?? []).map((c) => c?.v ?? null));
  expect(v[1][4]).toBe(8);
  expect(v[2][4]).toBe(3);
  expect(v[3][4]).toBe(11);
  expect(v[4].slice(4, 6)).toEqual([2, "Trường THPT Trần Phú; Trường THPT Lê Quý Đôn"]);
  const header = v.findIndex((row) => row[0] === "STT");
  const db7 = v[header].findIndex((x) => typeof x === "string" && x.startsWith("DB7."));
  const body = v.slice(header + 1);
  expect(body.map((row) => [row[0], row[1], row[3], row[db7] ?? null])).toEqual([
    ["", "Trường THPT Ngô Quyền", "3 người / tập thể", 3],
    [1, "", "Nguyễn Văn An", null],
    [2, "", "Trần Thị Bình", null],
    [3, "", "Lê Văn Cường", null],
    ["", "Trường THPT Thái Phiên", "3 người / tập thể", 3],
    [4, "", "NGUYEN VAN AN", null],
    [5, "", "Phạm Thị Dung", null],
    [6, "", "Vũ Văn Em", null],
    ["", "Phòng GDĐT quận Lê Chân", "2 người / tập thể", 0],
    [7, "", "Trường Mầm non Hoa Sen", null],
    [8, "", "Đỗ Thị Giang", null],
    ["", "Trường THPT Trần Phú", "Chưa gửi danh sách", 3],
    ["", "Tổng cộng", 8, 9],
  ]);
  // the second line of the person is marked and carries the finding as a note
  const second = header + 1 + 5;
  expect(out.rows[second][3]!.s).toBe("warning");
  expect([...out.notes!.entries()]).toEqual([
    [`D${second + 1}`, `[MERGE_PERSON_TWICE] ${r.conference.findings[0].message}`],
  ]);
  const status = cityOutputSheets(r).find((s) => s.name === CITY_SHEET_NAMES.status)!;
  const col = status.rows[0].findIndex((c) => c?.v === "Danh sách đại biểu");
  expect(status.rows.slice(1).map((row) => row[col]!.v)).toEqual([
    "3 người",
    "3 người",
    "2 người",
    "Chưa gửi",
    "Chưa gửi",
  ]);
  // the sheet has a list's columns, but it is the Sở's output, not a unit's list: never judged as one
  const grid: Grid = { name: out.name, rows: v };
  expect(analyzeGrid({ ...grid, name: "Trang 1" })?.template).toBe("ds-daibieu");
  expect(analyzeGrid(grid)).toBeUndefined();
  expect(analyzeWorkbook([grid, { ...sheet(unitValues(0)), name: "Phụ lục 02" }]).map((x) => x.sheet)).toEqual([
    "Phụ lục 02",
  ]);
});

test("the report in words: delegates by kind of unit and the room left; read back from the written sheet alike", () => {
  const r = merge();
  expect(reportBlocksOf(r, "vi").slice(-2)).toEqual([
    { kind: "heading", text: "Đại biểu dự Hội nghị của Sở" },
    {
      kind: "paragraph",
      text:
        "Các đơn vị cử 8 đại biểu điển hình tiên tiến dự Hội nghị của Sở: 6 của 2 trường THPT; 2 của 1 Phòng GDĐT " +
        "(1 tập thể và 1 cá nhân tiêu biểu). Hội nghị có tối đa 300 đại biểu, đại biểu điển hình tiên tiến chiếm ít " +
        "nhất 70 %: còn mời được tối đa 3 đại biểu khách mời, lãnh đạo các cấp, tổng cộng tối đa 11 đại biểu. " +
        "Còn 2 đơn vị chưa gửi danh sách đại biểu.",
    },
  ]);
  expect(reportBlocksOf(r, "en").at(-1)!.text).toBe(
    "The units send 8 exemplary delegate(s) to the Department's conference: 6 from 2 high school(s); 2 from 1 " +
      "district office(s) (1 collective(s) and 1 individual(s)). The conference holds at most 300, at least 70% of " +
      "them exemplars: at most 3 guests and leaders may be invited, 11 delegates in all. 2 unit(s) have not sent " +
      "their list of delegates.",
  );
  const out = cityOutputSheets(r).find((s) => s.name === CITY_SHEET_NAMES.conference)!;
  const grid = { name: out.name, rows: out.rows.map((row) => (row ?? []).map((c) => c?.v ?? null)) };
  expect(conferenceFiguresFromSheet(grid as Grid)).toEqual(conferenceFigures(r.conference));
  // the report sheet of the city workbook ends with the same words
  const report = cityOutputSheets(r).find((s) => s.name === CITY_SHEET_NAMES.report)!;
  const texts = report.rows.flatMap((row) => (row ?? []).map((c) => c?.v)).filter((v) => typeof v === "string");
  expect(texts).toContain(reportBlocksOf(r, "vi").at(-1)!.text);
});
