/**
 * Every kind of .xlsx the tool writes opens in LibreOffice Calc and reads back with the same
 * values: the city workbook, annotated copies, the blank template (whose formulas LibreOffice
 * recalculates) and the sample files.
 */
import ExcelJS from "exceljs";
import { copyFileSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { analyzeWorkbook, formatNumber, listLayout, listTemplateById, templateById, templateLayout } from "../shared";
import { readXlsx } from "../shared/workbook/read";
import { cli, ensureBuilt, tempDir } from "./helpers/cli";
import { hasLibreOffice, roundTrip } from "./helpers/libreoffice";

const t = templateById("pl02");
const lay = templateLayout(t);
const listLay = listLayout(listTemplateById("ds-daibieu"));
/** What a unit types into the blank Danh sách đại biểu: three delegates, one born "1899". */
const TYPED_LIST = [
  ["Nguyễn Văn An", 1980, "Nam", "Giáo viên Toán", "Đại biểu", "Chiến sĩ thi đua cơ sở (2024)", "Giáo viên dạy giỏi"],
  ["Trần Thị Bình", 1899, "Nữ", "Tổ trưởng", "Đại biểu", "", "5 năm hoàn thành xuất sắc nhiệm vụ"],
  ["Lê Văn Cường", "12/05/1979", "Nam", "Phó Hiệu trưởng", "Đại biểu", "", "Sáng kiến cấp thành phố"],
];

test("LibreOffice is installed (CI installs libreoffice-calc-nogui)", () => {
  expect(hasLibreOffice()).toBe(true);
});

describe("files the tool writes open in LibreOffice Calc with the same values", () => {
  let dir: string;
  let city: { rows: Record<string, Record<string, number>>; findings: { cells: string[] }[] };
  const files: Record<string, string> = {};
  const converted: Record<string, string> = {};

  beforeAll(async () => {
    ensureBuilt();
    dir = tempDir();
    const samples = join(dir, "samples");
    expect(cli(["sample", "--out-dir", samples]).status).toBe(0);
    files.city = join(dir, "city.xlsx");
    city = JSON.parse(cli(["merge", samples, "--out", files.city, "--json"]).stdout).city;
    expect(
      cli(["check", join(samples, "phong-gddt-quan-le-chan.xlsx"), "--out-dir", join(dir, "annotated")]).status,
    ).toBe(1);
    files.annotated = join(dir, "annotated", "phong-gddt-quan-le-chan.xlsx");
    files.sample = join(samples, "truong-thpt-ngo-quyen.xlsx");
    expect(cli(["template", "--out", join(dir, "template.xlsx")]).status).toBe(0);
    // A unit types leaf figures into the blank template; the parent rows are formulas whose
    // cached results are still 0 until a spreadsheet program recalculates them.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "template.xlsx"));
    const ws = wb.getWorksheet("Phụ lục 02")!;
    ws.getCell(lay.unitRow + 1, 2).value = "Trường THPT Ngô Quyền";
    const typed = (code: string, v: Record<string, number>) => {
      for (const [key, n] of Object.entries(v)) ws.getCell(lay.row.get(code)! + 1, lay.col.get(key)! + 1).value = n;
    };
    typed("A4.3", { total: 1, collective: 0, individual: 1, leaders: 1, direct: 0, y2023: 1 });
    typed("D2", {
      total: 90,
      individual: 90,
      leaders: 10,
      direct: 80,
      y2021: 18,
      y2022: 18,
      y2023: 18,
      y2024: 18,
      y2025: 18,
    });
    typed("D1", { total: 9, individual: 9, leaders: 2, direct: 7, y2021: 2, y2022: 2, y2023: 2, y2024: 2, y2025: 1 });
    // and fills in its list of delegates (spec §4b), a year of birth mistyped
    const ds = wb.getWorksheet("Danh sách đại biểu")!;
    ds.getCell(listLay.unitRow + 1, 2).value = "Trường THPT Ngô Quyền";
    const listKeys = ["name", "birthYear", "gender", "position", "kind", "award", "summary"];
    TYPED_LIST.forEach((row, i) =>
      row.forEach((v, k) => (ds.getCell(listLay.firstDataRow + i + 1, listLay.col.get(listKeys[k])! + 1).value = v)),
    );
    // A spreadsheet program recalculates a formula when a cell it reads is typed into; exceljs does
    // not, so the template's cached 0s are dropped here as that recalculation would replace them
    // (LibreOffice does not recalculate an .xlsx on load by default: it would keep the 0s).
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.formula) cell.value = { formula: cell.formula } as ExcelJS.CellFormulaValue;
      }),
    );
    wb.calcProperties.fullCalcOnLoad = true; // as the template asks; exceljs does not keep it on load
    files.typed = join(dir, "typed.xlsx");
    await wb.xlsx.writeFile(files.typed);
    const keys = Object.keys(files);
    const out = roundTrip(
      keys
        .map((k) => files[k])
        .map((f, i) => {
          // LibreOffice names its output after the input: keep the names distinct
          const unique = join(dir, `${keys[i]}.xlsx`);
          if (f !== unique) copyFileSync(f, unique);
          return unique;
        }),
    );
    keys.forEach((k, i) => (converted[k] = out[i]));
  }, 240_000);

  test("the city workbook: five sheets (the report, then the charts, last) and every city figure", () => {
    expect(existsSync(converted.city)).toBe(true);
    const wb = readXlsx(readFileSync(converted.city));
    expect(wb.sheets.map((s) => s.name)).toEqual([
      "Tổng hợp thành phố",
      "Chi tiết theo đơn vị",
      "Tình trạng nộp",
      "Đại biểu Hội nghị của Sở",
      "Số liệu cho báo cáo",
      "Biểu đồ tổng hợp",
    ]);
    const res = analyzeWorkbook([wb.sheets[0]])[0];
    for (const def of t.rows)
      for (const key of t.countKeys)
        expect([def.code, key, res.table!.cells.get(def.code)!.get(key)!.value]).toEqual([
          def.code,
          key,
          city.rows[def.code][key],
        ]);
    // the detail sheet's last row is the city's column (1)
    const detail = wb.sheets[1].rows;
    const last = detail[detail.length - 1];
    expect(last[1]).toBe("Tổng cộng");
    expect(last.slice(4, 4 + t.rows.length)).toEqual(t.rows.map((r) => city.rows[r.code].total));
  });

  test("the city workbook's figures in words (Số liệu cho báo cáo) read back word for word", () => {
    const sheetOf = (file: string) =>
      readXlsx(readFileSync(file)).sheets.find((s) => s.name === "Số liệu cho báo cáo")!;
    const text = sheetOf(files.city).rows.map((r) => r[0]);
    expect(text[0]).toBe("Số liệu khen thưởng giai đoạn 2020 - 2025 – Sở GDĐT Hải Phòng (tổng hợp)");
    expect(text.join("\n")).toContain(`có tổng cộng ${formatNumber(city.rows.TONG.total, "vi")} lượt khen thưởng`);
    expect(sheetOf(converted.city).rows.map((r) => r[0])).toEqual(text);
  });

  test("an annotated copy keeps every value and its notes survive", async () => {
    const before = readXlsx(readFileSync(files.annotated)).sheets.map((s) => s.rows);
    const after = readXlsx(readFileSync(converted.annotated)).sheets.map((s) => s.rows);
    expect(after).toEqual(before);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(converted.annotated);
    const note = wb.getWorksheet("Phụ lục 02")!.getCell(lay.row.get("B3")! + 1, lay.col.get("total")! + 1).note;
    const text = typeof note === "string" ? note : (note?.texts ?? []).map((x) => x.text).join("");
    expect(text).toContain("[SUM_TOTAL]");
  });

  test("the template's formulas recalculate into consistent parent, group and grand totals", () => {
    const wb = readXlsx(readFileSync(converted.typed));
    const res = analyzeWorkbook(wb.sheets);
    expect(res.map((s) => [s.template, s.unit, s.findings.map((f) => f.rule)])).toEqual([
      ["pl02", "Trường THPT Ngô Quyền", []],
      ["daibieu", null, ["UNIT_MISSING"]],
      ["ds-daibieu", "Trường THPT Ngô Quyền", ["DS_BIRTH_YEAR"]],
    ]);
    // the list typed into the template, read back through LibreOffice: the mistake where it was typed
    const list = res[2];
    expect(list.findings.map((f) => [f.cells[0], f.message])).toEqual([
      [
        `C${listLay.firstDataRow + 2}`,
        `Dòng ${listLay.firstDataRow + 2} (Trần Thị Bình): năm sinh "1899"; phải là một năm từ 1940 đến 2010`,
      ],
    ]);
    expect(list.list!.people.map((p) => [p.name, p.birthYear, p.gender, p.kind])).toEqual([
      ["Nguyễn Văn An", 1980, "male", "delegate"],
      ["Trần Thị Bình", 1899, "female", "delegate"],
      ["Lê Văn Cường", 1979, "male", "delegate"],
    ]);
    const v = (code: string, key: string) => res[0].table!.cells.get(code)!.get(key)!.value;
    expect([v("A4", "total"), v("A", "total"), v("D", "total"), v("TONG", "total"), v("TONG", "y2025")]).toEqual([
      1, 1, 99, 100, 19,
    ]);
  });

  test("the conference sheet (spec §5b) and a sample's list read back the same, with the same findings", () => {
    const sheet = (file: string) =>
      readXlsx(readFileSync(file)).sheets.find((s) => s.name === "Đại biểu Hội nghị của Sở")!.rows;
    expect(sheet(converted.city)).toEqual(sheet(files.city));
    const lists = (file: string) =>
      analyzeWorkbook(readXlsx(readFileSync(file)).sheets)
        .filter((s) => s.template === "ds-daibieu")
        .map((s) => [s.unit, s.findings.map((f) => [f.rule, f.cells[0]]), s.list!.people.map((p) => p.name)]);
    expect(lists(converted.sample)).toEqual(lists(files.sample));
    expect(lists(files.sample)[0][1]).toEqual([["DS_MATCHES_DAIBIEU", `F${listLay.headerRow + 1}`]]);
  });

  test("a sample file reads back identically", () => {
    expect(readXlsx(readFileSync(converted.sample)).sheets.map((s) => s.rows)).toEqual(
      readXlsx(readFileSync(files.sample)).sheets.map((s) => s.rows),
    );
  });
});
