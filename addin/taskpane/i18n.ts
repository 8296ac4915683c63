/** The pane's words, Vietnamese first. Findings carry their own vi/en messages. */
import { createContext, useContext } from "react";
import type { Lang } from "../../shared";

const vi = {
  title: "Phụ lục 02 – Khen thưởng",
  english: "English",
  tabCheck: "Kiểm tra",
  tabMerge: "Hợp nhất",
  checkSheet: "Kiểm tra trang này",
  autoCheck: "Tự kiểm tra khi gõ",
  newTemplate: "Tạo mẫu",
  withDaibieu: "Kèm trang Cơ cấu đại biểu",
  templateMade: (names: string) => `Đã tạo trang: ${names}`,
  errors: "Lỗi",
  warnings: "Cảnh báo",
  noTable: "Trang này không có bảng Phụ lục 02.",
  allGood: "Không có lỗi nào. Bảng đúng mẫu.",
  checked: (sheet: string) => `Đã kiểm tra trang "${sheet}"`,
  truncated: "Trang có dữ liệu ngoài vùng A1:AX400; chỉ vùng này được kiểm tra.",
  actionFailed: (why: string) => `Excel không thực hiện được yêu cầu: ${why}`,
  row: "Dòng",
  otherRows: "Ngoài bảng",
  basis: "Căn cứ",
  unitSheets: "Các trang của đơn vị",
  scan: "Tìm các trang có bảng",
  roster: "Danh sách đơn vị",
  rosterSheet: "Dùng trang “Danh sách đơn vị” trong sổ này",
  rosterBundled: "Dùng danh sách có sẵn (38 đơn vị của Hải Phòng)",
  otherFiles: "Thêm tệp .xlsx từ máy (chỉ đọc trong trình duyệt, không tải lên đâu cả)",
  mergeRun: "Hợp nhất",
  merging: "Đang hợp nhất…",
  summary: "Kết quả hợp nhất",
  included: "Được tổng hợp",
  missing: "Chưa nộp",
  duplicates: "Nộp trùng",
  invalid: "Có lỗi hoặc không đọc được",
  written: (names: string) => `Đã ghi các trang: ${names}`,
  dropHere: "Kéo thả tệp .xlsx (hoặc cả thư mục) vào đây",
  pickFiles: "Chọn tệp",
  pickFolder: "Chọn thư mục",
  browserMode: "Đang chạy ngoài Excel: kiểm tra và hợp nhất các tệp ngay trong trình duyệt. Tệp không rời khỏi máy.",
  downloadAnnotated: "Tải bản đánh dấu",
  downloadCity: "Tải bảng tổng hợp thành phố",
  unreadable: "Không đọc được",
  files: (n: number) => `${n} tệp`,
  failed: "Có lỗi",
};

export type Strings = typeof vi;

const en: Strings = {
  title: "Annex 02 – Commendations",
  english: "English",
  tabCheck: "Check",
  tabMerge: "Consolidate",
  checkSheet: "Check this sheet",
  autoCheck: "Check while typing",
  newTemplate: "New template",
  withDaibieu: "With the Delegate structure sheet",
  templateMade: (names) => `Sheets created: ${names}`,
  errors: "Errors",
  warnings: "Warnings",
  noTable: "This sheet holds no Annex 02 table.",
  allGood: "No errors. The table matches the template.",
  checked: (sheet) => `Checked sheet "${sheet}"`,
  truncated: "The sheet holds data beyond A1:AX400; only that area was checked.",
  actionFailed: (why) => `Excel could not do it: ${why}`,
  row: "Row",
  otherRows: "Outside the table",
  basis: "Basis",
  unitSheets: "Unit sheets",
  scan: "Find sheets holding a table",
  roster: "Unit roster",
  rosterSheet: "Using the “Danh sách đơn vị” sheet of this workbook",
  rosterBundled: "Using the bundled roster (38 Hải Phòng units)",
  otherFiles: "Add .xlsx files from this computer (read in the browser only, never uploaded)",
  mergeRun: "Consolidate",
  merging: "Consolidating…",
  summary: "Consolidation result",
  included: "Included",
  missing: "Missing",
  duplicates: "Duplicates",
  invalid: "With errors or unreadable",
  written: (names) => `Sheets written: ${names}`,
  dropHere: "Drop .xlsx files (or a whole folder) here",
  pickFiles: "Pick files",
  pickFolder: "Pick a folder",
  browserMode:
    "Running outside Excel: files are checked and consolidated in this browser. They never leave this computer.",
  downloadAnnotated: "Download marked copy",
  downloadCity: "Download the city table",
  unreadable: "Unreadable",
  files: (n) => `${n} file${n === 1 ? "" : "s"}`,
  failed: "Failed",
};

export const STRINGS: Record<Lang, Strings> = { vi, en };

export const LangContext = createContext<Lang>("vi");

export function useStrings(): Strings {
  return STRINGS[useContext(LangContext)];
}

export function useLang(): Lang {
  return useContext(LangContext);
}
