/**
 * Sheet "Đại biểu Hội nghị của Sở" (spec §5b) as host-neutral data: the two totals, the units
 * that sent no list, then every person and collective grouped by unit, each unit's Cơ cấu đại
 * biểu figures on its line and their totals at the bottom. The conference's findings mark the
 * cells they are about and become notes, as on the other output sheets.
 */
import { address } from "./address";
import { type ConferenceResult, kindText, SO_CONFERENCE_MAX } from "./conference";
import { findingMessage, type Lang } from "./finding";
import type { OutCell, OutSheet } from "./output-sheets";
import { LINE_PT, ROW_PAD_PT, wrappedLines } from "./print-setup";
import { STYLE_LOOK, textScale } from "./style-look";
import { templateById } from "./template";

const GENDER_VI: Record<string, string> = { male: "Nam", female: "Nữ" };

export function conferenceSheet(name: string, c: ConferenceResult, lang: Lang = "vi"): OutSheet {
  const db = templateById("daibieu").rows;
  const fixed = [
    "STT",
    "Đơn vị",
    "Loại đơn vị",
    "Họ và tên (tên tập thể)",
    "Năm sinh",
    "Giới tính",
    "Chức vụ, đơn vị công tác",
    "Loại",
    "Danh hiệu, hình thức khen thưởng cao nhất (năm)",
    "Tóm tắt thành tích",
    "Nguồn (tệp › trang, dòng)",
  ];
  const NAME = 3;
  const width = fixed.length + db.length;
  const rows: OutCell[][] = [];
  const notes = new Map<string, string>();
  const mark = (r: number, col: number, severity: "error" | "warning", text: string) => {
    const cell = rows[r][col];
    cell.s = severity;
    const ref = address(r, col);
    notes.set(ref, notes.has(ref) ? `${notes.get(ref)}\n${text}` : text);
  };
  const line = (label: string, v: string | number, s: OutCell["s"] = "count"): OutCell[] => [
    { v: label, s: "bold" },
    ...Array.from({ length: 3 }, (): OutCell => ({ v: null })),
    { v, s },
  ];
  rows.push([{ v: "ĐẠI BIỂU HỘI NGHỊ ĐIỂN HÌNH TIÊN TIẾN CỦA SỞ GDĐT HẢI PHÒNG", s: "title" }]);
  rows.push(line("Đại biểu điển hình tiên tiến các đơn vị cử (D)", c.delegates));
  const dRow = rows.length - 1;
  rows.push(line(`Khách mời, lãnh đạo các cấp mời thêm tối đa: min(${SO_CONFERENCE_MAX} − D, ⌊3D / 7⌋)`, c.guestsRoom));
  rows.push(line("Tổng số đại biểu tối đa của Hội nghị", c.delegates + c.guestsRoom));
  // the count flagged, the names beside it (a centred long text would spill over the labels)
  rows.push([
    ...line("Đơn vị chưa gửi danh sách đại biểu", c.missingLists.length, c.missingLists.length ? "missing" : "count"),
    { v: c.missingLists.join("; "), s: "text" },
  ]);
  const missingRow = rows.length - 1;
  rows.push([]);
  const headerRow = rows.length;
  rows.push([
    ...fixed.map((v): OutCell => ({ v, s: "header" })),
    ...db.map((r): OutCell => ({ v: `${r.code}. ${r.label}`, s: "header" })),
  ]);
  // The names wrap across F..K; the header row is as tall as its longest wrapped label.
  const widths = [5, 34, 16, 26, 9, 8, 30, 16, 30, 50, 40, ...db.map(() => 12)];
  const namesWidth = widths.slice(5, fixed.length).reduce((a, b) => a + b, 0);
  const linesIn = (text: string, w: number, style: "text" | "header") =>
    wrappedLines(text, (w - 1) / textScale(STYLE_LOOK[style]));
  const headerLines = Math.max(...rows[headerRow].map((cell, col) => linesIn(String(cell.v), widths[col], "header")));
  const heights = new Map([
    [missingRow, Math.max(1, linesIn(c.missingLists.join("; "), namesWidth, "text")) * LINE_PT + ROW_PAD_PT],
    [headerRow, headerLines * LINE_PT + ROW_PAD_PT],
  ]);
  const where = new Map<string, number>(); // "unit|row" → sheet row of that person
  let n = 0;
  for (const u of c.units) {
    rows.push([
      { v: "", s: "groupText" },
      { v: u.unit, s: "groupText" },
      { v: u.type ?? "", s: "groupText" },
      {
        v: u.list ? `${u.list.people.length} người / tập thể` : "Chưa gửi danh sách",
        s: u.list ? "groupText" : "missing",
      },
      ...Array.from({ length: fixed.length - 4 }, (): OutCell => ({ v: "", s: "groupText" })),
      ...db.map((r): OutCell => ({ v: u.daibieu ? (u.daibieu.values[r.code] ?? 0) : "", s: "groupCount" })),
    ]);
    for (const p of u.list?.people ?? []) {
      where.set(`${u.unit}|${p.row}`, rows.length);
      heights.set(rows.length, 45); // three wrapped lines: the summary of achievements
      rows.push([
        { v: ++n, s: "count" },
        { v: "", s: "text" },
        { v: "", s: "text" },
        { v: p.name, s: "text" },
        { v: p.birthYear ?? "", s: "count" },
        { v: p.gender ? GENDER_VI[p.gender] : "", s: "count" },
        { v: p.position, s: "text" },
        { v: kindText(p.kind), s: "text" },
        { v: p.award, s: "text" },
        { v: p.summary, s: "text" },
        { v: `${u.file} › ${u.list!.sheet}, dòng ${p.row}`, s: "text" },
      ]);
    }
  }
  rows.push([
    { v: "", s: "totalText" },
    { v: "Tổng cộng", s: "totalText" },
    { v: "", s: "totalText" },
    { v: c.delegates, s: "groupCount" },
    ...Array.from({ length: fixed.length - 4 }, (): OutCell => ({ v: "", s: "totalText" })),
    ...db.map((r): OutCell => ({ v: c.daibieuTotals[r.code] ?? 0, s: "groupCount" })),
  ]);
  c.findings.forEach((f, i) => {
    const text = `[${f.rule}] ${findingMessage(f, lang)}`;
    if (f.rule === "MERGE_DELEGATES_OVER") mark(dRow, 4, "error", text);
    for (const p of c.repeats) {
      const r = p.finding === i ? where.get(`${p.unit}|${p.row}`) : undefined;
      if (r !== undefined) mark(r, NAME, "warning", text);
    }
  });
  return {
    name,
    rows,
    widths,
    heights,
    merges: [
      { top: 0, bottom: 0, left: 0, right: Math.min(width - 1, 10) },
      { top: missingRow, bottom: missingRow, left: 5, right: fixed.length - 1 },
    ],
    // rows only: Sheets freezes no column through the title merged across (as on the city sheet)
    freeze: { row: headerRow + 1, col: 0 },
    notes,
  };
}
