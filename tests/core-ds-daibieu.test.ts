/**
 * Danh sách đại biểu (template `ds-daibieu`, spec §4b): the definition is valid data, the list is
 * found anywhere in a sheet under any of its header variants, and each rule fires with exact
 * findings naming the person's row and name.
 */
import {
  analyzeGrid,
  analyzeWorkbook,
  attachOtherSheets,
  daibieuFacts,
  factsKey,
  type MergeInput,
  pickDaibieu,
  type Cell,
  DS_DAIBIEU,
  type Grid,
  listLayout,
  type ListRow,
  listSchemas,
  listTemplateById,
  loadListTemplate,
  readBirthYear,
  TemplateError,
  templateById,
  templateLayout,
} from "../shared";
import { sheet as plSheet, unitValues } from "./helpers/tables";

const T = listTemplateById("ds-daibieu");
const person = (name: string, kind = "Đại biểu", extra: ListRow = {}): ListRow => ({
  name,
  birthYear: 1980,
  gender: "Nữ",
  position: "Giáo viên Toán, Trường THPT Ngô Quyền",
  kind,
  award: "Chiến sĩ thi đua cơ sở (2024)",
  summary: "Giáo viên dạy giỏi cấp thành phố; 3 năm liền hoàn thành xuất sắc nhiệm vụ",
  ...extra,
});
const THREE = [person("Nguyễn Văn An"), person("Trần Thị Bình"), person("Lê Văn Cường")];
const grid = (people: ListRow[], unit = "Trường THPT Ngô Quyền", unitType: string | null = "thpt"): Grid =>
  listLayout(T, { unit, unitType, people }).grid;
const lay = listLayout(T, { people: THREE });
const row = (i: number) => lay.firstDataRow + i + 1; // sheet row number of the i-th person
const col = (key: string) => String.fromCharCode(65 + lay.col.get(key)!);
const brief = (g: Grid) =>
  analyzeGrid(g)!.findings.map((f) => ({ rule: f.rule, cells: f.cells, message: f.message, messageEn: f.messageEn }));

test("the definition is valid, taken as zod parses it, and rejected when broken", () => {
  const parsed = listSchemas().ListTemplateDef.safeParse(DS_DAIBIEU);
  expect(parsed.error?.issues ?? []).toEqual([]);
  expect(parsed.data).toStrictEqual(DS_DAIBIEU);
  expect(loadListTemplate(DS_DAIBIEU)).toEqual(T);
  expect(() => loadListTemplate({ ...DS_DAIBIEU, anchors: ["nope"] })).toThrow(TemplateError);
  expect(() =>
    loadListTemplate({ ...DS_DAIBIEU, columns: DS_DAIBIEU.columns.filter((c) => c.role !== "kind") }),
  ).toThrow(/no column of role kind/);
  expect(DS_DAIBIEU.rules.map((r) => r.id).filter((id) => id.startsWith("DS_"))).toEqual([
    "DS_REQUIRED",
    "DS_BIRTH_YEAR",
    "DS_GENDER",
    "DS_COUNT",
    "DS_MATCHES_DAIBIEU",
  ]);
});

test("a blank list (the template) is a form, not a list sent: only its unit line is asked for", () => {
  expect(brief(listLayout(T).grid).map((f) => f.rule)).toEqual(["UNIT_MISSING"]);
  expect(brief(grid([]))).toEqual([]);
});

test("a right list of a THPT has no findings, and its people are read", () => {
  const r = analyzeGrid(grid(THREE))!;
  expect(r.template).toBe("ds-daibieu");
  expect(r.unit).toBe("Trường THPT Ngô Quyền");
  expect(r.findings).toEqual([]);
  expect(r.list!.people.map((p) => [p.row + 1, p.name, p.birthYear, p.gender, p.kind])).toEqual([
    [row(0), "Nguyễn Văn An", 1980, "female", "delegate"],
    [row(1), "Trần Thị Bình", 1980, "female", "delegate"],
    [row(2), "Lê Văn Cường", 1980, "female", "delegate"],
  ]);
});

