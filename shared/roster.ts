/**
 * Matching unit names to the roster (spec §5). Names are compared after NFC, case folding and
 * collapsing spaces, with "Phòng GD&ĐT" = "Phòng GD-ĐT" = "Phòng Giáo dục và Đào tạo" = "Phòng GDĐT".
 * When that finds nothing, looser passes follow, each accepted only when it names exactly
 * one unit: without tone marks ("Thủy"/"Thuỷ", typed without accents), then also without
 * "quận/huyện/thành phố/thị xã", then also without the kind of unit ("Trường THPT").
 */
import { type Bilingual, BilingualError } from "./bilingual";
import { schemas, type Roster, type RosterInput, type RosterUnit } from "./definition/schema";
import { trustedRoster } from "./definition/trusted";
import { HAI_PHONG_ROSTER } from "./definition/roster-haiphong";
import type { UnreadableInput } from "./consolidate";
import { fold, foldName, stripMarks } from "./text";

const SAME_WORDS: [RegExp, string][] = [
  [/\bphòng\s+(gd\s*(&|-|và|va)\s*đt|gdđt|gd-đt|giáo dục\s*(và|-|&)\s*đào tạo)(?=\s|$)/gu, "phòng gdđt"],
  [/\btrường\s+trung học phổ thông\b/gu, "trường thpt"],
  [/^thpt\s/u, "trường thpt "],
  [/\btrung tâm\s+gdtx\b/gu, "trung tâm giáo dục thường xuyên"],
];
const ADMIN = /\b(quan|huyen|thanh pho|thi xa|tp)\b\.?/g;

