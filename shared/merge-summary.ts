/**
 * The one summary of a merge (spec §5 v2): every count a host shows — submitted, not submitted,
 * blank, with errors, included, held out, unreadable, skipped — computed here once, from the same
 * status rows the sheet "Tình trạng nộp" lists, with its words in Vietnamese and English that
 * every host shows as they are.
 */
import type { Bilingual } from "./bilingual";
import type { MergeResult } from "./consolidate";
import { countBySeverity, formatNumber } from "./finding";

export interface MergeSummary {
  /** Units that sent a table that is not blank (on the roster or not). */
  submitted: number;
  /**
   * Roster units that sent nothing or only a blank table (a unit whose file could not be read is
   * counted in `unreadable`, as its status row says); null when the roster is not known complete.
   */
  notSubmitted: number | null;
  /** Units that sent only blank tables ("nộp bảng trống"), counted in `notSubmitted` too. */
  blank: number;
  /** Units whose input (the one kept) has errors on any of its sheets, Cơ cấu đại biểu included. */
  withErrors: number;
  /** Inputs in the city total: one per unit. */
  included: number;
  /** Units outside the roster held out of the total until confirmed. */
  heldOut: number;
  /** Inputs left out as copies of another table or as a unit's other version. */
  duplicates: number;
  /** Files (or sheets) that could not be read. */
  unreadable: number;
  /** Files that are not spreadsheets, skipped. */
  skipped: number;
  cityErrors: number;
  cityWarnings: number;
  /** The city's grand total of commendations (row TONG, column total). */
  cityTotal: number;
  rosterComplete: boolean;
  rosterSource: string | null;
  /** The summary in words, one line each, as every host shows it. */
  lines: { vi: string[]; en: string[] };
}

type Parts = Omit<MergeResult, "summary">;

export function summarizeMerge(m: Parts): MergeSummary {
  const rows = m.status;
  const city = countBySeverity(m.city.findings);
  const s: Omit<MergeSummary, "lines"> = {
    submitted: rows.filter((r) => r.submitted).length,
    notSubmitted: m.roster.complete ? m.missing.length : null,
    blank: rows.filter((r) => r.blank).length,
    withErrors: rows.filter((r) => (r.errors ?? 0) > 0).length,
    included: m.units.filter((u) => u.included).length,
    heldOut: rows.filter((r) => r.heldOut).length,
    duplicates: m.units.filter((u) => u.excluded === "duplicate" || u.excluded === "duplicate-content").length,
    unreadable: m.findings.filter((f) => f.rule === "MERGE_UNREADABLE").length,
    skipped: m.skipped.length,
    cityErrors: city.errors,
    cityWarnings: city.warnings,
    cityTotal: m.city.rows.TONG?.total ?? 0,
    rosterComplete: m.roster.complete,
    rosterSource: m.roster.source,
  };
  return { ...s, lines: summaryLines(s, m.skipped) };
}

/** How many skipped files a summary names before "and N others". */
export const SKIPPED_NAMED = 5;

/** English plurals: "1 unit", "2 units". */
const count = (n: number, word: string) => `${formatNumber(n, "en")} ${word}${n === 1 ? "" : "s"}`;
const units = (n: number) => count(n, "unit");

function summaryLines(s: Omit<MergeSummary, "lines">, skipped: readonly string[]): { vi: string[]; en: string[] } {
  const vi: string[] = [];
  const en: string[] = [];
  // Counts as each language writes them (227.739 / 227,739): the one formatter of shared/finding.ts.
  const nv = (n: number) => formatNumber(n, "vi");
  const ne = (n: number) => formatNumber(n, "en");
  const add = (t: Bilingual) => {
    vi.push(t.vi);
    en.push(t.en);
  };
  add({
    vi: `Tổng hợp: ${nv(s.included)} đơn vị được tính vào tổng thành phố.`,
    en: `Consolidated: ${units(s.included)} in the city total.`,
  });
  // A folder of 500 documents is one line, not 500 names.
  const shown = skipped.slice(0, SKIPPED_NAMED).join(", ");
  const more = skipped.length - SKIPPED_NAMED;
  const named =
    more > 0
      ? { vi: `${shown} và ${more} tệp khác`, en: `${shown} and ${count(more, "other")}` }
      : { vi: shown, en: shown };
  const source = s.rosterSource ? ` (${s.rosterSource})` : "";
  add(
    s.notSubmitted === null
      ? {
          vi: `Đã nộp: ${nv(s.submitted)} đơn vị; nộp bảng trống: ${nv(s.blank)}. Danh sách đơn vị chưa đầy đủ${source}: không xác định được đơn vị nào chưa nộp.`,
          en: `Submitted: ${units(s.submitted)}; blank tables: ${ne(s.blank)}. The roster is not complete${source}: units that sent nothing cannot be told.`,
        }
      : {
          vi: `Đã nộp: ${nv(s.submitted)} đơn vị; chưa nộp: ${nv(s.notSubmitted)} (trong đó ${nv(s.blank)} nộp bảng trống).`,
          en: `Submitted: ${units(s.submitted)}; not submitted: ${ne(s.notSubmitted)} (of which ${ne(s.blank)} sent a blank table).`,
        },
  );
  add({
    vi: `Có lỗi: ${nv(s.withErrors)} đơn vị; bản trùng bị loại: ${nv(s.duplicates)}; không đọc được: ${nv(s.unreadable)}.`,
    en: `With errors: ${units(s.withErrors)}; duplicates left out: ${ne(s.duplicates)}; unreadable: ${ne(s.unreadable)}.`,
  });
  if (s.heldOut > 0)
    add({
      vi: `Chưa xác nhận — không tính vào tổng: ${nv(s.heldOut)} đơn vị ngoài danh sách (muốn tính: bật "Tính cả đơn vị ngoài danh sách", dòng lệnh --include-unknown, hoặc thêm vào danh sách).`,
      en: `Not confirmed — left out of the total: ${units(s.heldOut)} not on the roster (to include them: turn on "Include units not on the roster", --include-unknown on the command line, or add them to the roster).`,
    });
  if (skipped.length > 0)
    add({
      vi: `Bỏ qua ${nv(skipped.length)} tệp không phải bảng tính: ${named.vi}.`,
      en: `Skipped ${count(skipped.length, "file")} that ${skipped.length === 1 ? "is not a spreadsheet" : "are not spreadsheets"}: ${named.en}.`,
    });
  add({
    vi: `Bảng tổng hợp thành phố: ${nv(s.cityErrors)} lỗi, ${nv(s.cityWarnings)} cảnh báo; tổng số lượt khen thưởng: ${nv(s.cityTotal)}.`,
    en: `City table: ${count(s.cityErrors, "error")}, ${count(s.cityWarnings, "warning")}; commendations in all: ${ne(s.cityTotal)}.`,
  });
  return { vi, en };
}
