/**
 * Issue 21 end to end: `phuluc02 merge DIR` on the inbox a Sở really gets — a unit's file saved
 * twice under two names and once more from Zalo with no unit line, a primary school not on the
 * roster, a unit named only in its letterhead, one named only in its file name, two versions of
 * one unit whose files carry no saved date but different file times, a blank template sent back,
 * a roster.json, a .txt and a .docx beside them, and sub-folders THPT/ and PhongGD/. The city
 * total is computed here from the tables the test wrote.
 */
import { mkdirSync, readFileSync, utimesSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import type { Finding, Grid, Values } from "../shared";
import { writeGridsWorkbook } from "../cli/exceljs-write";
import { cli, ensureBuilt, tempDir } from "./helpers/cli";
import { BASE, build, dbSheet, setCell, sheet } from "./helpers/tables";

/** BASE with `k` more direct staff in row D4 in 2020-2021: a table of its own, every rule holding. */
const own = (k: number): Values => build({ ...BASE, D4: { col: [1, 0, 1, 0, 1], dir: [3 + k, 4, 5, 6, 7] } });

const TABLES = {
  kienAn: own(1),
  thaiPhien: own(2),
  ngoQuyen: own(3),
  leChanOld: own(4),
  leChanNew: own(5),
  leQuyDon: own(6),
  primary: own(7),
};

const ROSTER = {
  units: [
    { name: "Phòng GDĐT quận Lê Chân", type: "Phòng GDĐT", aliases: ["Lê Chân"] },
    { name: "Phòng GDĐT quận Hồng Bàng", type: "Phòng GDĐT", aliases: [] },
    { name: "Trường THPT Kiến An", type: "Trường THPT", aliases: [] },
    { name: "Trường THPT Thái Phiên", type: "Trường THPT", aliases: [] },
    { name: "Trường THPT Ngô Quyền", type: "Trường THPT", aliases: [] },
    { name: "Trường THPT Lê Quý Đôn", type: "Trường THPT", aliases: [] },
    { name: "Trường THPT Hải An", type: "Trường THPT", aliases: [] },
  ],
};

function unitSheet(values: Values, unit: string | null, letterhead: string[] = []): Grid {
  const g = sheet(values, unit);
  g.rows.unshift(...letterhead.map((l) => [l]));
  return g;
}

/** A workbook without dcterms:modified (as a Google Sheets download has none). */
async function workbook(path: string, grids: Grid[], mtime: string): Promise<void> {
  const parts = unzipSync(await writeGridsWorkbook(grids.map((grid) => ({ grid }))));
  const core = "docProps/core.xml";
  if (parts[core])
    parts[core] = strToU8(strFromU8(parts[core]).replace(/<dcterms:modified[^>]*>[^<]*<\/dcterms:modified>/, ""));
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, zipSync(parts));
  const t = new Date(mtime);
  utimesSync(path, t, t);
}

interface Doc {
  units: {
    unit: string;
    file: string;
    included: boolean;
    errors: number;
    blank: boolean;
    heldOut: boolean;
    keptBecause: { kind: string; message: string } | null;
    excluded: string | null;
    source: string | null;
  }[];
  missing: string[];
  findings: Finding[];
  city: { rows: Record<string, Record<string, number>>; findings: Finding[] };
  skipped: string[];
  summary: { included: number; lines: string[] };
}

let dir: string;
let inbox: string;
const rel = (f: string) => f.slice(inbox.length + 1);

