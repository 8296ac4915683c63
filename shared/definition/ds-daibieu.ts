/**
 * Danh sách đại biểu (template `ds-daibieu`, spec §4b): the delegates a unit sends to the Sở's
 * conference, one row per person or collective. Kế hoạch của Sở GDĐT Hải Phòng, mục III.2.2
 * (THPT and units under the Sở: 03 đại biểu) and III.3 (Phòng GDĐT: 01 tập thể, 01 cá nhân).
 */
import type { ListTemplateDef } from "./list-schema";
import type { RuleDef } from "./schema";
import { DAIBIEU } from "./daibieu";
import { LAYOUT_RULES } from "./common-rules";
import { trustedRule } from "./trusted";

const PLAN = "Kế hoạch tổ chức Hội nghị điển hình tiên tiến của Sở GDĐT Hải Phòng";
/** A rule about the rows of the list: what it checks is in shared/check-list.ts; its words are here. */
const list = (r: Pick<RuleDef, "id" | "severity" | "basis" | "summary" | "message">): RuleDef => ({
  id: r.id,
  severity: r.severity,
  basis: r.basis,
  message: r.message,
  summary: r.summary,
  type: "list",
});

export const DS_DAIBIEU: ListTemplateDef = {
  id: "ds-daibieu",
  version: 2,
  sheetName: "Danh sách đại biểu",
  title: "DANH SÁCH ĐẠI BIỂU",
  subtitle: "CỬ DỰ HỘI NGHỊ ĐIỂN HÌNH TIÊN TIẾN CẤP TRÊN GIAI ĐOẠN 2020 - 2025",
  unitLabels: ["Đơn vị", "Tên đơn vị", "Đơn vị báo cáo"],
  columns: [
    {
      key: "index",
      role: "index",
      number: "(1)",
      name: { vi: "STT", en: "No." },
      headers: ["STT", "TT", "Số thứ tự"],
      required: false,
      width: 6,
    },
    {
      key: "name",
      role: "name",
      number: "(2)",
      name: { vi: "Họ và tên", en: "Name" },
      headers: [
        "Họ và tên",
        "Họ tên",
        "Họ và tên (tên tập thể)",
        "Họ và tên / tên tập thể",
        "Họ và tên, tên tập thể",
        "Tên tập thể, cá nhân",
        "Họ và tên đại biểu",
      ],
      required: true,
      width: 26,
    },
    {
      key: "birthYear",
      role: "birthYear",
      number: "(3)",
      name: { vi: "Năm sinh", en: "Year of birth" },
      headers: ["Năm sinh", "Ngày sinh", "Ngày, tháng, năm sinh", "Ngày tháng năm sinh"],
      required: true,
      width: 10,
    },
    {
      key: "gender",
      role: "gender",
      number: "(4)",
      name: { vi: "Giới tính", en: "Gender" },
      headers: ["Giới tính", "Giới tính (Nam/Nữ)", "Nam/Nữ", "Nam, Nữ"],
      required: true,
      width: 9,
    },
    {
      key: "position",
      role: "position",
      number: "(5)",
      name: { vi: "Chức vụ, đơn vị công tác", en: "Post and workplace" },
      headers: ["Chức vụ, đơn vị công tác", "Chức vụ, đơn vị", "Chức vụ", "Đơn vị công tác", "Chức vụ, nơi công tác"],
      required: false,
      width: 30,
    },
    {
      key: "kind",
      role: "kind",
      number: "(6)",
      name: { vi: "Loại", en: "Kind" },
      headers: ["Loại", "Loại đại biểu", "Đối tượng", "Thành phần"],
      required: true,
      width: 16,
    },
    {
      key: "award",
      role: "award",
      number: "(7)",
      name: { vi: "Danh hiệu, hình thức khen thưởng cao nhất (năm)", en: "Highest title or award (year)" },
      headers: [
        "Danh hiệu, hình thức khen thưởng cao nhất (năm)",
        "Danh hiệu, hình thức khen thưởng cao nhất",
        "Hình thức khen thưởng cao nhất",
        "Danh hiệu thi đua, hình thức khen thưởng cao nhất",
        "Khen thưởng cao nhất",
      ],
      required: false,
      width: 30,
    },
    {
      key: "summary",
      role: "summary",
      number: "(8)",
      name: { vi: "Tóm tắt thành tích", en: "Summary of achievements" },
      headers: ["Tóm tắt thành tích", "Trích ngang thành tích", "Thành tích", "Tóm tắt thành tích nổi bật"],
      required: true,
      width: 50,
    },
  ],
  kinds: [
    { id: "delegate", person: true, texts: ["Đại biểu", "Đại biểu cử dự Hội nghị cấp trên", "Đại biểu dự Hội nghị"] },
    { id: "collective", person: false, texts: ["Tập thể tiêu biểu", "Tập thể"] },
    { id: "individual", person: true, texts: ["Cá nhân tiêu biểu", "Cá nhân"] },
  ],
  genders: [
    { id: "male", texts: ["Nam"] },
    { id: "female", texts: ["Nữ"] },
  ],
  birthYears: { min: 1940, max: 2010 },
  attributes: [DAIBIEU.attributes!.find((a) => a.key === "unitType")!].map((a) => ({
    key: a.key,
    name: { ...a.name },
    labels: [...a.labels],
    values: a.values.map((v) => ({ id: v.id, texts: [...v.texts] })),
  })),
  rules: [
    list({
      id: "DS_REQUIRED",
      severity: "error",
      basis: `${PLAN}, mục III.2.2 (danh sách và trích ngang thành tích)`,
      summary: {
        vi: "Một dòng thiếu tên, loại hoặc tóm tắt thành tích",
        en: "A row lacks its name, kind or summary of achievements",
      },
      message: {
        vi: "Dòng {rowNumber} ({name}): thiếu {missing}",
        en: "Line {rowNumber} ({name}): missing {missing}",
      },
    }),
    list({
      id: "DS_BIRTH_YEAR",
      severity: "error",
      basis: "Quy định của biểu mẫu",
      summary: {
        vi: "Năm sinh không phải một năm từ 1940 đến 2010",
        en: "The year of birth is not a year from 1940 to 2010",
      },
      message: {
        vi: "Dòng {rowNumber} ({name}): năm sinh {value}; phải là một năm từ {min} đến {max}",
        en: "Line {rowNumber} ({name}): year of birth {value}; it must be a year from {min} to {max}",
      },
    }),
    list({
      id: "DS_GENDER",
      severity: "error",
      basis: "Quy định của biểu mẫu",
      summary: { vi: "Giới tính không phải Nam hoặc Nữ", en: "The gender is neither Nam nor Nữ" },
      message: {
        vi: 'Dòng {rowNumber} ({name}): giới tính {value}; phải ghi "Nam" hoặc "Nữ"',
        en: 'Line {rowNumber} ({name}): gender {value}; it must be "Nam" (male) or "Nữ" (female)',
      },
    }),
    list({
      id: "DS_COUNT",
      severity: "error",
      basis: `${PLAN}, mục III.2.2 (03 đại biểu) và III.3 (01 tập thể, 01 cá nhân)`,
      summary: {
        vi: "Trường THPT, đơn vị trực thuộc: đúng 3 đại biểu; Phòng GDĐT: 1 tập thể và 1 cá nhân tiêu biểu",
        en: "High schools and attached units: 3 delegates; district offices: 1 collective and 1 individual",
      },
      message: {
        vi: "Danh sách có {count} {kind}: {names}; {unitType} cử {expected}",
        en: "The list has {count} {kind}: {names}; {unitType} sends {expected}",
      },
    }),
    list({
      id: "DS_MATCHES_DAIBIEU",
      severity: "warning",
      basis: `${PLAN}, mục III.2.2 và III.3`,
      summary: {
        vi: "Số người trong danh sách khác Cơ cấu đại biểu (DB7, DB8, DB9)",
        en: "The list differs from the Cơ cấu đại biểu figures (DB7, DB8, DB9)",
      },
      message: {
        vi: 'Trang "Cơ cấu đại biểu" ghi {rowLabel} = {expected} (ô {cell}), danh sách có {count}: {names}',
        en: 'Sheet "Cơ cấu đại biểu" gives {rowLabel} = {expected} (cell {cell}), the list has {count}: {names}',
      },
    }),
    ...LAYOUT_RULES("Danh sách đại biểu", '"Họ và tên", "Loại"')
      .filter((r) => ["LAYOUT_NOT_FOUND", "LAYOUT_MISSING_COLUMN", "UNIT_MISSING"].includes(r.id))
      .map(trustedRule),
  ],
  anchors: ["name", "kind"],
  minHeaderMatches: 3,
  headerDepth: 2,
  headerPrefixes: [],
};
