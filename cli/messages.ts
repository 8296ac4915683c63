/**
 * The command-line tool's words, Vietnamese first (English with --lang en), one table for every
 * command. Findings, read errors and notices carry their own two languages.
 */
import { CITY_SHEET_NAMES, type Lang } from "../shared";

const vi = {
  /** The console summary of `check` and `merge` (cli/summary.ts). */
  summary: {
    file: "Tệp",
    sheet: "Trang",
    unit: "Đơn vị",
    none: "(chưa ghi)",
    errors: "lỗi",
    warnings: "cảnh báo",
    unreadable: "KHÔNG ĐỌC ĐƯỢC",
    ok: "không có lỗi",
    total: "Tổng cộng",
    files: "tệp",
    withErrors: "tệp có lỗi",
    changed: (n: number) => (n === 0 ? "không khác ô nào" : `${n} ô khác`),
    toFix: (n: number) => `${n} ô cần sửa`,
  },
  check: {
    noFreeName: "không ghi được bản đánh dấu: mọi tên dự kiến đều đã có (dùng --force để ghi đè)",
    copyRenamed: (file: string, target: string, usual: string) =>
      `${file}: bản đánh dấu ghi thành ${target} (${usual} là tệp đầu vào hoặc đã có)`,
    cannotWriteCopy: (target: string, why: string) => `không ghi được ${target} (${why})`,
    copiesWritten: (n: number, dir: string) => `Đã ghi ${n} bản đánh dấu vào ${dir}`,
  },
  merge: {
    hiddenLeftOut: (file: string, sheet: string) =>
      `${file}: bỏ qua trang ẩn "${sheet}" (dùng --include-hidden để tổng hợp cả trang ẩn)`,
    cannotWrite: (why: string) => `không ghi được (${why})`,
    nothingIncluded:
      "Không có đơn vị nào được tính vào tổng, nên không ghi bảng tổng hợp thành phố. Xem các thông báo ở trên (đơn vị ngoài danh sách: dùng --include-unknown; bảng trống hoặc bản trùng: gửi lại bảng có số liệu).",
    cityWritten: "Đã ghi bảng tổng hợp thành phố",
    cityFindings: (e: number, w: number) => `Bảng tổng hợp thành phố có ${e} lỗi, ${w} cảnh báo:`,
    conference: (d: number, room: number, lists: number) =>
      `Hội nghị của Sở: ${lists} đơn vị gửi danh sách, cử ${d} đại biểu điển hình tiên tiến; mời thêm tối đa ${room} khách mời, lãnh đạo (min(300 − D, ⌊3D/7⌋))`,
    missingLists: (names: string[]) => `Chưa gửi danh sách đại biểu: ${names.length} đơn vị (${names.join("; ")})`,
  },
  diff: {
    compare: "So sánh",
    unit: "Đơn vị",
    noUnit: "(không ghi đơn vị)",
    same: "Hai bảng giống nhau: không khác ô nào",
    differ: (n: number) => `${n} ô khác:`,
    otherUnit: (a: string, b: string) =>
      `Chú ý: hai tệp ghi hai đơn vị khác nhau ("${a}" và "${b}"); vẫn so sánh từng ô`,
    firstTable: (file: string, sheet: string, n: number) =>
      `${file}: có ${n} bảng Phụ lục 02; so sánh bảng đầu tiên (trang "${sheet}")`,
  },
  /** `report`: the Sở's report (cli/commands/report.ts). */
  report: {
    noCity: (f: string) =>
      `${f}: không có bảng Phụ lục 02 trên trang "${CITY_SHEET_NAMES.city}" (tệp do phuluc02 merge ghi) — kiểm tra lại tệp`,
    noTable: "Không có bảng Phụ lục 02 nào đọc được trong các tệp đã chỉ ra",
    written: (f: string, n: number) => `Đã ghi báo cáo: ${f}${n ? ` (kèm ${n} biểu đồ .svg cùng thư mục)` : ""}`,
    caution: (n: number) => `Lưu ý: bảng số liệu còn ${n} lỗi; báo cáo đã ghi rõ điều này cạnh số liệu và biểu đồ.`,
    chartStem: "bieu-do",
    skipped: (f: string, sheet: string) =>
      `${f}: bỏ qua trang "${sheet}" (kết quả tổng hợp, không phải bảng của đơn vị)`,
  },
};

export type Strings = typeof vi;

const en: Strings = {
  summary: {
    file: "File",
    sheet: "Sheet",
    unit: "Unit",
    none: "(not named)",
    errors: "errors",
    warnings: "warnings",
    unreadable: "UNREADABLE",
    ok: "no errors",
    total: "Total",
    files: "files",
    withErrors: "files with errors",
    changed: (n: number) => (n === 0 ? "no cell differs" : `${n} cell(s) differ`),
    toFix: (n: number) => `${n} cell(s) to correct`,
  },
  check: {
    noFreeName: "no annotated copy written: every candidate name exists (use --force to overwrite)",
    copyRenamed: (file: string, target: string, usual: string) =>
      `${file}: annotated copy written as ${target} (${usual} is an input or exists)`,
    cannotWriteCopy: (target: string, why: string) => `cannot write ${target} (${why})`,
    copiesWritten: (n: number, dir: string) => `${n} annotated copies written to ${dir}`,
  },
  merge: {
    hiddenLeftOut: (file: string, sheet: string) =>
      `${file}: hidden sheet "${sheet}" left out (use --include-hidden to merge hidden sheets)`,
    cannotWrite: (why: string) => `cannot write (${why})`,
    nothingIncluded:
      "No unit is included in the total, so no city workbook was written. See the messages above (units not on the roster: use --include-unknown; blank or duplicate tables: ask for a filled table).",
    cityWritten: "City workbook written",
    cityFindings: (e: number, w: number) => `The city table has ${e} error(s), ${w} warning(s):`,
    conference: (d: number, room: number, lists: number) =>
      `The Department's conference: ${lists} unit(s) sent lists naming ${d} exemplary delegate(s); at most ${room} guests and leaders may be added (min(300 − D, ⌊3D/7⌋))`,
    missingLists: (names: string[]) => `No list of delegates from ${names.length} unit(s) (${names.join("; ")})`,
  },
  diff: {
    compare: "Comparing",
    unit: "Unit",
    noUnit: "(no unit named)",
    same: "The two tables are equal: no cell differs",
    differ: (n: number) => `${n} cell(s) differ:`,
    otherUnit: (a: string, b: string) =>
      `Note: the two files name different units ("${a}" and "${b}"); compared anyway`,
    firstTable: (file: string, sheet: string, n: number) =>
      `${file}: ${n} Phụ lục 02 tables; the first one is compared (sheet "${sheet}")`,
  },
  report: {
    noCity: (f: string) =>
      `${f}: no Annex 02 table on the sheet "${CITY_SHEET_NAMES.city}" (written by phuluc02 merge)`,
    noTable: "None of the inputs holds a readable Annex 02 table",
    written: (f: string, n: number) => `Report written: ${f}${n ? ` (with ${n} .svg charts beside it)` : ""}`,
    caution: (n: number) => `Note: the table has ${n} errors; the report says so next to the figures and charts.`,
    chartStem: "chart",
    skipped: (f: string, sheet: string) => `${f}: sheet "${sheet}" left out (a merge's output, not a unit's table)`,
  },
};

export const STRINGS: Record<Lang, Strings> = { vi, en };