export function normalizeUnitName(s: string): string {
  let n = foldName(s.replace(/[“”"]/g, ""));
  for (const [re, to] of SAME_WORDS) n = n.replace(re, to);
  return n.replace(/\s+/g, " ").trim();
}

function loose(n: string): string {
  return stripMarks(n)
    .replace(/[^a-z0-9 ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function looser(n: string): string {
  return loose(n).replace(ADMIN, " ").replace(/\s+/g, " ").trim();
}

const KIND_WORDS = /^(truong thpt|truong|phong gddt|trung tam|don vi)\s+/;

/** Only the proper name: "thai-phien.xlsx" for "Trường THPT Thái Phiên". */
function bare(n: string): string {
  return looser(n).replace(KIND_WORDS, "");
}

export class RosterIndex {
  private readonly levels: Map<string, RosterUnit[]>[] = [new Map(), new Map(), new Map(), new Map()];
  private static readonly keys = [(n: string) => n, loose, looser, bare];

  /** Each roster unit's names, only the proper name (`bareKey`), folded once with the index. */
  private readonly unitBare = new Map<RosterUnit, string[]>();

  constructor(readonly roster: Roster) {
    for (const u of roster.units) {
      const bares: string[] = [];
      for (const name of [u.name, ...u.aliases]) {
        const n = normalizeUnitName(name);
        RosterIndex.keys.forEach((k, i) => {
          const key = k(n);
          const list = this.levels[i].get(key) ?? [];
          if (!list.includes(u)) list.push(u);
          this.levels[i].set(key, list);
          if (i === RosterIndex.keys.length - 1) bares.push(key);
        });
      }
      this.unitBare.set(u, bares);
    }
  }

  /** A roster unit's names as `bareKey` folds them (its name first, then its aliases). */
  bareKeysOf(u: RosterUnit): readonly string[] {
    return this.unitBare.get(u) ?? [u.name, ...u.aliases].map((n) => this.bareKey(n));
  }

  // A merge asks about the same names again and again (every input's tab "Phụ lục 02", the
  // roster's own names for each unknown unit); the folding is the costly part, so each answer is
  // kept for the life of the index (one merge).
  private readonly bareKeys = new Map<string, string>();
  private readonly matches = new Map<string, RosterUnit | undefined>();

  /** Only the proper name, loosely folded ("thai phien" of "Trường THPT Thái Phiên"). */
  bareKey(name: string): string {
    let key = this.bareKeys.get(name);
    if (key === undefined) this.bareKeys.set(name, (key = bare(normalizeUnitName(name))));
    return key;
  }

  /** The roster unit a name stands for, if exactly one. */
  match(name: string | null | undefined): RosterUnit | undefined {
    if (!name) return undefined;
    if (this.matches.has(name)) return this.matches.get(name);
    const hit = this.lookUp(normalizeUnitName(name));
    this.matches.set(name, hit);
    return hit;
  }

  private lookUp(n: string): RosterUnit | undefined {
    for (let i = 0; i < this.levels.length; i++) {
      const hit = this.levels[i].get(RosterIndex.keys[i](n));
      if (hit && hit.length === 1) return hit[0];
      if (hit && hit.length > 1) return undefined;
    }
    return undefined;
  }
}

/** A roster that cannot be used; its message is Vietnamese only, so both languages carry it. */
export class RosterError extends BilingualError {
  constructor(message: string, options?: { cause?: unknown }) {
    super({ vi: message, en: message }, options);
  }
}

export function parseRoster(input: unknown): Roster {
  const r = schemas().Roster.safeParse(input);
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.join(".") || "(gốc)"}: ${i.message}`).join("; ");
    throw new RosterError(`Danh sách đơn vị không hợp lệ: ${issues}`);
  }
  return r.data;
}

/** The Hải Phòng roster; validated by the tests, not at run time (see definition/trusted.ts). */
export function bundledRoster(): Roster {
  return trustedRoster(HAI_PHONG_ROSTER satisfies RosterInput);
}

const ROSTER_HEADERS: Record<string, string[]> = {
  name: ["ten don vi", "don vi"],
  type: ["loai don vi", "loai"],
  aliases: ["ten khac", "ten goi khac", "bi danh"],
};
const TYPES: Record<string, RosterUnit["type"]> = {
  "phong gddt": "Phòng GDĐT",
  "phong gd dt": "Phòng GDĐT",
  "phong giao duc va dao tao": "Phòng GDĐT",
  "truong thpt": "Trường THPT",
  thpt: "Trường THPT",
  "don vi truc thuoc": "Đơn vị trực thuộc",
  "truc thuoc": "Đơn vị trực thuộc",
};

/** The sheet a workbook or spreadsheet may hold to replace the bundled roster. */
export const ROSTER_SHEET_NAME = "Danh sách đơn vị";

export function isRosterSheet(name: string): boolean {
  return fold(name) === fold(ROSTER_SHEET_NAME);
}

/**
 * A workbook's own roster sheet, read for a merge; when it cannot be read, the reason (named by
 * file and sheet) comes back instead, and the merge goes on with the bundled roster.
 */
export function rosterOfSheet(
  file: string,
  grid: { name: string; rows: unknown[][] },
): { roster: Roster; notices: Bilingual[] } | { unreadable: UnreadableInput } {
  try {
    return readRosterGrid(grid);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return { unreadable: { file, sheet: grid.name, reason: { vi: msg, en: msg } } };
  }
}

/** The type a unit's name says: "Trường THPT …", "Phòng GDĐT/GD&ĐT …", else an attached unit. */
export function unitTypeOfName(name: string): RosterUnit["type"] {
  const n = normalizeUnitName(name);
  if (n.startsWith("trường thpt ") || n.startsWith("thpt ")) return "Trường THPT";
  if (n.startsWith("phòng gdđt ")) return "Phòng GDĐT";
  return "Đơn vị trực thuộc";
}

/**
 * A roster kept as a sheet "Danh sách đơn vị": a header row with "Tên đơn vị", optionally
 * "Loại đơn vị" and "Tên khác" (aliases separated by ";"), one unit per row below. Without a
 * "Loại đơn vị" column each unit's type is taken from its name, and a notice says so.
 */
export function rosterFromGrid(grid: { name: string; rows: unknown[][] }): Roster {
  return readRosterGrid(grid).roster;
}

export function readRosterGrid(grid: { name: string; rows: unknown[][] }): { roster: Roster; notices: Bilingual[] } {
  const f = (v: unknown) => (typeof v === "string" ? loose(foldName(v)) : "");
  for (let r = 0; r < Math.min(grid.rows.length, 30); r++) {
    const row = grid.rows[r] ?? [];
    const col: Record<string, number> = {};
    row.forEach((v, c) => {
      for (const [k, names] of Object.entries(ROSTER_HEADERS))
        if (col[k] === undefined && names.includes(f(v))) col[k] = c;
    });
    if (col.name === undefined) continue;
    const units: unknown[] = [];
    for (const data of grid.rows.slice(r + 1)) {
      const name = typeof data?.[col.name] === "string" ? (data[col.name] as string).trim() : "";
      if (!name) continue;
      const aliasCell = col.aliases === undefined ? "" : data[col.aliases];
      units.push({
        name,
        type: col.type === undefined ? unitTypeOfName(name) : (TYPES[f(data[col.type])] ?? data[col.type]),
        aliases:
          typeof aliasCell === "string"
            ? aliasCell
                .split(";")
                .map((s) => s.trim())
                .filter(Boolean)
            : [],
      });
    }
    const roster = parseRoster({ units });
    const notices: Bilingual[] = [];
    if (col.type === undefined)
      notices.push({
        vi: `Trang "${grid.name}" không có cột "Loại đơn vị": loại của ${units.length} đơn vị được đoán theo tên ("Trường THPT …", "Phòng GDĐT …", còn lại là "Đơn vị trực thuộc")`,
        en: `Sheet "${grid.name}" has no "Loại đơn vị" (type) column: the type of its ${units.length} unit(s) is taken from their names ("Trường THPT …", "Phòng GDĐT …", else "Đơn vị trực thuộc")`,
      });
    return { roster, notices };
  }
  throw new RosterError(`Trang "${grid.name}" không có dòng tiêu đề "Tên đơn vị"`);
}
