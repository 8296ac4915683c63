/** Consolidation (spec §5) and roster matching, at the core: exact findings, statuses and sums. */
import {
  analyzeGrid,
  bundledRoster,
  cityOutputSheets,
  consolidate,
  countBySeverity,
  type Grid,
  type MergeInput,
  normalizeUnitName,
  parseRoster,
  RosterError,
  RosterIndex,
  rosterFromGrid,
  statusByProblems,
  submittedText,
} from "../shared";
import { issue22Example } from "./helpers/mistakes";
import { BASE, build, pl02, sheet, setCell } from "./helpers/tables";

/** A plausible table of its own: BASE with `k` more direct staff in row D4 in 2020-2021. */
const own = (k: number) => build({ ...BASE, D4: { col: [1, 0, 1, 0, 1], dir: [3 + k, 4, 5, 6, 7] } });

const roster = parseRoster({
  units: [
    { name: "Phòng GDĐT quận Lê Chân", type: "Phòng GDĐT", aliases: ["Lê Chân"] },
    { name: "Phòng GDĐT thành phố Thủy Nguyên", type: "Phòng GDĐT", aliases: ["Phòng GDĐT huyện Thủy Nguyên"] },
    { name: "Trường THPT Ngô Quyền", type: "Trường THPT" },
    { name: "Trường THPT Thái Phiên", type: "Trường THPT" },
  ],
});

/** A grid's rows with its "Đơn vị:" line naming `unit`. */
function withUnit(g: Grid, unit: string): Grid["rows"] {
  const named = sheet(build(BASE), unit);
  return g.rows.map((row, r) =>
    row?.some((v) => typeof v === "string" && v.startsWith("Đơn vị")) ? named.rows[r] : row,
  );
}

function input(
  file: string,
  unit: string | null,
  sheetIndex = 0,
  mutate?: (g: ReturnType<typeof sheet>) => void,
  k = sheetIndex + ([...file].reduce((n, c) => n + c.charCodeAt(0), 0) % 97),
): MergeInput {
  const g = sheet(own(k), unit);
  mutate?.(g);
  return { file, sheetIndex, result: analyzeGrid(g)! };
}

const brief = (f: { rule: string; severity: string; file?: string; unit?: string }) => [
  f.rule,
  f.severity,
  f.file ?? null,
  f.unit ?? null,
];