test("found anywhere, under other header texts, in NFD, with a signature line under it", () => {
  const g = grid(THREE);
  const variants: Record<string, string> = {
    "Họ và tên": "Họ tên",
    "Năm sinh": "Ngày, tháng, năm sinh",
    "Tóm tắt thành tích": "Trích ngang thành tích",
    Loại: "Thành phần",
  };
  const rows: Cell[][] = [[], [], [null, null, "UBND THÀNH PHỐ HẢI PHÒNG"]];
  for (const r of g.rows)
    rows.push([null, null, ...(r ?? []).map((v) => (typeof v === "string" ? (variants[v] ?? v).normalize("NFD") : v))]);
  rows.push([], [null, null, null, null, null, null, "Người lập biểu", null, "Hiệu trưởng"]);
  const r = analyzeGrid({ name: "DS", rows })!;
  expect(r.template).toBe("ds-daibieu");
  expect(r.findings).toEqual([]);
  expect(r.list!.people.map((p) => p.row)).toEqual([0, 1, 2].map((i) => lay.firstDataRow + 3 + i));
  expect(r.list!.columns.get("name")).toBe(3);
});

test("DS_REQUIRED: a row without its name, kind or summary, in the row's first missing cell", () => {
  const people = [
    person("", "Đại biểu"),
    person("Trần Thị Bình", "Khách"),
    person("Lê Văn Cường", "Đại biểu", { summary: "" }),
  ];
  expect(brief(grid(people)).filter((f) => f.rule === "DS_REQUIRED")).toEqual([
    {
      rule: "DS_REQUIRED",
      cells: [`${col("name")}${row(0)}`],
      message: `Dòng ${row(0)} (chưa ghi tên): thiếu họ và tên (tên tập thể)`,
      messageEn: `Line ${row(0)} (no name): missing the name`,
    },
    {
      rule: "DS_REQUIRED",
      cells: [`${col("kind")}${row(1)}`],
      message: `Dòng ${row(1)} (Trần Thị Bình): thiếu loại ("Khách" không phải Đại biểu, Tập thể tiêu biểu hay Cá nhân tiêu biểu)`,
      messageEn: `Line ${row(1)} (Trần Thị Bình): missing the kind ("Khách" is not Đại biểu, Tập thể tiêu biểu or Cá nhân tiêu biểu)`,
    },
    {
      rule: "DS_REQUIRED",
      cells: [`${col("summary")}${row(2)}`],
      message: `Dòng ${row(2)} (Lê Văn Cường): thiếu tóm tắt thành tích`,
      messageEn: `Line ${row(2)} (Lê Văn Cường): missing the summary of achievements`,
    },
  ]);
});

test("DS_BIRTH_YEAR: a person's year outside 1940–2010 or not a year; dates are read as their year", () => {
  const people = [
    person("Nguyễn Văn An", "Đại biểu", { birthYear: "12/05/1985" }),
    person("Trần Thị Bình", "Đại biểu", { birthYear: 1939 }),
    person("Lê Văn Cường", "Đại biểu", { birthYear: "" }),
    person("Trường THPT Ngô Quyền", "Tập thể tiêu biểu", { birthYear: "", gender: "" }),
  ];
  expect(brief(grid(people)).filter((f) => f.rule === "DS_BIRTH_YEAR")).toEqual([
    {
      rule: "DS_BIRTH_YEAR",
      cells: [`${col("birthYear")}${row(1)}`],
      message: `Dòng ${row(1)} (Trần Thị Bình): năm sinh "1939"; phải là một năm từ 1940 đến 2010`,
      messageEn: `Line ${row(1)} (Trần Thị Bình): year of birth "1939"; it must be a year from 1940 to 2010`,
    },
    {
      rule: "DS_BIRTH_YEAR",
      cells: [`${col("birthYear")}${row(2)}`],
      message: `Dòng ${row(2)} (Lê Văn Cường): năm sinh để trống; phải là một năm từ 1940 đến 2010`,
      messageEn: `Line ${row(2)} (Lê Văn Cường): year of birth is blank; it must be a year from 1940 to 2010`,
    },
  ]);
  expect([readBirthYear(1985), readBirthYear("1985-05-12"), readBirthYear(31179), readBirthYear("năm 85")]).toEqual([
    1985,
    1985,
    1985,
    null,
  ]);
});

test("DS_GENDER: a person's gender neither Nam nor Nữ (marks and case folded); a collective has none", () => {
  const people = [
    person("Nguyễn Văn An", "Đại biểu", { gender: "NAM" }),
    person("Trần Thị Bình", "Đại biểu", { gender: "nu" }),
    person("Lê Văn Cường", "Đại biểu", { gender: "Male" }),
    person("Tổ Toán", "Tập thể tiêu biểu", { gender: "" }),
  ];
  expect(brief(grid(people)).filter((f) => f.rule === "DS_GENDER")).toEqual([
    {
      rule: "DS_GENDER",
      cells: [`${col("gender")}${row(2)}`],
      message: `Dòng ${row(2)} (Lê Văn Cường): giới tính "Male"; phải ghi "Nam" hoặc "Nữ"`,
      messageEn: `Line ${row(2)} (Lê Văn Cường): gender "Male"; it must be "Nam" (male) or "Nữ" (female)`,
    },
  ]);
});

