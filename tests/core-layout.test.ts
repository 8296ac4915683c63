/** The locator: the table found wherever and however a unit laid it out (spec §1-§2). */
import {
  address,
  analyzeGrid,
  analyzeWorkbook,
  type Cell,
  detachString,
  fold,
  type Grid,
  stripListMarker,
} from "../shared";
import { expandAbbreviations } from "../shared/locate-header";
import { at, BASE, brief, build, findings, LAY, pl02, sheet } from "./helpers/tables";

const clean = () => sheet(build(BASE));

/** Inserts `n` blank rows before row `at` and `m` blank columns before column `col`. */
function shift(g: Grid, rows: number, cols: number, atRow = 0, atCol = 0): Grid {
  const out: Cell[][] = g.rows.map((r) => {
    const row = [...(r ?? [])];
    row.splice(atCol, 0, ...Array<Cell>(cols).fill(null));
    return row;
  });
  out.splice(atRow, 0, ...Array.from({ length: rows }, () => [] as Cell[]));
  return { name: g.name, rows: out };
}

test("moved down and right, with blank rows and columns inside the table", () => {
  const g = shift(shift(clean(), 5, 3), 2, 1, LAY.firstDataRow + 5 + 4, 3 + 4);
  const res = analyzeGrid(g)!;
  expect(res.findings).toEqual([]);
  expect(res.unit).toBe("Trường THPT Ngô Quyền");
  expect(res.table!.columns.get("total")).toBe(LAY.col.get("total")! + 3);
  expect(res.table!.columns.get("collective")).toBe(LAY.col.get("collective")! + 3);
  expect(res.table!.columns.get("individual")).toBe(LAY.col.get("individual")! + 4); // after the inner blank column
  // a finding names the moved cell
  g.rows[res.table!.rows.get("D2")!][res.table!.columns.get("total")!] = 51;
  expect(findings(g).map((f) => f.cells[0])).toContain(
    address(res.table!.rows.get("D2")!, res.table!.columns.get("total")!),
  );
});

test("header text in NFD, upper case, other wording and '(n)' numbers", () => {
  const g = clean();
  const h = g.rows[LAY.headerTop];
  h[LAY.col.get("label")!] = "HÌNH THỨC KHEN THƯỞNG".normalize("NFD");
  h[LAY.col.get("total")!] = "Tổng số (1)";
  g.rows[LAY.headerBottom][LAY.col.get("leaders")!] = "Cán bộ quản lý";
  g.rows[LAY.headerBottom][LAY.col.get("y2021")!] = "2020 – 2021";
  expect(findings(g)).toEqual([]);
});

test("a one-row header and a numbering row of plain numbers", () => {
  const g = clean();
  const top = g.rows[LAY.headerTop];
  const bottom = g.rows[LAY.headerBottom];
  pl02.columns.forEach((c, i) => {
    top[i] = c.headers[0];
    bottom[i] = null;
  });
  g.rows.splice(LAY.headerBottom, 1); // no second header row at all
  g.rows[LAY.numberRow - 1] = pl02.columns.map((_, i) => i + 1);
  const res = analyzeGrid(g)!;
  expect(res.findings).toEqual([]);
  expect(res.table!.dataStart).toBe(LAY.firstDataRow - 1);
});

test("'Cá nhân' spanning (3)-(5) with 'Tổng số' under it", () => {
  const g = clean();
  const c = (k: string) => LAY.col.get(k)!;
  const top = g.rows[LAY.headerTop];
  const bottom = g.rows[LAY.headerBottom];
  top[c("individual")] = "Cá nhân";
  top[c("leaders")] = null;
  bottom[c("individual")] = "Tổng số";
  bottom[c("leaders")] = "Trong đó: Lãnh đạo, quản lý";
  bottom[c("leaders")] = "Lãnh đạo, quản lý";
  expect(analyzeGrid(g)!.table!.columns.get("individual")).toBe(c("individual"));
  expect(findings(g)).toEqual([]);
});

test("rows in another order, TONG first, codes missing or odd: matched by label", () => {
  const g = clean();
  const data = g.rows.slice(LAY.firstDataRow);
  const tong = data.pop()!;
  data.reverse();
  data.unshift(tong);
  const codeCol = LAY.col.get("code")!;
  data.forEach((r, i) => {
    if (i % 3 === 0) r[codeCol] = null;
    else if (i % 3 === 1) r[codeCol] = String(i); // numbered rows, not codes
  });
  g.rows.splice(LAY.firstDataRow, data.length, ...data);
  const res = analyzeGrid(g)!;
  expect(res.findings).toEqual([]);
  expect(res.table!.rows.get("TONG")).toBe(LAY.firstDataRow);
});

