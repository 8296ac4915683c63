/**
 * Which of a unit's several submissions the merge keeps, and why (issue 15): the one whose file
 * name (or, within one workbook, its tab's name) says it is a resubmission ("bổ sung", "lần 2",
 * "sửa", "điều chỉnh", "thay thế"; the higher "lần N" wins), else the newest by the date saved in the file (docProps/core.xml
 * dcterms:modified), else the spec §5 tie-break: the first in sorted path order, then sheet order.
 */
import type { Text } from "./definition/schema";
import { fold } from "./text";

export type KeepReasonKind = "correction" | "newest" | "path";

export interface KeepReason {
  kind: KeepReasonKind;
  text: Text;
}

/** Folded words of a file name that mark a resubmission, with how they are written. */
const MARKS: { re: RegExp; shown: string }[] = [
  { re: /(?:^| )bo sung(?: |$)/, shown: "bổ sung" },
  { re: /(?:^| )sua(?: |$)/, shown: "sửa" },
  { re: /(?:^| )dieu chinh(?: |$)/, shown: "điều chỉnh" },
  { re: /(?:^| )thay the(?: |$)/, shown: "thay thế" },
];
const NTH = /(?:^| )lan ?(\d{1,2})(?: |$)/;

/** A word with no number is at least a second sending; "lần N" says which. */
const UNNUMBERED_RANK = 2;

/**
 * How strongly a file's name (not its folder) says it is a resubmission: 0 not at all, N for
 * "lần N" (N ≥ 2), 2 for the other words; `shown` is the word as the user would write it.
 */
export function correctionMark(path: string): { rank: number; shown: string } | null {
  const base = path.split(/[\\/]/).pop() ?? path;
  const name = fold(base.replace(/\.[^.]+$/, ""));
  const words = MARKS.filter((m) => m.re.test(name)).map((m) => m.shown);
  const nth = NTH.exec(name);
  const n = nth ? Number(nth[1]) : 0;
  if (n >= 2) return { rank: n, shown: [...words, `lần ${n}`].join(", ") };
  return words.length > 0 ? { rank: UNNUMBERED_RANK, shown: words.join(", ") } : null;
}

/** "2025-03-02T10:15:00.000Z" → "02/03/2025 10:15 UTC" (vi) / "2025-03-02 10:15 UTC" (en). */
export function savedAt(iso: string): Text {
  const [d, time] = iso.split("T");
  const [y, m, day] = d.split("-");
  const hm = time.slice(0, 5);
  return { vi: `${day}/${m}/${y} ${hm} UTC`, en: `${d} ${hm} UTC` };
}

export interface Candidate {
  file: string;
  /** The sheet's name: in one workbook (the Excel and Sheets merges) the tab's name is all there is. */
  sheet?: string;
  /** ISO 8601 date the file says it was saved, or null. */
  modified?: string | null;
}

/**
 * The index of the submission to keep among `list` (given in sorted path order, then sheet
 * order), and the reason. Names decide first; among the equally named, dates decide when every
 * one of them has a date and one is strictly the newest; otherwise the first in path order.
 */
export function pickSubmission(list: readonly Candidate[]): { index: number; reason: KeepReason } {
  const marks = list.map((c) => {
    const byFile = correctionMark(c.file);
    const bySheet = c.sheet ? correctionMark(c.sheet) : null;
    return bySheet && bySheet.rank > (byFile?.rank ?? 0)
      ? { ...bySheet, of: "sheet" }
      : byFile && { ...byFile, of: "file" };
  });
  const ranks = marks.map((m) => m?.rank ?? 0);
  const top = Math.max(...ranks);
  const best = list.map((_, i) => i).filter((i) => ranks[i] === top);
  if (top > 0 && best.length === 1) {
    const { shown, of } = marks[best[0]]!;
    return {
      index: best[0],
      reason: {
        kind: "correction",
        text: {
          vi: `tên ${of === "file" ? "tệp" : "trang tính"} ghi là bản nộp lại ("${shown}")`,
          en: `its ${of === "file" ? "file" : "sheet"} name marks it as a resubmission ("${shown}")`,
        },
      },
    };
  }
  const dates = best.map((i) => list[i].modified ?? null);
  if (dates.every((d) => d !== null)) {
    const times = dates.map((d) => Date.parse(d!));
    const newest = Math.max(...times);
    const at = times.filter((t) => t === newest).length === 1 ? times.indexOf(newest) : -1;
    if (at >= 0 && best.length > 1) {
      const when = savedAt(dates[at]!);
      return {
        index: best[at],
        reason: {
          kind: "newest",
          text: {
            vi: `bản mới nhất theo ngày lưu ghi trong tệp (${when.vi})`,
            en: `the newest by the date saved in the file (${when.en})`,
          },
        },
      };
    }
  }
  return {
    index: best[0],
    reason: {
      kind: "path",
      text: {
        vi: "tên và ngày lưu không phân định được: lấy bản đầu tiên theo thứ tự đường dẫn, rồi thứ tự trang",
        en: "neither names nor saved dates decide: the first in sorted path order, then sheet order",
      },
    },
  };
}