test("DS_COUNT: a THPT lists other than 3 delegates; a Phòng GDĐT other than 1 collective and 1 individual", () => {
  const four = [...THREE, person("Phạm Thị Dung")];
  expect(brief(grid(four))).toEqual([
    {
      rule: "DS_COUNT",
      cells: [4, 1, 2, 3].map((i) => `${col("kind")}${row(i - 1)}`),
      message: `Danh sách có 4 Đại biểu: dòng ${row(0)} Nguyễn Văn An, dòng ${row(1)} Trần Thị Bình, dòng ${row(2)} Lê Văn Cường, dòng ${row(3)} Phạm Thị Dung; Trường THPT, đơn vị trực thuộc cử 03 đại biểu`,
      messageEn: `The list has 4 delegates (Đại biểu): line ${row(0)} Nguyễn Văn An, line ${row(1)} Trần Thị Bình, line ${row(2)} Lê Văn Cường, line ${row(3)} Phạm Thị Dung; a high school or attached unit sends 3 delegates`,
    },
  ]);
  const header = `${col("kind")}${lay.headerRow + 1}`;
  const phong = [person("Trường Mầm non Hoa Sen", "Tập thể tiêu biểu", { birthYear: "", gender: "" })];
  // the unit's kind from its name when the sheet does not say it
  expect(brief(grid(phong, "Phòng GDĐT quận Lê Chân", null))).toEqual([
    {
      rule: "DS_COUNT",
      cells: [header],
      message: "Danh sách có 0 Cá nhân tiêu biểu: không có ai; Phòng GDĐT cử 01 cá nhân tiêu biểu",
      messageEn:
        "The list has 0 exemplary individuals (Cá nhân tiêu biểu): none; a district office (Phòng GDĐT) sends 1 exemplary individual",
    },
  ]);
  expect(
    brief(grid([...phong, person("Vũ Thị Hoa", "Cá nhân tiêu biểu")], "Phòng GDĐT quận Lê Chân", "phong")),
  ).toEqual([]);
});

test("DS_MATCHES_DAIBIEU: the unit's Cơ cấu đại biểu gives DB7 otherwise; the unit's kind comes from it", () => {
  const db = templateLayout(templateById("daibieu"), {
    unit: "Trường THPT Ngô Quyền",
    values: { DB7: { value: 2 } },
    attrs: { unitType: "thpt", level: "co_so" },
  });
  const dbCell = `'Cơ cấu đại biểu'!${String.fromCharCode(65 + db.col.get("value")!)}${db.row.get("DB7")! + 1}`;
  const sheets = analyzeWorkbook([db.grid, grid(THREE, "Trường THPT Ngô Quyền", null)]);
  const list = sheets.find((s) => s.template === "ds-daibieu")!;
  expect(list.findings.map((f) => [f.rule, f.severity, f.cells[0], f.message])).toEqual([
    [
      "DS_MATCHES_DAIBIEU",
      "warning",
      `${col("kind")}${lay.headerRow + 1}`,
      `Trang "Cơ cấu đại biểu" ghi số đại biểu cử dự Hội nghị cấp trên (DB7) = 2 (ô ${dbCell}), danh sách có 3: dòng ${row(0)} Nguyễn Văn An, dòng ${row(1)} Trần Thị Bình, dòng ${row(2)} Lê Văn Cường`,
    ],
  ]);
  // beside a Cơ cấu đại biểu left blank, nothing to compare with
  const blankDb = templateLayout(templateById("daibieu"), { unit: "Trường THPT Ngô Quyền" }).grid;
  const beside = analyzeWorkbook([blankDb, grid(THREE, "Trường THPT Ngô Quyền", null)]);
  expect(beside.find((s) => s.template === "ds-daibieu")!.findings).toEqual([]);
  // checked alone (Excel checks sheet by sheet), the list has nothing to compare with
  expect(analyzeGrid(grid(THREE, "Trường THPT Ngô Quyền", null))!.findings).toEqual([]);
});

