/**
 * A unit that sends its table twice (issue 15, point 3): which one the merge keeps and why — a
 * resubmission by name, else the newest by the workbook's date, else by the file's own time, else
 * the fewest errors, never path order (spec §5 v2) — and
 * what differs between the two, cell by cell, in the merge result and on the status sheet.
 */
import {
  analyzeGrid,
  changeLine,
  cityOutputSheets,
  consolidate,
  correctionMark,
  diffTables,
  diffValues,
  type MergeInput,
  parseRoster,
  pickSubmission,
  STATUS_CHANGES_SHOWN,
  type Values,
} from "../shared";
import { BASE, build, setCell, sheet } from "./helpers/tables";

const roster = parseRoster({ units: [{ name: "Trường THPT Ngô Quyền", type: "Trường THPT" }] });
const base = build(BASE);
/** The same school with one more leader's Huân chương Lao động hạng Ba in 2024-2025. */
const corrected = build({ ...BASE, "A4.3": { lead: [0, 0, 0, 1, 1] } });
/** An earlier draft: one direct staff member's Bằng khen less in 2021-2022 (C2). */
const first = build({ ...BASE, C2: { dir: [0, 0, 0, 0, 0] } });

function input(file: string, values: Values, modified: string | null = null): MergeInput {
  return { file, sheetIndex: 0, result: analyzeGrid(sheet(values, "Trường THPT Ngô Quyền"))!, modified };
}

const kept = (m: ReturnType<typeof consolidate>) =>
  m.units.map((u) => [u.file, u.included, u.excluded] as [string, boolean, string | null]);