describe("consolidate", () => {
  test("duplicates, unknown, missing, invalid and unreadable inputs; the city is the sum of what is included", () => {
    const inputs = [
      input("z/ngo-quyen.xlsx", "Trường THPT Ngô Quyền", 0, undefined, 1),
      input("a/ngo-quyen-lan-2.xlsx", "THPT Ngô Quyền", 0, undefined, 2),
      input("b/book.xlsx", "Phòng GD&ĐT huyện Thủy Nguyên", 1, undefined, 3),
      input(
        "b/book.xlsx",
        "Phòng Giáo dục và Đào tạo thành phố Thuỷ Nguyên",
        0,
        (g) => setCell(g, "D2", "total", 99),
        4,
      ),
      input("c/la.xlsx", "Trường Tiểu học Lê Văn Tám", 0, undefined, 5),
    ];
    const m = consolidate(inputs, [{ file: "d/hong.xlsx", reason: { vi: "Tệp hỏng", en: "Broken" } }], { roster });
    // Of Thủy Nguyên's two tabs (no name, no date, no file time tells them apart) the one without
    // errors is kept; the primary school is not on the (complete) roster: held out.
    expect(m.units.map((u) => [u.file, u.sheet, u.unit, u.included, u.excluded, u.errors])).toEqual([
      ["a/ngo-quyen-lan-2.xlsx", "Phụ lục 02", "Trường THPT Ngô Quyền", true, null, 0],
      ["b/book.xlsx", "Phụ lục 02", "Phòng GDĐT thành phố Thủy Nguyên", false, "duplicate", 3],
      ["b/book.xlsx", "Phụ lục 02", "Phòng GDĐT thành phố Thủy Nguyên", true, null, 0],
      ["c/la.xlsx", "Phụ lục 02", "Trường Tiểu học Lê Văn Tám", false, "unknown", 0],
      ["z/ngo-quyen.xlsx", "Phụ lục 02", "Trường THPT Ngô Quyền", false, "duplicate", 0],
    ]);
    expect(m.units.map((u) => [u.heldOut, u.keptBecause?.kind ?? null])).toEqual([
      [false, "correction"],
      [false, null],
      [false, "fewest-errors"],
      [true, null],
      [false, null],
    ]);
    expect(m.findings.map(brief)).toEqual([
      ["MERGE_UNREADABLE", "error", "d/hong.xlsx", null],
      ["MERGE_INVALID_INPUT", "warning", "b/book.xlsx", "Phòng GDĐT thành phố Thủy Nguyên"],
      ["MERGE_UNKNOWN_UNIT", "warning", "c/la.xlsx", "Trường Tiểu học Lê Văn Tám"],
      ["MERGE_DUPLICATE_UNIT", "error", "z/ngo-quyen.xlsx", "Trường THPT Ngô Quyền"],
      ["MERGE_DUPLICATE_UNIT", "error", "b/book.xlsx", "Phòng GDĐT thành phố Thủy Nguyên"],
      ["MERGE_MISSING_UNIT", "warning", null, "Phòng GDĐT quận Lê Chân"],
      ["MERGE_MISSING_UNIT", "warning", null, "Trường THPT Thái Phiên"],
    ]);
    const dup = m.findings.find((f) => f.rule === "MERGE_DUPLICATE_UNIT" && f.unit === "Trường THPT Ngô Quyền")!;
    expect(dup.message).toBe(
      'Đơn vị "Trường THPT Ngô Quyền" nộp 2 bản: a/ngo-quyen-lan-2.xlsx › Phụ lục 02; z/ngo-quyen.xlsx › Phụ lục 02. Chỉ tổng hợp a/ngo-quyen-lan-2.xlsx › Phụ lục 02 (tên tệp ghi là bản nộp lại ("lần 2")); các bản còn lại bị loại',
    );
    expect(m.findings.find((f) => f.rule === "MERGE_UNKNOWN_UNIT")!.message).toBe(
      '"Trường Tiểu học Lê Văn Tám" (c/la.xlsx › Phụ lục 02) không có trong danh sách đơn vị; chưa xác nhận — không tính vào tổng (muốn tính: bật "Tính cả đơn vị ngoài danh sách", dòng lệnh --include-unknown, hoặc thêm đơn vị vào danh sách)',
    );
    expect(m.missing).toEqual(["Phòng GDĐT quận Lê Chân", "Trường THPT Thái Phiên"]);
    // the city: Ngô Quyền's second sending and Thủy Nguyên's clean tab
    const sum = (ks: number[]) => ks.reduce((n, k) => n + own(k).TONG.total, 0);
    expect(m.city.rows.TONG.total).toBe(sum([2, 3]));
    for (const key of pl02.countKeys) expect(m.city.rows.D4[key]).toBe(own(2).D4[key] + own(3).D4[key]);
    expect(m.city.findings).toEqual([]);
    expect(m.status.map((s) => [s.unit, s.submitted, s.included, s.errors, s.onRoster, s.heldOut])).toEqual([
      // held out first: "chưa xác nhận — không tính vào tổng"
      ["Trường Tiểu học Lê Văn Tám", true, false, 0, false, true],
      ["Phòng GDĐT quận Lê Chân", false, false, null, true, false],
      ["Phòng GDĐT thành phố Thủy Nguyên", true, true, 0, true, false],
      ["Trường THPT Ngô Quyền", true, true, 0, true, false],
      ["Trường THPT Thái Phiên", false, false, null, true, false],
      // An unreadable file of no known unit has a row of its own.
      ["d/hong.xlsx", false, false, null, false, false],
    ]);
    expect(m.status.at(-1)!.unreadable).toEqual([{ input: "d/hong.xlsx", reason: { vi: "Tệp hỏng", en: "Broken" } }]);
    expect(submittedText(m.status[0])).toBe("Chưa xác nhận — không tính vào tổng");

    // Told to include units outside the roster, the primary school counts.
    const all = consolidate(inputs, [], { roster, includeUnknown: true });
    expect(all.units.find((u) => u.file === "c/la.xlsx")!.included).toBe(true);
    expect(all.city.rows.TONG.total).toBe(sum([2, 3, 5]));
    expect(all.findings.find((f) => f.rule === "MERGE_UNKNOWN_UNIT")!.messageEn).toBe(
      '"Trường Tiểu học Lê Văn Tám" (c/la.xlsx › Phụ lục 02) is not on the roster; included (units not on the roster are included)',
    );
  });

  test("every unit sends Phụ lục 02.xlsx in its own folder: the folder names the unit when the sheet does not", () => {
    const m = consolidate(
      [input("Ngô Quyền/Phụ lục 02.xlsx", null), input("Trường lạ/Phụ lục 02.xlsx", null)],
      [{ file: "Thái Phiên/Phụ lục 02.xlsx", reason: { vi: "Tệp hỏng", en: "Broken" } }],
      { roster },
    );
    expect(m.units.map((u) => [u.file, u.unit, u.known, u.included])).toEqual([
      ["Ngô Quyền/Phụ lục 02.xlsx", "Trường THPT Ngô Quyền", true, true],
      // not on the roster, so held out of the total (spec §5 v2)
      ["Trường lạ/Phụ lục 02.xlsx", "Trường lạ/Phụ lục 02 (Phụ lục 02)", false, false],
    ]);
    expect(m.units.map((u) => u.source)).toEqual(["folder", null]);
    expect(m.findings.filter((f) => f.rule === "MERGE_DUPLICATE_UNIT")).toEqual([]);
    expect(m.findings.find((f) => f.rule === "MERGE_UNIT_INFERRED")!.message).toBe(
      'Ngô Quyền/Phụ lục 02.xlsx › Phụ lục 02: nhận là "Trường THPT Ngô Quyền" theo tên thư mục; hãy kiểm tra',
    );
    // The unreadable file sits on its unit's row, which then does not read "Chưa nộp".
    const thaiPhien = m.status.find((s) => s.unit === "Trường THPT Thái Phiên")!;
    expect([thaiPhien.submitted, thaiPhien.included, thaiPhien.inputs]).toEqual([
      false,
      false,
      ["Thái Phiên/Phụ lục 02.xlsx"],
    ]);
    expect(submittedText(thaiPhien)).toBe("Không đọc được");
    expect(submittedText(m.status.find((s) => s.unit === "Phòng GDĐT quận Lê Chân")!)).toBe("Chưa");
    // ... and is counted as unreadable, not as missing, wherever a count is shown (issue 21 point 7)
    expect(m.missing).not.toContain("Trường THPT Thái Phiên");
    expect(m.missing).toContain("Phòng GDĐT quận Lê Chân");
    expect(m.summary.notSubmitted).toBe(m.status.filter((s) => submittedText(s) === "Chưa").length);
    const sheetRows = cityOutputSheets(m)[2].rows.map((r) => r.map((c) => c?.v));
    expect(sheetRows[0].slice(-3)).toEqual(["Ghi chú", "Bản được dùng", "Khác với bản bị loại"]);
    expect(sheetRows.find((r) => r[1] === "Trường THPT Thái Phiên")!.slice(3)).toEqual([
      "Không đọc được",
      "",
      "",
      "",
      "Không",
      "Chưa gửi", // its list of delegates (spec §5b): its file could not be read
      "Thái Phiên/Phụ lục 02.xlsx",
      "Có",
      "Thái Phiên/Phụ lục 02.xlsx: Tệp hỏng",
      "",
      "",
    ]);
    expect(statusByProblems(m.status).map((s) => s.unit)).toEqual([
      "Trường lạ/Phụ lục 02 (Phụ lục 02)",
      "Trường THPT Thái Phiên",
      "Phòng GDĐT quận Lê Chân",
      "Phòng GDĐT thành phố Thủy Nguyên",
      "Trường THPT Ngô Quyền",
    ]);
  });

  test("strict mode leaves out an input with errors; a unit named only by its file is matched", () => {
    const bad = input("thai-phien.xlsx", null, 0, (g) => setCell(g, "D2", "total", "x"));
    const loose = consolidate([bad], [], { roster });
    expect(loose.units.map((u) => [u.unit, u.included])).toEqual([["Trường THPT Thái Phiên", true]]);
    const strict = consolidate([bad], [], { roster, strict: true });
    expect(strict.units.map((u) => [u.unit, u.included, u.excluded])).toEqual([
      ["Trường THPT Thái Phiên", false, "strict"],
    ]);
    expect(strict.city.rows.TONG.total).toBe(0);
    expect(strict.findings.find((f) => f.rule === "MERGE_INVALID_INPUT")!.message).toContain(
      "không được tổng hợp (chế độ nghiêm ngặt)",
    );
  });
});

