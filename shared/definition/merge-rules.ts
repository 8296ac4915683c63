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
      vi: 'Đơn vị "{unit}" nộp {count} bản: {inputs}. Chỉ tổng hợp {first} ({reason}); các bản còn lại bị loại',
      en: 'Unit "{unit}" sent {count} inputs: {inputs}. Only {first} is included ({reason}); the others are left out',
    },
  },
  {
    id: "MERGE_UNKNOWN_UNIT",
    type: "merge",
    severity: "warning",
    basis: SO,
    summary: { vi: "Đơn vị không có trong danh sách", en: "A unit not on the roster" },
    message: {
      vi: '"{unit}" ({input}) không có trong danh sách đơn vị; vẫn được tổng hợp',
      en: '"{unit}" ({input}) is not on the roster; it is still included',
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