test("short labels 'Hạng Nhất/Nhì/Ba' resolve by the order above them", () => {
  const g = clean();
  const labelCol = LAY.col.get("label")!;
  const codeCol = LAY.col.get("code")!;
  for (const [code, short] of [
    ["A3.1", "Hạng Nhất"],
    ["A3.2", "Hạng Nhì"],
    ["A3.3", "Hạng Ba"],
    ["A4.1", "- Hạng Nhất"],
    ["A4.2", "- Hạng Nhì"],
    ["A4.3", "- Hạng Ba"],
  ]) {
    const r = LAY.row.get(code)!;
    g.rows[r][labelCol] = short;
    g.rows[r][codeCol] = null;
  }
  const res = analyzeGrid(g)!;
  expect(res.findings).toEqual([]);
  expect(res.table!.rows.get("A4.3")).toBe(LAY.row.get("A4.3"));
});

test("notes and signatures under the table are not rows; an unknown row inside is", () => {
  const g = clean();
  const last = LAY.lastRow;
  g.rows[last + 2] = [null, "Người lập biểu"];
  g.rows[last + 3] = [null, "Thủ trưởng đơn vị (ký, ghi rõ họ tên, đóng dấu)"];
  expect(findings(g)).toEqual([]);
  const inside = LAY.row.get("D4")!;
  g.rows.splice(inside, 0, [null, "Khen thưởng đột xuất", 3]);
  expect(findings(g).map(brief)).toEqual([
    ["LAYOUT_UNKNOWN_ROW", "warning", address(inside, LAY.col.get("label")!), null, null],
  ]);
});

test("missing column, missing row, duplicate row", () => {
  const g = clean();
  g.rows[LAY.headerTop][LAY.col.get("collective")!] = null;
  expect(findings(g).map(brief)).toEqual([
    ["LAYOUT_MISSING_COLUMN", "error", address(LAY.headerTop, 0), null, "collective"],
  ]);

  const h = clean();
  h.rows[LAY.row.get("A2")!] = [];
  expect(findings(h).map(brief)).toEqual([
    ["LAYOUT_MISSING_ROW", "error", address(LAY.headerTop, LAY.col.get("label")!), "A2", null],
  ]);

  const d = clean();
  d.rows[LAY.lastRow + 1] = [...d.rows[LAY.row.get("B3")!]];
  const f = findings(d);
  expect(f.map(brief)).toEqual([
    ["LAYOUT_DUPLICATE_ROW", "error", address(LAY.lastRow + 1, LAY.col.get("code")!), "B3", null],
  ]);
  expect(f[0].message).toContain(`dòng ${LAY.lastRow + 2}`);
});

test("the unit line: next cell, placeholder dots, and 'Đơn vị tính' is not it", () => {
  const g = clean();
  g.rows[LAY.unitRow] = ["Đơn vị tính: người"];
  expect(findings(g).map(brief)).toEqual([["UNIT_MISSING", "warning", address(LAY.headerTop - 1, 0), null, null]]);
  g.rows[LAY.unitRow] = ["Đơn vị: ……………"];
  expect(findings(g).map(brief)).toEqual([["UNIT_MISSING", "warning", "A3", null, null]]);
  g.rows[LAY.unitRow] = ["Tên đơn vị:", null, "  Trường THPT   Thái Phiên "];
  expect(analyzeGrid(g)!.unit).toBe("Trường THPT Thái Phiên");
});

test("which template a sheet holds, and sheets with none", () => {
  const res = analyzeWorkbook([
    { name: "Hướng dẫn", rows: [["Điền số liệu vào trang Phụ lục 02"]] },
    clean(),
    { name: "Phụ lục 02 (2)", rows: [["Tổng số", "Ghi chú"]] },
  ]);
  // Excel names a copied sheet "Phụ lục 02 (2)": without a table it is reported, the guide sheet is not
  expect(res.map((r) => [r.sheet, r.template, r.findings.map((f) => f.rule)])).toEqual([
    ["Phụ lục 02", "pl02", []],
    ["Phụ lục 02 (2)", "pl02", ["LAYOUT_NOT_FOUND"]],
  ]);
  const none = analyzeWorkbook([
    { name: "Sheet1", rows: [["xin chào"]] },
    { name: "Phụ lục 02", rows: [] },
  ]);
  expect(none.map((r) => [r.sheet, r.findings.map(brief)])).toEqual([
    ["Phụ lục 02", [["LAYOUT_NOT_FOUND", "error", "A1", null, null]]],
  ]);
  const empty = analyzeWorkbook([{ name: "Sheet1", rows: [] }]);
  expect(empty.map((r) => [r.sheet, r.template, r.findings.map((f) => f.rule)])).toEqual([
    ["Sheet1", "pl02", ["LAYOUT_NOT_FOUND"]],
  ]);
});

