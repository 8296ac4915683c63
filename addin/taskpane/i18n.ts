/** The pane's words, Vietnamese first. Findings carry their own vi/en messages. */
import { createContext, useContext } from "react";
import type { Lang } from "../../shared";

const vi = {
  /** The pane's language tag (FluentProvider). */
  locale: "vi-VN",
  title: "Phụ lục 02 – Khen thưởng",
  english: "English",
  tabCheck: "Kiểm tra",
  tabMerge: "Tổng hợp",
  checkSheet: "Kiểm tra trang này",
  autoCheck: "Tự kiểm tra khi gõ",
  newTemplate: "Tạo mẫu",
  clearMarks: "Xóa dấu kiểm tra",
  undoKept:
    "Excel này giữ được lịch sử Hoàn tác (Ctrl+Z) khi add-in tô màu, nên khi gõ add-in vừa kiểm tra vừa tô màu.",
  undoLost:
    "Trên Excel này, mỗi lần add-in tô màu hay ghi chú thì Excel xóa lịch sử Hoàn tác (Ctrl+Z). Để bạn vẫn Ctrl+Z được, khi gõ add-in chỉ cập nhật danh sách lỗi ở đây, không tô màu; bấm “Kiểm tra trang này” để tô màu các ô sai.",
  marksPending: "Danh sách đã cập nhật theo số vừa gõ; màu trên trang chưa cập nhật (bấm “Kiểm tra trang này”).",
  marksSaved:
    "Màu và ghi chú kiểm tra được lưu trong sổ làm việc: ai mở tệp cũng thấy, kể cả người không có add-in. Trước khi gửi tệp đi, bấm “Xóa dấu kiểm tra” nếu không muốn gửi kèm chúng.",
  cleared: (sheets: readonly string[], locked: readonly string[]) =>
    [
      sheets.length
        ? `Đã xóa dấu kiểm tra trên ${sheets.length} trang: ${sheets.join(", ")}.`
        : "Không có dấu kiểm tra nào để xóa.",
      locked.length ? `Không xóa được trên trang đang được bảo vệ: ${locked.join(", ")}.` : "",
      "Đã tắt Tự kiểm tra khi gõ để dấu không hiện lại; bấm Kiểm tra khi cần.",
    ]
      .filter(Boolean)
      .join(" "),
  withDaibieu: "Kèm trang Cơ cấu đại biểu và Danh sách đại biểu",
  templateMade: (names: string) => `Đã tạo trang: ${names}`,
  errors: "Lỗi",
  warnings: "Cảnh báo",
  /** Likely causes (spec §3b), listed first. */
  likelyCauses: "Ô có lẽ gõ nhầm (sửa các ô này trước)",
  cellsToFix: (n: number) => `${n} ô cần sửa`,
  otherFindings: (title: string) => `${title} khác`,
  noTable: "Trang này không có bảng Phụ lục 02.",
  allGood: "Không có lỗi nào. Bảng đúng mẫu.",
  checked: (sheet: string) => `Đã kiểm tra trang "${sheet}"`,
  truncated: "Trang có dữ liệu ngoài vùng A1:AX400; chỉ vùng này được kiểm tra.",
  actionFailed: (why: string) => `Excel không thực hiện được yêu cầu: ${why}`,
  sheetNotChecked: (why: string) => `Không kiểm tra được trang tính: ${why}`,
  row: "Dòng",
  otherRows: "Ngoài bảng",
  basis: "Căn cứ",
  unitSheets: "Các trang của đơn vị",
  scan: "Tìm các trang có bảng",
  roster: "Danh sách đơn vị",
  rosterSheet: "Dùng trang “Danh sách đơn vị” trong sổ này",
  rosterBundled: (n: number) =>
    `Dùng danh sách có sẵn của Hải Phòng — chưa đầy đủ (${n} đơn vị): không xác định được đơn vị nào chưa nộp`,
  otherFiles: "Thêm tệp .xlsx từ máy (chỉ đọc trong trình duyệt, không tải lên đâu cả)",
  mergeRun: "Tổng hợp",
  merging: "Đang tổng hợp…",
  summary: "Kết quả tổng hợp",
  included: "Được tổng hợp",
  missing: "Chưa nộp",
  duplicates: "Nộp trùng",
  invalid: "Có lỗi hoặc không đọc được",
  written: (names: string) => `Đã ghi các trang: ${names}`,
  dropHere: "Kéo thả tệp .xlsx (hoặc cả thư mục) vào đây",
  pickFiles: "Chọn tệp",
  pickFolder: "Chọn thư mục",
  browserMode: "Tệp được đọc và kiểm tra ngay trên máy này, không gửi đi đâu cả.",
  downloadAnnotated: "Tải bản đánh dấu",
  downloadCity: "Tải bảng tổng hợp thành phố",
  unreadable: "Không đọc được",
  files: (n: number) => `${n} tệp`,
  failed: "Có lỗi",
  rowTitle: (code: string, label: string | null) => `Dòng ${code}${label ? ` – ${label}` : ""}`,
  noErrors: "Không có lỗi",
  unit: "Đơn vị",
  noUnit: "chưa ghi tên đơn vị",
  reading: (done: number, total: number) => `Đang đọc ${done}/${total} tệp`,
  readingLabel: "Tiến độ đọc tệp",
  checkedAll: (n: number, withErrors: number, unreadable: number) =>
    `Đã kiểm tra ${n} tệp: ${withErrors} tệp có lỗi, ${unreadable} tệp không đọc được.`,
  skipped: (names: string) => `Bỏ qua tệp không phải bảng tính: ${names}`,
  rosterUsed: (source: string, n: number) => `${source} (${n} đơn vị)`,
  rosterDefault: (n: number) =>
    `danh sách có sẵn của Hải Phòng, chưa đầy đủ (${n} đơn vị): không xác định được đơn vị nào chưa nộp`,
  pickRoster: "Chọn danh sách đơn vị (.xlsx hoặc .json)",
  rosterBad: "Không dùng được danh sách đơn vị; vẫn dùng danh sách cũ",
  mergeFiles: (n: number) => `Tổng hợp ${n} tệp`,
  /** The core's summary lines, then where the status table is. */
  mergedAll: (lines: readonly string[]) => `${lines[0]} Kết quả ở dưới.`,
  statusTitle: "Tình trạng nộp",
  statusCols: {
    unit: "Đơn vị",
    type: "Loại đơn vị",
    submitted: "Đã nộp",
    likely: "Ô cần sửa",
    errors: "Số lỗi",
    warnings: "Số cảnh báo",
    included: "Được tổng hợp",
    inputs: "Bản nộp",
    note: "Ghi chú",
    kept: "Bản được dùng",
  },
  changedCells: (n: number) => (n === 0 ? "không khác ô nào" : `${n} ô khác bản bị loại`),
  sortBy: (col: string) => `Sắp xếp theo ${col}`,
  problemsFirst: "Đơn vị cần xem lên đầu",
  yes: "Có",
  no: "Không",
  notYet: "Chưa",
  unreadableShort: "Không đọc được",
  unknownUnits: "Không có trong danh sách",
  includeUnknown: "Tính cả đơn vị ngoài danh sách",
  heldOut: "Chưa xác nhận — không tính vào tổng",
  blankTable: "Nộp bảng trống",
  notSeen: "Không thấy (danh sách chưa đầy đủ)",
  cityFindings: "Kiểm tra bảng tổng hợp thành phố",
  cityClean: "Bảng tổng hợp thành phố không có lỗi.",
  cityCounts: (errors: number, warnings: number) =>
    `Bảng tổng hợp thành phố còn ${errors} lỗi, ${warnings} cảnh báo: xem trước khi gửi.`,
  noneIncluded: "Không có đơn vị nào được tính vào tổng: chưa ghi bảng tổng hợp.",
  // The page (browser mode): two ways in.
  waysLabel: "Bạn cần làm gì?",
  wayCheck: "Kiểm tra bảng của đơn vị",
  wayCheckHint:
    "Cho cán bộ đơn vị: chọn một hoặc vài tệp, xem từng lỗi ngay tại ô, tải bản đánh dấu lỗi hoặc mẫu trống.",
  wayMerge: "Tổng hợp (Sở)",
  wayMergeHint:
    "Cho cán bộ Sở: chọn tệp hoặc cả thư mục tệp của các đơn vị và danh sách đơn vị, tổng hợp thành bảng của thành phố, tải bảng tổng hợp và báo cáo.",
  blankTemplate: "Tải mẫu trống",
  addFiles: "Thêm tệp",
  addFolder: "Thêm thư mục",
  clearFiles: "Bỏ hết các tệp",
  removeFile: (file: string) => `Bỏ tệp ${file}`,
  remove: "Bỏ",
  cancel: "Dừng đọc",
  cancelled: (done: number, total: number) => `Đã dừng: đọc được ${done} trong ${total} tệp.`,
  skippedCount: (n: number, names: string, more: number) =>
    `Bỏ qua ${n} tệp không phải bảng tính: ${names}${more > 0 ? ` và ${more} tệp khác` : ""}.`,
  downloadAnnotatedOf: (file: string) => `Tải bản đánh dấu lỗi: ${file}`,
  sheetTitle: (sheet: string) => `Trang “${sheet}”`,
  rowNamed: (label: string) => `Dòng “${label}”`,
  rowNumber: (n: number) => `Dòng ${n}`,
  colNamed: (name: string) => `cột “${name}”`,
  cellAt: (cell: string) => `ô ${cell}`,
  cellViewTitle: (cell: string) => `Vùng quanh ô ${cell}`,
  suggested: (v: string) => `Giá trị đúng có lẽ là ${v}`,
  details: (rule: string, basis: string) => `Mã quy tắc: ${rule}. Căn cứ: ${basis}`,
  noCellView: "Không hiển thị được vùng quanh ô này.",
  summaryShort: "Tóm tắt",
  showFindings: (errors: number, warnings: number) => `Xem ${errors} lỗi, ${warnings} cảnh báo`,
  hideFindings: "Ẩn danh sách lỗi",
  downloadReport: "Tải báo cáo (.html)",
  cityTitle: "Bảng tổng hợp thành phố",
  filesTitle: "Các tệp đã đọc",
};

