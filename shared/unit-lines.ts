/**
 * The lines above a table that name its unit: a labelled cell ("Đơn vị: Trường THPT Ngô Quyền",
 * or the label and its value in the next cells) and the letterhead above the title ("TRƯỜNG THPT
 * THÁI PHIÊN"), which names the unit when the "Đơn vị:" line is missing (spec §5 v2).
 */
import { address } from "./address";
import type { Grid } from "./cell";
import type { RuleDef, TemplateDef } from "./definition/schema";
import { type Finding, makeFinding } from "./finding";
import type { Template } from "./template";
import { cellText, fold } from "./text";

/** "Đơn vị: Trường THPT Ngô Quyền" or "Đơn vị:" | "Trường THPT Ngô Quyền" in the next cells. */
export function findLabelled(
  grid: Grid,
  labels: Set<string>,
  endRow: number,
): { value: string | null; cell: string } | undefined {
  for (let r = 0; r < endRow; r++) {
    const row = grid.rows[r];
    if (!row) continue;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v !== "string") continue;
      const colon = v.indexOf(":");
      const head = colon >= 0 ? v.slice(0, colon) : v;
      if (!labels.has(fold(head))) continue;
      let value = colon >= 0 ? v.slice(colon + 1).trim() : "";
      if (!value) {
        for (let k = c + 1; k < row.length && !value; k++) value = cellText(row[k]).trim();
      }
      const meaningful = value.replace(/[.…_\-\s]/g, "") !== "";
      return { value: meaningful ? value.replace(/\s+/g, " ") : null, cell: address(r, c) };
    }
  }
  return undefined;
}

/** "TRƯỜNG …", "PHÒNG GD&ĐT …", "TRUNG TÂM …", and a school named by its level alone ("THPT LÊ QUÝ ĐÔN"). */
const LETTERHEAD = /^(truong|phong gd|phong giao duc|trung tam|thpt|thcs|ptdtnt|th va thcs|thcs va thpt)\s/;
/** A kind of unit with no name after it ("Trường THPT" as the value of "Loại đơn vị:"). */
const KIND_ONLY =
  /^(truong( thpt| thcs| tieu hoc| mam non)?|thpt|thcs|ptdtnt|trung tam|phong (gd dt|gddt|giao duc va dao tao))$/;
const BARE_PHONG = /^phong (gd dt|gddt|giao duc va dao tao|giao duc dao tao)$/;

/**
 * The unit named in the letterhead above the title: "TRƯỜNG THPT THÁI PHIÊN", "PHÒNG GD&ĐT QUẬN
 * LÊ CHÂN", "TRUNG TÂM …"; a bare "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO" takes its area from the "UBND …"
 * line above it. Lines of a multi-line cell are read one by one; the first that names a unit wins.
 */
export function findLetterhead(
  grid: Grid,
  t: { def: Pick<Template["def"], "title" | "subtitle"> },
  endRow: number,
): { value: string; cell: string } | undefined {
  // above the subtitle ("BẢNG THỐNG KÊ …"), else down to the title's row ("PHỤ LỤC 02" often sits
  // at the top right, beside the letterhead): the unit and attribute lines come after them
  const sub = fold(t.def.subtitle).slice(0, 24);
  const title = fold(t.def.title);
  const rowOf = (test: (f: string) => boolean) => {
    for (let r = 0; r < endRow; r++) if (grid.rows[r]?.some((v) => typeof v === "string" && test(fold(v)))) return r;
    return -1;
  };
  const subRow = sub ? rowOf((f) => f.startsWith(sub)) : -1;
  const titleRow = rowOf((f) => f === title);
  // The subtitle's own row too: a letterhead often sits at the left of the title lines, on the
  // same rows ("TRƯỜNG THPT LÊ QUÝ ĐÔN" beside "BẢNG THỐNG KÊ …"); the subtitle is no letterhead.
  if (subRow >= 0) endRow = subRow + 1;
  else if (titleRow >= 0) endRow = titleRow + 1;
  for (let r = 0; r < endRow; r++) {
    const row = grid.rows[r];
    if (!row) continue;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v !== "string") continue;
      if (
        c > 0 &&
        cellText(row[c - 1])
          .trim()
          .endsWith(":")
      )
        continue; // a label's value
      const lines = v.split(/\r?\n/).map((l) => l.trim());
      for (let k = 0; k < lines.length; k++) {
        const f = fold(lines[k]);
        if (!LETTERHEAD.test(f + " ") || (KIND_ONLY.test(f) && !BARE_PHONG.test(f))) continue;
        if (BARE_PHONG.test(f)) {
          const above = k > 0 ? lines[k - 1] : cellText(grid.rows[r - 1]?.[c]).trim();
          if (!/^ubnd\s/.test(fold(above))) continue;
          return { value: `Phòng GDĐT ${above.replace(/^\S+\s+/, "")}`, cell: address(r, c) };
        }
        return { value: lines[k].replace(/\s+/g, " "), cell: address(r, c) };
      }
    }
  }
  return undefined;
}

/** What the lines above a table's or a list's header say of its unit. */
export interface UnitAbove {
  /** The "Đơn vị:" line's name, else the letterhead's (`unitSource` says which). */
  unit: string | null;
  unitSource: "line" | "letterhead" | null;
  letterhead: string | null;
  /** Where the unit is written (or should be). */
  unitCell: string;
  /** attribute key → the value id its line gives ("Loại đơn vị: Trường THPT"), or null. */
  attrs: Map<string, string | null>;
  /** UNIT_MISSING when neither line names the unit. */
  findings: Finding[];
}

/**
 * The unit and the attributes above a header whose first row is `top` (its leftmost column
 * `firstCol`): a letterhead that names the unit names it as well as a "Đơn vị:" line would.
 */
export function unitAbove(
  grid: Grid,
  t: {
    def: Pick<Template["def"], "title" | "subtitle"> & { attributes: TemplateDef["attributes"] };
    unitLabels: Set<string>;
    rule: Map<string, RuleDef>;
  },
  top: number,
  firstCol: number,
  attributeLabels: readonly Set<string>[] = t.def.attributes.map((a) => new Set(a.labels.map(fold))),
): UnitAbove {
  const unitFound = findLabelled(grid, t.unitLabels, top);
  const unitCell = unitFound?.cell ?? address(Math.max(0, top - 1), firstCol);
  const head = findLetterhead(grid, t, top);
  const letterhead = head?.value ?? null;
  const unit = unitFound?.value ?? letterhead;
  const findings: Finding[] = [];
  if (!unit)
    findings.push(
      makeFinding(t.rule.get("UNIT_MISSING")!, { sheet: grid.name, cells: [unitCell] }, { cell: unitCell }),
    );
  const attrs = new Map<string, string | null>();
  t.def.attributes.forEach((a, i) => {
    const found = findLabelled(grid, attributeLabels[i], top);
    const f = found?.value ? fold(found.value) : "";
    attrs.set(a.key, a.values.find((v) => v.texts.some((x) => fold(x) === f))?.id ?? null);
  });
  return {
    unit,
    unitSource: unitFound?.value ? "line" : letterhead ? "letterhead" : null,
    letterhead,
    unitCell: unitFound?.value || !head ? unitCell : head.cell,
    attrs,
    findings,
  };
}