test("a grid of 100,000 rows holding the table on top is located", () => {
  const g = clean();
  for (let r = g.rows.length; r < 100_000; r++) g.rows[r] = [null, null, r];
  expect(findings(g)).toEqual([]);
  expect(at("TONG", "total")).toBe(address(LAY.lastRow, LAY.col.get("total")!));
});

test("detachString: the same text, whatever its length (what the memos and a merge keep)", () => {
  const xml = `<si><t>Trường THPT Trần Nguyên Hãn 😀</t></si>`.repeat(50);
  for (const [a, b] of [
    [0, 0],
    [8, 9],
    [8, 20],
    [8, 40],
    [8, 42],
    [0, xml.length],
  ]) {
    const cut = xml.slice(a, b);
    expect(detachString(cut)).toBe(cut);
  }
  // a memoised fold answers the same for a text first seen inside a larger one
  const long = "xx Khen thưởng theo đợt (4)".repeat(3);
  const cut = long.slice(3, 3 + 24);
  expect(fold(cut)).toBe("khen thuong theo dot");
  expect(fold("Khen thưởng theo đợt (4)")).toBe("khen thuong theo dot");
});

test("i/y spelling variants fold together: sỹ/sĩ, kỹ/kĩ, Mỹ/Mĩ, lý/lí, Uỷ/Ủy, Thuỷ/Thủy", () => {
  for (const [a, b] of [
    ["Chiến sỹ thi đua cơ sở", "Chiến sĩ thi đua cơ sở"],
    ["kỹ thuật", "kĩ thuật"],
    ["Mỹ thuật", "Mĩ thuật"],
    ["quản lý", "quản lí"],
    ["Uỷ ban nhân dân", "Ủy ban nhân dân"],
    ["huyện Thuỷ Nguyên", "huyện Thủy Nguyên"],
  ])
    expect(fold(a)).toBe(fold(b));
  // a "y" after a vowel is not an "i": Thủy, quy, tuy stay apart from Thi, qui, tui
  expect(fold("Thủy")).not.toBe(fold("Thi"));
  expect(fold("quy định")).toBe("quy dinh");
  // no code column and every "sĩ" typed "sỹ", every "Ủy" typed "Uỷ"
  const g = clean();
  const codeCol = LAY.col.get("code")!;
  const labelCol = LAY.col.get("label")!;
  for (const r of g.rows.slice(LAY.firstDataRow)) {
    r[codeCol] = null;
    if (typeof r[labelCol] === "string")
      r[labelCol] = (r[labelCol] as string).replace(/sĩ/g, "sỹ").replace(/Ủy/g, "Uỷ");
  }
  expect(g.rows[LAY.row.get("D1")!][labelCol]).toBe("Chiến sỹ thi đua cơ sở");
  const res = analyzeGrid(g)!;
  expect(res.findings).toEqual([]);
  expect([...res.table!.rows]).toEqual([...LAY.row]);
});

test("list markers before labels: 'a) Hạng Nhất', '1. Huân chương …', 'II. KHEN THƯỞNG …', '1.2 …'", () => {
  expect(
    [
      "a) Hạng Nhất",
      "- Hạng Nhì",
      "1. Huân chương Sao vàng",
      "II. KHEN THƯỞNG CẤP CHÍNH PHỦ",
      "1.2 Giấy khen",
      "+ Giấy khen",
    ].map(stripListMarker),
  ).toEqual(["Hạng Nhất", "Hạng Nhì", "Huân chương Sao vàng", "KHEN THƯỞNG CẤP CHÍNH PHỦ", "Giấy khen", "Giấy khen"]);
  // words that only look like markers stay
  expect(["Anh hùng Lao động", "Cờ thi đua", "Hạng I", "D1"].map(stripListMarker)).toEqual([
    "Anh hùng Lao động",
    "Cờ thi đua",
    "Hạng I",
    "D1",
  ]);
});

