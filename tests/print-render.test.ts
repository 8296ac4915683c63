/**
 * The city workbook printed as a new user prints it (issue 26): the sample data merged by the
 * CLI, converted to PDF by LibreOffice, read back page by page with poppler's pdftotext and
 * drawn to PNG with pdftoppm under tests/artifacts/print/ (look at them). Each page says in its
 * header which sheet it belongs to; every page of the wide sheets carries the header row and the
 * unit names (print titles), and every page its number.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { CITY_SHEET_NAMES } from "../shared";
import { sofficeConvert } from "../cli/convert";
import { cli, ensureBuilt, tempDir } from "./helpers/cli";

const ARTIFACTS = join(__dirname, "artifacts", "print");

function pageTexts(pdf: string): string[] {
  const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
  const n = Number(/Pages:\s+(\d+)/.exec(info)![1]);
  return Array.from({ length: n }, (_, i) =>
    execFileSync("pdftotext", ["-f", `${i + 1}`, "-l", `${i + 1}`, "-layout", pdf, "-"], { encoding: "utf8" }),
  );
}

describe("the city workbook printed through LibreOffice", () => {
  let pages: string[];
  const sheetOf = (text: string) =>
    Object.values(CITY_SHEET_NAMES).find((name) => text.split("\n", 1)[0].includes(`Phụ lục 02 · ${name}`));

  beforeAll(() => {
    ensureBuilt();
    const dir = tempDir("print-render-");
    // As a Sở runs it: the units' files in a folder next to where the city workbook goes.
    expect(cli(["sample", "--out-dir", join(dir, "samples")]).status).toBe(0);
    cli(["merge", "samples", "--roster", "samples/roster.json", "--out", "city.xlsx"], dir);
    sofficeConvert([join(dir, "city.xlsx")], dir, "pdf");
    const pdf = join(dir, "city.pdf");
    pages = pageTexts(pdf);
    rmSync(ARTIFACTS, { recursive: true, force: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    execFileSync("pdftoppm", ["-png", "-r", "60", pdf, join(ARTIFACTS, "city")]);
  }, 240_000);

  test("every page names its sheet, the Sở and the date in its header, and its number in the footer", () => {
    expect(pages.length).toBeGreaterThan(0);
    pages.forEach((text, i) => {
      const head = text.split("\n", 1)[0];
      expect(sheetOf(text)).toBeDefined();
      expect(head).toContain("Sở GDĐT Hải Phòng (tổng hợp)");
      expect(head).toMatch(/In ngày \d{2}\/\d{2}\/\d{4}/);
      expect(text).toContain(`Trang ${i + 1} / ${pages.length}`);
    });
    expect(readdirSync(ARTIFACTS).filter((f) => f.endsWith(".png"))).toHaveLength(pages.length);
  });

  test("pages per sheet: the city table on one, the report and the charts on A4 without running off", () => {
    const count: Record<string, number> = {};
    for (const p of pages) count[sheetOf(p)!] = (count[sheetOf(p)!] ?? 0) + 1;
    // Measured on this build with LibreOffice's fallback font (DejaVu Sans); before issue 26 the
    // detail printed on 7 pages and the status on 6, neither repeating the unit names.
    expect(count[CITY_SHEET_NAMES.city]).toBe(1);
    expect(count[CITY_SHEET_NAMES.detail]).toBeLessThanOrEqual(4);
    expect(count[CITY_SHEET_NAMES.status]).toBeLessThanOrEqual(6);
    expect(count[CITY_SHEET_NAMES.report]).toBe(2);
    expect(count[CITY_SHEET_NAMES.charts]).toBeGreaterThanOrEqual(1);
    // The report's lines wrap inside the page: its last sentence of the overview is whole.
    const report = pages.filter((p) => sheetOf(p) === CITY_SHEET_NAMES.report).join("\n");
    expect(report.replace(/\s+/g, " ")).toMatch(/có tổng cộng [\d.]+ lượt khen thưởng: [\d.]+ tập thể/);
  });

  test.each([CITY_SHEET_NAMES.detail, CITY_SHEET_NAMES.status])(
    "every printed page of %s carries the header row and the unit names",
    (name) => {
      const own = pages.filter((p) => sheetOf(p) === name);
      expect(own.length).toBeGreaterThan(1);
      for (const text of own) {
        expect(text).toMatch(/\bSTT\b/);
        expect(text).toContain("Đơn vị");
        expect(text).toMatch(/(Trường (THPT|Tiểu học|THCS)|Phòng GDĐT|Trung tâm) \S+/);
      }
    },
  );
});