describe("likely causes in the merge (spec §3b)", () => {
  test("the status counts each unit's cells to correct beside its rule findings; the city table's stay rule findings", () => {
    const three = issue22Example(); // three mistakes typed on the template
    const inputs = [
      {
        file: "le-chan.xlsx",
        sheetIndex: 0,
        result: analyzeGrid({ ...three.grid, rows: withUnit(three.grid, "Phòng GDĐT quận Lê Chân") })!,
      },
      input("ngo-quyen.xlsx", "Trường THPT Ngô Quyền", 0, (g) => setCell(g, "D2", "total", 999)),
      input("thai-phien.xlsx", "Trường THPT Thái Phiên"),
    ];
    const m = consolidate(inputs, [], { roster });
    const rows = (name: string) => m.status.find((r) => r.unit === name)!;
    expect(
      [
        "Phòng GDĐT quận Lê Chân",
        "Trường THPT Ngô Quyền",
        "Trường THPT Thái Phiên",
        "Phòng GDĐT thành phố Thủy Nguyên",
      ].map((u) => [u, rows(u).likely, rows(u).errors]),
    ).toEqual([
      ["Phòng GDĐT quận Lê Chân", 3, countBySeverity(inputs[0].result.findings).errors],
      ["Trường THPT Ngô Quyền", 1, countBySeverity(inputs[1].result.findings).errors],
      ["Trường THPT Thái Phiên", 0, 0],
      ["Phòng GDĐT thành phố Thủy Nguyên", null, null],
    ]);
    expect(countBySeverity(inputs[0].result.findings).errors).toBeGreaterThan(3);
    // the status sheet: "Ô cần sửa" just before "Số lỗi"
    const [head, ...sheetRows] = cityOutputSheets(m)[2].rows.map((r) => r.map((c) => c?.v));
    const col = head.indexOf("Ô cần sửa");
    expect(head[col + 1]).toBe("Số lỗi");
    expect(sheetRows.map((r) => [r[1], r[col]])).toEqual([
      ["Phòng GDĐT quận Lê Chân", 3],
      ["Phòng GDĐT thành phố Thủy Nguyên", ""],
      ["Trường THPT Ngô Quyền", 1],
      ["Trường THPT Thái Phiên", 0],
    ]);
    // The city's figures are the units' sums, computed: never a likely cause of their own (the
    // units' are in their own findings); the city's rule findings stand as they are.
    expect(m.city.findings.filter((f) => f.rule === "CELL_LIKELY_WRONG")).toEqual([]);
    expect(m.city.findings.length).toBeGreaterThan(0);
  });
});

