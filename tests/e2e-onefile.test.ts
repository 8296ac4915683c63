/**
 * The one-file tool (dist/phuluc02.html) opened from disk (file://) in Debian's Chromium, offline,
 * with no Office.js: the browser mode as the Sở uses it on a folder where every unit sent
 * "Phụ lục 02.xlsx" in a folder of its own, with an .xls, a text file and Excel's lock file mixed
 * in. What the page shows, the marked copy and the city workbook are compared with what the core
 * says about the same bytes; every request the page makes is recorded (none may leave it), and
 * axe-core checks the page in every state, during processing too.
 */
import ExcelJS from "exceljs";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import {
  causeOrder,
  consolidate,
  MARK_COLORS,
  type MergeResult,
  rowLabel,
  statusByProblems,
  templateById,
  templateLayout,
} from "../shared";
import { checkBytes, type FileResult, filesByProblems, mergeInputsOf } from "../shared/workbook/file-check";
import { readXlsx } from "../shared/workbook/read";
import { rosterFromBytes } from "../shared/workbook/roster-file";
import { writeXlsx } from "../shared/workbook/write/sheet-writer";
import { axeViolations, launch } from "./helpers/browser";
import { cli } from "./helpers/cli";

const HTML = join(__dirname, "..", "dist", "phuluc02.html");
const URL_ = pathToFileURL(HTML).href;

let browser: Browser;
let root: string;
let units: string;

/** The folder the Sở picks: path inside it → where its bytes come from (or the bytes). */
const TREE: Record<string, string | Uint8Array> = {
  "Phòng GDĐT quận Lê Chân/Phụ lục 02.xlsx": "phong-gddt-quan-le-chan.xlsx",
  "Phòng GDĐT quận Lê Chân/~$Phụ lục 02.xlsx": new Uint8Array([0x0c, 0x00]),
  "Trường THPT Kiến An/Phụ lục 02.xlsx": "truong-thpt-kien-an.xlsx", // no "Đơn vị:" line
  "Trung tâm GDTX/Phụ lục 02.xlsx": "trung-tam-giao-duc-thuong-xuyen-hai-phong.xlsx", // no mistake
  // An Excel 97-2003 file: the compound-document signature is what the reader goes by.
  "Trường THPT Thái Phiên/Phụ lục 02.xls": new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]),
  "Trường lạ/Phụ lục 02.xlsx": "truong-tieu-hoc-le-van-tam.xlsx", // not on the roster
  "ghi chú.txt": new TextEncoder().encode("Số liệu gửi kèm công văn\n"),
};

const ROSTER_UNITS = [
  ["Phòng GDĐT quận Lê Chân", "Phòng GDĐT"],
  ["Trường THPT Kiến An", "Trường THPT"],
  ["Trường THPT Thái Phiên", "Trường THPT"],
  ["Trung tâm Giáo dục thường xuyên Hải Phòng", "Đơn vị trực thuộc"],
  ["Trường THPT Ngô Quyền", "Trường THPT"],
];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "pl02-onefile-"));
  units = join(root, "units");
  expect(cli(["sample", "--out-dir", units]).status).toBe(0);
  // the folder a unit picks holds units' files only: the sample roster goes beside it
  renameSync(join(units, "roster.json"), join(root, "roster.json"));
  for (const [path, from] of Object.entries(TREE)) {
    mkdirSync(join(root, "so", path, ".."), { recursive: true });
    if (typeof from === "string") copyFileSync(join(units, from), join(root, "so", path));
    else writeFileSync(join(root, "so", path), from);
  }
  const roster = writeXlsx([
    {
      name: "Danh sách đơn vị",
      rows: [
        [{ v: "Tên đơn vị" }, { v: "Loại đơn vị" }],
        ...ROSTER_UNITS.map(([name, type]) => [{ v: name }, { v: type }]),
      ],
    },
  ]);
  writeFileSync(join(root, "roster.xlsx"), roster);
  writeFileSync(join(root, "roster-hong.json"), '{"units": [{"name": "X", "type": "Sở"}]}');
  mkdirSync(join(root, "downloads"));
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  rmSync(root, { recursive: true, force: true });
});

