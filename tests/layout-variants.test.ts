/**
 * The corpus of layouts units really type (cli/sample/variants.ts): fifteen consistent tables,
 * each read with no finding and exactly the figures it holds, in memory and after a round trip
 * through LibreOffice Calc (the way the other samples are proven to open in a spreadsheet).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { analyzeWorkbook, type SheetResult, tableValues } from "../shared";
import { readXlsx } from "../shared/workbook/read";
import { writeGridsWorkbook } from "../cli/exceljs-write";
import { expectedCounts, layoutVariants } from "../cli/sample/variants";
import { tempDir } from "./helpers/cli";
import { roundTrip } from "./helpers/libreoffice";

const variants = layoutVariants();

/** What a reader must get out of a variant: its unit, no finding, its encoding, every figure. */
function summary(res: SheetResult[]) {
  return res.map((r) => ({
    template: r.template,
    unit: r.unit?.normalize("NFC") ?? null, // the NFD variant keeps its unit name as typed
    findings: r.findings.map((f) => `${f.rule} ${f.cells[0]} ${f.row ?? ""}`),
    encoding: r.encoding ?? null,
    values: r.table ? tableValues(r) : null,
  }));
}

const expected = (v: (typeof variants)[number]) => [
  {
    template: "pl02",
    unit: v.unit,
    findings: [],
    encoding: v.encoding ?? null,
    values: expectedCounts(v.values),
  },
];

test("the corpus holds the model layout and fourteen variants, each a distinct table", () => {
  expect(variants.map((v) => v.kind)).toEqual([
    "01-mau",
    "02-so-la-ma",
    "03-khong-ma-sy",
    "04-tieu-de-mot-dong",
    "05-tcvn3",
    "06-vni",
    "07-tcvn3-khong-ma",
    "08-lech-nfd",
    "09-ma-trong-ten",
    "10-so-thap-phan",
    "11-tong-tren-dau",
    "12-tieu-de-khac",
    "13-nam-truoc",
    "14-o-trong",
    "15-dan-tu-word",
  ]);
  const texts = variants.map((v) => JSON.stringify(v.sheet.grid.rows));
  expect(new Set(texts).size).toBe(variants.length);
  // the legacy ones really are legacy text, as the issue quotes it
  const flat = (k: string) =>
    variants
      .find((v) => v.kind === k)!
      .sheet.grid.rows.flat()
      .join("|");
  expect(flat("05-tcvn3")).toContain("Tæng sè");
  expect(flat("05-tcvn3")).toContain("ChiÕn sÜ thi ®ua c¬ së");
  expect(flat("05-tcvn3")).toContain("§¬n vÞ:");
  expect(flat("06-vni")).toContain("Toång soá");
  expect(flat("02-so-la-ma")).toContain("a) Hạng Nhất");
  expect(flat("03-khong-ma-sy")).toContain("Chiến sỹ thi đua cơ sở");
  expect(flat("04-tieu-de-mot-dong")).toContain("NH 2020-2021 (6)");
});

describe.each(variants.map((v) => [v.kind, v] as const))("%s, in memory", (_kind, v) => {
  test("no finding, its unit, every figure exactly", () => {
    expect(summary(analyzeWorkbook([v.sheet.grid]))).toEqual(expected(v));
  });
});

describe("after a round trip through LibreOffice Calc", () => {
  const read: Record<string, SheetResult[]> = {};
  beforeAll(async () => {
    const dir = tempDir();
    const files: string[] = [];
    for (const v of variants) {
      const f = join(dir, `${v.kind}.xlsx`);
      writeFileSync(f, await writeGridsWorkbook([v.sheet]));
      files.push(f);
    }
    roundTrip(files).forEach((f, i) => {
      read[variants[i].kind] = analyzeWorkbook(readXlsx(readFileSync(f)).sheets);
    });
  }, 240_000);

  test.each(variants.map((v) => [v.kind, v] as const))("%s: no finding, its unit, every figure", (kind, v) => {
    expect(summary(read[kind])).toEqual(expected(v));
  });
});
