/**
 * The package's own parts: relationships (.rels), the sheets of the workbook part and where
 * they live, and the date in docProps/core.xml.
 */
import { fail } from "./errors";
import { counted, scanOrParse } from "./saxes-driver";
import { DEFAULT_LIMITS } from "./types";
import { unescapeXmlAttr } from "./xml-text";

/** Resolves a relationship target of the part `from` to a normalised entry name. */
export function resolveTarget(from: string, target: string): string {
  let t = target.replace(/\\/g, "/");
  if (t.includes("%")) {
    try {
      t = decodeURIComponent(t);
    } catch {
      // keep as written
    }
  }
  const dir = from.includes("/") ? from.slice(0, from.lastIndexOf("/") + 1) : "";
  const parts = (t.startsWith("/") ? t : dir + t).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p && p !== ".") out.push(p);
  }
  return out.join("/").toLowerCase();
}

/** "xl/worksheets/sheet1.xml" → "xl/worksheets/_rels/sheet1.xml.rels". */
export function relsPathOf(part: string): string {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

export interface Relationship {
  id: string;
  target: string;
  type: string;
  external: boolean;
}

/** The relationships of a .rels part, in document order. */
export function parseRels(xml: string, part: string, maxDepth = DEFAULT_LIMITS.maxDepth, fast = true): Relationship[] {
  const read = () => {
    const out: Relationship[] = [];
    return Object.assign(
      counted(part, maxDepth, (name, attr) => {
        if (name !== "Relationship") return;
        out.push({
          id: attr("Id") ?? "",
          target: attr("Target") ?? "",
          type: attr("Type") ?? "",
          external: attr("TargetMode") === "External",
        });
      }),
      { out },
    );
  };
  return scanOrParse(xml, part, fast, read).out;
}

export const DEFAULT_WORKBOOK = "xl/workbook.xml";

/**
 * The workbook part named by the package's own relationships (_rels/.rels), else the usual place.
 * A scan of its few <Relationship> tags, not a parser: this runs for every file of a merge.
 */
export function workbookPathOf(rootRelsXml: string | undefined): string {
  if (rootRelsXml === undefined) return DEFAULT_WORKBOOK;
  const tags = /<(?:[\w.-]+:)?Relationship\s([^>]*)>/g;
  let m: RegExpExecArray | null;
  while ((m = tags.exec(rootRelsXml)) !== null) {
    const a = m[1];
    const type = /\bType\s*=\s*(["'])(.*?)\1/.exec(a)?.[2] ?? "";
    if (!/\/officeDocument$/i.test(type) || /\bTargetMode\s*=\s*(["'])External\1/.test(a)) continue;
    const target = /\bTarget\s*=\s*(["'])(.*?)\1/.exec(a)?.[2];
    if (target) return resolveTarget("", unescapeXmlAttr(target));
  }
  return DEFAULT_WORKBOOK;
}

export interface WorkbookSheet {
  name: string;
  /** The id of its relationship (r:id). */
  rid: string;
  hidden: boolean;
}

/** The <sheet> elements of a workbook part, in order. */
export function workbookSheets(xml: string, part: string, maxDepth: number, fast = true): WorkbookSheet[] {
  const read = () => {
    const out: WorkbookSheet[] = [];
    return Object.assign(
      counted(part, maxDepth, (name, attr) => {
        if (name !== "sheet") return;
        const state = attr("state");
        out.push({
          name: attr("name") ?? "",
          rid: attr("r:id") ?? attr("id", true) ?? "",
          hidden: state === "hidden" || state === "veryHidden",
        });
      }),
      { out },
    );
  };
  return scanOrParse(xml, part, fast, read).out;
}

export interface SheetPlan {
  name: string;
  hidden: boolean;
  /** Normalised entry name of the worksheet part. */
  path: string;
}

/** The worksheets of a workbook part, in order (chart, dialog and macro sheets left out), and its other parts. */
export function sheetPlan(
  workbookXml: string,
  relsXml: string | undefined,
  wbPath: string,
  maxDepth = DEFAULT_LIMITS.maxDepth,
): { sheets: SheetPlan[]; stringsPath: string; stylesPath: string | null } {
  const sheets = workbookSheets(workbookXml, wbPath, maxDepth);
  const relsPath = relsPathOf(wbPath);
  const rels = new Map<string, Relationship>();
  if (relsXml !== undefined) for (const r of parseRels(relsXml, relsPath, maxDepth)) if (r.id) rels.set(r.id, r);
  const dir = wbPath.slice(0, wbPath.lastIndexOf("/") + 1);
  const plan: SheetPlan[] = [];
  sheets.forEach((s, i) => {
    const rel = rels.get(s.rid);
    if (rel === undefined) {
      if (rels.size === 0) plan.push({ name: s.name, hidden: s.hidden, path: `${dir}worksheets/sheet${i + 1}.xml` });
      else throw fail.corrupt(`trang "${s.name}" không có đích`, `sheet "${s.name}" has no target`);
    } else if (/\/worksheet$/i.test(rel.type) && !rel.external)
      plan.push({ name: s.name, hidden: s.hidden, path: resolveTarget(wbPath, rel.target) });
  });
  let stringsPath = `${dir}sharedstrings.xml`;
  let stylesPath: string | null = null;
  for (const rel of rels.values()) {
    if (rel.external) continue;
    if (/\/sharedStrings$/i.test(rel.type)) stringsPath = resolveTarget(wbPath, rel.target);
    else if (/\/styles$/i.test(rel.type)) stylesPath = resolveTarget(wbPath, rel.target);
  }
  return { sheets: plan, stringsPath, stylesPath };
}

export const CORE_PART = "docprops/core.xml";

/** dcterms:modified of the core properties, or null; a bad core part never fails the file. */
export function modifiedDate(xml: string | undefined, maxDepth: number, fast = true): string | null {
  if (xml === undefined) return null;
  const read = () => {
    let inModified = false;
    let value = "";
    let depth = 0;
    return {
      open(name: string) {
        if (++depth > maxDepth) throw fail.tooDeep(CORE_PART, maxDepth);
        inModified = name === "modified";
      },
      close() {
        depth--;
        inModified = false;
      },
      wantText: () => inModified,
      text(t: string) {
        value += t;
      },
      value: () => value,
    };
  };
  let value: string;
  try {
    value = scanOrParse(xml, CORE_PART, fast, read).value();
  } catch {
    return null;
  }
  const v = value.trim();
  const ms = Date.parse(/T[\d:.]+$/.test(v) ? v + "Z" : v); // W3CDTF without an offset: read as UTC
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}
