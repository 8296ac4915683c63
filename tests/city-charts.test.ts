/**
 * The report's two native charts in the city workbook (issue 15), read back by programs that
 * are not ours: openpyxl (Debian's python3-openpyxl) reads the chart parts as Excel would —
 * chart type, series, titles, the cells each series points at and what those cells hold — and
 * LibreOffice Calc opens the workbook, keeps the charts when it saves it again, and draws them
 * (PDF, then a PNG under tests/artifacts/ with poppler's pdftoppm).
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { analyzeGrid, consolidate, type MergeInput, type MergeResult } from "../shared";
import { writeCityWorkbook } from "../shared/workbook/write/city";
import { sofficeConvert } from "../cli/convert";
import { tempDir } from "./helpers/cli";
import { roundTrip } from "./helpers/libreoffice";
import { BY_YEAR_SERIES, COL_IND_SERIES, LEVELS, TITLES, YEARS } from "./helpers/charts";
import { BASE, build, setCell, sheet, TWIN } from "./helpers/tables";

const PYTHON = "/usr/bin/python3";
const ARTIFACTS = join(__dirname, "artifacts");

/** Every chart of every sheet, as openpyxl reads it, with the cells its references point at. */
const READ_CHARTS = String.raw`
import json, sys, openpyxl
from openpyxl.utils.cell import range_boundaries
wb = openpyxl.load_workbook(sys.argv[1])
def text(t):
    return "".join(r.t for p in t.tx.rich.p for r in (p.r or [])) if t is not None and t.tx is not None else None
def cells(ref):
    sheet, rng = ref.rsplit("!", 1)
    ws = wb[sheet.strip("'").replace("''", "'")]
    c1, r1, c2, r2 = range_boundaries(rng.replace("$", ""))
    return [ws.cell(r, c).value for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]
out = {"sheets": wb.sheetnames, "charts": {}}
for ws in wb.worksheets:
    for ch in ws._charts:
        out["charts"].setdefault(ws.title, []).append({
            "type": type(ch).__name__, "barDir": ch.type, "grouping": ch.grouping,
            "title": text(ch.title), "x": text(ch.x_axis.title), "y": text(ch.y_axis.title),
            "legend": ch.legend.position if ch.legend is not None else None,
            "from": [ch.anchor._from.row, ch.anchor._from.col],
            "series": [{
                "name": cells(s.tx.strRef.f)[0], "nameRef": s.tx.strRef.f,
                "categories": cells(s.cat.strRef.f), "values": cells(s.val.numRef.f), "ref": s.val.numRef.f,
                "cached": [p.v for p in s.val.numRef.numCache.pt] if s.val.numRef.numCache else None,
            } for s in ch.series],
        })
print(json.dumps(out, ensure_ascii=False))
`;

interface ReadChart {
  type: string;
  barDir: string;
  grouping: string;
  title: string;
  x: string;
  y: string;
  legend: string;
  from: [number, number];
  series: { name: string; nameRef: string; categories: string[]; values: number[]; ref: string; cached: number[] }[];
}