test("codes that are the unit's own numbering (I–IV, 1, 2, 3, a, b, c) yield to the labels", () => {
  const g = clean();
  const codeCol = LAY.col.get("code")!;
  const labelCol = LAY.col.get("label")!;
  const own: Record<string, string> = { A: "I", B: "II", C: "III", D: "IV", "A3.1": "a", "A3.2": "b", "A3.3": "c" };
  for (const def of pl02.rows) {
    const r = g.rows[LAY.row.get(def.code)!];
    if (own[def.code]) r[codeCol] = own[def.code];
    else if (def.parent && def.parent.length === 1)
      r[codeCol] = String(pl02.children.get(def.parent)!.indexOf(def.code) + 1);
    if (def.code.startsWith("A3.")) r[labelCol] = `${own[def.code]}) ${pl02.row.get(def.code)!.shortLabels[0]}`;
  }
  expect(g.rows[LAY.row.get("A3.1")!].slice(0, 2)).toEqual(["a", "a) Hạng Nhất"]);
  const res = analyzeGrid(g)!;
  expect(res.findings).toEqual([]);
  expect([...res.table!.rows]).toEqual([...LAY.row]);
});

test("the spec's codes with ranks lettered a, b, c: the letters are not groups A, B, C", () => {
  const g = clean();
  const codeCol = LAY.col.get("code")!;
  for (const [code, letter] of [
    ["A4.1", "a"],
    ["A4.2", "b"],
    ["A4.3", "c"],
  ])
    g.rows[LAY.row.get(code)!][codeCol] = letter;
  const res = analyzeGrid(g)!;
  expect(res.findings).toEqual([]);
  expect(res.table!.rows.get("A4.3")).toBe(LAY.row.get("A4.3"));
  expect(res.table!.rows.get("C")).toBe(LAY.row.get("C"));
});

test("a one-row header: '(n)' inside the text, 'Trong đó:' before it, abbreviations CBQL, GV, NV, NLĐ, NH", () => {
  const g = clean();
  const top = g.rows[LAY.headerTop];
  const heads: Record<string, string> = {
    code: "TT",
    total: "Tổng số (1)",
    collective: "Tập thể (2)",
    individual: "Cá nhân (CB, GV, NV, NLĐ) (3)",
    leaders: "Trong đó: CBQL (4)",
    direct: "GV, NV, NLĐ (5)",
    y2021: "NH 2020-2021 (6)",
    y2022: "Năm học 2021-2022 (7)",
    y2023: "NH 22-23 (8)",
  };
  pl02.columns.forEach((col, i) => (top[i] = heads[col.key] ?? col.headers[0]));
  g.rows.splice(LAY.headerBottom, 2); // no second header row, no numbering row
  const res = analyzeGrid(g)!;
  expect(res.findings).toEqual([]);
  expect([...res.table!.columns]).toEqual([...LAY.col]);
  expect(res.table!.dataStart).toBe(LAY.firstDataRow - 2);
});

test("abbreviations inside longer headers: 'Giáo viên, nhân viên, NLĐ trực tiếp (5)' in a one-row '(n)' header", () => {
  const g = clean();
  const top = g.rows[LAY.headerTop];
  const heads: Record<string, string> = {
    code: "TT",
    total: "Tổng số (1)",
    collective: "Tập thể (2)",
    individual: "Cá nhân (cán bộ, GV, NV, NLĐ) (3)",
    leaders: "Trong đó: CB quản lý (4)",
    direct: "Giáo viên, nhân viên, NLĐ trực tiếp (5)",
    y2021: "NH 2020-2021 (6)",
  };
  pl02.columns.forEach((col, i) => (top[i] = heads[col.key] ?? col.headers[0]));
  g.rows.splice(LAY.headerBottom, 2); // no second header row, no numbering row
  // before: the column was missed (LAYOUT_MISSING_COLUMN for "direct")
  const res = analyzeGrid(g)!;
  expect(res.findings).toEqual([]);
  expect([...res.table!.columns]).toEqual([...LAY.col]);
  expect(expandAbbreviations(fold("Giáo viên, nhân viên, NLĐ trực tiếp (5)"))).toBe(
    "giao vien nhan vien nguoi lao dong truc tiep",
  );
});

/**
 * A table pasted from Word: every label of `words` words or more broken over two rows, the first
 * with the code and the numbers, the second with the rest of the label only (its other cells
 * blank, as a merged cell leaves them).
 */
function wordPaste(g: Grid, split: (label: string) => string[]): { grid: Grid; broken: number } {
  const labelCol = LAY.col.get("label")!;
  const rows: Cell[][] = [];
  let broken = 0;
  g.rows.forEach((row, r) => {
    const label = row?.[labelCol];
    if (r < LAY.firstDataRow || typeof label !== "string") return void rows.push(row);
    const parts = split(label);
    rows.push(row.map((v, c) => (c === labelCol ? parts[0] : v)));
    for (const rest of parts.slice(1)) {
      const cont: Cell[] = [];
      cont[labelCol] = rest;
      rows.push(cont);
    }
    if (parts.length > 1) broken++;
  });
  return { grid: { name: g.name, rows }, broken };
}

