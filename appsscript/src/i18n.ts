/** Menu and messages: Vietnamese, or English when the spreadsheet's locale is not Vietnamese. */
import type { Lang } from "../../shared";

const vi = {
  menu: "Phụ lục 02",
  checkSheet: "Kiểm tra trang này",
  checkAll: "Kiểm tra tất cả",
  merge: "Hợp nhất các đơn vị",
  mergeIncludeUnknown: "Hợp nhất (tính cả đơn vị ngoài danh sách)",
  template: "Tạo trang mẫu",
  delegateTemplates: "Tạo trang Cơ cấu và Danh sách đại biểu",
  protect: "Khóa cấu trúc mẫu",
  sidebar: "Bảng lỗi",
  title: "Phụ lục 02",
  noTable: (sheet: string) => `Trang "${sheet}" không có bảng Phụ lục 02.`,
  checked: (sheet: string, errors: number, warnings: number) => `"${sheet}": ${errors} lỗi, ${warnings} cảnh báo.`,
  checkedAll: (tabs: number, errors: number, warnings: number) =>
    `Đã kiểm tra ${tabs} trang: ${errors} lỗi, ${warnings} cảnh báo.`,
  busy: "Đang có người khác hợp nhất. Hãy thử lại sau ít phút.",
  busyMarks: "một người khác đang được cấp vùng đánh dấu; hãy sửa lại ô vừa nhập",
  reading: (done: number, total: number) => `Đang đọc ${done}/${total} trang…`,
  /** The core's summary lines (shared merge-summary.ts), as they are, then where to look. */
  merged: (lines: readonly string[]) => `${lines.join("\n")}\nXem trang "Tình trạng nộp" và "Tổng hợp thành phố".`,
  created: (name: string) => `Đã tạo trang "${name}".`,
  createdMany: (names: readonly string[]) => `Đã tạo các trang ${names.map((n) => `"${n}"`).join(" và ")}.`,
  protected: (sheet: string) => `Đã khóa cấu trúc trang "${sheet}": chỉ các ô số liệu và tên đơn vị được sửa.`,
  failed: (what: string) => `Phụ lục 02: không làm được (${what}).`,
  noUnits: "Không có trang nào chứa bảng Phụ lục 02 để hợp nhất.",
  noneIncluded: (lines: readonly string[]) =>
    `Không có đơn vị nào được tính vào tổng: chưa ghi trang tổng hợp nào.\n${lines.join("\n")}`,
};

export type Strings = typeof vi;

const en: Strings = {
  menu: "Phụ lục 02",
  checkSheet: "Check this sheet",
  checkAll: "Check all sheets",
  merge: "Consolidate the units",
  mergeIncludeUnknown: "Consolidate (include units not on the roster)",
  template: "New template sheet",
  delegateTemplates: "New delegate structure and delegate list sheets",
  protect: "Lock the template's structure",
  sidebar: "Findings",
  title: "Annex 02",
  noTable: (sheet) => `Sheet "${sheet}" holds no Annex 02 table.`,
  checked: (sheet, errors, warnings) => `"${sheet}": ${errors} error(s), ${warnings} warning(s).`,
  checkedAll: (tabs, errors, warnings) => `Checked ${tabs} sheet(s): ${errors} error(s), ${warnings} warning(s).`,
  busy: "Someone else is consolidating. Try again in a few minutes.",
  busyMarks: "someone else is being given a highlight block; edit the cell again",
  reading: (done, total) => `Reading ${done}/${total} sheets…`,
  merged: (lines) => `${lines.join("\n")}\nSee the sheets "Tình trạng nộp" and "Tổng hợp thành phố".`,
  created: (name) => `Created sheet "${name}".`,
  createdMany: (names) => `Created the sheets ${names.map((n) => `"${n}"`).join(" and ")}.`,
  protected: (sheet) => `Locked the structure of "${sheet}": only counts and the unit name can be edited.`,
  failed: (what) => `Annex 02: could not finish (${what}).`,
  noUnits: "No sheet holds an Annex 02 table to consolidate.",
  noneIncluded: (lines) => `No unit is in the city total: no output sheet was written.\n${lines.join("\n")}`,
};

const STRINGS: Record<Lang, Strings> = { vi, en };

export function langOf(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): Lang {
  return /^vi/i.test(ss.getSpreadsheetLocale() || "vi") ? "vi" : "en";
}

export function strings(lang: Lang): Strings {
  return STRINGS[lang];
}
