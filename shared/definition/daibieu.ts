/**
 * Cơ cấu đại biểu (template `daibieu`, spec §4): the plan's quotas on the conference itself.
 * Kế hoạch của Sở GDĐT Hải Phòng, mục II (thành phần, số lượng đại biểu) and III.2 (Đoàn Chủ tịch).
 */
import type { TemplateDefInput } from "./schema";
import { LAYOUT_RULES, VALUE_RULES } from "./common-rules";

const PLAN = "Kế hoạch tổ chức Hội nghị điển hình tiên tiến của Sở GDĐT Hải Phòng";
const v = (row: string) => ({ row });

export const DAIBIEU: TemplateDefInput = {
  id: "daibieu",
  version: 1,
  sheetName: "Cơ cấu đại biểu",
  title: "CƠ CẤU ĐẠI BIỂU",
  subtitle: "HỘI NGHỊ ĐIỂN HÌNH TIÊN TIẾN GIAI ĐOẠN 2020 - 2025",
  unitLabels: ["Đơn vị", "Tên đơn vị", "Đơn vị báo cáo"],
  anchors: ["label", "value"],
  minHeaderMatches: 2,
  columns: [
    {
      key: "code",
      role: "code",
      number: "A",
      name: { vi: "Mã", en: "Code" },
      headers: ["Mã", "STT", "TT"],
      required: false,
      width: 7,
    },
    {
      key: "label",
      role: "label",
      number: "B",
      name: { vi: "Nội dung", en: "Item" },
      headers: ["Nội dung", "Chỉ tiêu", "Nội dung thống kê"],
      width: 60,
    },
    {
      key: "value",
      role: "count",
      number: "(1)",
      name: { vi: "Số lượng", en: "Number" },
      headers: ["Số lượng", "Số liệu", "Số người"],
      width: 12,
    },
    {
      key: "note",
      role: "note",
      number: "C",
      name: { vi: "Ghi chú", en: "Notes" },
      headers: ["Ghi chú"],
      required: false,
      width: 24,
    },
  ],
  attributes: [
    {
      key: "level",
      name: { vi: "Cấp hội nghị", en: "Conference level" },
      labels: ["Cấp hội nghị"],
      values: [
        { id: "co_so", texts: ["Cơ sở", "Cấp cơ sở"] },
        { id: "tren_co_so", texts: ["Trên cơ sở", "Cấp trên cơ sở"] },
      ],
    },
    {
      key: "unitType",
      name: { vi: "Loại đơn vị", en: "Unit type" },
      labels: ["Loại đơn vị"],
      values: [
        { id: "thpt", texts: ["Trường THPT", "THPT", "Trường PT nhiều cấp có cấp THPT"] },
        { id: "truc_thuoc", texts: ["Đơn vị trực thuộc", "Đơn vị trực thuộc Sở"] },
        { id: "phong", texts: ["Phòng GDĐT", "Phòng GD&ĐT", "Phòng GD-ĐT", "Phòng Giáo dục và Đào tạo"] },
      ],
    },
  ],
  rows: [
    {
      code: "DB1",
      label: "Số CBCCVC, người lao động của đơn vị",
      labelEn: "Staff of the unit",
      kind: "value",
      aliases: ["Số cán bộ, công chức, viên chức, người lao động của đơn vị"],
    },
    { code: "DB2", label: "Tổng số đại biểu dự Hội nghị", labelEn: "Delegates at the conference", kind: "value" },
    { code: "DB3", label: "Đại biểu điển hình tiên tiến", labelEn: "Exemplary delegates", kind: "value" },
    { code: "DB4", label: "Đại biểu khách mời, lãnh đạo các cấp", labelEn: "Guests and leaders", kind: "value" },
    { code: "DB5", label: "Số thành viên Đoàn Chủ tịch", labelEn: "Members of the presidium", kind: "value" },
    {
      code: "DB6",
      label: "Trong Đoàn Chủ tịch: anh hùng, chiến sĩ thi đua, điển hình tiên tiến",
      labelEn: "Of the presidium: heroes, emulation fighters, exemplars",
      kind: "value",
    },
    {
      code: "DB7",
      label: "Số đại biểu cử dự Hội nghị cấp trên",
      labelEn: "Delegates sent to the higher conference",
      kind: "value",
    },
    {
      code: "DB8",
      label: "Số tập thể tiêu biểu được giới thiệu",
      labelEn: "Exemplary collectives nominated",
      kind: "value",
    },
    {
      code: "DB9",
      label: "Số cá nhân tiêu biểu được giới thiệu",
      labelEn: "Exemplary individuals nominated",
      kind: "value",
    },
  ],
  rules: [
    ...VALUE_RULES({ vi: "{rowLabel}", en: "{rowLabel}" }),
    {
      id: "DB_SUM",
      type: "compare",
      columns: ["value"],
      assert: [{ left: [v("DB2")], op: "eq", right: [v("DB3"), v("DB4")] }],
      severity: "error",
      basis: `${PLAN}, mục II`,
      summary: { vi: "DB2 = DB3 + DB4", en: "DB2 = DB3 + DB4" },
      message: {
        vi: "Tổng số đại biểu ({lhs}) khác đại biểu điển hình tiên tiến + khách mời, lãnh đạo ({rhs})",
        en: "Delegates ({lhs}) differ from exemplary delegates + guests and leaders ({rhs})",
      },
    },
    {
      id: "DB_RATIO_EXEMPLAR",
      type: "compare",
      columns: ["value"],
      assert: [{ left: [v("DB3")], op: "ge", right: [v("DB2")], num: 70, den: 100 }],
      severity: "error",
      basis: `${PLAN}, mục II (điển hình tiên tiến 70%, khách mời và lãnh đạo 30%)`,
      summary: { vi: "DB3 ≥ 70% DB2", en: "DB3 ≥ 70 % of DB2" },
      message: {
        vi: "Đại biểu điển hình tiên tiến ({lhs}) chưa đạt 70% tổng số đại biểu ({rhs}, 70% = {rhsValue})",
        en: "Exemplary delegates ({lhs}) are under 70 % of all delegates ({rhs}, 70 % = {rhsValue})",
      },
    },
    {
      id: "DB_SIZE_REPRESENTATIVE",
      type: "compare",
      columns: ["value"],
      when: [{ attr: "level", in: ["co_so"] }, { cmp: { left: [v("DB1")], op: "gt", const: 300 } }],
      assert: [{ left: [v("DB2")], op: "le", const: 200 }],
      severity: "error",
      basis: `${PLAN}, mục II.1`,
      summary: { vi: "Cơ sở, DB1 > 300: DB2 ≤ 200", en: "Grassroots, DB1 > 300: DB2 ≤ 200" },
      message: {
        vi: "Đơn vị trên 300 người ({DB1@} = {DB1}) tổ chức Hội nghị đại biểu không quá 200 đại biểu, nhưng {lhs}",
        en: "A unit over 300 staff ({DB1@} = {DB1}) holds a delegates' conference of at most 200, but {lhs}",
      },
    },
    {
      id: "DB_SIZE_BOUNDARY",
      type: "compare",
      columns: ["value"],
      when: [{ attr: "level", in: ["co_so"] }, { cmp: { left: [v("DB1")], op: "eq", const: 300 } }],
      assert: [{ left: [v("DB2")], op: "le", const: 200 }],
      severity: "warning",
      basis: `${PLAN}, mục II.1 (chỉ nêu "dưới 300" và "trên 300")`,
      summary: {
        vi: "Cơ sở, DB1 = 300: áp dụng mức 200 đại biểu như cảnh báo",
        en: "Grassroots, DB1 = 300: the 200 cap applied as a warning",
      },
      message: {
        vi: 'Đơn vị đúng 300 người ({DB1@}): kế hoạch chỉ nêu "dưới 300" và "trên 300"; nên giữ không quá 200 đại biểu, hiện {lhs}',
        en: 'A unit of exactly 300 ({DB1@}): the plan names only "under 300" and "over 300"; keep to 200 delegates, now {lhs}',
      },
    },
    {
      id: "DB_PLENARY",
      type: "compare",
      columns: ["value"],
      when: [{ attr: "level", in: ["co_so"] }, { cmp: { left: [v("DB1")], op: "lt", const: 300 } }],
      assert: [{ left: [v("DB2")], op: "ge", right: [v("DB1")] }],
      severity: "warning",
      basis: `${PLAN}, mục II.1 (dưới 300 người: Hội nghị toàn thể)`,
      summary: {
        vi: "Cơ sở, DB1 < 300: hội nghị toàn thể, DB2 ≥ DB1",
        en: "Grassroots, DB1 < 300: plenary, DB2 ≥ DB1",
      },
      message: {
        vi: "Đơn vị dưới 300 người tổ chức Hội nghị toàn thể, nhưng số đại biểu ({lhs}) ít hơn số người của đơn vị ({rhs})",
        en: "A unit under 300 holds a plenary conference, but delegates ({lhs}) are fewer than staff ({rhs})",
      },
    },
    {
      id: "DB_SIZE_SO",
      type: "compare",
      columns: ["value"],
      when: [{ attr: "level", in: ["tren_co_so"] }],
      assert: [{ left: [v("DB2")], op: "le", const: 300 }],
      severity: "error",
      basis: `${PLAN}, mục II.2`,
      summary: { vi: "Trên cơ sở: DB2 ≤ 300", en: "Above grassroots: DB2 ≤ 300" },
      message: {
        vi: "Hội nghị cấp Sở tối đa 300 đại biểu, hiện {lhs}",
        en: "The Department's conference has at most 300 delegates, now {lhs}",
      },
    },
    {
      id: "DB_PRESIDIUM_SIZE",
      type: "compare",
      columns: ["value"],
      when: [{ cmp: { left: [v("DB5")], op: "gt", const: 0 } }],
      assert: [
        { left: [v("DB5")], op: "ge", const: 5 },
        { left: [v("DB5")], op: "le", const: 9 },
      ],
      severity: "error",
      basis: `${PLAN}, mục III.2`,
      summary: { vi: "DB5 = 0 hoặc 5 ≤ DB5 ≤ 9", en: "DB5 = 0 or 5 ≤ DB5 ≤ 9" },
      message: {
        vi: "Đoàn Chủ tịch có từ 05 đến 09 người (hoặc không tổ chức), hiện {lhs}",
        en: "The presidium has 5 to 9 members (or none), now {lhs}",
      },
    },
    {
      id: "DB_PRESIDIUM_EXEMPLAR",
      type: "compare",
      columns: ["value"],
      when: [{ cmp: { left: [v("DB5")], op: "gt", const: 0 } }],
      assert: [
        { left: [v("DB6")], op: "ge", right: [v("DB5")], den: 3, ceil: true },
        { left: [v("DB6")], op: "le", right: [v("DB5")] },
      ],
      severity: "error",
      basis: `${PLAN}, mục III.2 (1/3 Đoàn Chủ tịch là anh hùng, chiến sĩ thi đua, điển hình tiên tiến)`,
      summary: { vi: "DB5 > 0: ⌈DB5/3⌉ ≤ DB6 ≤ DB5", en: "DB5 > 0: ⌈DB5/3⌉ ≤ DB6 ≤ DB5" },
      message: {
        vi: "Số anh hùng, chiến sĩ thi đua, điển hình trong Đoàn Chủ tịch ({lhs}) phải từ 1/3 ({rhsValue}) đến hết số thành viên ({DB5@} = {DB5})",
        en: "Exemplars in the presidium ({lhs}) must be from a third ({rhsValue}) up to all of its members ({DB5@} = {DB5})",
      },
    },
    {
      id: "DB_HIGHER_DELEGATES",
      type: "compare",
      columns: ["value"],
      when: [{ attr: "unitType", in: ["thpt", "truc_thuoc"] }],
      assert: [{ left: [v("DB7")], op: "eq", const: 3 }],
      severity: "error",
      basis: `${PLAN}, mục III.2.2 (03 đại biểu)`,
      summary: { vi: "Trường THPT, đơn vị trực thuộc: DB7 = 3", en: "High schools and attached units: DB7 = 3" },
      message: {
        vi: "Trường THPT, đơn vị trực thuộc phải cử 03 đại biểu dự Hội nghị cấp trên, hiện {lhs}",
        en: "High schools and attached units must send 3 delegates to the higher conference, now {lhs}",
      },
    },
    {
      id: "DB_NOMINEES",
      type: "compare",
      columns: ["value"],
      when: [{ attr: "unitType", in: ["phong"] }],
      assert: [
        { left: [v("DB8")], op: "eq", const: 1 },
        { left: [v("DB9")], op: "eq", const: 1 },
      ],
      severity: "error",
      basis: `${PLAN}, mục III.3 (01 tập thể và 01 cá nhân)`,
      summary: { vi: "Phòng GDĐT: DB8 = 1 và DB9 = 1", en: "District offices: DB8 = 1 and DB9 = 1" },
      message: {
        vi: "Phòng GDĐT giới thiệu 01 tập thể và 01 cá nhân tiêu biểu, hiện {lhs}",
        en: "A district office nominates 1 collective and 1 individual, now {lhs}",
      },
    },
    ...LAYOUT_RULES("Cơ cấu đại biểu", '"Nội dung", "Số lượng"'),
  ],
};