test("labels broken over rows (a table pasted from Word) are joined back: no LAYOUT_DUPLICATE_ROW on a correct table", () => {
  const halves = (label: string) => {
    const w = label.split(" ");
    return w.length < 4
      ? [label]
      : [w.slice(0, Math.ceil(w.length / 2)).join(" "), w.slice(Math.ceil(w.length / 2)).join(" ")];
  };
  const { grid, broken } = wordPaste(clean(), halves);
  expect(broken).toBeGreaterThan(10);
  const res = analyzeGrid(grid)!;
  expect(res.findings.map(brief)).toEqual([]);
  expect(res.table!.rows.size).toBe(pl02.rows.length);
  // the numbers are read from the first half of each label
  const codeOfRow = new Map([...res.table!.rows].map(([code, r]) => [r, code]));
  for (const [r, code] of codeOfRow)
    expect([code, grid.rows[r][LAY.col.get("code")!]]).toEqual([
      code,
      clean().rows[LAY.row.get(code)!][LAY.col.get("code")!],
    ]);
  // in three parts too
  const thirds = (label: string) => {
    const w = label.split(" ");
    if (w.length < 6) return [label];
    const k = Math.ceil(w.length / 3);
    return [w.slice(0, k), w.slice(k, 2 * k), w.slice(2 * k)].map((p) => p.join(" "));
  };
  expect(analyzeGrid(wordPaste(clean(), thirds).grid)!.findings.map(brief)).toEqual([]);
  // a mistake in a broken table is still found, on the first half's row
  const wrong = wordPaste(clean(), halves).grid;
  const d2 = analyzeGrid(wrong)!.table!.rows.get("D2")!;
  wrong.rows[d2][LAY.col.get("total")!] = 999;
  expect(findings(wrong).map((f) => f.rule)).toContain("SUM_YEARS");
  expect(findings(wrong).map((f) => f.rule)).not.toContain("LAYOUT_DUPLICATE_ROW");
});

test("a row of text alone under a row is still its own row when it names one (a blank 'Hạng Nhất')", () => {
  // "Huân chương Độc lập" with its figures, then "Hạng Nhất" typed with no code and no figure:
  // the group and its first rank, not one label broken in two.
  const g = clean();
  const r = LAY.row.get("A1.1")!;
  g.rows[r] = [];
  g.rows[r][LAY.col.get("label")!] = "Hạng Nhất";
  const res = analyzeGrid(g)!;
  expect([res.table!.rows.get("A1"), res.table!.rows.get("A1.1")]).toEqual([LAY.row.get("A1"), r]);
});

test("ranks as 'Hạng 1/2/3' and orders abbreviated (HCLĐ, HCĐL) are the definition's aliases", () => {
  const g = clean();
  const labelCol = LAY.col.get("label")!;
  const codeCol = LAY.col.get("code")!;
  const typed: [string, string][] = [
    ["A3", "HCĐL"],
    ["A3.1", "Hạng 1"],
    ["A3.2", "Hạng 2"],
    ["A3.3", "Hạng 3"],
    ["A4", "HCLĐ"],
    ["A4.1", "HCLĐ hạng Nhất"],
    ["A4.2", "HCLĐ hạng II"],
    ["A4.3", "- Hạng 3"],
  ];
  for (const [code, label] of typed) {
    g.rows[LAY.row.get(code)!][labelCol] = label;
    g.rows[LAY.row.get(code)!][codeCol] = null;
  }
  const res = analyzeGrid(g)!;
  expect(res.findings).toEqual([]);
  expect([...res.table!.rows]).toEqual([...LAY.row]);
});

test("group titles typed in the code cell and merged across the label cell", () => {
  const g = clean();
  const codeCol = LAY.col.get("code")!;
  const labelCol = LAY.col.get("label")!;
  ["A", "B", "C", "D"].forEach((code, i) => {
    const r = g.rows[LAY.row.get(code)!];
    r[codeCol] = `${["I", "II", "III", "IV"][i]}. ${pl02.row.get(code)!.label.toUpperCase()}`;
    r[labelCol] = null; // the merged cell's other half
  });
  expect(g.rows[LAY.row.get("A")!][codeCol]).toBe("I. KHEN THƯỞNG CẤP NHÀ NƯỚC");
  const res = analyzeGrid(g)!;
  expect(res.findings).toEqual([]);
  expect([...res.table!.rows]).toEqual([...LAY.row]);
});
