/**
 * Consolidation integrity (spec §5 v2, issue 21) at the core: a table counted once whatever its
 * names, the unit found by its line, letterhead, file name or tab name, units outside the roster
 * held out until confirmed, blank tables not counted as submissions, and one summary.
 */
import {
  analyzeGrid,
  analyzeWorkbook,
  bundledRoster,
  cityOutputSheets,
  consolidate,
  type Grid,
  type MergeInput,
  parseRoster,
  readRosterGrid,
  submittedText,
  summarizeMerge,
  unitNameOfPath,
  type Values,
} from "../shared";
import { mergeInputsOf } from "../shared/workbook/file-check";
import { BASE, build, dbSheet, sheet } from "./helpers/tables";

const roster = parseRoster({
  units: [
    { name: "Phòng GDĐT quận Lê Chân", type: "Phòng GDĐT", aliases: ["Lê Chân"] },
    { name: "Trường THPT Kiến An", type: "Trường THPT" },
    { name: "Trường THPT Thái Phiên", type: "Trường THPT" },
    { name: "Trường THPT Ngô Quyền", type: "Trường THPT" },
  ],
});

/** BASE with `k` more direct staff in row D4 in 2020-2021: a table of its own. */
const own = (k: number) => build({ ...BASE, D4: { col: [1, 0, 1, 0, 1], dir: [3 + k, 4, 5, 6, 7] } });
const blank = (): Values => build({});

/** A unit's sheet: its unit line (or none), optional letterhead lines above the title, its tab's name. */
function grid(values: Values, unit: string | null, letterhead: string[] = [], tab = "Phụ lục 02"): Grid {
  const g = sheet(values, unit);
  g.rows.unshift(...letterhead.map((l) => [l]));
  g.name = tab;
  return g;
}

const input = (file: string, g: Grid, extra: Partial<MergeInput> = {}): MergeInput => ({
  file,
  sheetIndex: 0,
  result: analyzeGrid(g)!,
  ...extra,
});