interface Opened {
  page: Page;
  errors: string[];
  /** Every request the page made that is not the page itself, a blob: or a data: URL. */
  outside: string[];
}

/**
 * The file opened from disk in an offline context. An init script lets a test hold the reading
 * of files after the first `hold` ones (Blob.arrayBuffer waits), to look at the page mid-batch.
 */
async function open(): Promise<Opened> {
  const context = await browser.newContext({
    acceptDownloads: true,
    offline: true,
    viewport: { width: 1000, height: 1200 },
  });
  const page = await context.newPage();
  const errors: string[] = [];
  const outside: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => void (m.type() === "error" && errors.push(m.text())));
  page.on("request", (r) => {
    const url = r.url();
    if (url !== URL_ && !url.startsWith("blob:") && !url.startsWith("data:")) outside.push(url);
  });
  await page.addInitScript(() => {
    const gate = { hold: Infinity, calls: 0, waiting: [] as (() => void)[] };
    const read = Blob.prototype.arrayBuffer;
    Blob.prototype.arrayBuffer = function (this: Blob) {
      if (++gate.calls <= gate.hold) return read.call(this);
      return new Promise<void>((r) => gate.waiting.push(r)).then(() => read.call(this));
    };
    Object.assign(window, {
      __hold: (n: number) => Object.assign(gate, { hold: n, calls: 0 }),
      __release: () => {
        gate.hold = Infinity;
        gate.waiting.splice(0).forEach((r) => r());
      },
    });
  });
  await page.goto(URL_);
  await page.getByTestId("dropzone").waitFor({ timeout: 20_000 });
  return { page, errors, outside };
}

