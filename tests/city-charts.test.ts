/**
 * The report's native charts in the city workbook (issue 15; a chart per kind and group of levels
 * of a like size, every bar labelled: issue 26), read back by programs that
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
import { CHARTS, LEVELS, TITLES } from "./helpers/charts";
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
            "labels": bool(ch.dataLabels is not None and ch.dataLabels.showVal),
            "labelFormat": ch.dataLabels.numFmt if ch.dataLabels is not None else None,
            "yFormat": ch.y_axis.numFmt.formatCode if ch.y_axis.numFmt is not None else None,
            "yMin": ch.y_axis.scaling.min,
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
  labels: boolean;
  labelFormat: string | null;
  yFormat: string | null;
  yMin: number | null;
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

/** What openpyxl reads of each chart but its series: a clustered column chart, labelled, its value axis from 0 in #,##0. */
const expectedChart = (c: (typeof CHARTS)[number]) => ({
  type: "BarChart",
  barDir: "col",
  grouping: "clustered",
  title: c.title,
  x: c.categoryTitle,
  y: TITLES.count,
  legend: "b",
  from: [Number(c.anchor[0].slice(1)) - 1, 6],
  labels: true,
  labelFormat: "#,##0",
  yFormat: "#,##0",
  yMin: 0,
});
const headRow = (c: (typeof CHARTS)[number]) => Number(/^A(\d+):/.exec(c.table)![1]);

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

  test("openpyxl reads a clustered column chart per kind and group of levels, labelled, with the cells they point at", () => {
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
    const read = charts["Biểu đồ tổng hợp"];
    expect(read.map(({ series, ...rest }) => (series ? rest : rest))).toEqual(CHARTS.map(expectedChart));
    read.forEach((r, i) =>
      expect(r.series).toEqual(readBack(CHARTS[i].series, CHARTS[i].categories, headRow(CHARTS[i]))),
    );
    // No errors in the city table: no caution.
    for (const ref of ["G1", "G22", "G43", "G64"]) expect(cellText(file, "Biểu đồ tổng hợp", ref)).toBeNull();
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
    expect(charts["Biểu đồ tổng hợp"].map((c) => c.from)).toEqual(CHARTS.map((c) => expectedChart(c).from));
    for (const ref of ["G1", "G22", "G43", "G64"]) expect(cellText(wrongFile, "Biểu đồ tổng hợp", ref)).toBe(text);
  });

  test("the same merge gives the same bytes, charts included", () => {
    expect(Buffer.compare(Buffer.from(writeCityWorkbook(clean)), readFileSync(file))).toBe(0);
  });

  test("LibreOffice opens the workbook and keeps every chart, its series and title, when it saves it", () => {
    const [converted] = roundTrip([file]);
    const { charts } = readCharts(converted);
    const list = charts["Biểu đồ tổng hợp"];
    expect(list.map((c) => [c.barDir, c.grouping, c.title, c.series.length])).toEqual(
      CHARTS.map((c) => ["col", "clustered", c.title, c.series.length]),
    );
    list.forEach((r, i) => {
      expect(r.series.map((s) => ({ name: s.name, values: s.values }))).toEqual(CHARTS[i].series);
      expect(r.series.map((s) => s.categories)).toEqual(CHARTS[i].series.map(() => CHARTS[i].categories));
    });
  }, 120_000);

  test("LibreOffice draws them: the chart sheet printed to PDF shows titles, axes and legends (picture in tests/artifacts/)", () => {
    const out = join(dir, "pdf");
    const src = join(dir, "city-charts.xlsx");
    copyFileSync(wrongFile, src);
    sofficeConvert([src], out, "pdf");
    const pdf = join(out, "city-charts.pdf");
    expect(existsSync(pdf)).toBe(true);
    const pages = Number(/Pages:\s+(\d+)/.exec(spawnSync("pdfinfo", [pdf], { encoding: "utf8" }).stdout)![1]);
    // The chart sheet is the last sheet, printed landscape, a group of levels' two charts a page.
    const page = (n: number) =>
      spawnSync("pdftotext", ["-f", `${n}`, "-l", `${n}`, "-layout", pdf, "-"], { encoding: "utf8" }).stdout;
    const chartPages = [pages - 1, pages].map(page);
    for (const p of chartPages) expect(p.split("\n", 1)[0]).toContain("Biểu đồ tổng hợp");
    expect(page(pages - 2).split("\n", 1)[0]).not.toContain("Biểu đồ tổng hợp");
    const last = chartPages.join(" ").replace(/\s+/g, " ");
    for (const s of [
      CHARTS[0].title,
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