describe("which submission is kept", () => {
  test("the file named as a correction wins over an older path and a newer date", () => {
    const m = consolidate(
      [
        input("a/ngo-quyen.xlsx", base, "2025-03-05T08:00:00Z"),
        input("b/Ngô Quyền - BỔ SUNG.xlsx", corrected, "2025-03-01T08:00:00Z"),
      ],
      [],
      { roster },
    );
    expect(kept(m)).toEqual([
      ["a/ngo-quyen.xlsx", false, "duplicate"],
      ["b/Ngô Quyền - BỔ SUNG.xlsx", true, null],
    ]);
    const dup = m.findings.filter((f) => f.rule === "MERGE_DUPLICATE_UNIT");
    expect(dup).toHaveLength(1);
    expect([dup[0].severity, dup[0].file, dup[0].unit]).toEqual(["error", "a/ngo-quyen.xlsx", "Trường THPT Ngô Quyền"]);
    expect(dup[0].message).toBe(
      'Đơn vị "Trường THPT Ngô Quyền" nộp 2 bản: a/ngo-quyen.xlsx › Phụ lục 02; b/Ngô Quyền - BỔ SUNG.xlsx › Phụ lục 02. ' +
        'Chỉ tổng hợp b/Ngô Quyền - BỔ SUNG.xlsx › Phụ lục 02 (tên tệp ghi là bản nộp lại ("bổ sung")); các bản còn lại bị loại',
    );
    expect(dup[0].messageEn).toBe(
      'Unit "Trường THPT Ngô Quyền" sent 2 inputs: a/ngo-quyen.xlsx › Phụ lục 02; b/Ngô Quyền - BỔ SUNG.xlsx › Phụ lục 02. ' +
        'Only b/Ngô Quyền - BỔ SUNG.xlsx › Phụ lục 02 is included (its file name marks it as a resubmission ("bổ sung")); the others are left out',
    );
    // the city is the corrected table, not the first in path order
    expect(m.city.rows["A4.3"].leaders).toBe(2);
    expect(m.resubmissions.map((r) => [r.unit, r.kept.file, r.left.file, r.reason.kind])).toEqual([
      ["Trường THPT Ngô Quyền", "b/Ngô Quyền - BỔ SUNG.xlsx", "a/ngo-quyen.xlsx", "correction"],
    ]);
  });

  test("the higher 'lần N' wins; tone marks, case and separators folded", () => {
    const m = consolidate(
      [
        input("x/ngo-quyen-lan-3.xlsx", corrected),
        input("x/ngo-quyen-Lần 2.xlsx", base),
        input("x/ngo-quyen.xlsx", first),
      ],
      [],
      { roster },
    );
    expect(kept(m)).toEqual([
      ["x/ngo-quyen-Lần 2.xlsx", false, "duplicate"],
      ["x/ngo-quyen-lan-3.xlsx", true, null],
      ["x/ngo-quyen.xlsx", false, "duplicate"],
    ]);
    expect(m.resubmissions.map((r) => [r.left.file, r.reason.text.en])).toEqual([
      ["x/ngo-quyen-Lần 2.xlsx", 'its file name marks it as a resubmission ("lần 3")'],
      ["x/ngo-quyen.xlsx", 'its file name marks it as a resubmission ("lần 3")'],
    ]);
    expect(m.findings.find((f) => f.rule === "MERGE_DUPLICATE_UNIT")!.message).toContain("nộp 3 bản");
  });

  test.each([
    ["Ngô Quyền bổ sung.xlsx", 2, "bổ sung"],
    ["ngo_quyen_sua.xlsx", 2, "sửa"],
    ["NGÔ QUYỀN (ĐIỀU CHỈNH).xlsx", 2, "điều chỉnh"],
    ["ngo quyen thay the.xlsx", 2, "thay thế"],
    ["ngo-quyen-lan3.xlsx", 3, "lần 3"],
    ["Ngo Quyen PL02 v2.xlsx", 2, "v2"],
    ["ngo-quyen-final.xlsx", 2, "final"],
    ["Ngô Quyền cập nhật.xlsx", 2, "cập nhật"],
    ["ngo-quyen-v1.xlsx", null, null],
    ["bo-sung/ngo-quyen.xlsx", null, null], // the folder is not the file's name
    ["ngo-quyen-lan-1.xlsx", null, null], // the first sending is not a correction
    ["Trường THPT Lê Lợi.xlsx", null, null],
  ])("%s → rank %s", (file, rank, shown) => {
    const mark = correctionMark(file);
    expect(mark ? [mark.rank, mark.shown] : [null, null]).toEqual([rank, shown]);
  });

  test("tabs of one workbook (the Excel and Sheets merges): the tab's name decides, else tab order", () => {
    const tab = (name: string, index: number, values: Values): MergeInput => {
      const g = sheet(values, "Trường THPT Ngô Quyền");
      g.name = name;
      return { file: "Tổng hợp.xlsx", sheetIndex: index, result: analyzeGrid(g)! };
    };
    const m = consolidate([tab("Ngô Quyền", 0, base), tab("Ngô Quyền (lần 2)", 1, corrected)], [], { roster });
    expect(kept(m)).toEqual([
      ["Tổng hợp.xlsx", false, "duplicate"],
      ["Tổng hợp.xlsx", true, null],
    ]);
    expect(m.resubmissions[0].reason.text).toEqual({
      vi: 'tên trang tính ghi là bản nộp lại ("lần 2")',
      en: 'its sheet name marks it as a resubmission ("lần 2")',
    });
    // Tabs carry no date: nothing tells "NQ 1" from "NQ 2", and tab order decides nothing (spec §5 v2).
    const plain = consolidate([tab("NQ 1", 0, base), tab("NQ 2", 1, corrected)], [], { roster });
    expect(plain.units.map((u) => [u.sheet, u.included, u.excluded])).toEqual([
      ["NQ 1", false, "undecided"],
      ["NQ 2", false, "undecided"],
    ]);
    expect(plain.resubmissions).toEqual([]);
    expect(plain.city.rows.TONG.total).toBe(0);
    expect(plain.findings.find((f) => f.rule === "MERGE_DUPLICATE_UNIT")!.message).toBe(
      'Đơn vị "Trường THPT Ngô Quyền" nộp 2 bản: Tổng hợp.xlsx › NQ 1; Tổng hợp.xlsx › NQ 2. Không bản nào được tổng hợp: ' +
        'tên, ngày lưu, thời gian của tệp và số lỗi đều không phân định được bản nào: chưa bản nào được tổng hợp — hãy bỏ bản thừa hoặc đặt tên bản sửa (ví dụ "… - sửa.xlsx")',
    );
  });

  test("names that do not decide: the newest by the file's own date", () => {
    const m = consolidate(
      [
        input("a/ngo-quyen.xlsx", base, "2025-03-05T08:00:00.000Z"),
        input("b/ngo-quyen.xlsx", corrected, "2025-03-07T16:30:00Z"),
      ],
      [],
      { roster },
    );
    expect(kept(m)).toEqual([
      ["a/ngo-quyen.xlsx", false, "duplicate"],
      ["b/ngo-quyen.xlsx", true, null],
    ]);
    expect(m.resubmissions[0].reason).toEqual({
      kind: "newest",
      text: {
        vi: "bản mới nhất theo ngày lưu ghi trong tệp (07/03/2025 16:30 UTC)",
        en: "the newest by the date saved in the file (2025-03-07 16:30 UTC)",
      },
    });
    expect(m.resubmissions[0].kept.modified).toBe("2025-03-07T16:30:00Z");
  });

  test("no name, a missing or equal date: the file's own time, else the fewest errors, never path order", () => {
    for (const [da, db] of [
      ["2025-03-05T08:00:00Z", null],
      ["2025-03-05T08:00:00Z", "2025-03-05T08:00:00Z"],
    ]) {
      // the later file by its own time wins, whichever path sorts first
      const timed = consolidate(
        [
          { ...input("b/ngo-quyen.xlsx", corrected, db), fileTime: "2025-03-09T07:00:00.000Z" },
          { ...input("a/ngo-quyen.xlsx", base, da), fileTime: "2025-03-05T07:00:00.000Z" },
        ],
        [],
        { roster },
      );
      expect(kept(timed)).toEqual([
        ["a/ngo-quyen.xlsx", false, "duplicate"],
        ["b/ngo-quyen.xlsx", true, null],
      ]);
      expect(timed.resubmissions[0].reason).toEqual({
        kind: "file-time",
        text: {
          vi: "tệp không ghi ngày lưu: bản mới nhất theo thời gian của tệp (09/03/2025 07:00 UTC)",
          en: "no saved date in the files: the newest by the file's own time (2025-03-09 07:00 UTC)",
        },
      });
      // no time either: the one with fewer errors
      const withError = (() => {
        const g = sheet(corrected, "Trường THPT Ngô Quyền");
        setCell(g, "C7", "y2021", "một");
        return { file: "a/ngo-quyen.xlsx", sheetIndex: 0, result: analyzeGrid(g)!, modified: da };
      })();
      const fewer = consolidate([input("b/ngo-quyen.xlsx", base, db), withError], [], { roster });
      expect(kept(fewer)).toEqual([
        ["a/ngo-quyen.xlsx", false, "duplicate"],
        ["b/ngo-quyen.xlsx", true, null],
      ]);
      expect(fewer.resubmissions[0].reason.kind).toBe("fewest-errors");
      // nothing at all decides: none is kept
      const none = consolidate([input("b/ngo-quyen.xlsx", corrected, db), input("a/ngo-quyen.xlsx", base, da)], [], {
        roster,
      });
      expect(kept(none)).toEqual([
        ["a/ngo-quyen.xlsx", false, "undecided"],
        ["b/ngo-quyen.xlsx", false, "undecided"],
      ]);
    }
    // two equally named corrections fall back to the dates between them
    expect(
      pickSubmission([
        { file: "ngo-quyen-bo-sung.xlsx", modified: "2025-03-01T00:00:00Z" },
        { file: "ngo-quyen-sua.xlsx", modified: "2025-03-02T00:00:00Z" },
        { file: "ngo-quyen.xlsx", modified: "2025-03-09T00:00:00Z" },
      ]),
    ).toMatchObject({ index: 1, reason: { kind: "newest" } });
  });
});

