/**
 * A corpus of Phụ lục 02 tables typed the way offices in Vietnam really type them: the model
 * layout and fourteen variants (Roman-numbered groups, no code column with "sỹ" spellings, a
 * one-row header with column numbers and abbreviations, TCVN3 and VNI-Windows text, …). Every
 * table is consistent: reading it must give no finding and exactly the figures it was built from.
 */
import { encodeLegacy, type LegacyEncoding, type Merge, templateById, type Values } from "../../shared";
import type { SampleSheet } from "./generate";
import { seedOf, unitValues, type UnitType } from "./values";

export interface LayoutVariant {
  /** File name stem and short id. */
  kind: string;
  /** What is special about it (Vietnamese). */
  about: string;
  unit: string;
  /** The figures the table holds, by row code and column key. */
  values: Values;
  sheet: SampleSheet;
  /** The legacy encoding its text is written in, if any. */
  encoding?: LegacyEncoding;
}

const t = templateById("pl02");
const YEAR_KEYS = t.yearKeys;
const COUNT_KEYS = t.countKeys;

interface Column {
  key: string;
  /** Header cells from the top header row down. */
  head: (string | null)[];
  number?: string | number | null;
}

interface RowText {
  code: string;
  /** Text of the code column (absent when the table has none). */
  codeText: string | null;
  label: string;
  /** The rest of a label broken over rows (a table pasted from Word): rows of that text alone. */
  more?: string[];
}

interface Shape {
  title?: string[];
  /** Lines above the header: "Đơn vị: …" and the like, each a list of cells. */
  above: (string | null)[][];
  columns: Column[];
  /** Print a column-numbering row under the header. */
  numbering: boolean;
  rows: RowText[];
  /** Lines under the table (signatures). */
  below?: (string | null)[][];
  /** Zeros left blank, as many units type them. */
  blankZeros?: boolean;
  /** Blank rows and columns before the table. */
  offset?: { rows: number; cols: number };
  /** Applied to every text cell. */
  text?: (s: string) => string;
  /** Merged cells of the header, in table coordinates (0 = first header row, first column). */
  headerMerges?: Merge[];
  /** A broken label's other cells merged down over its rows (as Word's table cells are pasted). */
  mergeBroken?: boolean;
}

function build(name: string, shape: Shape, values: Values): SampleSheet {
  const off = shape.offset ?? { rows: 0, cols: 0 };
  const out: (string | number | null)[][] = [];
  const tx = (v: string | number | null) => (typeof v === "string" && shape.text ? shape.text(v) : v);
  const push = (cells: (string | number | null)[]) => out.push([...Array(off.cols).fill(null), ...cells.map(tx)]);
  for (let i = 0; i < off.rows; i++) out.push([]);
  for (const line of shape.title ?? []) push([line]);
  for (const line of shape.above) push(line);
  push([]);
  const headerTop = out.length;
  const depth = Math.max(...shape.columns.map((c) => c.head.length));
  for (let d = 0; d < depth; d++) push(shape.columns.map((c) => c.head[d] ?? null));
  if (shape.numbering) push(shape.columns.map((c) => c.number ?? null));
  const bodyMerges: Merge[] = [];
  for (const r of shape.rows) {
    const first = out.length;
    push(
      shape.columns.map((c) => {
        if (c.key === "code") return r.codeText;
        if (c.key === "label") return r.label;
        if (c.key === "note") return null;
        const v = values[r.code][c.key];
        return shape.blankZeros && v === 0 ? null : v;
      }),
    );
    for (const rest of r.more ?? []) push(shape.columns.map((c) => (c.key === "label" ? rest : null)));
    if (shape.mergeBroken && r.more?.length)
      shape.columns.forEach((c, i) => {
        if (c.key !== "label")
          bodyMerges.push({ top: first, bottom: out.length - 1, left: i + off.cols, right: i + off.cols });
      });
  }
  if (shape.below) {
    push([]);
    for (const line of shape.below) push(line);
  }
  const merges = (shape.headerMerges ?? []).map((m) => ({
    top: m.top + headerTop,
    bottom: m.bottom + headerTop,
    left: m.left + off.cols,
    right: m.right + off.cols,
  }));
  return { grid: { name, rows: out }, merges: [...merges, ...bodyMerges] };
}

const model = (key: string) => t.column.get(key)!;
const year = (key: string) => model(key).year!;

