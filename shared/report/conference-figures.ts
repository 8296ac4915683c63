/**
 * The Sở's conference in words (spec §5b, issue 23): how many exemplary delegates the units sent,
 * by kind of unit, and the room left for guests and leaders. From a merge's result, or read back
 * from the sheet "Đại biểu Hội nghị của Sở" of a city workbook.
 */
import type { Cell, Grid } from "../cell";
import { type ConferenceResult, guestsRoom, SO_CONFERENCE_MAX } from "../conference";
import { formatNumber, type Lang } from "../finding";
import { fold } from "../text";
import type { ReportBlock } from "./figures";

export interface ConferenceFigures {
  delegates: number;
  guestsRoom: number;
  /** Per kind of unit (the roster's "Trường THPT", …; null: not on the roster), units with a list. */
  byType: { type: string | null; units: number; people: number; collectives: number; individuals: number }[];
  missingLists: number;
}

const TYPES = ["Trường THPT", "Đơn vị trực thuộc", "Phòng GDĐT", null] as const;

function tally(units: { type: string | null; kinds: (string | null)[] }[], missing: number): ConferenceFigures {
  const byType = TYPES.map((type) => {
    const these = units.filter((u) => (u.type ?? null) === type);
    const kinds = these.flatMap((u) => u.kinds);
    return {
      type,
      units: these.length,
      people: kinds.length,
      collectives: kinds.filter((k) => k === "collective").length,
      individuals: kinds.filter((k) => k === "individual").length,
    };
  }).filter((t) => t.units > 0);
  const delegates = units.reduce((n, u) => n + u.kinds.length, 0);
  return { delegates, guestsRoom: guestsRoom(delegates), byType, missingLists: missing };
}

/** The figures of a merge's conference: the units that sent a list. */
export function conferenceFigures(c: ConferenceResult): ConferenceFigures {
  const units = c.units.filter((u) => u.list).map((u) => ({ type: u.type, kinds: u.list!.people.map((p) => p.kind) }));
  return tally(units, c.missingLists.length);
}

const KIND_BY_TEXT = new Map([
  ["dai bieu", "delegate"],
  ["tap the tieu bieu", "collective"],
  ["ca nhan tieu bieu", "individual"],
]);

/**
 * The figures read back from the sheet a merge wrote (conference-sheet.ts): a unit's line carries
 * its name and kind, each person's line its number in column A and its kind; null when the sheet
 * holds no such table.
 */
export function conferenceFiguresFromSheet(grid: Grid): ConferenceFigures | null {
  const text = (v: Cell | undefined) => (typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : "");
  const header = grid.rows.findIndex((r) => fold(text(r?.[0])) === "stt" && fold(text(r?.[1])) === "don vi");
  if (header < 0) return null;
  const kindCol = (grid.rows[header] ?? []).findIndex((v) => fold(text(v)) === "loai");
  const units: { type: string | null; kinds: (string | null)[]; listed: boolean }[] = [];
  for (const row of grid.rows.slice(header + 1)) {
    const unit = text(row?.[1]);
    if (fold(unit) === "tong cong") break;
    if (unit) {
      const type = text(row?.[2]);
      units.push({
        type: TYPES.find((t) => t === type) ?? null,
        kinds: [],
        listed: !/^chua gui/.test(fold(text(row?.[3]))),
      });
    } else if (typeof row?.[0] === "number" && units.length > 0)
      units[units.length - 1].kinds.push(KIND_BY_TEXT.get(fold(text(row?.[kindCol]))) ?? null);
  }
  // "Đơn vị chưa gửi danh sách đại biểu" | 2 | "Trường …; …" above the table
  const missingRow = grid.rows.slice(0, header).find((r) => /^don vi chua gui danh sach/.test(fold(text(r?.[0]))));
  const missing = Number(missingRow?.find((v, i) => i > 0 && typeof v === "number") ?? 0);
  return tally(
    units.filter((u) => u.listed),
    missing,
  );
}

const TYPE_NAME: Record<Lang, (type: string | null, n: number) => string> = {
  vi: (type, n) =>
    `${n} ${type === null ? "đơn vị khác" : type === "Trường THPT" ? "trường THPT" : type === "Đơn vị trực thuộc" ? "đơn vị trực thuộc" : "Phòng GDĐT"}`,
  en: (type, n) =>
    `${n} ${type === null ? "other unit(s)" : type === "Trường THPT" ? "high school(s)" : type === "Đơn vị trực thuộc" ? "unit(s) under the Department" : "district office(s)"}`,
};

/** A heading and a paragraph: D by kind of unit, the room left, the lists still missing. */
export function conferenceBlocks(f: ConferenceFigures, lang: Lang): ReportBlock[] {
  const n = (x: number) => formatNumber(x, lang);
  const parts = f.byType.map((t) => {
    const who = TYPE_NAME[lang](t.type, t.units);
    const nominees =
      t.collectives + t.individuals > 0
        ? lang === "vi"
          ? ` (${n(t.collectives)} tập thể và ${n(t.individuals)} cá nhân tiêu biểu)`
          : ` (${n(t.collectives)} collective(s) and ${n(t.individuals)} individual(s))`
        : "";
    return lang === "vi" ? `${n(t.people)} của ${who}${nominees}` : `${n(t.people)} from ${who}${nominees}`;
  });
  const total = f.delegates + f.guestsRoom;
  const text =
    lang === "vi"
      ? `Các đơn vị cử ${n(f.delegates)} đại biểu điển hình tiên tiến dự Hội nghị của Sở${parts.length ? `: ${parts.join("; ")}` : ""}. ` +
        (f.delegates > SO_CONFERENCE_MAX
          ? `Số này đã vượt mức tối đa ${n(SO_CONFERENCE_MAX)} đại biểu của Hội nghị; cần rút bớt, không còn chỗ cho khách mời.`
          : `Hội nghị có tối đa ${n(SO_CONFERENCE_MAX)} đại biểu, đại biểu điển hình tiên tiến chiếm ít nhất 70 %: còn mời được tối đa ${n(f.guestsRoom)} đại biểu khách mời, lãnh đạo các cấp, tổng cộng tối đa ${n(total)} đại biểu.`) +
        (f.missingLists > 0 ? ` Còn ${n(f.missingLists)} đơn vị chưa gửi danh sách đại biểu.` : "")
      : `The units send ${n(f.delegates)} exemplary delegate(s) to the Department's conference${parts.length ? `: ${parts.join("; ")}` : ""}. ` +
        (f.delegates > SO_CONFERENCE_MAX
          ? `That is over the conference's ${n(SO_CONFERENCE_MAX)}; some must be dropped, and no guests can be invited.`
          : `The conference holds at most ${n(SO_CONFERENCE_MAX)}, at least 70% of them exemplars: at most ${n(f.guestsRoom)} guests and leaders may be invited, ${n(total)} delegates in all.`) +
        (f.missingLists > 0 ? ` ${n(f.missingLists)} unit(s) have not sent their list of delegates.` : "");
  return [
    {
      kind: "heading",
      text: lang === "vi" ? "Đại biểu dự Hội nghị của Sở" : "Delegates to the Department's conference",
    },
    { kind: "paragraph", text },
  ];
}
