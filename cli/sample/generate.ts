/**
 * Sample submissions for Hải Phòng: one workbook per unit of the roster, with the typical
 * mistakes units make seeded in (wrong totals, numbers typed as text, quotas broken, a unit
 * sending twice, a unit not on the roster, units that sent nothing, a corrupt file, moved
 * tables and NFD text). Deterministic: the same seed gives the same files.
 */
import {
  bundledRoster,
  type Cell,
  type Grid,
  listLayout,
  type ListRow,
  listTemplateById,
  type Merge,
  type Roster,
  templateById,
  stripMarks,
  templateLayout,
  type Values,
} from "../../shared";
import { daibieuValues, seedOf, unitValues, type UnitType } from "./values";
import { delegateList, MOVED, noneTaken } from "./delegates";

export interface SampleSheet {
  grid: Grid;
  merges?: Merge[];
}

export type SampleFile =
  | { name: string; kind: "workbook"; unit: string; sheets: SampleSheet[]; mistakes: string[] }
  | { name: string; kind: "bytes"; bytes: Uint8Array; mistakes: string[] };

export function slug(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** Adds `delta` to one leaf cell's group (collective or direct) in one year, keeping every sum right. */
export function bump(
  values: Values,
  code: string,
  yearKey: string,
  delta: number,
  part: "collective" | "direct",
): void {
  const t = templateById("pl02");
  for (let c: string | undefined = code; c; c = t.row.get(c)?.parent) {
    const v = values[c];
    v[part] += delta;
    v[yearKey] += delta;
    v.total += delta;
    if (part === "direct") v.individual += delta;
  }
}

function sheetsFor(
  unit: string,
  type: UnitType,
  values: Values,
  withDaibieu: boolean,
  tweak?: (v: Values, db: Values) => void,
  /** The unit's list of delegates changed (a mistake seeded), or null: it sends none. */
  listTweak?: (people: ListRow[]) => ListRow[] | null,
  taken?: Set<string>,
): SampleSheet[] {
  const db = daibieuValues(type, seedOf(unit));
  tweak?.(values, db.values);
  const pl = templateLayout(templateById("pl02"), { unit, values });
  const out: SampleSheet[] = [{ grid: pl.grid, merges: pl.merges }];
  if (withDaibieu) {
    const d = templateLayout(templateById("daibieu"), { unit, values: db.values, attrs: db.attrs });
    out.push({ grid: d.grid, merges: d.merges });
    const people = delegateList(unit || "Trường THPT", type, taken);
    const listed = listTweak ? listTweak(people) : people;
    if (listed) {
      const l = listLayout(listTemplateById("ds-daibieu"), { unit, unitType: db.attrs.unitType, people: listed });
      out.push({ grid: l.grid, merges: l.merges });
    }
  }
  return out;
}

function setCell(sheet: SampleSheet, code: string, key: string, v: Cell) {
  const t = templateById("pl02");
  const lay = templateLayout(t);
  sheet.grid.rows[lay.row.get(code)!][lay.col.get(key)!] = v;
}

/** Moves the table: blank rows above and a blank column on the left, the way units paste it. */
function moved(sheet: SampleSheet, rows: number, cols: number): SampleSheet {
  const shifted: Cell[][] = [];
  for (let i = 0; i < rows; i++) shifted.push([]);
  for (const r of sheet.grid.rows) shifted.push([...Array<Cell>(cols).fill(null), ...(r ?? [])]);
  return {
    grid: { name: sheet.grid.name, rows: shifted },
    merges: sheet.merges?.map((m) => ({
      top: m.top + rows,
      bottom: m.bottom + rows,
      left: m.left + cols,
      right: m.right + cols,
    })),
  };
}

function nfd(sheet: SampleSheet): SampleSheet {
  const rows = sheet.grid.rows.map((r) => (r ?? []).map((v) => (typeof v === "string" ? v.normalize("NFD") : v)));
  return { ...sheet, grid: { name: sheet.grid.name, rows } };
}

export function sampleSubmissions(opts: { seed?: number; roster?: Roster } = {}): SampleFile[] {
  const roster = opts.roster ?? bundledRoster();
  const seed = opts.seed ?? 2025;
  const files: SampleFile[] = [];
  const taken = noneTaken(); // everyone on the sample lists: nobody repeated by chance
  const skip = new Set(["Phòng GDĐT huyện Bạch Long Vĩ", "Trường THPT Cộng Hiền"]);
  for (const u of roster.units) {
    if (skip.has(u.name)) continue;
    const type = u.type as UnitType;
    const values = unitValues(type, seedOf(u.name) ^ seed);
    const mistakes: string[] = [];
    let name = u.name;
    let tweak: ((v: Values, db: Values) => void) | undefined;
    let listTweak: ((people: ListRow[]) => ListRow[] | null) | undefined;
    let post: ((s: SampleSheet[]) => SampleSheet[]) | undefined;
    switch (u.name) {
      case "Phòng GDĐT quận Lê Chân":
        tweak = (v) => void (v.B3.total += 1);
        mistakes.push("SUM_TOTAL, SUM_YEARS, SUM_GROUP: tổng số dòng B3 lệch 1");
        break;
      case "Trường THPT Thái Phiên":
        post = (s) => (setCell(s[0], "D2", "y2022", String(values.D2.y2022)), s);
        mistakes.push("VALUE_AS_TEXT: D2 năm học 2021-2022 nhập dạng văn bản");
        break;
      case "Phòng GDĐT huyện An Lão":
        tweak = (v) => bump(v, "D1", "y2022", Math.ceil(v.D2.y2022 * 0.15) - v.D1.y2022 + 3, "direct");
        mistakes.push("QUOTA_CSTDCS_15PCT: CSTĐCS năm học 2021-2022 vượt 15% LĐTT");
        break;
      case "Trường THPT Lê Quý Đôn":
        tweak = (v) => bump(v, "D1", "y2024", 1, "collective");
        mistakes.push("KIND_INDIVIDUAL_ONLY: CSTĐCS có 1 tập thể");
        break;
      case "Trường THPT Kiến An":
        name = "";
        mistakes.push("UNIT_MISSING: không ghi tên đơn vị (nhận ra qua tên tệp)");
        break;
      case "Trường THPT Hồng Bàng":
        post = (s) => s.map((x) => nfd(moved(x, 2, 1)));
        mistakes.push("(bố cục) bảng lệch 2 dòng, 1 cột; chữ dạng NFD — vẫn đọc được, không lỗi");
        break;
      case "Phòng GDĐT huyện Vĩnh Bảo":
        post = (s) => (setCell(s[0], "C6", "leaders", { error: "#REF!" }), s);
        mistakes.push("VALUE_FORMULA_ERROR: ô #REF! ở C6");
        break;
      case "Phòng GDĐT thành phố Thủy Nguyên":
        name = "Phòng GD&ĐT huyện Thủy Nguyên";
        mistakes.push("(tên cũ) khớp danh sách qua tên gọi khác");
        break;
      case "Trường THPT Ngô Quyền":
        tweak = (_v, db) => void (db.DB7.value = 2);
        mistakes.push("DB_HIGHER_DELEGATES: cử 2 đại biểu dự Hội nghị cấp trên");
        mistakes.push("DS_MATCHES_DAIBIEU: danh sách có 3 đại biểu, Cơ cấu đại biểu ghi 2");
        break;
      // The lists of delegates (spec §4b, §5b)
      case "Trường THPT Lê Chân":
        listTweak = (p) => ((p[1].birthYear = "1895"), p);
        mistakes.push("DS_BIRTH_YEAR: năm sinh 1895 ở danh sách đại biểu");
        break;
      case "Trường THPT Hải An":
        listTweak = (p) => p.slice(0, 2);
        mistakes.push("DS_COUNT: danh sách chỉ có 2 đại biểu");
        break;
      case "Phòng GDĐT quận Hải An":
        listTweak = (p) => ((p[1].summary = ""), (p[1].gender = "F"), p);
        mistakes.push("DS_REQUIRED, DS_GENDER: cá nhân tiêu biểu thiếu tóm tắt thành tích, giới tính ghi F");
        break;
      case "Trường THPT Đồ Sơn":
        // a teacher who moved, typed without marks here: also on An Dương's list
        listTweak = (p) => ((p[2] = { ...p[2], ...MOVED, name: stripMarks(MOVED.name).toUpperCase() }), p);
        mistakes.push("MERGE_PERSON_TWICE: một người có trong danh sách của THPT An Dương và THPT Đồ Sơn");
        break;
      case "Trường THPT An Dương":
        listTweak = (p) => ((p[0] = { ...p[0], ...MOVED }), p);
        break;
      case "Trường THPT Vĩnh Bảo":
        listTweak = () => null;
        mistakes.push('(danh sách đại biểu) không gửi danh sách: "Chưa gửi" trên trang Tình trạng nộp');
        break;
      case "Trường THPT Bạch Đằng":
        files.push({
          name: `${slug(u.name)}.xlsx`,
          kind: "bytes",
          bytes: new TextEncoder().encode("Bảng số liệu gửi qua e-office (tệp hỏng)\n"),
          mistakes: ["MERGE_UNREADABLE: tệp không phải .xlsx"],
        });
        continue;
    }
    let sheets = sheetsFor(name, type, values, true, tweak, listTweak, taken);
    if (post) sheets = post(sheets);
    files.push({ name: `${slug(u.name)}.xlsx`, kind: "workbook", unit: u.name, sheets, mistakes });
    if (u.name === "Phòng GDĐT quận Hồng Bàng") {
      // A corrected file sent again: two more Lao động tiên tiến in 2024-2025 and one more
      // collective Bằng khen of the city's chairman in 2023-2024 (what `phuluc02 diff` shows).
      const corrected = structuredClone(values);
      bump(corrected, "D2", "y2025", 2, "direct");
      bump(corrected, "C6", "y2024", 1, "collective");
      files.push({
        name: `${slug(u.name)}-bo-sung.xlsx`,
        kind: "workbook",
        unit: u.name,
        sheets: sheetsFor(u.name, type, corrected, false),
        mistakes: ["MERGE_DUPLICATE_UNIT: gửi lần hai (bản bổ sung, được dùng)"],
      });
    }
  }
  const stranger = "Trường Tiểu học Lê Văn Tám";
  files.push({
    name: `${slug(stranger)}.xlsx`,
    kind: "workbook",
    unit: stranger,
    sheets: sheetsFor(stranger, "Đơn vị trực thuộc", unitValues("Đơn vị trực thuộc", seedOf(stranger)), false),
    mistakes: ["MERGE_UNKNOWN_UNIT: không có trong danh sách"],
  });
  return files.sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** `count` consistent unit files (no mistakes) for benchmarks: "Đơn vị thử nghiệm 0001" … */
export function benchSubmissions(count: number, seed = 1): SampleFile[] {
  const out: SampleFile[] = [];
  for (let i = 1; i <= count; i++) {
    const unit = `Trường THPT thử nghiệm ${String(i).padStart(4, "0")}`;
    const values = unitValues("Trường THPT", seed * 100003 + i);
    out.push({
      name: `don-vi-${String(i).padStart(4, "0")}.xlsx`,
      kind: "workbook",
      unit,
      sheets: sheetsFor(unit, "Trường THPT", values, false),
      mistakes: [],
    });
  }
  return out;
}