/** The model's columns: two header rows ("Trong đó", "Chia theo năm học" above), numbers under them. */
function modelColumns(): Column[] {
  return t.columns.map((c) => ({
    key: c.key,
    head: c.group ? [c.group.vi, c.headers[0]] : [c.headers[0], null],
    number: c.number ?? null,
  }));
}

function modelMerges(cols: Column[]): Merge[] {
  const merges: Merge[] = [];
  cols.forEach((c, i) => {
    if (c.head[1] === null) merges.push({ top: 0, bottom: 1, left: i, right: i });
  });
  for (const group of ["Trong đó", "Chia theo năm học"]) {
    const idx = cols.flatMap((c, i) => (c.head[0] === group ? [i] : []));
    if (idx.length > 1) merges.push({ top: 0, bottom: 0, left: idx[0], right: idx[idx.length - 1] });
  }
  return merges;
}

/** The model's columns with the code column headed otherwise ("STT", "Số TT"). */
const codeHeaded = (name: string): Column[] =>
  modelColumns().map((c) => (c.key === "code" ? { ...c, head: [name, null] } : c));

/** The model's columns without a code column, and their header merges. */
function withoutCode(): Pick<Shape, "columns" | "headerMerges"> {
  const columns = modelColumns().filter((c) => c.key !== "code");
  return { columns, headerMerges: modelMerges(columns) };
}

const modelRows = (): RowText[] =>
  t.rows.map((r) => ({ code: r.code, codeText: r.code === "TONG" ? null : r.code, label: r.label }));

const SIGNATURES: (string | null)[][] = [
  [null, "Người lập biểu", null, null, null, null, "Thủ trưởng đơn vị"],
  [null, "(Ký, ghi rõ họ tên)", null, null, null, null, "(Ký tên, đóng dấu)"],
];

const ROMAN = ["I", "II", "III", "IV", "V"];
const RANK_SHORT = ["Hạng Nhất", "Hạng Nhì", "Hạng Ba"];
const GROUPS = ["A", "B", "C", "D"];

/** Spelling variants offices type: "sỹ" for "sĩ", "Uỷ" for "Ủy", "Thuỷ" for "Thủy". */
function iy(s: string): string {
  return s.replace(/sĩ/g, "sỹ").replace(/Ủy/g, "Uỷ").replace(/Thủy/g, "Thuỷ").replace(/kĩ/g, "kỹ");
}

interface Kind {
  kind: string;
  about: string;
  unit: string;
  type: UnitType;
  shape: (unit: string) => Shape;
  encoding?: LegacyEncoding;
  /** Rows whose figures are forced to 0 (and, summed up, still consistent) – none here. */
}

const unitLine = (unit: string): (string | null)[] => [`Đơn vị: ${unit}`];
const TITLES = ["PHỤ LỤC 02", "BẢNG THỐNG KÊ SỐ LIỆU KHEN THƯỞNG GIAI ĐOẠN 2020 - 2025"];

function modelShape(unit: string): Shape {
  const columns = modelColumns();
  return {
    title: TITLES,
    above: [unitLine(unit)],
    columns,
    numbering: true,
    rows: modelRows(),
    headerMerges: modelMerges(columns),
  };
}

/** Groups I–IV, awards 1, 2, 3… inside each group, ranks as sub-rows "a) Hạng Nhất" / "- Hạng Nhì". */
function romanRows(): RowText[] {
  const out: RowText[] = [];
  for (const def of t.rows) {
    if (def.kind === "group") {
      const i = GROUPS.indexOf(def.code);
      out.push({ code: def.code, codeText: ROMAN[i], label: def.label.toUpperCase() });
    } else if (def.kind === "total") out.push({ code: def.code, codeText: null, label: "TỔNG CỘNG" });
    else if (def.parent && GROUPS.includes(def.parent)) {
      const n = t.children.get(def.parent)!.indexOf(def.code) + 1;
      out.push({ code: def.code, codeText: String(n), label: def.label });
    } else {
      const n = t.children.get(def.parent!)!.indexOf(def.code);
      // A3's ranks: "a", "b", "c" in the code column; A4's: a dash in the label
      if (def.parent === "A3") out.push({ code: def.code, codeText: "abc"[n], label: `${"abc"[n]}) ${RANK_SHORT[n]}` });
      else out.push({ code: def.code, codeText: null, label: `- ${RANK_SHORT[n]}` });
    }
  }
  return out;
}