describe("what differs between the kept and the left-out table", () => {
  test("cell by cell, template order, old → new", () => {
    // one more leader's award in A4.3, 2024-2025: the leaf, its parent, its group and the grand total move
    const expected = ["A", "A4", "A4.3", "TONG"].flatMap((row) =>
      ["total", "individual", "leaders", "y2025"].map((column) => ({
        row,
        column,
        old: base[row][column],
        new: base[row][column] + 1,
      })),
    );
    expect(diffValues(base, corrected)).toEqual(expected);
    expect(expected.slice(0, 4).map((c) => [c.old, c.new])).toEqual([
      [1, 2],
      [1, 2],
      [1, 2],
      [0, 1],
    ]);
    expect(diffValues(base, base)).toEqual([]);
    const changes = diffValues(base, corrected);
    expect(changeLine(changes[8], "vi")).toBe("A4.3 Huân chương Lao động hạng Ba · Tổng số: 1 → 2");
    expect(changeLine(changes[11], "en")).toBe("A4.3 Labour Order, Third Class · School year 2024-2025: 0 → 1");
    expect(changeLine(changes[12], "vi")).toBe(`Tổng cộng · Tổng số: ${base.TONG.total} → ${base.TONG.total + 1}`);
  });

  test("from the located tables, a cell that held no number shows what was typed", () => {
    const g = sheet(base, "Trường THPT Ngô Quyền");
    setCell(g, "C7", "y2021", "một");
    setCell(g, "C7", "y2022", { error: "#REF!" });
    const typedWrong = analyzeGrid(g)!;
    const fixed = analyzeGrid(sheet(base, "Trường THPT Ngô Quyền"))!;
    const changes = diffTables(typedWrong, fixed);
    // C7 y2021 was 1 as a word: counted 0 before, 1 now; y2022 was #REF! and is 0 now, a change all the same
    expect(changes).toEqual([
      { row: "C7", column: "y2021", old: 0, new: 1, oldText: "một" },
      { row: "C7", column: "y2022", old: 0, new: 0, oldText: "#REF!" },
    ]);
    expect(changes.map((c) => changeLine(c, "vi"))).toEqual([
      'C7 Tập thể lao động xuất sắc · Năm học 2020-2021: "một" → 1',
      'C7 Tập thể lao động xuất sắc · Năm học 2021-2022: "#REF!" → 0',
    ]);
    expect(diffTables(fixed, typedWrong)[0]).toEqual({ row: "C7", column: "y2021", old: 1, new: 0, newText: "một" });
    expect(diffTables(typedWrong, typedWrong)).toEqual([]);
  });

  test("the merge result and the status sheet show the kept file, why, and the changes", () => {
    const m = consolidate([input("a/ngo-quyen.xlsx", base), input("a/ngo-quyen-bo-sung.xlsx", corrected)], [], {
      roster,
    });
    expect(m.resubmissions).toHaveLength(1);
    expect(m.resubmissions[0].changes).toEqual(diffValues(base, corrected));
    const status = m.status.find((s) => s.unit === "Trường THPT Ngô Quyền")!;
    expect(status.resubmissions).toEqual(m.resubmissions);
    const [head, ...rows] = cityOutputSheets(m)[2].rows.map((r) => r.map((c) => c?.v));
    expect(head.slice(-2)).toEqual(["Bản được dùng", "Khác với bản bị loại"]);
    const row = rows.find((r) => r[1] === "Trường THPT Ngô Quyền")!;
    expect(row.at(-2)).toBe('a/ngo-quyen-bo-sung.xlsx › Phụ lục 02: tên tệp ghi là bản nộp lại ("bổ sung")');
    expect(String(row.at(-1)).split("\n")).toEqual([
      "a/ngo-quyen.xlsx › Phụ lục 02 → a/ngo-quyen-bo-sung.xlsx › Phụ lục 02: 16 ô khác",
      ...diffValues(base, corrected).map((c) => changeLine(c, "vi")),
    ]);
  });

  test("a resubmission with the same figures says so; a long list is cut with the count left", () => {
    const same = consolidate([input("a/ngo-quyen.xlsx", base), input("a/ngo-quyen-sua.xlsx", base)], [], { roster });
    const sameRow = cityOutputSheets(same)[2].rows.find((r) => r[1]?.v === "Trường THPT Ngô Quyền")!;
    expect(sameRow.at(-1)!.v).toBe(
      "a/ngo-quyen.xlsx › Phụ lục 02 → a/ngo-quyen-sua.xlsx › Phụ lục 02: không khác ô nào",
    );

    const other = build({ D2: { lead: [9, 9, 9, 9, 9], dir: [20, 20, 20, 20, 20] }, D4: { col: [5, 5, 5, 5, 5] } });
    const m = consolidate([input("a/ngo-quyen.xlsx", base), input("a/ngo-quyen-sua.xlsx", other)], [], { roster });
    const n = m.resubmissions[0].changes.length;
    expect(STATUS_CHANGES_SHOWN).toBe(25);
    expect(n).toBeGreaterThan(25);
    const lines = String(
      cityOutputSheets(m)[2]
        .rows.find((r) => r[1]?.v === "Trường THPT Ngô Quyền")!
        .at(-1)!.v,
    ).split("\n");
    expect(lines).toHaveLength(1 + 25 + 1);
    expect(lines.slice(1, 3)).toEqual(m.resubmissions[0].changes.slice(0, 2).map((c) => changeLine(c, "vi")));
    expect(lines.at(-1)).toBe(`… và ${n - 25} ô khác (xem: phuluc02 diff)`);
  });
});
