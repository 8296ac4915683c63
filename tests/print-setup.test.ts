/**
 * How the city workbook prints (issue 26), as data and as the .xlsx writer writes it: A4, the
 * orientation and pages wide each sheet needs, the rows and unit-name columns repeated on every
 * page, the page header and footer, counts formatted #,##0, and no text wider than its cell or
 * taller than its row (by the writer's own estimate: a character a width unit, 15 points a line).
 * tests/print-render.test.ts prints the same workbook through LibreOffice and reads the pages.
 */
import { unzipSync, strFromU8 } from "fflate";
import {
  analyzeGrid,
  cityOutputSheets,
  consolidate,
  type MergeInput,
  type OutSheet,
  printSetupFor,
  headerFooterCodes,
  shownLength,
  STYLE_LOOK,
  textScale,
  wrappedLines,
} from "../shared";
import { chartSheet } from "../shared/report/chart-sheet";
import { writeCityWorkbook } from "../shared/workbook/write/city";
import { BASE, build, sheet, TWIN } from "./helpers/tables";

const input = (file: string, unit: string, values = build(BASE)): MergeInput => ({
  file,
  sheetIndex: 0,
  result: analyzeGrid(sheet(values, unit))!,
});
const result = consolidate(
  [
    input("ngo-quyen.xlsx", "Trường THPT Ngô Quyền"),
    input("thai-phien.xlsx", "Trường THPT Thái Phiên", build(TWIN)),
    input("phong-gddt-quan-le-chan-bao-cao-tong-hop-nam-hoc.xlsx", "Phòng GDĐT quận Lê Chân"),
  ],
  [],
);
const sheets: OutSheet[] = [...cityOutputSheets(result, "vi"), chartSheet(result, "vi").sheet];

test("a narrow sheet prints portrait at full size; a wide one landscape, across as few pages as keep 60 %", () => {
  const words = { page: "Trang", printed: "In ngày" };
  const base = { title: "T", unit: "U", words, titleCols: { left: 0, right: 1 } };
  expect(printSetupFor([90], base)).toMatchObject({ landscape: false, pagesWide: 1, titleCols: undefined });
  expect(printSetupFor([60, 60], base)).toMatchObject({ landscape: true, pagesWide: 1, titleCols: undefined });
  // 40 columns of 8 beside a 5 + 40 unit band: 2,665 px, two landscape pages at 60 % each repeating the band.
  const wide = printSetupFor([5, 40, ...Array(40).fill(8)], base);
  expect(wide).toMatchObject({ landscape: true, pagesWide: 2, titleCols: { left: 0, right: 1 } });
  expect(headerFooterCodes({ ...wide, unit: "Sở GD&ĐT" })).toEqual({
    header: '&L&9Sở GD&&ĐT&C&"-,Bold"&9T&R&9In ngày &D',
    footer: "&C&9Trang &P / &N",
  });
});

test("every sheet of the city workbook has the print setup a Sở would choose", () => {
  const summary = sheets.map((s) => ({
    name: s.name,
    landscape: s.print?.landscape,
    pagesWide: s.print?.pagesWide,
    titleRows: s.print?.titleRows,
    titleCols: s.print?.titleCols,
  }));
  expect(summary).toEqual([
    {
      name: "Tổng hợp thành phố",
      landscape: true,
      pagesWide: 1,
      titleRows: { top: 4, bottom: 6 },
      titleCols: undefined,
    },
    {
      name: "Chi tiết theo đơn vị",
      landscape: true,
      pagesWide: 2,
      titleRows: { top: 0, bottom: 1 },
      titleCols: { left: 0, right: 1 },
    },
    {
      name: "Tình trạng nộp",
      landscape: true,
      // 13 columns since "Ô cần sửa" (issue 22): two pages wide, each with STT and the unit name
      pagesWide: 2,
      titleRows: { top: 0, bottom: 0 },
      titleCols: { left: 0, right: 1 },
    },
    {
      // spec §5b: 20 columns, the header row and the unit on every page
      name: "Đại biểu Hội nghị của Sở",
      landscape: true,
      pagesWide: 2,
      titleRows: { top: 6, bottom: 6 },
      titleCols: { left: 0, right: 1 },
    },
    { name: "Số liệu cho báo cáo", landscape: false, pagesWide: 1, titleRows: undefined, titleCols: undefined },
    { name: "Biểu đồ tổng hợp", landscape: true, pagesWide: 1, titleRows: undefined, titleCols: undefined },
  ]);
  for (const s of sheets) {
    expect(s.print!.title).toBe(`Phụ lục 02 · ${s.name}`);
    expect(s.print!.unit).toBe("Sở GDĐT Hải Phòng (tổng hợp)");
  }
});

/** Characters a cell of this style has room for, per width unit: bold and larger type are wider. */
const charScale = (s: keyof typeof STYLE_LOOK) => textScale(STYLE_LOOK[s]);
const empty = (v: unknown) => v === null || v === undefined || v === "";