/** "1", "1.1", "1.3.2": a decimal outline instead of the spec's codes. */
function decimalRows(): RowText[] {
  const out: RowText[] = [];
  for (const def of t.rows) {
    if (def.kind === "total") {
      out.push({ code: def.code, codeText: null, label: "Tổng cộng" });
      continue;
    }
    const path: number[] = [];
    for (let c: string | undefined = def.code; c && c !== "TONG"; c = t.row.get(c)!.parent) {
      const parent = t.row.get(c)!.parent!;
      path.unshift(t.children.get(parent)!.indexOf(c) + 1);
    }
    out.push({ code: def.code, codeText: path.join("."), label: def.label });
  }
  return out;
}

/** Long forms of the labels units copy from decisions and forms. */
const LONG: Record<string, string> = {
  "A3.1": "Huân chương Độc lập hạng I",
  "A3.2": "Huân chương Độc lập hạng II",
  "A3.3": "Huân chương Độc lập hạng III",
  "A4.1": "Huân chương Lao động hạng I",
  "A4.2": "Huân chương Lao động hạng II",
  "A4.3": "Huân chương Lao động hạng III",
  A6: "Nhà giáo Nhân dân",
  A7: "Nhà giáo Ưu tú",
  B1: "Danh hiệu Chiến sĩ thi đua toàn quốc",
  C3: "Cờ thi đua của Bộ GD&ĐT",
  C4: "Cờ thi đua của UBND thành phố",
  C5: "Bằng khen của Bộ trưởng Bộ GD&ĐT",
  C6: "Bằng khen của Chủ tịch UBND thành phố",
  D1: "Danh hiệu Chiến sĩ thi đua cơ sở",
  D2: "Danh hiệu Lao động tiên tiến",
  D4: "Giấy khen của Thủ trưởng đơn vị",
  TONG: "Tổng cộng (A+B+C+D)",
};

/** One header row, column numbers in the text, abbreviations. */
function oneRowColumns(): Column[] {
  return [
    { key: "code", head: ["TT"] },
    { key: "label", head: ["Hình thức khen thưởng"] },
    { key: "total", head: ["Tổng số (1)"] },
    { key: "collective", head: ["Tập thể (2)"] },
    { key: "individual", head: ["Cá nhân (CB, GV, NV, NLĐ) (3)"] },
    { key: "leaders", head: ["Trong đó: CBQL (4)"] },
    { key: "direct", head: ["GV, NV, NLĐ (5)"] },
    ...YEAR_KEYS.map((k, i) => ({ key: k, head: [`NH ${year(k)} (${6 + i})`] })),
    { key: "note", head: ["Ghi chú"] },
  ];
}

