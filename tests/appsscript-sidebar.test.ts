/**
 * The built sidebar (dist/appsscript/Sidebar.html) in Debian's Chromium. Its google.script.run
 * calls go through to the built Code.js, loaded in a vm against the in-memory SpreadsheetApp, so
 * the page, the bundle and the fake work together as in Sheets: the findings of the active tab
 * are listed by row, and a click selects the blamed cell. A screenshot is saved under
 * tests/artifacts/.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import type { Browser, Page } from "playwright-core";
import { launch, serve } from "./helpers/browser";
import { GasFake } from "./helpers/gas-fake";
import { analyzeGrid, causeOrder, countBySeverity } from "../shared";
import { issue22Example } from "./helpers/mistakes";
import { at, BASE, build, findings, setCell, sheet } from "./helpers/tables";

const ROOT = join(__dirname, "..");
const DIST = join(ROOT, "dist", "appsscript");
const ARTIFACTS = join(__dirname, "artifacts");
if (!existsSync(join(DIST, "Code.js")))
  execFileSync(process.execPath, [join(ROOT, "scripts", "build-appsscript.mjs")], { cwd: ROOT });

let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await serve(DIST);
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function wrongTab() {
  const g = sheet(build(BASE));
  g.name = "Trường THPT Ngô Quyền";
  setCell(g, "D2", "total", 999);
  setCell(g, "C7", "y2021", "abc");
  return g;
}

/** The sidebar page with google.script.run answered by the bundle running on `fake`. */
async function openSidebar(fake: GasFake): Promise<Page> {
  const ctx = vm.createContext(fake.globals());
  vm.runInContext(readFileSync(join(DIST, "Code.js"), "utf8"), ctx);
  const gs = ctx as unknown as Record<string, (...a: unknown[]) => unknown>;
  const page = await browser.newPage({ viewport: { width: 320, height: 700 } });
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.route("**/*", (route) =>
    new URL(route.request().url()).hostname === "127.0.0.1" ? route.continue() : route.abort(),
  );
  await page.exposeFunction("__gas", (fn: string, args: unknown[]) => JSON.stringify(gs[fn](...args) ?? null));
  await page.addInitScript(() => {
    type Handler = ((x: unknown) => void) | undefined;
    const call = (window as unknown as { __gas: (f: string, a: unknown[]) => Promise<string> }).__gas;
    const runner = (ok: Handler, fail: Handler): unknown =>
      new Proxy(
        {},
        {
          get: (_, name: string) => {
            if (name === "withSuccessHandler") return (f: Handler) => runner(f, fail);
            if (name === "withFailureHandler") return (f: Handler) => runner(ok, f);
            return (...args: unknown[]) =>
              call(name, args).then(
                (r) => ok?.(JSON.parse(r)),
                (e) => fail?.(e),
              );
          },
        },
      );
    (window as unknown as { google: unknown }).google = { script: { run: runner(undefined, undefined) } };
  });
  await page.goto(`${server.url}/Sidebar.html`);
  return page;
}

test("the active tab's findings, by row; a click selects the blamed cell", async () => {
  const g = wrongTab();
  const fake = new GasFake(DIST);
  fake.addSheet(g.name, g.rows as (string | number)[][]);
  const page = await openSidebar(fake);
  const buttons = page.locator("button.f");
  const expected = findings(g);
  await page.getByRole("heading", { name: g.name }).waitFor();
  // the counts are of rule findings: a likely cause is not one more (spec §3b)
  const { errors, warnings } = countBySeverity(expected);
  expect(await page.locator(".counts .e").innerText()).toBe(`Lỗi: ${errors}`);
  expect(await page.locator(".counts .w").innerText()).toBe(`Cảnh báo: ${warnings}`);
  const shown = await buttons.evaluateAll((bs) => bs.map((b) => (b as HTMLElement).dataset.cell));
  expect([...shown].sort()).toEqual(expected.map((f) => f.cells[0]).sort());
  expect(await buttons.filter({ hasText: "[VALUE_NOT_NUMBER]" }).innerText()).toContain(at("C7", "y2021"));
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, "appsscript-sidebar.png"), fullPage: true });

  await buttons.filter({ hasText: "[VALUE_NOT_NUMBER]" }).click();
  for (let i = 0; i < 100 && !fake.selection; i++) await new Promise((r) => setTimeout(r, 20));
  expect(fake.selection).toBe(`${g.name}!${at("C7", "y2021")}`);
  expect(pageErrors).toEqual([]);
  await page.close();
});

test("likely causes first, each with the findings it explains under it; the rest after", async () => {
  const { grid } = issue22Example();
  const fake = new GasFake(DIST);
  const tab = fake.addSheet(grid.name, grid.rows as (string | number)[][]);
  grid.formulas?.forEach((row, r) => row?.forEach((f, c) => f && tab.set(r, c, `=${f}`)));
  const page = await openSidebar(fake);
  await page.locator(".cause").first().waitFor();
  const core = analyzeGrid(grid)!.findings;
  const groups = causeOrder(core).filter((g) => g.cause);
  expect(await page.locator(".counts .fix").innerText()).toBe("3 ô cần sửa");
  expect(await page.locator("h3").first().innerText()).toBe("Sửa trước các ô này");
  const causes = page.locator(".cause");
  expect(await causes.count()).toBe(3);
  for (const [i, g] of groups.entries()) {
    const box = causes.nth(i);
    // the cause in words, its rule id only in the details line
    expect(await box.locator("button.c").innerText()).toBe(g.cause!.message);
    expect(await box.locator("small.code").innerText()).toBe("CELL_LIKELY_WRONG");
    const under = box.locator(".under button.f");
    expect(await under.evaluateAll((bs) => bs.map((b) => (b as HTMLElement).dataset.cell))).toEqual(
      g.findings.map((f) => f.cells[0]),
    );
  }
  expect(await page.locator(".under .hint").first().innerText()).toMatch(/^— Sẽ tự đúng khi sửa [A-Z]+\d+$/);
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, "appsscript-sidebar-causes.png"), fullPage: true });
  await causes.nth(0).locator("button.c").click();
  for (let i = 0; i < 100 && !fake.selection; i++) await new Promise((r) => setTimeout(r, 20));
  expect(fake.selection).toBe(`${grid.name}!${groups[0].cause!.cells[0]}`);
  expect(pageErrors).toEqual([]);
  await page.close();
});

test("English when the spreadsheet's locale is not Vietnamese; a tab without a table says so", async () => {
  const fake = new GasFake(DIST);
  fake.locale = "en_GB";
  fake.addSheet("Notes", [["Danh sách cán bộ"]]);
  const page = await openSidebar(fake);
  await page.getByText("This sheet holds no Annex 02 table.").waitFor();
  expect(await page.locator("button.f").count()).toBe(0);
  expect(await page.locator("#again").innerText()).toBe("↻ Check again");
  expect(pageErrors).toEqual([]);
  await page.close();
});
