/**
 * The built pane (dist/taskpane.html) in Debian's Chromium, outside Office: Office.js loads and
 * reports no host, so the pane works on files. A sample unit file and a whole folder of units
 * are given to it; the findings shown, the marked copy and the city workbook downloaded are
 * compared with what the core says about the same bytes, and axe-core finds no violation. The
 * browser mode's own points are tested on the one-file tool (e2e-onefile.test.ts), the same pane. A screenshot is saved under
 * tests/artifacts/ (ignored by git).
 */
import ExcelJS from "exceljs";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { checkBytes, mergeInputsOf } from "../shared/workbook/file-check";
import { readXlsx } from "../shared/workbook/read";
import {
  bundledRoster,
  causeOrder,
  CITY_SHEET_NAMES,
  consolidate,
  countBySeverity,
  MARK_COLORS,
  templateById,
  templateLayout,
} from "../shared";
import { axeViolations, launch, offline, serve } from "./helpers/browser";
import { cli } from "./helpers/cli";

const DIST = join(__dirname, "..", "dist");
const ARTIFACTS = join(__dirname, "artifacts");

let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;
let samples: string;
let downloads: string;

beforeAll(async () => {
  samples = mkdtempSync(join(tmpdir(), "pl02-e2e-"));
  downloads = join(samples, "downloads");
  mkdirSync(downloads);
  expect(cli(["sample", "--out-dir", join(samples, "units")]).status).toBe(0);
  // the folder a unit picks holds units' files only: the sample roster goes beside it
  renameSync(join(samples, "units", "roster.json"), join(samples, "roster.json"));
  server = await serve(DIST);
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(samples, { recursive: true, force: true });
});

async function openPane(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ acceptDownloads: true, viewport: { width: 900, height: 1100 } });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await offline(page);
  await page.goto(`${server.url}/taskpane.html`);
  await page.getByTestId("dropzone").waitFor({ timeout: 20_000 });
  return { page, errors };
}

async function save(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  const path = join(downloads, download.suggestedFilename());
  await download.saveAs(path);
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

test("one unit file: its findings listed, a marked copy downloaded", async () => {
  const file = join(samples, "units", "phong-gddt-quan-le-chan.xlsx");
  const expected = checkBytes("phong-gddt-quan-le-chan.xlsx", readFileSync(file)).sheets.flatMap((s) => s.findings);
  expect(expected.length).toBeGreaterThan(0);

  const { page, errors } = await openPane();
  // Dropped on the page, as a user drags it from the file manager.
  const dataTransfer = await page.evaluateHandle(
    ([name, b64]) => {
      const dt = new DataTransfer();
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], name));
      return dt;
    },
    ["phong-gddt-quan-le-chan.xlsx", readFileSync(file).toString("base64")] as const,
  );
  await page.getByTestId("dropzone").dispatchEvent("dragover", { dataTransfer });
  await page.getByTestId("dropzone").dispatchEvent("drop", { dataTransfer });
  await page.getByTestId("file-result").waitFor();
  const shown = await page
    .getByTestId("finding")
    .evaluateAll((els) => els.map((e) => [e.getAttribute("data-rule"), e.getAttribute("data-cell"), e.textContent]));
  // sheet by sheet; likely causes first, each with the findings it explains; then errors, then warnings
  const inOrder = (list: typeof expected) =>
    [...new Set(list.map((f) => f.sheet ?? ""))].flatMap((sheet) =>
      causeOrder(list.filter((f) => (f.sheet ?? "") === sheet)).flatMap((g) =>
        g.cause
          ? [g.cause, ...g.findings]
          : [...g.findings.filter((f) => f.severity === "error"), ...g.findings.filter((f) => f.severity !== "error")],
      ),
    );
  const errorsFirst = inOrder(expected);
  expect(errorsFirst[0].rule).toBe("CELL_LIKELY_WRONG");
  expect(shown.map(([rule, cell]) => [rule, cell])).toEqual(errorsFirst.map((f) => [f.rule, f.cells[0]]));
  shown.forEach(([, , text], i) => expect(text).toContain(errorsFirst[i].message));
  expect(await axeViolations(page)).toEqual([]);
  await expect(page.getByTestId("error-count").textContent()).resolves.toBe(
    `Lỗi: ${countBySeverity(expected).errors}`, // rule findings: a likely cause is listed, not counted
  );

  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, "browser-mode-check.png") });

  const copy = await save(page, () => page.getByTestId("download-annotated").click());
  expect(copy.name).toBe("phong-gddt-quan-le-chan.kiem-tra.xlsx");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(copy.bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(expected[0].sheet!)!;
  for (const f of expected) {
    const cell = ws.getCell(f.cells[0]);
    expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(
      "FF" + MARK_COLORS[f.severity === "error" ? "error" : "warning"].slice(1),
    );
    expect(JSON.stringify(cell.note)).toContain(`[${f.rule}]`);
  }
  // The copy keeps the unit's values.
  const original = readXlsx(readFileSync(file)).sheets[0].rows;
  const copied = readXlsx(copy.bytes).sheets[0].rows;
  expect(copied[original.length - 1]).toEqual(original[original.length - 1]);
  expect(errors).toEqual([]);
  await page.close();
});

