/** The layout rules every template shares; only the names in their messages differ. */
import type { RuleDefInput } from "./schema";

const TEMPLATE = "Quy định của biểu mẫu";

export function LAYOUT_RULES(table: string, headers: string): RuleDefInput[] {
  return [
    {
      id: "LAYOUT_NOT_FOUND",
      type: "layout",
      severity: "error",
      basis: TEMPLATE,
      summary: { vi: `Trang tính không có bảng ${table}`, en: `No ${table} table in the sheet` },
      message: {
        vi: `Trang tính "{sheet}" không có bảng ${table} (không thấy dòng tiêu đề ${headers})`,
        en: `Sheet "{sheet}" holds no ${table} table (no header row ${headers} found)`,
      },
    },
    {
      id: "LAYOUT_MISSING_COLUMN",
      type: "layout",
      severity: "error",
      basis: TEMPLATE,
      summary: { vi: "Thiếu một cột bắt buộc", en: "A required column is absent" },
      message: {
        vi: 'Thiếu cột "{column}" trong tiêu đề bảng (bắt đầu ở ô {cell})',
        en: 'Column "{column}" is missing from the table header (starting at {cell})',
      },
    },
    {
      id: "LAYOUT_MISSING_ROW",
      type: "layout",
      severity: "error",
      basis: TEMPLATE,
      summary: { vi: "Thiếu một dòng của biểu mẫu", en: "A row of the template is absent" },
      message: {
        vi: 'Thiếu dòng {row} "{rowLabel}"; các phép kiểm tra liên quan đến dòng này được bỏ qua',
        en: 'Row {row} "{rowLabel}" is missing; checks that involve it are skipped',
      },
    },
    {
      id: "LAYOUT_DUPLICATE_ROW",
      type: "layout",
      severity: "error",
      basis: TEMPLATE,
      summary: { vi: "Một mã dòng xuất hiện hai lần", en: "A row code appears twice" },
      message: {
        vi: 'Dòng {row} "{rowLabel}" xuất hiện lần nữa ở dòng {rowNumber} (đã có ở dòng {firstRow}); chỉ dòng {firstRow} được tính',
        en: 'Row {row} "{rowLabel}" appears again on line {rowNumber} (first on line {firstRow}); only line {firstRow} counts',
      },
    },
    {
      id: "LAYOUT_UNKNOWN_ROW",
      type: "layout",
      severity: "warning",
      basis: TEMPLATE,
      summary: {
        vi: "Dòng số liệu không khớp dòng nào của biểu mẫu",
        en: "A data row that matches no row of the template",
      },
      message: {
        vi: 'Dòng {rowNumber} ("{raw}") không khớp dòng nào của biểu mẫu; số liệu dòng này không được tính',
        en: 'Line {rowNumber} ("{raw}") matches no row of the template; its figures are not counted',
      },
    },
    {
      id: "UNIT_MISSING",
      type: "layout",
      severity: "warning",
      basis: TEMPLATE,
      summary: { vi: 'Chưa ghi dòng "Đơn vị:"', en: 'No "Đơn vị:" (unit) line' },
      message: {
        vi: 'Chưa ghi tên đơn vị (dòng "Đơn vị: …" ở đầu biểu, ô {cell})',
        en: 'The unit is not named (the "Đơn vị: …" line at the top, cell {cell})',
      },
    },
  ];
}