describe("whose table is it", () => {
  test("the letterhead names the unit: no UNIT_MISSING, and the merge says it took the letterhead", () => {
    const r = analyzeGrid(grid(own(1), null, ["SỞ GD&ĐT HẢI PHÒNG", "TRƯỜNG THPT THÁI PHIÊN"]))!;
    expect([r.unit, r.unitSource, r.letterhead]).toEqual([
      "TRƯỜNG THPT THÁI PHIÊN",
      "letterhead",
      "TRƯỜNG THPT THÁI PHIÊN",
    ]);
    expect(r.findings.map((f) => f.rule)).not.toContain("UNIT_MISSING");
    // a district office's letterhead names its area on the UBND line above
    const p = analyzeGrid(grid(own(2), null, ["UBND QUẬN LÊ CHÂN", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"]))!;
    expect(p.unit).toBe("Phòng GDĐT QUẬN LÊ CHÂN");
    // without a letterhead or a line, the check still says the unit is missing
    expect(analyzeGrid(grid(own(3), null))!.findings.map((f) => f.rule)).toContain("UNIT_MISSING");

    const m = consolidate(
      [
        input("inbox/Phụ lục 02.xlsx", grid(own(1), null, ["SỞ GD&ĐT HẢI PHÒNG", "TRƯỜNG THPT THÁI PHIÊN"])),
        input("inbox/b.xlsx", grid(own(2), null, ["UBND QUẬN LÊ CHÂN", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"])),
        input("inbox/THPT Ngo Quyen - PL02 (1).xlsx", grid(own(3), null)),
        input("inbox/c.xlsx", grid(own(4), null, [], "Kiến An")),
      ],
      [],
      { roster },
    );
    expect(m.units.map((u) => [u.file, u.unit, u.source, u.included])).toEqual([
      ["inbox/Phụ lục 02.xlsx", "Trường THPT Thái Phiên", "letterhead", true],
      ["inbox/THPT Ngo Quyen - PL02 (1).xlsx", "Trường THPT Ngô Quyền", "file", true],
      ["inbox/b.xlsx", "Phòng GDĐT quận Lê Chân", "letterhead", true],
      ["inbox/c.xlsx", "Trường THPT Kiến An", "sheet", true],
    ]);
    expect(m.findings.filter((f) => f.rule === "MERGE_UNIT_INFERRED").map((f) => f.message)).toEqual([
      'inbox/Phụ lục 02.xlsx › Phụ lục 02: nhận là "Trường THPT Thái Phiên" theo tiêu đề đơn vị ở đầu trang; hãy kiểm tra',
      'inbox/THPT Ngo Quyen - PL02 (1).xlsx › Phụ lục 02: nhận là "Trường THPT Ngô Quyền" theo tên tệp; hãy kiểm tra',
      'inbox/b.xlsx › Phụ lục 02: nhận là "Phòng GDĐT quận Lê Chân" theo tiêu đề đơn vị ở đầu trang; hãy kiểm tra',
      'inbox/c.xlsx › Kiến An: nhận là "Trường THPT Kiến An" theo tên trang tính; hãy kiểm tra',
    ]);
    expect(m.missing).toEqual([]);
    expect(m.city.rows.TONG.total).toBe([1, 2, 3, 4].reduce((n, k) => n + own(k).TONG.total, 0));
  });

  test("the letterhead beside the title lines, or naming a school by its level alone: found by the check", () => {
    const SUB = "BẢNG THỐNG KÊ SỐ LIỆU KHEN THƯỞNG GIAI ĐOẠN 2020 - 2025";
    // the letterhead at the left of "PHỤ LỤC 02" and the subtitle, on their rows (no "Đơn vị:" line)
    const beside = grid(own(1), null);
    const pad = (a: string, b: string) => [a, null, null, null, null, null, null, null, b];
    beside.rows.splice(0, 2, pad("SỞ GIÁO DỤC VÀ ĐÀO TẠO HẢI PHÒNG", "PHỤ LỤC 02"), pad("TRƯỜNG THPT KIẾN AN", SUB));
    const a = analyzeGrid(beside)!;
    expect([a.unit, a.unitSource, a.findings.map((f) => f.rule)]).toEqual(["TRƯỜNG THPT KIẾN AN", "letterhead", []]);
    const lone = analyzeGrid(grid(own(2), null, ["SỞ GD&ĐT HẢI PHÒNG", "THPT NGÔ QUYỀN"]))!;
    expect([lone.unit, lone.unitSource, lone.findings.map((f) => f.rule)]).toEqual([
      "THPT NGÔ QUYỀN",
      "letterhead",
      [],
    ]);
    // the unit's kind alone is no unit: still UNIT_MISSING
    expect(analyzeGrid(grid(own(3), null, ["SỞ GD&ĐT HẢI PHÒNG", "THPT"]))!.findings.map((f) => f.rule)).toEqual([
      "UNIT_MISSING",
    ]);
    const m = consolidate(
      [input("inbox/a.xlsx", beside), input("inbox/b.xlsx", grid(own(2), null, ["THPT NGÔ QUYỀN"]))],
      [],
      {
        roster,
      },
    );
    expect(m.units.map((u) => [u.file, u.unit, u.source, u.included])).toEqual([
      ["inbox/a.xlsx", "Trường THPT Kiến An", "letterhead", true],
      ["inbox/b.xlsx", "Trường THPT Ngô Quyền", "letterhead", true],
    ]);
  });

  test.each([
    ["truong-thpt-kien-an (1).xlsx", "truong thpt kien an"],
    ["THPT Thai Phien - PL02.xlsx", "thpt thai phien"],
    ["Trường THPT Thái Phiên - Phụ lục 02 - bản sửa lần 2.xlsx", "truong thpt thai phien"],
    ["zalo/Phụ lục 02.xlsx", null],
    ["PL02 (3).xlsx", null],
    ["Phòng GD&ĐT Lê Chân_05.03.2025.xlsx", "phong gd dt le chan"],
  ])("the unit in a file name: %s → %s", (file, name) => {
    expect(unitNameOfPath(file)).toBe(name);
  });

  test("a name close to a roster unit that sent nothing is proposed", () => {
    const m = consolidate([input("x.xlsx", grid(own(1), "Trường THPT Thái Phiêm"))], [], { roster });
    const f = m.findings.find((x) => x.rule === "MERGE_UNKNOWN_UNIT")!;
    expect(f.message).toBe(
      '"Trường THPT Thái Phiêm" (x.xlsx › Phụ lục 02) không có trong danh sách đơn vị — có thể là "Trường THPT Thái Phiên" (chưa nộp); chưa xác nhận — không tính vào tổng (muốn tính: bật "Tính cả đơn vị ngoài danh sách", dòng lệnh --include-unknown, hoặc thêm đơn vị vào danh sách)',
    );
    expect(m.units[0].proposal).toBe("Trường THPT Thái Phiên");
  });
});

describe("what counts", () => {
  test("one table under three names counts once; the finding names every copy", () => {
    const t = own(7);
    const m = consolidate(
      [
        input("truong-thpt-kien-an (1).xlsx", grid(t, null)),
        input("zalo/Phụ lục 02.xlsx", grid(t, null)),
        input("THPT/Kiến An.xlsx", grid(t, "Trường THPT Kiến An")),
        input("ngo-quyen.xlsx", grid(own(8), "Trường THPT Ngô Quyền")),
      ],
      [],
      { roster },
    );
    expect(m.units.map((u) => [u.file, u.unit, u.included, u.excluded])).toEqual([
      ["THPT/Kiến An.xlsx", "Trường THPT Kiến An", true, null],
      ["ngo-quyen.xlsx", "Trường THPT Ngô Quyền", true, null],
      ["truong-thpt-kien-an (1).xlsx", "Trường THPT Kiến An", false, "duplicate-content"],
      ["zalo/Phụ lục 02.xlsx", "zalo/Phụ lục 02 (Phụ lục 02)", false, "duplicate-content"],
    ]);
    const dup = m.findings.filter((f) => f.rule === "MERGE_DUPLICATE_CONTENT");
    expect(dup.map((f) => [f.severity, f.message])).toEqual([
      [
        "error",
        "3 bản có số liệu giống hệt nhau: THPT/Kiến An.xlsx › Phụ lục 02; truong-thpt-kien-an (1).xlsx › Phụ lục 02; zalo/Phụ lục 02.xlsx › Phụ lục 02. Chỉ tổng hợp một lần, theo THPT/Kiến An.xlsx › Phụ lục 02 (Trường THPT Kiến An)",
      ],
    ]);
    // the copies are neither units of their own nor unknown units
    expect(m.findings.filter((f) => f.rule === "MERGE_UNKNOWN_UNIT")).toEqual([]);
    expect(m.status.map((s) => [s.unit, s.submitted, s.included, s.inputs.length])).toEqual([
      ["Phòng GDĐT quận Lê Chân", false, false, 0],
      ["Trường THPT Kiến An", true, true, 3],
      ["Trường THPT Thái Phiên", false, false, 0],
      ["Trường THPT Ngô Quyền", true, true, 1],
    ]);
    expect(m.units[0].keptBecause!.text.vi).toBe('bản nhận ra được đơn vị trong danh sách (theo dòng "Đơn vị:")');
    expect(m.city.rows.TONG.total).toBe(own(7).TONG.total + own(8).TONG.total);
  });

  test("a blank template sent back is not a submission", () => {
    const m = consolidate(
      [input("le-chan.xlsx", grid(blank(), "Phòng GDĐT quận Lê Chân")), input("kien-an.xlsx", grid(blank(), null))],
      [],
      { roster },
    );
    expect(m.units.map((u) => [u.unit, u.blank, u.included, u.excluded])).toEqual([
      ["Trường THPT Kiến An", true, false, "blank"],
      ["Phòng GDĐT quận Lê Chân", true, false, "blank"],
    ]);
    expect(m.findings.filter((f) => f.rule === "MERGE_EMPTY_TABLE").map((f) => f.message)).toEqual([
      'kien-an.xlsx › Phụ lục 02 ("Trường THPT Kiến An") là bảng trống (mọi số liệu bằng 0 hoặc để trống): coi như chưa nộp, không tính vào tổng',
      'le-chan.xlsx › Phụ lục 02 ("Phòng GDĐT quận Lê Chân") là bảng trống (mọi số liệu bằng 0 hoặc để trống): coi như chưa nộp, không tính vào tổng',
    ]);
    expect(m.missing).toEqual(roster.units.map((u) => u.name));
    const leChan = m.status.find((s) => s.unit === "Phòng GDĐT quận Lê Chân")!;
    expect([leChan.submitted, leChan.blank, submittedText(leChan)]).toEqual([false, true, "Nộp bảng trống"]);
    expect(m.summary.lines.vi[1]).toBe("Đã nộp: 0 đơn vị; chưa nộp: 4 (trong đó 2 nộp bảng trống).");
  });

  test("against a partial roster, units outside it are included and flagged, and nobody is called 'chưa nộp'", () => {
    const partial = { ...roster, complete: false, source: "thử nghiệm" };
    const m = consolidate([input("lvt.xlsx", grid(own(1), "Trường Tiểu học Lê Văn Tám"))], [], { roster: partial });
    expect(m.units.map((u) => [u.included, u.heldOut])).toEqual([[true, false]]);
    expect(m.missing).toEqual([]);
    expect(m.findings.map((f) => f.rule)).toEqual(["MERGE_UNKNOWN_UNIT"]);
    expect(m.findings[0].message).toContain("vẫn được tổng hợp vì danh sách đơn vị chưa đầy đủ; hãy kiểm tra");
    const rows = cityOutputSheets(m)[2].rows.map((r) => r.map((c) => c?.v));
    expect(rows.filter((r) => r[3] === "Chưa")).toEqual([]);
    expect(rows.find((r) => r[1] === "Trường THPT Kiến An")![3]).toBe("Không thấy (danh sách chưa đầy đủ)");
    expect(m.summary.notSubmitted).toBeNull();
    expect(m.summary.lines.vi[1]).toBe(
      "Đã nộp: 1 đơn vị; nộp bảng trống: 0. Danh sách đơn vị chưa đầy đủ (thử nghiệm): không xác định được đơn vị nào chưa nộp.",
    );
  });
});

describe("one summary", () => {
  test("every count from the status rows; errors on a unit's Cơ cấu đại biểu count; the sheet agrees", () => {
    // Thái Phiên's table is right, its Cơ cấu đại biểu is not (a high school lists 0 delegates, not 3)
    const sheets = analyzeWorkbook([
      grid(own(1), "Trường THPT Thái Phiên"),
      dbSheet({}, undefined, "Trường THPT Thái Phiên"),
    ]);
    const dbErrors = sheets[1].findings.filter((f) => f.severity === "error").length;
    expect(dbErrors).toBeGreaterThan(0);
    const file = mergeInputsOf([{ file: "thai-phien.xlsx", error: null, sheets, notices: [] }]);
    expect(file.units[0].otherSheets).toEqual({ errors: dbErrors, warnings: expect.any(Number) });
    const m = consolidate(
      [
        ...file.units,
        input("ngo-quyen.xlsx", grid(own(2), "Trường THPT Ngô Quyền")),
        input("le-chan.xlsx", grid(blank(), "Phòng GDĐT quận Lê Chân")),
        input("lvt.xlsx", grid(own(3), "Trường Tiểu học Lê Văn Tám")),
      ],
      [{ file: "hong.xlsx", reason: { vi: "Tệp hỏng", en: "Broken" } }],
      { roster, skipped: ["inbox/roster.json", "inbox/ghi-chu.txt"] },
    );
    const { lines, ...counts } = m.summary;
    expect(counts).toEqual({
      submitted: 3,
      notSubmitted: 2,
      blank: 1,
      withErrors: 1,
      included: 2,
      heldOut: 1,
      duplicates: 0,
      unreadable: 1,
      skipped: 2,
      cityErrors: 0,
      cityWarnings: 0,
      cityTotal: own(1).TONG.total + own(2).TONG.total,
      rosterComplete: true,
      rosterSource: null,
    });
    expect(lines.vi).toEqual([
      "Tổng hợp: 2 đơn vị được tính vào tổng thành phố.",
      "Đã nộp: 3 đơn vị; chưa nộp: 2 (trong đó 1 nộp bảng trống).",
      "Có lỗi: 1 đơn vị; bản trùng bị loại: 0; không đọc được: 1.",
      'Chưa xác nhận — không tính vào tổng: 1 đơn vị ngoài danh sách (muốn tính: bật "Tính cả đơn vị ngoài danh sách", dòng lệnh --include-unknown, hoặc thêm vào danh sách).',
      "Bỏ qua 2 tệp không phải bảng tính: inbox/ghi-chu.txt, inbox/roster.json.",
      `Bảng tổng hợp thành phố: 0 lỗi, 0 cảnh báo; tổng số lượt khen thưởng: ${counts.cityTotal}.`,
    ]);
    expect(lines.en[0]).toBe("Consolidated: 2 units in the city total.");
    // the status sheet: held out first, blank as such, and its "Số lỗi" column agrees with the summary
    const [head, ...rows] = cityOutputSheets(m)[2].rows.map((r) => r.map((c) => c?.v));
    const col = (name: string) => head.indexOf(name);
    expect(rows.map((r) => [r[col("Đơn vị")], r[col("Đã nộp")], r[col("Số lỗi")]])).toEqual([
      ["Trường Tiểu học Lê Văn Tám", "Chưa xác nhận — không tính vào tổng", 0],
      ["Phòng GDĐT quận Lê Chân", "Nộp bảng trống", 0],
      ["Trường THPT Kiến An", "Chưa", ""],
      ["Trường THPT Thái Phiên", "Có", dbErrors],
      ["Trường THPT Ngô Quyền", "Có", 0],
      ["hong.xlsx", "Không đọc được", ""],
    ]);
    expect(rows.filter((r) => Number(r[col("Số lỗi")]) > 0)).toHaveLength(m.summary.withErrors);
    expect(rows[0][col("Ghi chú")]).toContain("--include-unknown");
  });
});

describe("rosters", () => {
  test("the bundled list says it is partial and where it comes from", () => {
    const r = bundledRoster();
    expect(r.complete).toBe(false);
    expect(r.source).toMatch(/^danh sách có sẵn của phuluc02, chưa đầy đủ/);
    const m = consolidate([input("x.xlsx", grid(own(1), "Trường THPT Ngô Quyền"))], [], { roster: r });
    expect([m.missing, m.roster.complete, m.summary.notSubmitted]).toEqual([[], false, null]);
    expect(m.summary.lines.vi[1]).toContain(`Danh sách đơn vị chưa đầy đủ (${r.source})`);
  });

  test("a roster sheet without a 'Loại đơn vị' column: the type from the name, and a notice", () => {
    const { roster: r, notices } = readRosterGrid({
      name: "Danh sách đơn vị",
      rows: [
        ["Tên đơn vị", "Tên khác"],
        ["Trường THPT Kiến An", null],
        ["Phòng GD&ĐT quận Lê Chân", "Lê Chân"],
        ["Trung tâm GDTX Hải Phòng", null],
        ["THPT Thái Phiên", null],
      ],
    });
    expect(r.units.map((u) => [u.name, u.type])).toEqual([
      ["Trường THPT Kiến An", "Trường THPT"],
      ["Phòng GD&ĐT quận Lê Chân", "Phòng GDĐT"],
      ["Trung tâm GDTX Hải Phòng", "Đơn vị trực thuộc"],
      ["THPT Thái Phiên", "Trường THPT"],
    ]);
    expect(notices).toEqual([
      {
        vi: 'Trang "Danh sách đơn vị" không có cột "Loại đơn vị": loại của 4 đơn vị được đoán theo tên ("Trường THPT …", "Phòng GDĐT …", còn lại là "Đơn vị trực thuộc")',
        en: 'Sheet "Danh sách đơn vị" has no "Loại đơn vị" (type) column: the type of its 4 unit(s) is taken from their names ("Trường THPT …", "Phòng GDĐT …", else "Đơn vị trực thuộc")',
      },
    ]);
    // a roster the user gives counts as complete
    const m = consolidate([], [], { roster: r });
    expect([m.roster.complete, m.missing.length]).toEqual([true, 4]);
  });
});

test("the summary writes its counts as each language does: 227.739 in Vietnamese, 227,739 in English", () => {
  // Only the parts summarizeMerge reads: no unit, and a city total past a thousand.
  const parts = {
    status: [],
    missing: [],
    units: [],
    findings: [],
    skipped: [],
    roster: { complete: true, source: null },
    city: { findings: [], rows: { TONG: { total: 227739 } } },
  } as unknown as Parameters<typeof summarizeMerge>[0];
  const { lines } = summarizeMerge(parts);
  expect(lines.vi.at(-1)).toBe("Bảng tổng hợp thành phố: 0 lỗi, 0 cảnh báo; tổng số lượt khen thưởng: 227.739.");
  expect(lines.en.at(-1)).toBe("City table: 0 errors, 0 warnings; commendations in all: 227,739.");
});