function readCharts(file: string): { sheets: string[]; charts: Record<string, ReadChart[]> } {
  const r = spawnSync(PYTHON, ["-c", READ_CHARTS, file], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

function cellText(file: string, sheetName: string, ref: string): unknown {
  const py = `import openpyxl,sys,json; print(json.dumps(openpyxl.load_workbook(sys.argv[1])[sys.argv[2]][sys.argv[3]].value, ensure_ascii=False))`;
  const r = spawnSync(PYTHON, ["-c", py, file, sheetName, ref], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

const input = (file: string, unit: string, mutate?: (g: ReturnType<typeof sheet>) => void): MergeInput => {
  // two schools of different tables (a merge counts one table once) with the same chart figures
  const g = sheet(build(unit.includes("Thái Phiên") ? TWIN : BASE), unit);
  mutate?.(g);
  return { file, sheetIndex: 0, result: analyzeGrid(g)! };
};

/** Two schools of the hand-built table (BASE and TWIN): every figure of the charts is twice BASE's. */
const clean: MergeResult = consolidate(
  [input("ngo-quyen.xlsx", "Trường THPT Ngô Quyền"), input("thai-phien.xlsx", "Trường THPT Thái Phiên")],
  [],
);
/** The same with one wrong total in a unit, which the city table inherits (SUM_TOTAL and SUM_YEARS on D2, SUM_GROUP on D). */
const wrong: MergeResult = consolidate(
  [
    input("ngo-quyen.xlsx", "Trường THPT Ngô Quyền"),
    input("thai-phien.xlsx", "Trường THPT Thái Phiên", (g) => setCell(g, "D2", "total", 99)),
  ],
  [],
);

const BY_YEAR = {
  type: "BarChart",
  barDir: "col",
  grouping: "clustered",
  title: TITLES.byYear,
  x: TITLES.schoolYear,
  y: TITLES.count,
  legend: "b",
  from: [1, 6],
};

/** What openpyxl reads of each series: its name cell, its cells (values and categories) and its cache. */
const readBack = (series: { name: string; values: number[] }[], categories: string[], headRow: number) =>
  series.map((s, j) => {
    const col = "BCDE"[j];
    return {
      name: s.name,
      nameRef: `'Biểu đồ tổng hợp'!$${col}$${headRow}`,
      categories,
      values: s.values,
      ref: `'Biểu đồ tổng hợp'!$${col}$${headRow + 1}:$${col}$${headRow + categories.length}`,
      cached: s.values,
    };
  });

describe("native charts in the city workbook", () => {
  let dir: string;
  let file: string;
  let wrongFile: string;

  beforeAll(() => {
    dir = tempDir("city-charts-");
    file = join(dir, "city.xlsx");
    wrongFile = join(dir, "city-wrong.xlsx");
    writeFileSync(file, writeCityWorkbook(clean));
    writeFileSync(wrongFile, writeCityWorkbook(wrong));
  });

  test("Debian's python3-openpyxl is installed (CI installs it)", () => {
    expect(spawnSync(PYTHON, ["-c", "import openpyxl"]).status).toBe(0);
  });

  test("openpyxl reads two clustered column charts with their titles, series and the cells they point at", () => {
    const { sheets, charts } = readCharts(file);
    expect(sheets).toEqual([
      "Tổng hợp thành phố",
      "Chi tiết theo đơn vị",
      "Tình trạng nộp",
      "Đại biểu Hội nghị của Sở",
      "Số liệu cho báo cáo",
      "Biểu đồ tổng hợp",
    ]);
    expect(Object.keys(charts)).toEqual(["Biểu đồ tổng hợp"]);
    const [byYear, colInd] = charts["Biểu đồ tổng hợp"];
    expect({ ...byYear, series: undefined }).toEqual({ ...BY_YEAR, series: undefined });
    expect(byYear.series).toEqual(readBack(BY_YEAR_SERIES, YEARS, 2));
    expect({ ...colInd, series: undefined }).toEqual({
      ...BY_YEAR,
      title: TITLES.colInd,
      x: TITLES.level,
      from: [22, 6],
      series: undefined,
    });
    expect(colInd.series).toEqual(readBack(COL_IND_SERIES, LEVELS, 23));
    // No errors in the city table: no caution.
    expect(cellText(file, "Biểu đồ tổng hợp", "G1")).toBeNull();
    expect(cellText(file, "Biểu đồ tổng hợp", "G22")).toBeNull();
  });

  test("numbers that failed a check: the caution is in the cell above each chart", () => {
    const errors = wrong.city.findings.filter((f) => f.severity === "error");
    expect(errors.map((f) => [f.rule, f.cells[0]])).toEqual([
      ["SUM_GROUP", "C34"],
      ["SUM_TOTAL", "C36"],
      ["SUM_YEARS", "C36"],
    ]);
    const text =
      "Lưu ý: số liệu này còn 3 lỗi chưa sửa (xem trang Tổng hợp thành phố); biểu đồ vẽ theo số liệu như đã nhập.";
    const { charts } = readCharts(wrongFile);
    expect(charts["Biểu đồ tổng hợp"].map((c) => c.from)).toEqual([
      [1, 6],
      [22, 6],
    ]);
    expect(cellText(wrongFile, "Biểu đồ tổng hợp", "G1")).toBe(text);
    expect(cellText(wrongFile, "Biểu đồ tổng hợp", "G22")).toBe(text);
  });

  test("the same merge gives the same bytes, charts included", () => {
    expect(Buffer.compare(Buffer.from(writeCityWorkbook(clean)), readFileSync(file))).toBe(0);
  });

  test("LibreOffice opens the workbook and keeps both charts, their series and titles, when it saves it", () => {
    const [converted] = roundTrip([file]);
    const { charts } = readCharts(converted);
    const list = charts["Biểu đồ tổng hợp"];
    expect(list.map((c) => [c.barDir, c.grouping, c.title, c.series.length])).toEqual([
      ["col", "clustered", BY_YEAR.title, 4],
      ["col", "clustered", TITLES.colInd, 2],
    ]);
    expect(list[0].series.map((s) => ({ name: s.name, values: s.values }))).toEqual(BY_YEAR_SERIES);
    expect(list[1].series.map((s) => ({ name: s.name, values: s.values }))).toEqual(COL_IND_SERIES);
    expect(list[1].series.map((s) => s.categories)).toEqual([LEVELS, LEVELS]);
  }, 120_000);

  test("LibreOffice draws them: the chart sheet printed to PDF shows titles, axes and legends (picture in tests/artifacts/)", () => {
    const out = join(dir, "pdf");
    const src = join(dir, "city-charts.xlsx");
    copyFileSync(wrongFile, src);
    sofficeConvert([src], out, "pdf");
    const pdf = join(out, "city-charts.pdf");
    expect(existsSync(pdf)).toBe(true);
    const pages = Number(/Pages:\s+(\d+)/.exec(spawnSync("pdfinfo", [pdf], { encoding: "utf8" }).stdout)![1]);
    // The chart sheet is the last sheet, printed landscape on one page.
    const last = spawnSync("pdftotext", ["-f", `${pages}`, "-l", `${pages}`, "-layout", pdf, "-"], {
      encoding: "utf8",
    }).stdout.replace(/\s+/g, " ");
    for (const s of [
      BY_YEAR.title,
      "Tập thể và cá nhân",
      "Năm học",
      "Cấp khen thưởng",
      ...LEVELS,
      "Tập thể",
      "Cá nhân",
    ])
      expect([s, last.includes(s)]).toEqual([s, true]);
    expect(last).toContain("Lưu ý: số liệu này còn 3 lỗi");
    mkdirSync(ARTIFACTS, { recursive: true });
    const png = spawnSync("pdftoppm", [
      "-f",
      `${pages}`,
      "-l",
      `${pages}`,
      "-r",
      "80",
      "-png",
      "-singlefile",
      pdf,
      join(ARTIFACTS, "city-charts"),
    ]);
    expect(png.status).toBe(0);
    expect(readFileSync(join(ARTIFACTS, "city-charts.png")).subarray(1, 4).toString()).toBe("PNG");
  }, 120_000);
});
