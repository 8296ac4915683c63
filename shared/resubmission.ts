/**
 * Which of a unit's several submissions the merge keeps, and why (issue 15, spec §5 v2), in order:
 * the one whose file name (or, within one workbook, its tab's name) says it is a correction
 * ("bổ sung", "sửa", "điều chỉnh", "thay thế", "cập nhật", "final", "lần N", "vN"; the higher N
 * wins), else the newest by the date saved in the workbook (docProps/core.xml dcterms:modified),
 * else the newest by the file's own time (the file system's, or the browser's `lastModified`), else
 * the one with the fewest errors. Path order decides nothing: when nothing decides, none is kept
 * (`index` -1) and the Sở is told to choose.
 */
import type { Text } from "./definition/schema";
import { fold } from "./text";

/**
 * Why an input was kept: a correction by name, the newest by the workbook's date or by the file's
 * time, the fewest errors; nothing decided ("undecided"); and among identical copies, the one
 * matched to the roster ("roster") or any ("same-content").
 */
export type KeepReasonKind =
  "correction" | "newest" | "file-time" | "fewest-errors" | "undecided" | "roster" | "same-content";

export interface KeepReason {
  kind: KeepReasonKind;
  text: Text;
}

/**
 * Folded words of a file name that mark a correction, with how they are written. Chosen for what
 * units write when they send again; "mới" (new) is left out: it is also part of names.
 */
const MARKS: { re: RegExp; shown: string }[] = [
  { re: /(?:^| )bo sung(?: |$)/, shown: "bổ sung" },
  { re: /(?:^| )sua(?: |$)/, shown: "sửa" },
  { re: /(?:^| )dieu chinh(?: |$)/, shown: "điều chỉnh" },
  { re: /(?:^| )thay the(?: |$)/, shown: "thay thế" },
  { re: /(?:^| )cap nhat(?: |$)/, shown: "cập nhật" },
  { re: /(?:^| )final(?: |$)/, shown: "final" },
];
const NTH = /(?:^| )(?:lan ?|v)(\d{1,2})(?: |$)/;

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
  const nthShown = nth && /^v/.test(nth[0].trim()) ? `v${n}` : `lần ${n}`;
  if (n >= 2) return { rank: n, shown: [...words, nthShown].join(", ") };
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
  /** ISO 8601 date the workbook says it was saved, or null. */
  modified?: string | null;
  /** ISO 8601 time of the file itself (file system, `File.lastModified`), or null. */
  fileTime?: string | null;
  /** Errors found in the input (every sheet of the unit). */
  errors?: number;
}

/** The one index of `among` whose key is strictly the highest, or -1. */
function strictlyTop(among: number[], key: (i: number) => number | null): number {
  const keys = among.map(key);
  if (keys.some((k) => k === null || Number.isNaN(k))) return -1;
  const top = Math.max(...(keys as number[]));
  return keys.filter((k) => k === top).length === 1 ? among[keys.indexOf(top)] : -1;
}

/**
 * The index of the submission to keep among `list`, and the reason: names decide first; among the
 * equally named, the workbook's dates when every one has a date and one is strictly the newest,
 * else the files' times the same way, else strictly the fewest errors; else no index (-1).
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
  const time = (iso: string | null | undefined) => (iso ? Date.parse(iso) : null);
  const byDate = strictlyTop(best, (i) => time(list[i].modified));
  if (byDate >= 0) {
    const when = savedAt(list[byDate].modified!);
    return {
      index: byDate,
      reason: {
        kind: "newest",
        text: {
          vi: `bản mới nhất theo ngày lưu ghi trong tệp (${when.vi})`,
          en: `the newest by the date saved in the file (${when.en})`,
        },
      },
    };
  }
  const byTime = strictlyTop(best, (i) => time(list[i].fileTime));
  if (byTime >= 0) {
    const when = savedAt(new Date(Date.parse(list[byTime].fileTime!)).toISOString());
    return {
      index: byTime,
      reason: {
        kind: "file-time",
        text: {
          vi: `tệp không ghi ngày lưu: bản mới nhất theo thời gian của tệp (${when.vi})`,
          en: `no saved date in the files: the newest by the file's own time (${when.en})`,
        },
      },
    };
  }
  const byErrors = strictlyTop(best, (i) => (list[i].errors === undefined ? null : -list[i].errors!));
  if (byErrors >= 0)
    return {
      index: byErrors,
      reason: {
        kind: "fewest-errors",
        text: {
          vi: `tên, ngày lưu và thời gian của tệp không phân định được: bản ít lỗi nhất (${list[byErrors].errors} lỗi)`,
          en: `neither names, saved dates nor file times decide: the one with the fewest errors (${list[byErrors].errors})`,
        },
      },
    };
  return {
    index: -1,
    reason: {
      kind: "undecided",
      text: {
        vi: 'tên, ngày lưu, thời gian của tệp và số lỗi đều không phân định được bản nào: chưa bản nào được tổng hợp — hãy bỏ bản thừa hoặc đặt tên bản sửa (ví dụ "… - sửa.xlsx")',
        en: 'neither names, saved dates, file times nor error counts decide: none is included — remove the extra copy or name the correction (e.g. "… - sửa.xlsx")',
      },
    },
  };
}