test("a folder of units: merged in the page, the city workbook downloaded", async () => {
  const dir = join(samples, "units");
  const names = readdirSync(dir)
    .filter((n) => n.endsWith(".xlsx"))
    .sort();
  const results = names.map((n) => checkBytes(n, readFileSync(join(dir, n))));
  const { units, unreadable } = mergeInputsOf(results);
  const expected = consolidate(units, unreadable, { roster: bundledRoster() });

  const { page, errors } = await openPane();
  await page.getByTestId("way-merge").check();
  await page.getByTestId("folder-input").setInputFiles(dir);
  // Merging is asked for: checking a folder does not merge it.
  await page.getByTestId("merge").waitFor({ timeout: 30_000 });
  await expect(page.getByTestId("merged").count()).resolves.toBe(0);
  await page.getByTestId("merge").click();
  await page.getByTestId("merged").waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await expect(page.getByTestId("file-result").count()).resolves.toBe(names.length);
  const count = (key: string) => page.getByTestId(`summary-${key}`).getAttribute("data-count");
  await expect(count("included")).resolves.toBe(String(expected.units.filter((u) => u.included).length));
  // Spec §5 v2: against the partial built-in roster nobody is called "chưa nộp"; the summary is the core's.
  await expect(page.getByTestId("summary-missing").count()).resolves.toBe(0);
  await expect(count("duplicates")).resolves.toBe(String(expected.summary.duplicates));
  await expect(page.getByTestId("summary-line").evaluateAll((els) => els.map((e) => e.textContent))).resolves.toEqual(
    expected.summary.lines.vi,
  );
  await expect(page.getByTestId("city-findings").getAttribute("data-errors")).resolves.toBe(
    String(expected.summary.cityErrors),
  );

  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, "browser-mode-merge.png"), fullPage: false });

  const city = await save(page, () => page.getByTestId("download-city").click());
  expect(city.name).toBe("Tong-hop-thanh-pho.xlsx");
  const sheets = readXlsx(city.bytes).sheets;
  expect(sheets.map((s) => s.name)).toEqual(Object.values(CITY_SHEET_NAMES));
  const lay = templateLayout(templateById("pl02"));
  for (const code of ["TONG", "A", "D2"])
    expect(sheets[0].rows[lay.row.get(code)!][lay.col.get("total")!]).toBe(expected.city.rows[code].total);
  expect(errors).toEqual([]);
  await page.close();
});

test("English switch", async () => {
  const { page } = await openPane();
  await page.getByRole("switch", { name: "English" }).click();
  await page.getByText("Drop .xlsx files (or a whole folder) here").waitFor();
  await page.close();
});