beforeAll(async () => {
  ensureBuilt();
  dir = tempDir("phuluc02-inbox-");
  inbox = join(dir, "inbox");
  const kienAn = unitSheet(TABLES.kienAn, null);
  await workbook(join(inbox, "THPT", "truong-thpt-kien-an.xlsx"), [kienAn], "2025-03-02T08:00:00Z");
  await workbook(join(inbox, "THPT", "truong-thpt-kien-an (1).xlsx"), [kienAn], "2025-03-02T09:00:00Z");
  await workbook(join(inbox, "zalo", "Phụ lục 02.xlsx"), [kienAn], "2025-03-03T10:00:00Z");
  await workbook(
    join(inbox, "THPT", "bao-cao.xlsx"),
    [unitSheet(TABLES.thaiPhien, null, ["SỞ GD&ĐT HẢI PHÒNG", "TRƯỜNG THPT THÁI PHIÊN"])],
    "2025-03-02T08:00:00Z",
  );
  await workbook(
    join(inbox, "THPT", "THPT Ngo Quyen - PL02.xlsx"),
    [unitSheet(TABLES.ngoQuyen, null)],
    "2025-03-02T08:00:00Z",
  );
  const lqd = unitSheet(TABLES.leQuyDon, "Trường THPT Lê Quý Đôn");
  const lqdDb = dbSheet({}, undefined, "Trường THPT Lê Quý Đôn"); // lists no delegate: DB_HIGHER_DELEGATES
  await workbook(join(inbox, "THPT", "le-quy-don.xlsx"), [lqd, lqdDb], "2025-03-02T08:00:00Z");
  // Lê Chân: first a table with a wrong total, four days later the fixed one; the old one sorts first
  const old = unitSheet(TABLES.leChanOld, "Phòng GDĐT quận Lê Chân");
  setCell(old, "D2", "total", 99);
  await workbook(join(inbox, "PhongGD", "Lê Chân - PL02.xlsx"), [old], "2025-03-01T08:00:00Z");
  await workbook(
    join(inbox, "PhongGD", "Phụ lục 02 - Lê Chân.xlsx"),
    [unitSheet(TABLES.leChanNew, "Phòng GDĐT quận Lê Chân")],
    "2025-03-05T08:00:00Z",
  );
  await workbook(
    join(inbox, "PhongGD", "Hong Bang.xlsx"),
    [unitSheet(build({}), "Phòng GDĐT quận Hồng Bàng")],
    "2025-03-02T08:00:00Z",
  );
  await workbook(
    join(inbox, "Tiểu học Lê Văn Tám.xlsx"),
    [unitSheet(TABLES.primary, "Trường Tiểu học Lê Văn Tám")],
    "2025-03-02T08:00:00Z",
  );
  writeFileSync(join(inbox, "roster.json"), JSON.stringify(ROSTER));
  writeFileSync(join(inbox, "ghi chú.txt"), "Gửi Sở: danh sách đính kèm\n");
  writeFileSync(join(inbox, "thu-moi.docx"), "PK\u0003\u0004 not really a document");
}, 120_000);

function merge(...extra: string[]): { status: number; doc: Doc; stderr: string } {
  const out = join(dir, `city${extra.join("")}.xlsx`);
  const r = cli(["merge", inbox, "--roster", join(inbox, "roster.json"), "--out", out, "--json", ...extra]);
  return { status: r.status, doc: JSON.parse(r.stdout) as Doc, stderr: r.stderr };
}

const total = (...tables: Values[]) => tables.reduce((n, t) => n + t.TONG.total, 0);

