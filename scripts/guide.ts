/**
 * The pictures of the guide (docs/huong-dan/) and its printable PDF, made from the real things so
 * they never go stale (issue 25 point 7): the one-file page in Chromium (playwright-core, Debian's
 * /usr/bin/chromium), the workbooks it writes through LibreOffice (soffice → PDF → pdftoppm), the
 * Sheets sidebar's HTML in Chromium with google.script.run answered by the core, and the guide
 * itself printed to PDF by Chromium. Run by `npm run docs` after the rule table.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Page } from "playwright-core";
import { sidebarPayload } from "../appsscript/src/sidebar-data";
import { checkBytes } from "../shared/workbook/file-check";

const ROOT = resolve(__dirname, "..");
const GUIDE = join(ROOT, "docs", "huong-dan");
const SHOTS = join(GUIDE, "anh");
const tmp = mkdtempSync(join(tmpdir(), "pl02-guide-"));
const units = join(tmp, "units");

function run(cmd: string, args: string[], cwd = ROOT): void {
  execFileSync(cmd, args, { cwd, stdio: ["ignore", "ignore", "inherit"] });
}

/** The first page of a workbook as LibreOffice prints it, as a PNG. */
function workbookPng(xlsx: string, png: string, page = 1): void {
  const profile = pathToFileURL(join(tmp, "lo-profile")).href;
  run("soffice", [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", "pdf", "--outdir", tmp, xlsx]);
  const pdf = xlsx.replace(/\.xlsx$/, ".pdf").replace(/^.*\//, `${tmp}/`);
  const out = join(tmp, "page");
  run("pdftoppm", ["-png", "-r", "70", "-f", String(page), "-l", String(page), "-singlefile", pdf, out]);
  renameSync(`${out}.png`, png);
}

async function save(page: Page, click: () => Promise<void>, to: string): Promise<string> {
  const [d] = await Promise.all([page.waitForEvent("download"), click()]);
  const path = join(tmp, to);
  await d.saveAs(path);
  return path;
}

/** Markdown of the guide → a printable page (headings, paragraphs, lists, pictures, bold). */
function guideHtml(md: string): string {
  const inline = (s: string) =>
    s
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>")
      .replace(/`(.+?)`/g, "<code>$1</code>")
      .replace(/\[(.+?)\]\((.+?)\)/g, '<a href="$2">$1</a>');
  const out: string[] = [];
  let list: "ul" | "ol" | null = null;
  const close = () => {
    if (list) out.push(`</${list}>`);
    list = null;
  };
  for (const line of md.split("\n")) {
    const img = /^!\[(.*?)\]\((.+?)\)$/.exec(line);
    const h = /^(#{1,3}) (.*)$/.exec(line);
    const li = /^(-|\d+\.) (.*)$/.exec(line);
    if (img) {
      close();
      out.push(`<figure><img src="${img[2]}" alt="${img[1]}"><figcaption>${inline(img[1])}</figcaption></figure>`);
    } else if (h) {
      close();
      out.push(`<h${h[1].length}>${inline(h[2])}</h${h[1].length}>`);
    } else if (li) {
      const kind = li[1] === "-" ? "ul" : "ol";
      if (list !== kind) {
        close();
        out.push(`<${kind}>`);
        list = kind;
      }
      out.push(`<li>${inline(li[2])}</li>`);
    } else if (line.trim() === "") close();
    else {
      close();
      out.push(`<p>${inline(line)}</p>`);
    }
  }
  close();
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Hướng dẫn sử dụng Phụ lục 02</title>
<style>body{font-family:"DejaVu Sans",Arial,sans-serif;font-size:11pt;line-height:1.45;margin:0 1.5cm;color:#111}
h1{font-size:18pt}h2{font-size:14pt;margin-top:1.2em;break-before:page}h2:first-of-type{break-before:auto}h3{font-size:12pt}
figure{margin:.6em 0;break-inside:avoid}img{max-width:100%;max-height:15cm;border:1px solid #bbb}figcaption{font-size:9pt;color:#555}
code{font-family:"DejaVu Sans Mono",monospace;font-size:10pt}</style></head><body>${out.join("\n")}</body></html>`;
}

async function main(): Promise<void> {
  run(process.execPath, ["scripts/build-targets.mjs", "cli", "onefile"]);
  mkdirSync(SHOTS, { recursive: true });
  run(process.execPath, ["dist/cli/phuluc02.cjs", "sample", "--out-dir", units]);
  renameSync(join(units, "roster.json"), join(tmp, "roster.json"));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
  try {
    const ctx = await browser.newContext({
      acceptDownloads: true,
      offline: true,
      viewport: { width: 1000, height: 860 },
    });
    const page = await ctx.newPage();
    await page.goto(pathToFileURL(join(ROOT, "dist", "phuluc02.html")).href);
    await page.getByTestId("dropzone").waitFor();
    const shot = (name: string) => page.screenshot({ path: join(SHOTS, name) });

    // The unit's clerk.
    await page.locator("main").screenshot({ path: join(SHOTS, "01-trang-mo-ra.png") });
    const blank = await save(page, () => page.getByTestId("blank-template").click(), "mau-trong.xlsx");
    await page.getByTestId("file-input").setInputFiles(join(units, "phong-gddt-quan-le-chan.xlsx"));
    await page.getByTestId("announce").getByText("Đã kiểm tra 1 tệp").waitFor();
    await page.getByTestId("finding").first().click();
    await page.getByTestId("cell-view").waitFor();
    await page.getByTestId("file-result").screenshot({ path: join(SHOTS, "02-don-vi-xem-loi.png") });
    const marked = await save(page, () => page.getByTestId("download-annotated").click(), "ban-danh-dau.xlsx");

    // The Sở.
    await page.getByTestId("clear-files").click();
    await page.getByTestId("way-merge").check();
    await page.getByTestId("roster-input").setInputFiles(join(tmp, "roster.json"));
    await page.getByTestId("roster-used").getByText("roster.json").waitFor();
    await page.getByTestId("folder-input").setInputFiles(units);
    await page.getByTestId("announce").getByText("Đã kiểm tra").waitFor();
    await page.waitForTimeout(500); // the buttons' fade back from disabled
    await shot("03-so-chon-tep.png");
    await page.getByTestId("merge").click();
    await page.getByTestId("merged").waitFor();
    await page.getByTestId("merged").scrollIntoViewIfNeeded();
    await page.evaluate(() => document.querySelector("[data-testid=merged]")!.scrollIntoView());
    await shot("04-so-ket-qua.png");
    await page.getByTestId("status").screenshot({ path: join(SHOTS, "05-so-tinh-trang-nop.png") });
    const city = await save(page, () => page.getByTestId("download-city").click(), "tong-hop-thanh-pho.xlsx");
    const report = await save(page, () => page.getByTestId("download-report").click(), "bao-cao.html");
    await ctx.close();

    // The workbooks as LibreOffice shows them (as Excel would).
    workbookPng(blank, join(SHOTS, "06-mau-trong.png"));
    workbookPng(marked, join(SHOTS, "07-ban-danh-dau.png"));
    workbookPng(city, join(SHOTS, "08-bang-tong-hop.png"));

    // The report, as it opens in a browser (Word opens the same file).
    const rp = await browser.newPage({ viewport: { width: 900, height: 900 } });
    await rp.goto(pathToFileURL(report).href);
    await rp.screenshot({ path: join(SHOTS, "09-bao-cao.png") });
    await rp.close();

    // The Sheets sidebar: its HTML, google.script.run answered with the core's findings.
    const checked = checkBytes("x", readFileSync(join(units, "phong-gddt-quan-le-chan.xlsx")));
    const sheet = checked.sheets[0];
    // what the script sends the sidebar (appsscript/src/sidebar-data.ts), likely causes first
    const data = sidebarPayload(sheet.sheet, "vi", true, sheet.findings);
    const sb = await browser.newPage({ viewport: { width: 320, height: 620 } });
    await sb.addInitScript((d) => {
      const runner: Record<string, unknown> = {};
      let ok: (x: unknown) => void = () => undefined;
      Object.assign(runner, {
        withSuccessHandler: (f: (x: unknown) => void) => ((ok = f), runner),
        withFailureHandler: () => runner,
        sidebarData: () => setTimeout(() => ok(d), 0),
        selectCell: () => undefined,
      });
      Object.assign(window, { google: { script: { run: runner } } });
    }, data);
    await sb.goto(pathToFileURL(join(ROOT, "appsscript", "Sidebar.html")).href);
    await sb.locator("button.f").first().waitFor();
    await sb.screenshot({ path: join(SHOTS, "10-sheets-thanh-ben.png") });
    await sb.close();

    // The printable guide.
    const md = readFileSync(join(GUIDE, "README.md"), "utf8");
    const htmlPath = join(GUIDE, ".in-ra.html");
    writeFileSync(htmlPath, guideHtml(md));
    const pp = await browser.newPage();
    await pp.goto(pathToFileURL(htmlPath).href);
    await pp.pdf({ path: join(GUIDE, "huong-dan.pdf"), format: "A4", margin: { top: "1.5cm", bottom: "1.5cm" } });
    await pp.close();
    rmSync(htmlPath);
  } finally {
    await browser.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
