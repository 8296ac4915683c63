/**
 * The city workbook of a merge (spec §5): "Tổng hợp thành phố" in the template's layout with its
 * own findings highlighted and noted, "Chi tiết theo đơn vị" and "Tình trạng nộp".
 */
import {
  type Finding,
  type Lang,
  type MergeResult,
  templateById,
  type TemplateLayout,
  templateLayout,
} from "../../shared";
import { type StyleName, type XCell, type XSheet, writeXlsx } from "./sheet-writer";

/** A template layout as a styled sheet; findings paint their blamed cell and become notes. */
export function layoutSheet(lay: TemplateLayout, findings: Finding[], lang: Lang, name = lay.grid.name): XSheet {
  const t = lay.template;
  const rows: XCell[][] = lay.grid.rows.map((row) => (row ?? []).map((v) => ({ v: v as XCell["v"] })));
  const style = (r: number, c: number, s: StyleName) => (((rows[r] ??= [])[c] ??= { v: null }).s = s);
  style(lay.titleRow, 0, "title");
  style(lay.subtitleRow, 0, "subtitle");
  style(lay.unitRow, 0, "bold");
  if (!lay.grid.rows[lay.unitRow]?.[1]) style(lay.unitRow, 1, "blank");
  for (let r = lay.headerTop; r <= lay.numberRow; r++)
    for (let c = 0; c <= lay.lastCol; c++) style(r, c, r === lay.numberRow ? "number" : "header");
  const labelCol = lay.col.get("label") ?? 1;
  for (const def of t.rows) {
    const r = lay.row.get(def.code)!;
    const strong = def.kind === "group" || def.kind === "total";
    for (let c = 0; c <= lay.lastCol; c++)
      style(r, c, c === labelCol ? (strong ? "groupText" : "text") : strong ? "groupCount" : "count");
  }
  const notes = new Map<string, string>();
  const severity = new Map<string, string>();
  for (const f of findings) {
    const ref = f.cells[0];
    if (!ref) continue;
    notes.set(
      ref,
      (notes.has(ref) ? notes.get(ref) + "\n" : "") + `[${f.rule}] ${lang === "vi" ? f.message : f.messageEn}`,
    );
    if (severity.get(ref) !== "error") severity.set(ref, f.severity);
  }
  for (const [ref, sev] of severity) {
    const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
    let c = 0;
    for (const ch of m[1]) c = c * 26 + ch.charCodeAt(0) - 64;
    style(Number(m[2]) - 1, c - 1, sev === "error" ? "error" : "warning");
  }
  const heights = new Map<number, number>();
  for (let r = lay.headerTop; r <= lay.headerBottom; r++)
    heights.set(r, r === lay.headerBottom && r > lay.headerTop ? 50 : 36);
  return {
    name,
    rows,
    widths: t.columns.map((c) => c.width),
    heights,
    merges: lay.merges,
    notes,
    landscape: true,
    freeze: { row: lay.numberRow + 1, col: labelCol + 1 },
  };
}

function detailSheet(result: MergeResult): XSheet {
  const t = templateById("pl02");
  const fixed = ["STT", "Đơn vị", "Tệp", "Trang tính"];
  const head = (v: string): XCell => ({ v, s: "header" });
  const rows: XCell[][] = [
    [...fixed.map(head), ...t.rows.map((r) => head(r.code === "TONG" ? "Tổng cộng" : r.code))],
    [...fixed.map(() => head("")), ...t.rows.map((r) => head(r.label))],
  ];
  const included = result.units.filter((u) => u.included);
  included.forEach((u, i) =>
    rows.push([
      { v: i + 1, s: "count" },
      { v: u.unit, s: "text" },
      { v: u.file, s: "text" },
      { v: u.sheet, s: "text" },
      ...t.rows.map((r): XCell => ({ v: u.values[r.code].total, s: "count" })),
    ]),
  );
  rows.push([
    { v: "", s: "totalText" },
    { v: "Tổng cộng", s: "totalText" },
    { v: "", s: "totalText" },
    { v: "", s: "totalText" },
    ...t.rows.map((r): XCell => ({ v: result.city.rows[r.code].total, s: "groupCount" })),
  ]);
  return {
    name: "Chi tiết theo đơn vị",
    rows,
    widths: [5, 40, 34, 14, ...t.rows.map(() => 11)],
    heights: new Map([[1, 75]]),
    merges: fixed.map((_, c) => ({ top: 0, bottom: 1, left: c, right: c })),
    freeze: { row: 2, col: 2 },
  };
}

function statusSheet(result: MergeResult): XSheet {
  const heads = [
    "STT",
    "Đơn vị",
    "Loại đơn vị",
    "Đã nộp",
    "Số lỗi",
    "Số cảnh báo",
    "Được tổng hợp",
    "Bản nộp",
    "Trong danh sách",
  ];
  const rows: XCell[][] = [heads.map((v) => ({ v, s: "header" }))];
  result.status.forEach((s, i) =>
    rows.push([
      { v: i + 1, s: "count" },
      { v: s.unit, s: "text" },
      { v: s.type ?? "", s: "text" },
      { v: s.submitted ? "Có" : "Chưa", s: s.submitted ? "count" : "missing" },
      { v: s.errors ?? "", s: "count" },
      { v: s.warnings ?? "", s: "count" },
      { v: s.included ? "Có" : "Không", s: "count" },
      { v: s.inputs.join("; "), s: "text" },
      { v: s.onRoster ? "Có" : "Không", s: "count" },
    ]),
  );
  return { name: "Tình trạng nộp", rows, widths: [5, 44, 18, 9, 8, 11, 13, 60, 14], freeze: { row: 1, col: 0 } };
}

export function writeCityWorkbook(result: MergeResult, opts: { lang?: Lang } = {}): Uint8Array {
  const city = result.city.result;
  const lay = templateLayout(templateById("pl02"), { unit: city.unit, values: result.city.rows });
  return writeXlsx([
    layoutSheet(lay, result.city.findings, opts.lang ?? "vi", city.sheet),
    detailSheet(result),
    statusSheet(result),
  ]);
}