async function save(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  const path = join(root, "downloads", download.suggestedFilename());
  await download.saveAs(path);
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

/** What the core says about the same folder: the files checked (lock file aside), the merge. */
function expected(rosterFile = "roster.xlsx"): { results: FileResult[]; merge: MergeResult } {
  const paths = Object.keys(TREE)
    .filter((p) => !p.includes("~$") && /\.xlsx?$/.test(p))
    .sort();
  const results = paths.map((p) => checkBytes(`so/${p}`, readFileSync(join(root, "so", p))));
  const { units, unreadable } = mergeInputsOf(results);
  const roster = rosterFromBytes(rosterFile, readFileSync(join(root, rosterFile)));
  return { results, merge: consolidate(units, unreadable, { roster, skipped: ["so/ghi chú.txt"] }) };
}

const texts = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluateAll((els) => els.map((e) => e.textContent));

test("opened from file:// with no network: every file told apart by its path, problems first, a row named by code and label", async () => {
  const { page, errors, outside } = await open();
  expect(await axeViolations(page)).toEqual([]);
  await page.getByTestId("folder-input").setInputFiles(join(root, "so"));
  await page.getByTestId("announce").getByText("Đã kiểm tra 5 tệp").waitFor();
  const { results } = expected();
  // Spec §5 v2: the .txt is named as skipped, not checked as a unit that could not be read.
  expect(await page.getByTestId("announce").textContent()).toBe(
    "Đã kiểm tra 5 tệp: 1 tệp có lỗi, 1 tệp không đọc được.",
  );
  // Ordered by problems: unreadable, then errors, then warnings; each named by its whole path.
  const order = filesByProblems(results).map((r) => r.file);
  expect(
    await page.getByTestId("file-result").evaluateAll((els) => els.map((e) => e.getAttribute("data-file"))),
  ).toEqual(order);
  expect(order.slice(0, 2)).toEqual([
    "so/Trường THPT Thái Phiên/Phụ lục 02.xls",
    "so/Phòng GDĐT quận Lê Chân/Phụ lục 02.xlsx",
  ]);
  expect(await texts(page, "skipped")).toEqual([
    "Bỏ qua tệp không phải bảng tính: so/Phòng GDĐT quận Lê Chân/~$Phụ lục 02.xlsx, so/ghi chú.txt",
  ]);
  const section = (path: string) => page.locator(`[data-testid=file-result][data-file="so/${path}"]`);
  // The .xls says what to do; it is not dropped.
  await expect(section("Trường THPT Thái Phiên/Phụ lục 02.xls").textContent()).resolves.toContain(
    "Không đọc được: Tệp Excel 97-2003 (.xls); hãy mở bằng Excel và lưu lại dạng .xlsx",
  );
  // Each file with its unit; a clean one says so.
  await expect(section("Trung tâm GDTX/Phụ lục 02.xlsx").getByTestId("file-unit").textContent()).resolves.toBe(
    "Đơn vị: Trung tâm Giáo dục thường xuyên Hải Phòng",
  );
  await expect(section("Trung tâm GDTX/Phụ lục 02.xlsx").getByTestId("no-errors").textContent()).resolves.toBe(
    "Không có lỗi",
  );
  await expect(section("Phòng GDĐT quận Lê Chân/Phụ lục 02.xlsx").getByTestId("no-errors").count()).resolves.toBe(0);
  // Rows named by code and label, never a bare code.
  const leChan = results.find((r) => r.file === "so/Phòng GDĐT quận Lê Chân/Phụ lục 02.xlsx")!;
  // A likely cause (listed first, spec §3b) names its row in its message; the findings it explains
  // are listed under it; the other findings under row heads.
  const groups = causeOrder(leChan.sheets.flatMap((s) => s.findings));
  const causes = groups.flatMap((g) => (g.cause && !g.cause.alternatives ? [g.cause] : []));
  for (const c of causes) expect(c.message).toContain(`(dòng ${c.row} – `);
  const rest = groups.find((g) => !g.cause)?.findings ?? [];
  const rows = [...new Set(rest.map((f) => f.row))].filter(Boolean) as string[];
  expect(rows.length + causes.length).toBeGreaterThan(0);
  const heads = await section("Phòng GDĐT quận Lê Chân/Phụ lục 02.xlsx").locator("span.fui-Text").allTextContents();
  if (causes.length) expect(heads).toContain("Ô có lẽ gõ nhầm (sửa các ô này trước)");
  for (const code of rows) expect(heads).toContain(`Dòng ${code} – ${rowLabel(code)}`);
  expect(heads.filter((h) => /^Dòng [A-Z]+[0-9.]*$/.test(h))).toEqual([]);

  // The marked copy of a file named like every other, downloaded under its folder's name.
  const copy = await save(page, () =>
    section("Phòng GDĐT quận Lê Chân/Phụ lục 02.xlsx").getByTestId("download-annotated").click(),
  );
  expect(copy.name).toBe("so - Phòng GDĐT quận Lê Chân - Phụ lục 02.kiem-tra.xlsx");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(copy.bytes as unknown as ArrayBuffer);
  for (const f of leChan.sheets.flatMap((s) => s.findings)) {
    const cell = wb.getWorksheet(f.sheet!)!.getCell(f.cells[0]);
    expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(
      "FF" + MARK_COLORS[f.severity === "error" ? "error" : "warning"].slice(1),
    );
  }
  expect(await axeViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
  expect(outside).toEqual([]);
  await page.context().close();
});

test("a roster picked, merging asked for: the status table leads, sortable, problems first; the city workbook keeps paths", async () => {
  const { page, errors, outside } = await open();
  // A roster that cannot be used says why, naming the file; the one in use stays.
  await page.getByTestId("roster-input").setInputFiles(join(root, "roster-hong.json"));
  await page.getByTestId("roster-error").waitFor();
  await expect(page.getByTestId("roster-error").textContent()).resolves.toMatch(
    /^Không dùng được danh sách đơn vị; vẫn dùng danh sách cũ\. roster-hong\.json: Danh sách đơn vị không hợp lệ: units\.0\.type/,
  );
  await expect(page.getByTestId("roster-used").textContent()).resolves.toBe(
    "Danh sách đơn vị: danh sách có sẵn của Hải Phòng, chưa đầy đủ (38 đơn vị): không xác định được đơn vị nào chưa nộp",
  );
  await page.getByTestId("roster-input").setInputFiles(join(root, "roster.xlsx"));
  await page.getByTestId("roster-used").getByText("roster.xlsx").waitFor();
  await expect(page.getByTestId("roster-used").textContent()).resolves.toBe("Danh sách đơn vị: roster.xlsx (5 đơn vị)");
  await page.getByTestId("folder-input").setInputFiles(join(root, "so"));
  await page.getByTestId("merge").waitFor();
  // Two files or more are not a merge until asked for.
  await expect(page.getByTestId("merged").count()).resolves.toBe(0);
  await page.getByTestId("merge").click();
  await page.getByTestId("merged").waitFor();
  const { merge } = expected();
  // The core's summary word for word (spec §5 v2): the unit off the roster is held out.
  expect(await page.getByTestId("announce").textContent()).toBe(
    `${merge.summary.lines.vi.join(" ")} Bảng tình trạng nộp ở dưới.`,
  );
  expect([merge.summary.lines.vi[0], merge.summary.lines.vi[2]]).toEqual([
    "Tổng hợp: 3 đơn vị được tính vào tổng thành phố.",
    "Có lỗi: 1 đơn vị; bản trùng bị loại: 0; không đọc được: 1.",
  ]);
  await expect(texts(page, "summary-line")).resolves.toEqual(merge.summary.lines.vi);
  await expect(page.getByTestId("city-findings").getAttribute("data-errors")).resolves.toBe(
    String(merge.summary.cityErrors),
  );
  // The status table comes first in the result, every roster unit, unknown units and unreadable files too.
  const first = await page.getByTestId("merged").evaluate((el) => el.firstElementChild?.getAttribute("data-testid"));
  expect(first).toBe("status");
  const table = () =>
    page
      .getByTestId("status-row")
      .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent)));
  const shown = await table();
  expect(shown.map((r) => r[0])).toEqual(statusByProblems(merge.status).map((s) => s.unit));
  const leChan = merge.status.find((s) => s.unit === "Phòng GDĐT quận Lê Chân")!;
  expect(leChan.errors).toBeGreaterThan(0);
  const kienAn = merge.status.find((s) => s.unit === "Trường THPT Kiến An")!;
  expect(kienAn.warnings).toBeGreaterThan(1);
  // the cells each unit's likely causes name (spec §3b), beside its rule findings
  const likelyOf = (unit: string) => String(merge.status.find((x) => x.unit === unit)!.likely ?? "");
  expect(shown).toEqual([
    // Off the roster the user gave: held out, first (spec §5 v2).
    [
      "Trường Tiểu học Lê Văn Tám",
      "Không có trong danh sách",
      "Chưa xác nhận — không tính vào tổng",
      likelyOf("Trường Tiểu học Lê Văn Tám"),
      "0",
      "0",
      "Không",
      "so/Trường lạ/Phụ lục 02.xlsx › Phụ lục 02",
      "",
      "",
    ],
    [
      "Trường THPT Thái Phiên",
      "Trường THPT",
      "Không đọc được",
      likelyOf("Trường THPT Thái Phiên"),
      "",
      "",
      "Không",
      "so/Trường THPT Thái Phiên/Phụ lục 02.xls",
      "so/Trường THPT Thái Phiên/Phụ lục 02.xls: Tệp Excel 97-2003 (.xls); hãy mở bằng Excel và lưu lại dạng .xlsx (Sổ làm việc Excel)",
      "",
    ],
    [
      "Phòng GDĐT quận Lê Chân",
      "Phòng GDĐT",
      "Có",
      likelyOf("Phòng GDĐT quận Lê Chân"),
      String(leChan.errors),
      String(leChan.warnings),
      "Có",
      "so/Phòng GDĐT quận Lê Chân/Phụ lục 02.xlsx › Phụ lục 02",
      "",
      "",
    ],
    ["Trường THPT Ngô Quyền", "Trường THPT", "Chưa", "", "", "", "Không", "", "", ""],
    [
      "Trường THPT Kiến An",
      "Trường THPT",
      "Có",
      likelyOf("Trường THPT Kiến An"),
      "0",
      String(kienAn.warnings), // its Cơ cấu đại biểu's warnings counted too (spec §5 v2)
      "Có",
      "so/Trường THPT Kiến An/Phụ lục 02.xlsx › Phụ lục 02",
      "",
      "",
    ],
    [
      "Trung tâm Giáo dục thường xuyên Hải Phòng",
      "Đơn vị trực thuộc",
      "Có",
      likelyOf("Trung tâm Giáo dục thường xuyên Hải Phòng"),
      "0",
      "0",
      "Có",
      "so/Trung tâm GDTX/Phụ lục 02.xlsx › Phụ lục 02",
      "",
      "",
    ],
  ]);
  // Sortable: by errors (most first), again to reverse; by unit name; back to problems first.
  await page.getByTestId("sort-errors").click();
  await expect(page.locator("th[aria-sort]").getAttribute("aria-sort")).resolves.toBe("descending");
  const byErrors = (await table()).map((r) => (r[4] === "" ? -1 : Number(r[4])));
  expect(byErrors).toEqual([...byErrors].sort((a, b) => b - a));
  await page.getByTestId("sort-errors").click();
  expect((await table()).map((r) => (r[4] === "" ? -1 : Number(r[4])))).toEqual([...byErrors].sort((a, b) => a - b));
  await page.getByTestId("sort-unit").click();
  const names = (await table()).map((r) => r[0]);
  expect(names).toEqual([...names].sort(new Intl.Collator("vi").compare));
  await page.getByTestId("sort-problems").click();
  expect(await table()).toEqual(shown);
  // Unknown units listed.
  await expect(page.getByTestId("summary-unknown").getAttribute("data-count")).resolves.toBe("1");
  await expect(page.getByTestId("summary-unknown").textContent()).resolves.toContain(
    "Trường Tiểu học Lê Văn Tám (so/Trường lạ/Phụ lục 02.xlsx › Phụ lục 02)",
  );
  expect(await axeViolations(page)).toEqual([]);

  // The city workbook: files told apart by path; unreadable files on the status sheet.
  const city = await save(page, () => page.getByTestId("download-city").click());
  const [citySheet, detail, status] = readXlsx(city.bytes).sheets;
  const lay = templateLayout(templateById("pl02"));
  for (const code of ["TONG", "A", "D2"])
    expect(citySheet.rows[lay.row.get(code)!][lay.col.get("total")!]).toBe(merge.city.rows[code].total);
  expect(detail.rows.slice(2, -1).map((r) => r[2])).toEqual(merge.units.filter((u) => u.included).map((u) => u.file));
  expect(detail.rows.slice(2, -1).map((r) => r[2])).toContain("so/Trường THPT Kiến An/Phụ lục 02.xlsx");
  expect(status.rows.map((r) => r[1])).toEqual(["Đơn vị", ...merge.status.map((s) => s.unit)]);
  expect(status.rows.find((r) => r[1] === "Trường THPT Thái Phiên")!.slice(3, 4)).toEqual(["Không đọc được"]);
  expect(status.rows.find((r) => r[1] === "so/ghi chú.txt")).toBeUndefined();

  // The switch counts the unit off the roster in: the result follows at once.
  await page.getByRole("switch", { name: "Tính cả đơn vị ngoài danh sách" }).click();
  await page.getByTestId("summary-line").getByText("Tổng hợp: 4 đơn vị được tính vào tổng thành phố.").waitFor();
  const { units: inputs, unreadable } = mergeInputsOf(expected().results);
  const all = consolidate(inputs, unreadable, {
    roster: rosterFromBytes("roster.xlsx", readFileSync(join(root, "roster.xlsx"))),
    includeUnknown: true,
    skipped: ["so/ghi chú.txt"],
  });
  await expect(texts(page, "summary-line")).resolves.toEqual(all.summary.lines.vi);
  await expect(page.getByTestId("summary-held-out").count()).resolves.toBe(0);
  const again = await save(page, () => page.getByTestId("download-city").click());
  const cityAll = readXlsx(again.bytes).sheets[0];
  expect(cityAll.rows[lay.row.get("TONG")!][lay.col.get("total")!]).toBe(all.city.rows.TONG.total);
  expect(all.city.rows.TONG.total).toBeGreaterThan(merge.city.rows.TONG.total);
  expect(errors).toEqual([]);
  expect(outside).toEqual([]);
  await page.context().close();
});

