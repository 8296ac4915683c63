/**
 * Resubmissions on the command line (issue 15, point 3): `merge --json` says which file of a unit
 * was kept, why, and what differs; `phuluc02 diff OLD NEW` prints the same for any two files. The
 * sample's Hồng Bàng district sends its table twice, the second file named "…-bo-sung" with two
 * corrections (two more Lao động tiên tiến in 2024-2025, one more collective Bằng khen of the
 * city's chairman in 2023-2024); the expected changes are built from the first file read here.
 */
import ExcelJS from "exceljs";
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { analyzeWorkbook, templateById, type Values } from "../shared";
import { readXlsx } from "../shared/workbook/read";
import { cli, ensureBuilt, tempDir } from "./helpers/cli";

const pl02 = templateById("pl02");
let samples: string;
let oldFile: string;
let newFile: string;
let before: Values;

function valuesOf(file: string): Values {
  const res = analyzeWorkbook(readXlsx(readFileSync(file)).sheets).find((s) => s.template === "pl02")!;
  const out: Values = {};
  for (const def of pl02.rows) {
    out[def.code] = {};
    for (const key of pl02.countKeys) out[def.code][key] = res.table!.cells.get(def.code)?.get(key)?.value ?? 0;
  }
  return out;
}

/** The cells the correction moves: each leaf, its parent group and Tổng cộng, in template order. */
function expectedChanges(old: Values) {
  const delta: Record<string, Record<string, number>> = {
    C: { total: 1, collective: 1, y2024: 1 },
    C6: { total: 1, collective: 1, y2024: 1 },
    D: { total: 2, individual: 2, direct: 2, y2025: 2 },
    D2: { total: 2, individual: 2, direct: 2, y2025: 2 },
    TONG: { total: 3, collective: 1, individual: 2, direct: 2, y2024: 1, y2025: 2 },
  };
  return pl02.rows.flatMap((r) =>
    pl02.countKeys
      .filter((k) => delta[r.code]?.[k])
      .map((k) => ({ row: r.code, column: k, old: old[r.code][k], new: old[r.code][k] + delta[r.code][k] })),
  );
}

beforeAll(() => {
  ensureBuilt();
  samples = join(tempDir(), "samples");
  expect(cli(["sample", "--out-dir", samples]).status).toBe(0);
  oldFile = join(samples, "phong-gddt-quan-hong-bang.xlsx");
  newFile = join(samples, "phong-gddt-quan-hong-bang-bo-sung.xlsx");
  before = valuesOf(oldFile);
});

/** 12.419: thousands as Vietnamese writes them. */
const n = (x: number) => x.toLocaleString("de-DE");

describe("phuluc02 merge --json: resubmissions", () => {
  test("the corrected file is kept, the reason is given, and every changed cell is listed", () => {
    const city = join(tempDir(), "city.xlsx");
    const r = cli(["merge", samples, "--out", city, "--json"]);
    const doc = JSON.parse(r.stdout);
    // the keys of spec §7 are still there, unchanged, then the conference (spec §5b) and what issue 21 added
    expect(Object.keys(doc)).toEqual([
      "units",
      "missing",
      "findings",
      "city",
      "conference",
      "resubmissions",
      "skipped",
      "summary",
    ]);
    expect(doc.resubmissions).toHaveLength(1);
    const [s] = doc.resubmissions;
    expect([s.unit, s.kept.file, s.left.file, s.reason, s.why]).toEqual([
      "Phòng GDĐT quận Hồng Bàng",
      newFile,
      oldFile,
      "correction",
      'tên tệp ghi là bản nộp lại ("bổ sung")',
    ]);
    const expected = expectedChanges(before);
    expect(expected).toHaveLength(20);
    expect(
      s.changes.map((c: { row: string; column: string; old: number; new: number }) => [c.row, c.column, c.old, c.new]),
    ).toEqual(expected.map((c) => [c.row, c.column, c.old, c.new]));
    expect(s.changes.find((c: { row: string }) => c.row === "C6")).toMatchObject({
      label: "Bằng khen của Chủ tịch Ủy ban nhân dân thành phố",
      column: "total",
      columnName: "Tổng số",
    });
    const hb = doc.units.filter((u: { unit: string }) => u.unit === "Phòng GDĐT quận Hồng Bàng");
    expect(hb.map((u: { file: string; included: boolean }) => [u.file, u.included])).toEqual([
      [newFile, true],
      [oldFile, false],
    ]);
    const dup = doc.findings.find((f: { rule: string }) => f.rule === "MERGE_DUPLICATE_UNIT");
    expect([dup.severity, dup.file, dup.unit]).toEqual(["error", oldFile, "Phòng GDĐT quận Hồng Bàng"]);
    expect(dup.message).toContain('(tên tệp ghi là bản nộp lại ("bổ sung"))');
    // the written status sheet, read back: the file used and why, then the changed cells
    const status = readXlsx(readFileSync(city)).sheets.find((x) => x.name === "Tình trạng nộp")!;
    const head = status.rows[0];
    const row = status.rows.find((x) => x?.[1] === "Phòng GDĐT quận Hồng Bàng")!;
    expect([head.at(-2), head.at(-1)]).toEqual(["Bản được dùng", "Khác với bản bị loại"]);
    expect(row[head.length - 2]).toBe(`${newFile} › Phụ lục 02: tên tệp ghi là bản nộp lại ("bổ sung")`);
    const lines = String(row[head.length - 1]).split("\n");
    expect(lines[0]).toBe(`${oldFile} › Phụ lục 02 → ${newFile} › Phụ lục 02: 20 ô khác`);
    expect(lines).toHaveLength(21);
    expect(lines).toContain(
      `D2 Lao động tiên tiến · Năm học 2024-2025: ${n(before.D2.y2025)} → ${n(before.D2.y2025 + 2)}`,
    );
  });

  test("two files named alike: the one the file itself says was saved last is kept", async () => {
    const dir = tempDir();
    const copy = async (to: string, when: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(oldFile) as unknown as ArrayBuffer);
      wb.modified = new Date(when);
      mkdirSync(dirname(join(dir, to)), { recursive: true });
      await wb.xlsx.writeFile(join(dir, to));
    };
    await copy("a/hong-bang.xlsx", "2025-03-09T02:00:00Z"); // newer, though last in path order
    await copy("0/hong-bang.xlsx", "2025-03-01T02:00:00Z");
    const doc = JSON.parse(
      cli([
        "merge",
        join(dir, "0", "hong-bang.xlsx"),
        join(dir, "a", "hong-bang.xlsx"),
        "--out",
        join(dir, "c.xlsx"),
        "--json",
      ]).stdout,
    );
    expect(
      doc.resubmissions.map((r: { kept: { file: string; modified: string }; reason: string; why: string }) => [
        r.kept.file,
        r.kept.modified,
        r.reason,
        r.why,
      ]),
    ).toEqual([
      [
        join(dir, "a", "hong-bang.xlsx"),
        "2025-03-09T02:00:00.000Z",
        "newest",
        "bản mới nhất theo ngày lưu ghi trong tệp (09/03/2025 02:00 UTC)",
      ],
    ]);
    expect(doc.resubmissions[0].changes).toEqual([]);
  });
});

