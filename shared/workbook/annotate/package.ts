/**
 * The parts the annotated copy adds and how it ties them in: free names and relationship ids,
 * targets relative as Excel writes them, and the content types to declare.
 */
import type { Relationship } from "../read/package";
import type { ZipPackage } from "../zip/zip-edit";

export const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const CT_COMMENTS = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml";
export const CT_VML = "application/vnd.openxmlformats-officedocument.vmlDrawing";
export const CT_STYLES = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";

/** What the edits of one package share: the package, its parts as text, the content types to add. */
export interface PackageEdit {
  pkg: ZipPackage;
  text: (name: string) => string | undefined;
  /** <Default> and <Override> elements for [Content_Types].xml. */
  ctAdd: string[];
  /** Whether [Content_Types].xml already has a <Default> for the extension. */
  hasDefault: (ext: string) => boolean;
}

/** One worksheet's relationships: those it has, the ids taken, and the <Relationship> elements to add. */
export interface SheetRels {
  path: string;
  rels: Relationship[];
  usedIds: Set<string>;
  newRels: string[];
}

/** The target of `to` from part `from`, relative as Excel writes it ("../comments1.xml"). */
export function relativeTarget(from: string, to: string): string {
  const a = from.split("/").slice(0, -1);
  const b = to.split("/");
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => ".."), ...b.slice(i)].join("/");
}

export function freeName(pkg: ZipPackage, make: (n: number) => string): string {
  for (let n = 1; ; n++) if (!pkg.has(make(n))) return make(n);
}

export function freeId(used: Set<string>, base: string): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}${n}`;
  used.add(id);
  return id;
}