test("during a batch: 'Đang đọc 12/N tệp', a named progress bar, inputs disabled, no axe violation; a new pick replaces the old", async () => {
  const { page, errors, outside } = await open();
  const names = readdirSync(units).filter((n) => n.endsWith(".xlsx"));
  const n = names.length;
  expect(n).toBeGreaterThan(30);
  await page.evaluate(() => (window as unknown as { __hold: (n: number) => void }).__hold(12));
  await page.getByTestId("folder-input").setInputFiles(units);
  await page.getByText(`Đang đọc 12/${n} tệp`).waitFor();
  await expect(page.getByRole("progressbar", { name: "Tiến độ đọc tệp" }).getAttribute("aria-valuenow")).resolves.toBe(
    String(12 / n),
  );
  for (const id of ["pick-files", "pick-folder", "pick-roster"])
    await expect(page.getByTestId(id).isDisabled()).resolves.toBe(true);
  for (const id of ["file-input", "folder-input", "roster-input"])
    await expect(page.getByTestId(id).isDisabled()).resolves.toBe(true);
  await expect(page.getByTestId("merge").count()).resolves.toBe(0);
  expect(await axeViolations(page)).toEqual([]);
  // A drop while the batch runs is refused, not mixed in.
  const dataTransfer = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array([1, 2, 3])], "tre.xlsx"));
    return dt;
  });
  await page.getByTestId("dropzone").dispatchEvent("drop", { dataTransfer });
  await page.evaluate(() => new Promise((r) => setTimeout(r, 200))); // what the drop would start, started
  await expect(page.getByTestId("progress").textContent()).resolves.toBe(`Đang đọc 12/${n} tệp`);
  await page.evaluate(() => (window as unknown as { __release: () => void }).__release());
  await page.getByTestId("announce").getByText(`Đã kiểm tra ${n} tệp`).waitFor();
  await expect(page.getByTestId("file-result").count()).resolves.toBe(n);
  await expect(page.locator('[data-file="tre.xlsx"]').count()).resolves.toBe(0);
  expect(await axeViolations(page)).toEqual([]);
  await expect(page.getByTestId("pick-folder").isDisabled()).resolves.toBe(false);
  await page.getByTestId("merge").click();
  await page.getByTestId("merged").waitFor();
  await expect(page.getByTestId("status-row").count()).resolves.toBeGreaterThanOrEqual(38);
  expect(await axeViolations(page)).toEqual([]);

  // A new pick: the old files and the old merge are gone.
  await page.getByTestId("file-input").setInputFiles(join(units, "trung-tam-giao-duc-thuong-xuyen-hai-phong.xlsx"));
  await page.getByTestId("announce").getByText("Đã kiểm tra 1 tệp").waitFor();
  await expect(
    page.getByTestId("file-result").evaluateAll((els) => els.map((e) => e.getAttribute("data-file"))),
  ).resolves.toEqual(["trung-tam-giao-duc-thuong-xuyen-hai-phong.xlsx"]);
  await expect(page.getByTestId("merged").count()).resolves.toBe(0);
  await expect(page.getByTestId("skipped").count()).resolves.toBe(0);
  expect(await axeViolations(page)).toEqual([]);
  // English throughout.
  await page.getByRole("switch", { name: "English" }).click();
  await page.getByText("No errors").waitFor();
  expect(await axeViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
  expect(outside).toEqual([]);
  await page.context().close();
});