describe("merge DIR of a real inbox (issue 21)", () => {
  let run: ReturnType<typeof merge>;
  beforeAll(() => {
    run = merge();
  });

  test("every table counted once, the unknown unit held out, the blank not counted", () => {
    const { doc, status } = run;
    const T = TABLES;
    expect(doc.city.rows.TONG.total).toBe(total(T.kienAn, T.thaiPhien, T.ngoQuyen, T.leChanNew, T.leQuyDon));
    const included = doc.units.filter((u) => u.included).map((u) => [u.unit, rel(u.file)]);
    expect(included).toEqual([
      ["Phòng GDĐT quận Lê Chân", "PhongGD/Phụ lục 02 - Lê Chân.xlsx"],
      ["Trường THPT Ngô Quyền", "THPT/THPT Ngo Quyen - PL02.xlsx"],
      ["Trường THPT Thái Phiên", "THPT/bao-cao.xlsx"],
      ["Trường THPT Lê Quý Đôn", "THPT/le-quy-don.xlsx"],
      ["Trường THPT Kiến An", "THPT/truong-thpt-kien-an (1).xlsx"],
    ]);
    expect(doc.units.filter((u) => u.heldOut).map((u) => u.unit)).toEqual(["Trường Tiểu học Lê Văn Tám"]);
    expect(doc.units.filter((u) => u.blank).map((u) => u.unit)).toEqual(["Phòng GDĐT quận Hồng Bàng"]);
    expect(doc.missing).toEqual(["Phòng GDĐT quận Hồng Bàng", "Trường THPT Hải An"]);
    expect(doc.units.map((u) => [rel(u.file), u.source, u.excluded, u.keptBecause?.kind ?? null])).toEqual([
      ["PhongGD/Hong Bang.xlsx", "line", "blank", null],
      ["PhongGD/Lê Chân - PL02.xlsx", "line", "duplicate", null],
      ["PhongGD/Phụ lục 02 - Lê Chân.xlsx", "line", null, "file-time"],
      ["THPT/THPT Ngo Quyen - PL02.xlsx", "file", null, null],
      ["THPT/bao-cao.xlsx", "letterhead", null, null],
      ["THPT/le-quy-don.xlsx", "line", null, null],
      ["THPT/truong-thpt-kien-an (1).xlsx", "file", null, "file-time"],
      ["THPT/truong-thpt-kien-an.xlsx", "file", "duplicate-content", null],
      ["Tiểu học Lê Văn Tám.xlsx", "line", "unknown", null],
      ["zalo/Phụ lục 02.xlsx", null, "duplicate-content", null],
    ]);
    expect(doc.units.find((u) => u.keptBecause?.kind === "file-time")!.keptBecause!.message).toBe(
      "tệp không ghi ngày lưu: bản mới nhất theo thời gian của tệp (05/03/2025 08:00 UTC)",
    );
    // Lê Quý Đôn's only error is on its Cơ cấu đại biểu: it counts
    expect(doc.units.find((u) => u.unit === "Trường THPT Lê Quý Đôn")!.errors).toBe(1);
    const copies = doc.findings.find((f) => f.rule === "MERGE_DUPLICATE_CONTENT")!;
    for (const f of ["truong-thpt-kien-an.xlsx", "truong-thpt-kien-an (1).xlsx", "zalo/Phụ lục 02.xlsx"])
      expect(copies.message).toContain(f);
    expect(doc.skipped.map(rel)).toEqual(["ghi chú.txt", "roster.json", "thu-moi.docx"]);
    expect(doc.findings.filter((f) => f.rule === "MERGE_UNREADABLE")).toEqual([]);
    expect(status).toBe(1); // MERGE_DUPLICATE_* are errors; no input unreadable
  });

  test("the summary printed is the core's, and the city's findings are beside the written line", () => {
    const out = join(dir, "city-text.xlsx");
    const r = cli(["merge", inbox, "--roster", join(inbox, "roster.json"), "--out", out]);
    expect(r.status).toBe(run.status);
    const lines = r.stdout.trimEnd().split("\n");
    const at = lines.indexOf(run.doc.summary.lines[0]);
    expect(lines.slice(at, at + run.doc.summary.lines.length)).toEqual(run.doc.summary.lines);
    expect(run.doc.summary.lines).toEqual([
      "Tổng hợp: 5 đơn vị được tính vào tổng thành phố.",
      "Đã nộp: 6 đơn vị; chưa nộp: 2 (trong đó 1 nộp bảng trống).",
      "Có lỗi: 1 đơn vị; bản trùng bị loại: 3; không đọc được: 0.",
      'Chưa xác nhận — không tính vào tổng: 1 đơn vị ngoài danh sách (muốn tính: bật "Tính cả đơn vị ngoài danh sách", dòng lệnh --include-unknown, hoặc thêm vào danh sách).',
      `Bỏ qua 3 tệp không phải bảng tính: ${["ghi chú.txt", "roster.json", "thu-moi.docx"].map((f) => join(inbox, f)).join(", ")}.`,
      `Bảng tổng hợp thành phố: 0 lỗi, 0 cảnh báo; tổng số lượt khen thưởng: ${run.doc.city.rows.TONG.total}.`,
    ]);
    expect(lines.at(-1)).toBe(`Đã ghi bảng tổng hợp thành phố: ${out}`);
    expect(r.stdout).not.toMatch(/không đọc được .*(roster|ghi chú|thu-moi)/i);

    // a city table with errors: its findings are listed right before the line offering the workbook
    const wrong = join(dir, "city-wrong.xlsx");
    const w = cli(["merge", join(inbox, "PhongGD", "Lê Chân - PL02.xlsx"), "--out", wrong]);
    expect(w.status).toBe(1);
    const wl = w.stdout.trimEnd().split("\n");
    const head = wl.findIndex((l) => l.startsWith("Bảng tổng hợp thành phố có "));
    expect(wl[head]).toBe("Bảng tổng hợp thành phố có 3 lỗi, 0 cảnh báo:");
    expect(wl.slice(head + 1, -1).map((l) => l.trim().split(" ")[0])).toEqual(["✗", "✗", "✗"]);
    expect(wl.at(-1)).toBe(`Đã ghi bảng tổng hợp thành phố: ${wrong}`);
  });

  test("--include-unknown puts the primary school into the total", () => {
    const { doc } = merge("--include-unknown");
    const T = TABLES;
    expect(doc.city.rows.TONG.total).toBe(total(T.kienAn, T.thaiPhien, T.ngoQuyen, T.leChanNew, T.leQuyDon, T.primary));
    expect(doc.units.filter((u) => u.heldOut)).toEqual([]);
  });

  test("a merge that includes no unit exits 2, says why in Vietnamese and writes no workbook", () => {
    const lone = join(dir, "lone");
    mkdirSync(lone);
    writeFileSync(join(lone, "a.xlsx"), readFileSync(join(inbox, "Tiểu học Lê Văn Tám.xlsx")));
    writeFileSync(join(lone, "b.xlsx"), readFileSync(join(inbox, "PhongGD", "Hong Bang.xlsx")));
    const out = join(dir, "none.xlsx");
    const r = cli(["merge", lone, "--roster", join(inbox, "roster.json"), "--out", out]);
    expect(r.status).toBe(2);
    expect(existsSync(out)).toBe(false);
    expect(r.stderr).toContain("Không có đơn vị nào được tính vào tổng, nên không ghi bảng tổng hợp thành phố.");
    expect(r.stderr).toContain("Tổng hợp: 0 đơn vị được tính vào tổng thành phố.");
  });
});