describe("phuluc02 diff OLD NEW", () => {
  test("the changed cells, row code and label, column, old → new; exit 1", () => {
    const r = cli(["diff", oldFile, newFile]);
    expect(r.status).toBe(1);
    expect(r.stdout.trimEnd().split("\n")).toEqual([
      `So sánh: ${oldFile} › Phụ lục 02 → ${newFile} › Phụ lục 02`,
      "Đơn vị: Phòng GDĐT quận Hồng Bàng",
      "20 ô khác:",
      ...expectedChanges(before).map((c) => {
        const row = pl02.row.get(c.row)!;
        const code = c.row === "TONG" ? "" : `${c.row} `;
        return `  ${code}${row.label} · ${pl02.column.get(c.column)!.name.vi}: ${n(c.old)} → ${n(c.new)}`;
      }),
    ]);
    expect(r.stdout).toContain(
      `  D2 Lao động tiên tiến · Năm học 2024-2025: ${n(before.D2.y2025)} → ${n(before.D2.y2025 + 2)}`,
    );
  });

  test("--json and --lang en; equal files exit 0", () => {
    const r = cli(["diff", oldFile, newFile, "--json", "--lang", "en"]);
    expect(r.status).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.old).toEqual({
      file: oldFile,
      sheet: "Phụ lục 02",
      unit: "Phòng GDĐT quận Hồng Bàng",
      modified: expect.any(String),
    });
    expect(doc.new.file).toBe(newFile);
    expect(doc.changes).toHaveLength(20);
    expect(doc.changes[3]).toEqual({
      row: "C6",
      label: "Certificate of Merit of the Chairman of the City People's Committee",
      column: "total",
      columnName: "Total",
      old: before.C6.total,
      new: before.C6.total + 1,
    });
    const same = cli(["diff", oldFile, oldFile, "--lang", "en"]);
    expect(same.status).toBe(0);
    expect(same.stdout).toContain("The two tables are equal: no cell differs");
  });

  test("an unreadable file exits 2 naming it; a wrong number of files exits 64", () => {
    const broken = join(samples, "truong-thpt-bach-dang.xlsx");
    const r = cli(["diff", oldFile, broken]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${broken}: Tệp không phải định dạng .xlsx`);
    expect(cli(["diff", join(samples, "khong-co.xlsx"), oldFile]).stderr).toContain("Không tìm thấy tệp");
    const u = cli(["diff", oldFile]);
    expect(u.status).toBe(64);
    expect(u.stderr).toContain("diff cần đúng hai tệp");
    expect(cli(["diff", oldFile, newFile, "--lang", "fr"]).status).toBe(64);
  });

  test("two files of different units: compared anyway, with a note", () => {
    const r = cli(["diff", oldFile, join(samples, "phong-gddt-quan-le-chan.xlsx")]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      'Chú ý: hai tệp ghi hai đơn vị khác nhau ("Phòng GDĐT quận Hồng Bàng" và "Phòng GDĐT quận Lê Chân")',
    );
  });
});