describe("roster", () => {
  const index = new RosterIndex(bundledRoster());
  test.each([
    ["Phòng GD&ĐT quận Hồng Bàng", "Phòng GDĐT quận Hồng Bàng"],
    ["Phòng GD-ĐT quận Hồng Bàng", "Phòng GDĐT quận Hồng Bàng"],
    ["PHÒNG GIÁO DỤC VÀ ĐÀO TẠO QUẬN HỒNG BÀNG", "Phòng GDĐT quận Hồng Bàng"],
    ["Hồng Bàng", "Phòng GDĐT quận Hồng Bàng"],
    ["Phòng GDĐT huyện Thủy Nguyên", "Phòng GDĐT thành phố Thủy Nguyên"],
    ["Phòng GDĐT Thuỷ Nguyên", "Phòng GDĐT thành phố Thủy Nguyên"],
    ["phong gddt huyen an duong", "Phòng GDĐT quận An Dương"],
    ["Trường Trung học phổ thông Ngô Quyền", "Trường THPT Ngô Quyền"],
    ["THPT  Ngô   Quyền", "Trường THPT Ngô Quyền"],
    ["truong-thpt-kien-an", "Trường THPT Kiến An"],
    ["Trung tâm GDTX Hải Phòng", "Trung tâm Giáo dục thường xuyên Hải Phòng"],
  ])("%s → %s", (name, expected) => {
    expect(index.match(name)?.name).toBe(expected);
  });

  test("no guess when a name is unknown or fits two units", () => {
    expect(index.match("Trường THPT Hàng Hải")).toBeUndefined();
    const plain = new RosterIndex(
      parseRoster({
        units: [
          { name: "Phòng GDĐT quận Lê Chân", type: "Phòng GDĐT" },
          { name: "Trường THPT Lê Chân", type: "Trường THPT" },
        ],
      }),
    );
    expect(plain.match("le-chan")).toBeUndefined(); // the district office or the high school?
    expect(index.match("le-chan")?.name).toBe("Phòng GDĐT quận Lê Chân"); // the bundled roster's alias decides
    expect(index.match("thai-phien")?.name).toBe("Trường THPT Thái Phiên");
    expect(index.match("")).toBeUndefined();
    const two = new RosterIndex(
      parseRoster({
        units: [
          { name: "Trường THPT Lê Lợi", type: "Trường THPT" },
          { name: "Trường THPT Lê Lợi ", type: "Trường THPT", aliases: ["Lê Lợi 2"] },
        ],
      }),
    );
    expect(two.match("Trường THPT Lê Lợi")).toBeUndefined();
    expect(normalizeUnitName(" Phòng  GD & ĐT  Lê Chân ")).toBe("phòng gdđt lê chân");
  });

  test("a roster sheet, and a roster that is wrong says why in Vietnamese", () => {
    const r = rosterFromGrid({
      name: "Danh sách đơn vị",
      rows: [
        ["DANH SÁCH"],
        ["STT", "Tên đơn vị", "Loại đơn vị", "Tên khác"],
        [1, "Trường THPT Ngô Quyền", "THPT", "Ngô Quyền; NQ"],
        [2, "Phòng GDĐT quận Lê Chân", "Phòng GD&ĐT", null],
      ],
    });
    expect(r.units).toEqual([
      { name: "Trường THPT Ngô Quyền", type: "Trường THPT", aliases: ["Ngô Quyền", "NQ"] },
      { name: "Phòng GDĐT quận Lê Chân", type: "Phòng GDĐT", aliases: [] },
    ]);
    expect(() => parseRoster({ units: [{ name: "X", type: "Trường tiểu học" }] })).toThrow(RosterError);
    expect(() => parseRoster({ units: [{ name: "X", type: "Trường tiểu học" }] })).toThrow(
      /^Danh sách đơn vị không hợp lệ: units\.0\.type/,
    );
    expect(() => rosterFromGrid({ name: "Sheet1", rows: [["a", "b"]] })).toThrow(/không có dòng tiêu đề/);
  });
});