test("a Phụ lục 02 and a Cơ cấu đại biểu are still what they were; a sheet named like the list but empty is LAYOUT_NOT_FOUND", () => {
  expect(analyzeGrid(templateLayout(templateById("pl02")).grid)!.template).toBe("pl02");
  expect(analyzeGrid(templateLayout(templateById("daibieu")).grid)!.template).toBe("daibieu");
  const res = analyzeWorkbook([{ name: "Danh sách đại biểu", rows: [["trống"]] }, grid(THREE)]);
  expect(res.map((s) => [s.sheet, s.template, s.findings.map((f) => f.rule)])).toEqual([
    ["Danh sách đại biểu", "ds-daibieu", ["LAYOUT_NOT_FOUND"]],
    ["Danh sách đại biểu", "ds-daibieu", []],
  ]);
});

describe("a list finds its unit's Cơ cấu đại biểu among many (shared/list-context.ts)", () => {
  const db = (unit: string, db7: number) => ({
    ...templateLayout(templateById("daibieu"), {
      unit,
      values: { DB7: { value: db7 } },
      attrs: { unitType: "thpt", level: "co_so" },
    }).grid,
    name: `Cơ cấu ${unit}`,
  });
  const units = ["Trường THPT Ngô Quyền", "Trường THPT Trần Phú"];

  test("the same unit's, never another's; the only one when the list names no unit it matches", () => {
    const facts = [db(units[0], 3), db(units[1], 2)].map((g) => daibieuFacts(analyzeGrid(g)!)!);
    expect(pickDaibieu(facts, "trường thpt  TRẦN PHÚ")?.sheet).toBe(`Cơ cấu ${units[1]}`);
    expect(pickDaibieu(facts, "Trường THPT Lê Quý Đôn")).toBeUndefined();
    expect(pickDaibieu(facts.slice(0, 1), "Trường THPT Lê Quý Đôn")?.sheet).toBe(`Cơ cấu ${units[0]}`);
    expect(facts[1].values).toEqual({ DB7: 2, DB8: 0, DB9: 0 });
    // the key changes with DB7, not with a figure the lists are not compared with
    const again = (v: Record<string, { value: number }>) =>
      factsKey(
        daibieuFacts(
          analyzeGrid({
            ...templateLayout(templateById("daibieu"), {
              unit: units[0],
              values: v,
              attrs: { unitType: "thpt", level: "co_so" },
            }).grid,
            name: `Cơ cấu ${units[0]}`,
          })!,
        ),
      );
    expect(again({ DB7: { value: 3 } })).toBe(factsKey(facts[0]));
    expect(again({ DB7: { value: 3 }, DB1: { value: 40 } })).toBe(factsKey(facts[0]));
    expect(again({ DB7: { value: 4 } })).not.toBe(factsKey(facts[0]));
    expect(factsKey(undefined)).toBe("");
  });

  test("merges of hosts that judge sheet by sheet count DS_MATCHES_DAIBIEU as the CLI does", () => {
    // two units in one workbook (the Sở's Excel or shared spreadsheet): each list against its own Cơ cấu
    const grids: Grid[] = units.flatMap((unit, i) => [
      { ...plSheet(unitValues(i), unit), name: `PL02 ${i + 1}` },
      db(unit, i === 0 ? 3 : 2),
      { ...grid(THREE, unit, null), name: `DS ${i + 1}` },
    ]);
    const bySheet = grids.map((g) => analyzeGrid(g)!);
    expect(bySheet.flatMap((r) => r.findings.map((f) => f.rule))).not.toContain("DS_MATCHES_DAIBIEU");
    const attach = (results: typeof bySheet) => {
      const inputs: MergeInput[] = results
        .filter((r) => r.template === "pl02")
        .map((result, sheetIndex) => ({ file: "book.xlsx", sheetIndex, result }));
      attachOtherSheets(inputs, results);
      return inputs.map((i) => [i.result.unit, i.otherSheets, i.conference?.list?.warnings]);
    };
    const cli = analyzeWorkbook(grids);
    // the CLI's whole-workbook judgement: Trần Phú's list has 3 delegates, its Cơ cấu says 2
    expect(cli.filter((r) => r.list).map((r) => [r.unit, r.findings.map((f) => f.rule)])).toEqual([
      [units[0], []],
      [units[1], ["DS_MATCHES_DAIBIEU"]],
    ]);
    const dbWarnings = (i: number) => bySheet[3 * i + 1].findings.filter((f) => f.severity === "warning").length;
    expect(attach(bySheet)).toEqual([
      [units[0], { errors: 0, warnings: dbWarnings(0) }, 0],
      [
        units[1],
        { errors: bySheet[4].findings.filter((f) => f.severity === "error").length, warnings: dbWarnings(1) + 1 },
        1,
      ],
    ]);
    expect(attach(bySheet)).toEqual(attach(cli));
  });
});
