/**
 * Whose table is it (spec §5 v2)? A sheet's unit is looked for, in order, in its "Đơn vị:" line,
 * its letterhead ("TRƯỜNG THPT THÁI PHIÊN"), the file's name ("THPT Thai Phien - PL02.xlsx",
 * "truong-thpt-kien-an (1).xlsx": diacritics, slugs, copy numbers and the template's own name
 * folded away), the tab's name, then the folder's; the first that names a roster unit wins, and
 * the merge says which. A name that matches none but is close to a roster unit that sent nothing
 * is offered as that unit.
 */
import type { RosterUnit } from "./definition/schema";
import type { RosterIndex } from "./roster";
import { stripMarks } from "./text";

export type UnitSource = "line" | "letterhead" | "file" | "sheet" | "folder";

/** How each source is named in a finding. */
export const UNIT_SOURCE_TEXT: Record<UnitSource, { vi: string; en: string }> = {
  line: { vi: 'dòng "Đơn vị:"', en: 'the "Đơn vị:" line' },
  letterhead: { vi: "tiêu đề đơn vị ở đầu trang", en: "the letterhead" },
  file: { vi: "tên tệp", en: "the file name" },
  sheet: { vi: "tên trang tính", en: "the sheet name" },
  folder: { vi: "tên thư mục", en: "the folder name" },
};

/**
 * Words of a file or tab name that say nothing of the unit: the template's name, copy numbers,
 * the correction words of resubmission.ts, dates. Matched on the folded, unmarked name.
 */
const NOISE: RegExp[] = [
  /\b(phu luc|pl) ?0?2\b/g,
  /\bbang thong ke\b/g,
  /\b(ban )?(bo sung|sua|dieu chinh|thay the|cap nhat|final|copy|ban sao)\b/g,
  /\b(lan|v) ?\d{1,2}\b/g,
  /\b\d{1,4}(?: \d{1,4}){1,2}\b/g, // dates: 05 03 2025
  /\b\d+\b/g,
];

/**
 * The unit a file or tab name may hold, as loose words ("truong thpt kien an"), or null when
 * nothing is left once the noise is gone ("Phụ lục 02 (1).xlsx", "Sheet1").
 */
export function unitNameOfPath(name: string, isFile = true): string | null {
  const base = isFile ? (name.split(/[\\/]/).pop() ?? name).replace(/\.[a-z0-9]{2,5}$/i, "") : name;
  let n = stripMarks(base.normalize("NFC").toLowerCase())
    .replace(/&/g, " ")
    .replace(/[^a-z0-9]+/g, " ");
  for (const re of NOISE) n = n.replace(re, " ");
  n = n.replace(/\s+/g, " ").trim();
  if (/^(sheet|trang tinh|trang) ?\d*$/.test(n) || n.replace(/[^a-z]/g, "").length < 3) return null;
  return n;
}

export interface UnitClues {
  file: string;
  sheet: string;
  /** The "Đơn vị:" line's text, if any. */
  line: string | null;
  /** The letterhead's unit, if any. */
  letterhead: string | null;
}

export interface UnitIdentity {
  /** The roster unit, when one was matched. */
  known?: RosterUnit;
  /** Which clue matched the roster (known), or which one the unknown unit's name came from. */
  source: UnitSource | null;
  /** The name the unit goes by: the roster's, else the line's or letterhead's, else file › sheet. */
  name: string;
}

function parentFolder(path: string): string | null {
  const parts = path.split(/[\\/]/).filter(Boolean);
  return parts.length > 1 ? parts[parts.length - 2] : null;
}

function stem(path: string): string {
  return (path.split(/[\\/]/).pop() ?? path).replace(/\.[^.]+$/, "");
}

/** The unit of a sheet, by the chain of clues (see the top of this file). */
export function identifyUnit(index: RosterIndex, c: UnitClues): UnitIdentity {
  const folder = parentFolder(c.file);
  // clues in order, each worked out only when the ones before it matched nothing
  const chain: [UnitSource, () => string | null][] = [
    ["line", () => c.line],
    ["letterhead", () => c.letterhead],
    ["file", () => unitNameOfPath(c.file)],
    ["sheet", () => unitNameOfPath(c.sheet, false)],
    ["folder", () => (folder ? unitNameOfPath(folder, false) : null)],
  ];
  for (const [source, clue] of chain) {
    const known = index.match(clue());
    if (known) return { known, source, name: known.name };
  }
  if (c.line) return { source: "line", name: c.line };
  if (c.letterhead) return { source: "letterhead", name: c.letterhead };
  return { source: null, name: `${folder ? folder + "/" : ""}${stem(c.file)} (${c.sheet})` };
}

/** Edit distance, cut off above `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/**
 * The one unit of `among` whose proper name is close to `name` (a typo, a missing word: at most
 * one edit in five letters, or one name holding the other whole), or undefined.
 */
export function closeUnit(index: RosterIndex, name: string, among: readonly RosterUnit[]): RosterUnit | undefined {
  const key = index.bareKey(name);
  if (key.length < 3) return undefined;
  const hits = among.filter((u) =>
    index.bareKeysOf(u).some((k) => {
      if (k.length < 3) return false;
      const max = Math.max(1, Math.floor(Math.min(k.length, key.length) / 5));
      return distance(k, key, max) <= max || ` ${key} `.includes(` ${k} `) || ` ${k} `.includes(` ${key} `);
    }),
  );
  return hits.length === 1 ? hits[0] : undefined;
}