export type Strings = typeof vi;

/** "1 file", "2 files". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

const en: Strings = {
  locale: "en-US",
  title: "Annex 02 – Commendations",
  english: "English",
  tabCheck: "Check",
  tabMerge: "Consolidate",
  checkSheet: "Check this sheet",
  autoCheck: "Check while typing",
  newTemplate: "New template",
  clearMarks: "Remove check marks",
  undoKept:
    "This Excel keeps your undo history (Ctrl+Z) when the add-in colours cells, so while you type it checks and colours.",
  undoLost:
    "On this Excel, every time the add-in colours a cell or adds a note, Excel clears your undo history (Ctrl+Z). So that Ctrl+Z keeps working, while you type the add-in only updates the list here and colours nothing; click “Check this sheet” to colour the wrong cells.",
  marksPending:
    "The list follows what you just typed; the colours on the sheet are not updated yet (click “Check this sheet”).",
  marksSaved:
    "The check's colours and notes are saved in the workbook: anyone who opens the file sees them, even without the add-in. Before sending the file, click “Remove check marks” if they should not go with it.",
  cleared: (sheets, locked) =>
    [
      sheets.length
        ? `Check marks removed from ${sheets.length} sheet${sheets.length === 1 ? "" : "s"}: ${sheets.join(", ")}.`
        : "There were no check marks to remove.",
      locked.length ? `Not removed on protected sheets: ${locked.join(", ")}.` : "",
      "Check while typing is now off, so that the marks do not come back; click Check when needed.",
    ]
      .filter(Boolean)
      .join(" "),
  withDaibieu: "With the Delegate structure and Delegate list sheets",
  templateMade: (names) => `Sheets created: ${names}`,
  errors: "Errors",
  warnings: "Warnings",
  likelyCauses: "Likely mistyped cells (correct these first)",
  cellsToFix: (n) => `${n} cell${n === 1 ? "" : "s"} to correct`,
  otherFindings: (title) => `Other ${title.toLowerCase()}`,
  noTable: "This sheet holds no Annex 02 table.",
  allGood: "No errors. The table matches the template.",
  checked: (sheet) => `Checked sheet "${sheet}"`,
  truncated: "The sheet holds data beyond A1:AX400; only that area was checked.",
  actionFailed: (why) => `Excel could not do it: ${why}`,
  sheetNotChecked: (why) => `The sheet could not be checked: ${why}`,
  row: "Row",
  otherRows: "Outside the table",
  basis: "Basis",
  unitSheets: "Unit sheets",
  scan: "Find sheets holding a table",
  roster: "Unit roster",
  rosterSheet: "Using the “Danh sách đơn vị” sheet of this workbook",
  rosterBundled: (n) =>
    `Using the bundled Hải Phòng roster — not complete (${n} units): units that sent nothing cannot be told`,
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
  browserMode: "Files are read and checked on this computer; they are never sent anywhere.",
  downloadAnnotated: "Download marked copy",
  downloadCity: "Download the city table",
  unreadable: "Unreadable",
  files: (n) => plural(n, "file"),
  failed: "Failed",
  rowTitle: (code, label) => `Row ${code}${label ? ` – ${label}` : ""}`,
  noErrors: "No errors",
  unit: "Unit",
  noUnit: "no unit named",
  reading: (done, total) => `Reading ${done}/${plural(total, "file")}`,
  readingLabel: "File reading progress",
  checkedAll: (n, withErrors, unreadable) =>
    `Checked ${plural(n, "file")}: ${withErrors} with errors, ${unreadable} unreadable.`,
  skipped: (names) => `Skipped, not spreadsheets: ${names}`,
  rosterUsed: (source, n) => `${source} (${n} units)`,
  rosterDefault: (n) =>
    `the bundled Hải Phòng roster, not complete (${n} units): units that sent nothing cannot be told`,
  pickRoster: "Pick a unit roster (.xlsx or .json)",
  rosterBad: "This roster cannot be used; the previous one stays",
  mergeFiles: (n) => `Consolidate ${plural(n, "file")}`,
  mergedAll: (lines) => `${lines[0]} The result is below.`,
  statusTitle: "Submission status",
  statusCols: {
    unit: "Unit",
    type: "Unit type",
    submitted: "Sent",
    likely: "Cells to correct",
    errors: "Errors",
    warnings: "Warnings",
    included: "Included",
    inputs: "Files",
    note: "Note",
    kept: "File used",
  },
  changedCells: (n: number) =>
    n === 0 ? "no cell differs" : `${n} cell${n === 1 ? "" : "s"} differ${n === 1 ? "s" : ""} from the one left out`,
  sortBy: (col) => `Sort by ${col}`,
  problemsFirst: "Problems first",
  yes: "Yes",
  no: "No",
  notYet: "Not yet",
  unreadableShort: "Unreadable",
  unknownUnits: "Not on the roster",
  includeUnknown: "Include units not on the roster",
  heldOut: "Not confirmed — left out of the total",
  blankTable: "Blank table",
  notSeen: "Not seen (the roster is not complete)",
  cityFindings: "Check of the city table",
  cityClean: "The city table has no errors.",
  cityCounts: (errors, warnings) =>
    `The city table still has ${plural(errors, "error")}, ${plural(warnings, "warning")}: look at them before sending it.`,
  noneIncluded: "No unit is in the city total: no city table was written.",
  waysLabel: "What do you need to do?",
  wayCheck: "Check a unit's table",
  wayCheckHint:
    "For a unit's clerk: pick one file or a few, see each mistake in place, download a marked copy or a blank template.",
  wayMerge: "Consolidate (Department)",
  wayMergeHint:
    "For the Department: pick the units' files or a whole folder and the unit roster, consolidate them into the city table, download it and the report.",
  blankTemplate: "Download a blank template",
  addFiles: "Add files",
  addFolder: "Add a folder",
  clearFiles: "Remove all files",
  removeFile: (file) => `Remove ${file}`,
  remove: "Remove",
  cancel: "Stop reading",
  cancelled: (done, total) => `Stopped: ${done} of ${plural(total, "file")} read.`,
  skippedCount: (n, names, more) =>
    `Skipped ${plural(n, "file")} that ${n === 1 ? "is not a spreadsheet" : "are not spreadsheets"}: ${names}${more > 0 ? ` and ${plural(more, "other")}` : ""}.`,
  downloadAnnotatedOf: (file) => `Download marked copy: ${file}`,
  sheetTitle: (sheet) => `Sheet “${sheet}”`,
  rowNamed: (label) => `Row “${label}”`,
  rowNumber: (n) => `Row ${n}`,
  colNamed: (name) => `column “${name}”`,
  cellAt: (cell) => `cell ${cell}`,
  cellViewTitle: (cell) => `The cells around ${cell}`,
  suggested: (v) => `The right value is likely ${v}`,
  details: (rule, basis) => `Rule: ${rule}. Basis: ${basis}`,
  noCellView: "The cells around this one cannot be shown.",
  summaryShort: "In short",
  showFindings: (errors, warnings) => `Show ${plural(errors, "error")}, ${plural(warnings, "warning")}`,
  hideFindings: "Hide the list",
  downloadReport: "Download the report (.html)",
  cityTitle: "City table",
  filesTitle: "Files read",
};

export const STRINGS: Record<Lang, Strings> = { vi, en };

export const LangContext = createContext<Lang>("vi");

export function useStrings(): Strings {
  return STRINGS[useContext(LangContext)];
}

export function useLang(): Lang {
  return useContext(LangContext);
}