test.each(sheets.map((s) => [s.name, s] as const))(
  "no text of %s is wider than its cell or taller than its row",
  (_, s) => {
    const merged = new Map<string, { width: number; rows: number }>();
    const covered = new Set<string>();
    for (const m of s.merges ?? []) {
      let width = 0;
      for (let c = m.left; c <= m.right; c++) width += s.widths?.[c] ?? 8.43;
      merged.set(`${m.top},${m.left}`, { width, rows: m.bottom - m.top + 1 });
      for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) covered.add(`${r},${c}`);
    }
    const overflows: string[] = [];
    s.rows.forEach((row, r) =>
      row?.forEach((cell, c) => {
        if (!cell || cell.v === null || cell.v === undefined || cell.v === "") return;
        const m = merged.get(`${r},${c}`);
        if (!m && covered.has(`${r},${c}`)) return;
        let width = m?.width ?? s.widths?.[c] ?? 8.43;
        const style = cell.s ?? "plain";
        const scale = charScale(style);
        if (STYLE_LOOK[style].wrap && typeof cell.v === "string") {
          let height = 0;
          for (let k = r; k < r + (m?.rows ?? 1); k++) height += s.heights?.get(k) ?? 15;
          const lines = wrappedLines(cell.v, (width - 1) / scale);
          if ((lines * 15 * (STYLE_LOOK[style].size ?? 11)) / 11 > height + 0.5)
            overflows.push(`${s.name}!R${r}C${c}: ${lines} lines in ${height} pt`);
        } else {
          // Text that does not wrap runs on over empty cells to its right.
          for (let k = c + 1; !m && empty(row[k]?.v) && !covered.has(`${r},${k}`) && k < 40; k++)
            width += s.widths?.[k] ?? 8.43;
          if (shownLength(cell.v) * scale > width)
            overflows.push(`${s.name}!R${r}C${c}: ${shownLength(cell.v)} characters in ${width}`);
        }
      }),
    );
    expect(overflows).toEqual([]);
  },
);

test("the .xlsx writer writes the page setup, the print titles and #,##0 for counts", () => {
  const files = unzipSync(writeCityWorkbook(result));
  const text = (p: string) => strFromU8(files[p]);
  const detail = text("xl/worksheets/sheet2.xml");
  expect(detail).toContain('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
  expect(detail).toContain('<printOptions horizontalCentered="1"/>');
  expect(detail).toContain('<pageSetup paperSize="9" orientation="landscape" fitToWidth="2" fitToHeight="0"/>');
  expect(detail).toContain(
    "<headerFooter><oddHeader>&amp;L&amp;9Sở GDĐT Hải Phòng (tổng hợp)&amp;C&amp;&quot;-,Bold&quot;&amp;9Phụ lục 02 · Chi tiết theo đơn vị&amp;R&amp;9In ngày &amp;D</oddHeader><oddFooter>&amp;C&amp;9Trang &amp;P / &amp;N</oddFooter></headerFooter>",
  );
  expect(text("xl/worksheets/sheet5.xml")).toContain('orientation="portrait" fitToWidth="1"');
  // The chart sheet: a group of levels' two charts a page, the next group from row 43 on.
  expect(text("xl/worksheets/sheet6.xml")).toContain(
    '<rowBreaks count="1" manualBreakCount="1"><brk id="42" max="16383" man="1"/></rowBreaks>',
  );
  expect(text("xl/workbook.xml")).toContain(
    "<definedNames>" +
      `<definedName name="_xlnm.Print_Titles" localSheetId="0">'Tổng hợp thành phố'!$5:$7</definedName>` +
      `<definedName name="_xlnm.Print_Titles" localSheetId="1">'Chi tiết theo đơn vị'!$A:$B,'Chi tiết theo đơn vị'!$1:$2</definedName>` +
      `<definedName name="_xlnm.Print_Titles" localSheetId="2">'Tình trạng nộp'!$A:$B,'Tình trạng nộp'!$1:$1</definedName>` +
      `<definedName name="_xlnm.Print_Titles" localSheetId="3">'Đại biểu Hội nghị của Sở'!$A:$B,'Đại biểu Hội nghị của Sở'!$7:$7</definedName>` +
      "</definedNames>",
  );
  // The count style's cellXfs entry uses built-in format 3 (#,##0); the text style keeps General.
  const xfs = [...text("xl/styles.xml").matchAll(/<xf numFmtId="(\d+)"[^>]*>/g)].map((m) => m[1]).slice(1);
  const order = Object.keys(STYLE_LOOK);
  expect(xfs[order.indexOf("count")]).toBe("3");
  expect(xfs[order.indexOf("groupCount")]).toBe("3");
  expect(xfs[order.indexOf("text")]).toBe("0");
});
