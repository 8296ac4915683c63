/** The sheets a merge writes, by name: every host replaces them, and none of them is a unit's sheet. */
import { fold } from "./text";

export const CITY_SHEET_NAMES = {
  city: "Tổng hợp thành phố",
  detail: "Chi tiết theo đơn vị",
  status: "Tình trạng nộp",
  /** The Sở's conference: the units' lists of delegates and their Cơ cấu đại biểu (spec §5b). */
  conference: "Đại biểu Hội nghị của Sở",
  /** The city's figures in words for the Sở's report (shared/report/figures.ts). */
  report: "Số liệu cho báo cáo",
  /**
   * The report's charts and the numbers they are drawn from (shared/report/chart-sheet.ts), written
   * last by every host. Not plain "Biểu đồ": a merge replaces the sheets of these names, and a Sở
   * may keep charts of its own.
   */
  charts: "Biểu đồ tổng hợp",
} as const;

const CITY_KEYS = new Set(Object.values(CITY_SHEET_NAMES).map(fold));

/** One of the sheets a merge writes (compared as Excel and Sheets compare names). */
export function isCitySheet(name: string): boolean {
  return CITY_KEYS.has(fold(name));
}
