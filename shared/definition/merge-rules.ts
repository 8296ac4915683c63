/** Findings of the consolidation (spec §5). */
import type { RuleDefInput } from "./schema";

const HOI_NGHI =
  "Kế hoạch của Sở GDĐT Hải Phòng, mục II.2 (Hội nghị cấp Sở tối đa 300 đại biểu, điển hình tiên tiến 70%)";
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
  // The Sở's conference (spec §5b)
  {
    id: "MERGE_DELEGATES_OVER",
    type: "merge",
    severity: "error",
    basis: HOI_NGHI,
    summary: { vi: "Các đơn vị cử quá 300 đại biểu", en: "The units send more than 300 delegates" },
    message: {
      vi: "Các đơn vị cử {delegates} đại biểu điển hình tiên tiến, quá {over} so với tối đa {max} đại biểu của Hội nghị cấp Sở",
      en: "The units send {delegates} exemplary delegates, {over} over the {max} the Department's conference may hold",
    },
  },
  {
    id: "MERGE_PERSON_TWICE",
    type: "merge",
    severity: "warning",
    basis: HOI_NGHI,
    summary: {
      vi: "Một người (cùng tên và năm sinh) có trong danh sách của hai đơn vị",
      en: "One person (same name and year of birth) on two units' lists",
    },
    message: {
      vi: '"{name}" (sinh năm {birthYear}) có trong {count} danh sách: {where}',
      en: '"{name}" (born {birthYear}) is on {count} lists: {where}',
    },
  },
];