describe("an inbox with a .zip of units' files, a .csv and a signed PDF (issue 26)", () => {
  test("the zip's spreadsheets and the CSV table are merged as units; the PDF is named as skipped", async () => {
    const box = join(dir, "inbox26");
    mkdirSync(box, { recursive: true });
    const a = await writeGridsWorkbook([{ grid: unitSheet(TABLES.kienAn, "Trường THPT Kiến An") }]);
    const b = await writeGridsWorkbook([{ grid: unitSheet(TABLES.thaiPhien, "Trường THPT Thái Phiên") }]);
    writeFileSync(join(box, "THPT.zip"), zipSync({ "THPT/kien-an.xlsx": a, "THPT/thai-phien.xlsx": b }));
    const csv = unitSheet(TABLES.ngoQuyen, "Trường THPT Ngô Quyền")
      .rows.map((row) =>
        Array.from(row, (v) => {
          const t = v === null || v === undefined ? "" : String(v);
          return /[";\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
        }).join(";"),
      )
      .join("\r\n");
    writeFileSync(join(box, "ngo-quyen.csv"), "\ufeff" + csv);
    writeFileSync(join(box, "ngo-quyen-da-ky.pdf"), "%PDF-1.4\n");
    const out = join(dir, "city26.xlsx");
    const r = cli(["merge", box, "--roster", join(inbox, "roster.json"), "--out", out, "--json"]);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(r.status).toBe(0);
    expect(doc.units.map((u) => [u.unit, u.file.slice(box.length + 1), u.included])).toEqual([
      ["Trường THPT Kiến An", "THPT.zip › THPT/kien-an.xlsx", true],
      ["Trường THPT Thái Phiên", "THPT.zip › THPT/thai-phien.xlsx", true],
      ["Trường THPT Ngô Quyền", "ngo-quyen.csv", true],
    ]);
    expect(doc.city.rows.TONG.total).toBe(total(TABLES.kienAn, TABLES.thaiPhien, TABLES.ngoQuyen));
    expect(doc.skipped.map((f) => f.slice(box.length + 1))).toEqual(["ngo-quyen-da-ky.pdf"]);
  });
});
