/** Findings of the consolidation (spec §5). */
import type { RuleDefInput } from "./schema";

const SO = "Kế hoạch của Sở GDĐT Hải Phòng, mục III (tổng hợp Phụ lục 02)";

export const MERGE_RULES: RuleDefInput[] = [
  {
    id: "MERGE_DUPLICATE_UNIT",
    type: "merge",
    severity: "error",
    basis: SO,
    summary: { vi: "Hai bản nộp cùng một đơn vị", en: "Two inputs claim the same unit" },
    message: {
      vi: 'Đơn vị "{unit}" nộp {count} bản: {inputs}. {decision}',
      en: 'Unit "{unit}" sent {count} inputs: {inputs}. {decision}',
    },
  },
  {
    id: "MERGE_UNKNOWN_UNIT",
    type: "merge",
    severity: "warning",
    basis: SO,
    summary: { vi: "Đơn vị không có trong danh sách", en: "A unit not on the roster" },
    message: {
      vi: '"{unit}" ({input}) không có trong danh sách đơn vị{proposal}; {outcome}',
      en: '"{unit}" ({input}) is not on the roster{proposal}; {outcome}',
    },
  },
  {
    id: "MERGE_UNIT_INFERRED",
    type: "merge",
    severity: "warning",
    basis: SO,
    summary: {
      vi: 'Đơn vị nhận ra không nhờ dòng "Đơn vị:"',
      en: 'A unit recognised other than by its "Đơn vị:" line',
    },
    message: {
      vi: '{input}: nhận là "{unit}" theo {source}{line}; hãy kiểm tra',
      en: '{input}: taken as "{unit}" by {source}{line}; please check',
    },
  },
  {
    id: "MERGE_DUPLICATE_CONTENT",
    type: "merge",
    severity: "error",
    basis: SO,
    summary: { vi: "Cùng một bảng số liệu nộp nhiều lần", en: "The same table sent more than once" },
    message: {
      vi: "{count} bản có số liệu giống hệt nhau: {inputs}. Chỉ tổng hợp một lần, theo {first} ({unit})",
      en: "{count} inputs hold the very same figures: {inputs}. Included once, as {first} ({unit})",
    },
  },
  {
    id: "MERGE_EMPTY_TABLE",
    type: "merge",
    severity: "warning",
    basis: SO,
    summary: { vi: "Nộp bảng trống", en: "A blank table sent" },
    message: {
      vi: '{input} ("{unit}") là bảng trống (mọi số liệu bằng 0 hoặc để trống): coi như chưa nộp, không tính vào tổng',
      en: '{input} ("{unit}") is blank (every count 0 or empty): counted as not submitted, left out of the total',
    },
  },
  {
    id: "MERGE_MISSING_UNIT",
    type: "merge",
    severity: "warning",
    basis: SO,
    summary: { vi: "Đơn vị trong danh sách chưa nộp", en: "A roster unit sent nothing" },
    message: { vi: 'Đơn vị "{unit}" chưa nộp Phụ lục 02', en: 'Unit "{unit}" has not sent its Phụ lục 02' },
  },
  {
    id: "MERGE_INVALID_INPUT",
    type: "merge",
    severity: "warning",
    basis: SO,
    summary: {
      vi: "Bản nộp có lỗi (vẫn tổng hợp, trừ chế độ nghiêm ngặt)",
      en: "An input has errors (included unless strict)",
    },
    message: {
      vi: '{input} ("{unit}") có {errors} lỗi; {outcome}',
      en: '{input} ("{unit}") has {errors} error(s); {outcome}',
    },
  },
  {
    id: "MERGE_UNREADABLE",
    type: "merge",
    severity: "error",
    basis: SO,
    summary: { vi: "Không đọc được bản nộp", en: "An input could not be read" },
    message: { vi: "Không đọc được {input}: {reason}", en: "Could not read {input}: {reason}" },
  },
];
