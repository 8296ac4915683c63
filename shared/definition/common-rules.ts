/** The rules every template shares (values of count cells, layout); only names in their messages differ. */
import type { Bilingual } from "../bilingual";
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

/**
 * Spec §3: reading a count cell. `where` says how a message names the cell's place:
 * "{rowLabel} – {column}" in a table with several count columns, "{rowLabel}" with one.
 */
export function VALUE_RULES(where: Bilingual): RuleDefInput[] {
  const rule = (
    id: string,
    issue: "not_number" | "as_text" | "negative" | "not_integer" | "formula_error",
    severity: "error" | "warning",
    summary: [string, string],
    vi: string,
    en: string,
  ): RuleDefInput => ({
    id,
    type: "value",
    issue,
    severity,
    basis: TEMPLATE,
    summary: { vi: summary[0], en: summary[1] },
    message: { vi, en },
  });
  return [
    rule(
      "VALUE_NOT_NUMBER",
      "not_number",
      "error",
      ["Ô số liệu chứa chữ, không phải số", "A count cell holds text that is not a number"],
      `Ô {cell} (${where.vi}) chứa "{raw}", không phải số. Hãy nhập số nguyên ≥ 0 hoặc để trống`,
      `Cell {cell} (${where.en}) holds "{raw}", not a number. Enter a whole number ≥ 0 or leave it blank`,
    ),
    rule(
      "VALUE_AS_TEXT",
      "as_text",
      "warning",
      ["Số được nhập dưới dạng văn bản", "A count typed as text"],
      'Ô {cell} chứa số dạng văn bản "{raw}", đã đọc là {value}. Nên nhập lại dạng số',
      'Cell {cell} holds a number typed as text, "{raw}", read as {value}. Re-enter it as a number',
    ),
    rule(
      "VALUE_NEGATIVE",
      "negative",
      "error",
      ["Số lượng âm", "A negative count"],
      `Ô {cell} (${where.vi}) là số âm ({value})`,
      `Cell {cell} (${where.en}) is negative ({value})`,
    ),
    rule(
      "VALUE_NOT_INTEGER",
      "not_integer",
      "error",
      ["Số lượng có phần thập phân", "A count with a fraction"],
      `Ô {cell} (${where.vi}) có phần thập phân ({value}); số lượng phải là số nguyên`,
      `Cell {cell} (${where.en}) has a fraction ({value}); counts are whole numbers`,
    ),
    rule(
      "VALUE_FORMULA_ERROR",
      "formula_error",
      "error",
      ["Ô số liệu báo lỗi công thức (#REF!, #VALUE!…)", "A formula error (#REF!, #VALUE!…) in a count cell"],
      `Ô {cell} (${where.vi}) báo lỗi công thức {raw}`,
      `Cell {cell} (${where.en}) shows the formula error {raw}`,
    ),
  ];
}

/**
 * Spec §3b: the likely cause of the equality rules' findings, found after them (shared/localize.ts).
 * Messages name the cell by row and column in words, never by rule id.
 */
export const LOCALIZE_RULE: RuleDefInput = {
  id: "CELL_LIKELY_WRONG",
  type: "localize",
  severity: "error",
  basis:
    "Nguyên tắc Fellegi–Holt (1976): ít ô phải sửa nhất để mọi phép cộng của biểu đều đúng (như gói errorlocate của Thống kê Hà Lan)",
  summary: {
    vi: "Ô có lẽ gõ nhầm: ít ô nhất mà sửa thì mọi phép cộng đều đúng",
    en: "A likely mistyped cell: the fewest cells whose change makes every sum hold",
  },
  message: {
    vi: "Ô {cell} (dòng {row} – {rowLabel}, {column}) có lẽ gõ nhầm: đang là {value}; nếu là {suggested} thì {explains} lỗi khác đều hết",
    en: "Cell {cell} (row {row} – {rowLabel}, {column}) was probably mistyped: it holds {value}; were it {suggested}, {explains} other finding(s) would clear",
  },
  unsure: {
    vi: "Ô {cell} (dòng {row} – {rowLabel}, {column}) có lẽ gõ nhầm: đang là {value}; sửa ô này thì {explains} lỗi khác đều hết",
    en: "Cell {cell} (row {row} – {rowLabel}, {column}) was probably mistyped: it holds {value}; correcting it clears {explains} other finding(s)",
  },
  alternatives: {
    vi: "Số liệu không khớp có lẽ do gõ nhầm {size} ô trong các ô {cells}; các quy tắc chưa đủ để biết là ô nào",
    en: "The figures probably disagree because {size} of the cells {cells} was mistyped; the rules cannot tell which",
  },
  hint: { vi: "Sẽ tự đúng khi sửa {cells}", en: "Clears once {cells} is corrected" },
};
