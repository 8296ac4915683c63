/**
 * The sample units' lists of delegates (spec §4b): three delegates from a THPT or a unit under the
 * Sở, one exemplary collective and one exemplary individual from a Phòng GDĐT. Deterministic: the
 * same unit gives the same people.
 */
import type { ListRow } from "../../shared";
import { rng, seedOf, type UnitType } from "./values";

const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Ngô", "Đinh", "Phan"];
const MIDDLE = { male: ["Văn", "Minh", "Đức", "Quang", "Hữu"], female: ["Thị", "Thu", "Thanh", "Hồng", "Ngọc"] };
const GIVEN = {
  male: ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Long", "Nam", "Quân", "Tuấn", "Thắng", "Việt"],
  female: ["Anh", "Dung", "Hà", "Hương", "Lan", "Mai", "Ngân", "Phương", "Thảo", "Trang", "Yến", "Hạnh"],
};
const POSTS = ["Giáo viên Toán", "Giáo viên Ngữ văn", "Tổ trưởng chuyên môn", "Phó Hiệu trưởng", "Giáo viên Vật lí"];
const AWARDS = [
  "Chiến sĩ thi đua cấp thành phố (2023)",
  "Bằng khen của Bộ trưởng Bộ GDĐT (2022)",
  "Bằng khen của Chủ tịch UBND thành phố (2024)",
  "Chiến sĩ thi đua cơ sở (2024)",
];
const DEEDS = [
  "5 năm liền hoàn thành xuất sắc nhiệm vụ",
  "giáo viên dạy giỏi cấp thành phố",
  "có 2 sáng kiến được công nhận cấp thành phố",
  "bồi dưỡng học sinh đạt giải học sinh giỏi quốc gia",
  "chủ nhiệm lớp đạt danh hiệu tập thể tiên tiến 3 năm liền",
];
const SCHOOLS = ["Hoa Sen", "Sao Mai", "Họa Mi", "Tân Sơn", "Lý Tự Trọng", "Chu Văn An", "Nguyễn Bá Ngọc"];

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)];
}

/** A person moved between two sample units: on both lists (MERGE_PERSON_TWICE). */
export const MOVED = { name: "Nguyễn Thị Hương", birthYear: 1982, gender: "Nữ" };

/** Name and year of birth of everyone drawn so far: a sample person is drawn again rather than repeated by chance. */
const keyOf = (name: string, year: number) => `${name}|${year}`;

function personRow(r: () => number, unit: string, kind: string, taken: Set<string>): ListRow {
  let gender: "male" | "female";
  let name: string;
  let birthYear: number;
  do {
    gender = r() < 0.6 ? "female" : "male";
    name = `${pick(r, FAMILY)} ${pick(r, MIDDLE[gender])} ${pick(r, GIVEN[gender])}`;
    birthYear = 1970 + Math.floor(r() * 26);
  } while (taken.has(keyOf(name, birthYear)));
  taken.add(keyOf(name, birthYear));
  return {
    name,
    birthYear,
    gender: gender === "male" ? "Nam" : "Nữ",
    position: `${pick(r, POSTS)}, ${unit}`,
    kind,
    award: pick(r, AWARDS),
    summary: `${pick(r, DEEDS)}; ${pick(r, DEEDS)}`,
  };
}

/** The list a unit of this kind sends, right as the plan asks. */
/** The people of no list yet: only the one who moved, who is put on two lists on purpose. */
export function noneTaken(): Set<string> {
  return new Set([keyOf(MOVED.name, MOVED.birthYear)]);
}

export function delegateList(unit: string, type: UnitType, taken = noneTaken()): ListRow[] {
  const r = rng(seedOf(unit) ^ 0x5bd1e995);
  if (type !== "Phòng GDĐT") return [0, 1, 2].map(() => personRow(r, unit, "Đại biểu", taken));
  const area = unit.replace(/^Phòng GDĐT\s*/, "");
  return [
    {
      name: `Trường Mầm non ${pick(r, SCHOOLS)}, ${area}`,
      birthYear: null,
      gender: null,
      position: area,
      kind: "Tập thể tiêu biểu",
      award: "Cờ thi đua của UBND thành phố (2024)",
      summary: "Tập thể lao động xuất sắc 5 năm liền; dẫn đầu phong trào thi đua của ngành",
    },
    personRow(r, unit, "Cá nhân tiêu biểu", taken),
  ];
}