const KINDS: Kind[] = [
  {
    kind: "01-mau",
    about: "Bố cục mẫu của đặc tả (mã A1…D4, tiêu đề hai dòng, dòng đánh số cột)",
    unit: "Trường THPT Ngô Quyền",
    type: "Trường THPT",
    shape: modelShape,
  },
  {
    kind: "02-so-la-ma",
    about: "Nhóm đánh số La Mã I–IV, hình thức đánh 1, 2, 3 trong từng nhóm, hạng là dòng con a) / -",
    unit: "Phòng GDĐT quận Lê Chân",
    type: "Phòng GDĐT",
    shape: (unit) => ({
      ...modelShape(unit),
      columns: codeHeaded("STT"),
      rows: romanRows(),
    }),
  },
  {
    kind: "03-khong-ma-sy",
    about: 'Không có cột mã; "sỹ", "Uỷ", "Thuỷ" thay cho "sĩ", "Ủy", "Thủy"',
    unit: "Phòng GDĐT huyện Thuỷ Nguyên",
    type: "Phòng GDĐT",
    shape: (unit) => ({
      ...modelShape(unit),
      ...withoutCode(),
      rows: modelRows().map((r) => ({ ...r, codeText: null, label: iy(r.label) })),
    }),
  },
  {
    kind: "04-tieu-de-mot-dong",
    about: 'Tiêu đề một dòng, số cột trong chữ ("Tổng số (1)", "NH 2020-2021 (6)"), viết tắt CBQL, GV, NV, NLĐ, CB, NH',
    unit: "Trường THPT Thái Phiên",
    type: "Trường THPT",
    shape: (unit) => ({ ...modelShape(unit), columns: oneRowColumns(), numbering: false, headerMerges: [] }),
  },
  {
    kind: "05-tcvn3",
    about: 'Chữ mã TCVN3 (ABC, phông .VnTime): "Tæng sè", "ChiÕn sÜ thi ®ua c¬ së", "§¬n vÞ:"',
    unit: "Trường THPT Kiến An",
    type: "Trường THPT",
    encoding: "tcvn3",
    shape: (unit) => ({ ...modelShape(unit), text: (s) => encodeLegacy(s, "tcvn3") }),
  },
  {
    kind: "06-vni",
    about: 'Chữ mã VNI-Windows: "Toång soá", "Ñôn vò:"',
    unit: "Trường THPT Trần Nguyên Hãn",
    type: "Trường THPT",
    encoding: "vni",
    shape: (unit) => ({ ...modelShape(unit), text: (s) => encodeLegacy(s, "vni") }),
  },
  {
    kind: "07-tcvn3-khong-ma",
    about: "TCVN3, không cột mã, tiêu đề một dòng, tên đơn vị gõ Unicode",
    unit: "Phòng GDĐT huyện An Lão",
    type: "Phòng GDĐT",
    encoding: "tcvn3",
    shape: (unit) => ({
      ...modelShape(unit),
      above: [[encodeLegacy("Đơn vị:", "tcvn3"), unit]],
      columns: oneRowColumns().filter((c) => c.key !== "code"),
      numbering: false,
      headerMerges: [],
      rows: modelRows().map((r) => ({ ...r, codeText: null, label: encodeLegacy(r.label, "tcvn3") })),
    }),
  },
  {
    kind: "08-lech-nfd",
    about: "Bảng lệch 4 dòng, 2 cột; chữ Unicode dạng tổ hợp (NFD) như máy Mac ghi",
    unit: "Trường THPT Hồng Bàng",
    type: "Trường THPT",
    shape: (unit) => ({ ...modelShape(unit), offset: { rows: 4, cols: 2 }, text: (s) => s.normalize("NFD") }),
  },
  {
    kind: "09-ma-trong-ten",
    about: 'Mã và tên chung một ô: "A. KHEN THƯỞNG CẤP NHÀ NƯỚC", "1. Huân chương Sao vàng", không cột mã',
    unit: "Trường THPT Lê Quý Đôn",
    type: "Trường THPT",
    shape: (unit) => ({
      ...modelShape(unit),
      ...withoutCode(),
      rows: romanRows().map((r) => {
        const def = t.row.get(r.code)!;
        if (def.kind === "group") return { ...r, codeText: null, label: `${def.code}. ${r.label}` };
        // awards: "1. Huân chương Sao vàng"; ranks keep their "a) Hạng Nhất" / "- Hạng Nhì"
        const numbered = r.codeText && /^\d+$/.test(r.codeText);
        return { ...r, codeText: null, label: numbered ? `${r.codeText}. ${r.label}` : r.label };
      }),
    }),
  },
  {
    kind: "10-so-thap-phan",
    about: 'Cột "Số TT" đánh số thập phân 1, 1.1, 1.3.2 thay cho mã',
    unit: "Phòng GDĐT quận Ngô Quyền",
    type: "Phòng GDĐT",
    shape: (unit) => ({
      ...modelShape(unit),
      columns: codeHeaded("Số TT"),
      rows: decimalRows(),
    }),
  },
  {
    kind: "11-tong-tren-dau",
    about: "Dòng Tổng cộng ở trên cùng, nhóm viết hoa, tên dài (hạng I/II/III, Bộ GD&ĐT, UBND)",
    unit: "Trường THPT Hải An",
    type: "Trường THPT",
    shape: (unit) => {
      const rows = modelRows().map((r) => {
        const def = t.row.get(r.code)!;
        const label = LONG[r.code] ?? (def.kind === "group" ? def.label.toUpperCase() : def.label);
        return { ...r, codeText: def.kind === "total" ? null : r.codeText, label };
      });
      rows.unshift(rows.pop()!);
      return { ...modelShape(unit), rows };
    },
  },
  {
    kind: "12-tieu-de-khac",
    about: 'Tiêu đề khác chữ: "Số TT", "Danh hiệu, hình thức khen thưởng", năm "2020 - 2021"; dòng số cột 1, 2, 3',
    unit: "Phòng GDĐT huyện Vĩnh Bảo",
    type: "Phòng GDĐT",
    shape: (unit) => {
      const columns: Column[] = modelColumns().map((c, i) => {
        const number = i + 1;
        if (c.key === "code") return { ...c, head: ["Số TT", null], number };
        if (c.key === "label") return { ...c, head: ["Danh hiệu, hình thức khen thưởng", null], number };
        if (c.key === "leaders") return { ...c, head: ["Trong đó", "Cán bộ quản lý"], number };
        if (c.key === "direct") return { ...c, head: ["Trong đó", "Giáo viên, nhân viên, người lao động"], number };
        if (YEAR_KEYS.includes(c.key))
          return { ...c, head: ["Chia theo năm học", year(c.key).replace("-", " - ")], number };
        return { ...c, number };
      });
      return { ...modelShape(unit), columns, headerMerges: modelMerges(columns) };
    },
  },
  {
    kind: "13-nam-truoc",
    about: "Cột năm học đứng ngay sau Tổng số, không có cột Ghi chú, chữ ký dưới bảng",
    unit: "Trường THPT Đồ Sơn",
    type: "Trường THPT",
    shape: (unit) => {
      const cols = modelColumns().filter((c) => c.key !== "note");
      const years = cols.filter((c) => YEAR_KEYS.includes(c.key));
      const rest = cols.filter((c) => !YEAR_KEYS.includes(c.key));
      const at = rest.findIndex((c) => c.key === "total") + 1;
      const columns = [...rest.slice(0, at), ...years, ...rest.slice(at)];
      return { ...modelShape(unit), columns, headerMerges: modelMerges(columns), below: SIGNATURES };
    },
  },
  {
    kind: "14-o-trong",
    about: 'Số 0 để trống, tên đơn vị ở ô bên cạnh, dòng "Đơn vị tính: người", ghi chú và chữ ký dưới bảng',
    unit: "Trung tâm GDNN-GDTX quận Kiến An",
    type: "Đơn vị trực thuộc",
    shape: (unit) => ({
      ...modelShape(unit),
      above: [["Đơn vị:", unit], ["Đơn vị tính: người"]],
      blankZeros: true,
      below: [["Ghi chú: số liệu tính đến ngày 30/9/2025"], ...SIGNATURES],
    }),
  },
  {
    kind: "15-dan-tu-word",
    about:
      'Dán từ Word: tên dòng dài xuống hai dòng (ô mã và số liệu gộp), tên trường ở tiêu đề bên cạnh dòng "PHỤ LỤC 02" (không có dòng "Đơn vị:"), tiêu đề một dòng "Giáo viên, nhân viên, NLĐ trực tiếp (5)"',
    unit: "TRƯỜNG THPT LÊ QUÝ ĐÔN",
    type: "Trường THPT",
    shape: (unit) => {
      const pad = (left: string, right: string) => [left, null, null, null, null, null, null, null, right];
      const columns = oneRowColumns().map((c) =>
        c.key === "direct" ? { ...c, head: ["Giáo viên, nhân viên, NLĐ trực tiếp (5)"] } : c,
      );
      const rows = modelRows().map((r) => {
        const w = r.label.split(" ");
        if (w.length < 4) return r;
        const k = Math.ceil(w.length / 2);
        return { ...r, label: w.slice(0, k).join(" "), more: [w.slice(k).join(" ")] };
      });
      return {
        above: [pad("SỞ GIÁO DỤC VÀ ĐÀO TẠO HẢI PHÒNG", TITLES[0]), pad(unit, TITLES[1])],
        columns,
        numbering: false,
        rows,
        mergeBroken: true,
      };
    },
  },
];

/** The corpus: one consistent table per kind, figures drawn from the unit's name. */
export function layoutVariants(): LayoutVariant[] {
  return KINDS.map((k) => {
    const values = unitValues(k.type, seedOf(k.unit));
    const sheet = build("Phụ lục 02", k.shape(k.unit), values);
    return { kind: k.kind, about: k.about, unit: k.unit, values, sheet, encoding: k.encoding };
  });
}

/** Every count the table was built from, for comparison with what is read back. */
export function expectedCounts(values: Values): Values {
  const out: Values = {};
  for (const def of t.rows) out[def.code] = Object.fromEntries(COUNT_KEYS.map((k) => [k, values[def.code][k]]));
  return out;
}
