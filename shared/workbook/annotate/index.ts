/**
 * The annotated copy of a unit's file, made by editing the unit's own package: each blamed cell
 * gets a style that is its own style with a red or amber fill, and a note that says why (after
 * the user's own note text, which is kept). Only the sheet, styles, comments, VML drawing, the
 * sheet's relationships and [Content_Types].xml change; every other entry is copied byte for byte.
 * It reads no more than the reader does: one parse of each part it edits, within the same limits.
 */
import { type Finding, findingMessage, type Lang, parseAddress } from "../..";
import { XlsxError } from "../read/errors";
import { DEFAULT_WORKBOOK, parseRels, relsPathOf, sheetPlan, workbookPathOf } from "../read/package";
import { decodeXml } from "../read/xml-text";
import { ZipPackage } from "../zip/zip-edit";
import { type Mark, writeComments, writeNoteShapes } from "./notes";
import { CT_STYLES, freeId, freeName, type PackageEdit, REL, relativeTarget, type SheetRels } from "./package";
import { markSheet } from "./sheet";
import { Styles } from "./styles";
import { apply, fail, insertBeforeClose } from "./xml-edit";

export { MARK } from "./notes";

function marksOf(findings: Finding[], lang: Lang): Map<string, Mark> {
  const byCell = new Map<string, Finding[]>();
  for (const f of findings) {
    const addr = f.cells[0]?.toUpperCase();
    if (addr && parseAddress(addr)) byCell.set(addr, [...(byCell.get(addr) ?? []), f]);
  }
  const out = new Map<string, Mark>();
  for (const [addr, list] of byCell)
    out.set(addr, {
      severity: list.some((f) => f.severity === "error") ? "error" : "warning",
      note: list.map((f) => `[${f.rule}] ${findingMessage(f, lang)}`).join("\n"),
    });
  return out;
}

/**
 * The unit's file with its findings marked. Throws an XlsxError (Vietnamese and English
 * messages) when the package cannot be edited; the original bytes are never changed.
 */
export function writeAnnotatedCopy(
  original: Uint8Array,
  sheets: { sheet: string; findings: Finding[] }[],
  lang: Lang = "vi",
): Uint8Array {
  try {
    return annotate(original, sheets, lang);
  } catch (e) {
    if (e instanceof XlsxError) throw e;
    const why = String((e as Error)?.message ?? e).split("\n")[0];
    throw fail(`lỗi không lường trước (${why})`, `unexpected error (${why})`);
  }
}

function annotate(original: Uint8Array, sheets: { sheet: string; findings: Finding[] }[], lang: Lang): Uint8Array {
  const pkg = new ZipPackage(original);
  const text = (n: string) => {
    const d = pkg.read(n);
    return d === undefined ? undefined : decodeXml(d);
  };
  const rootRels = text("_rels/.rels");
  let wbPath = workbookPathOf(rootRels);
  if (!pkg.has(wbPath)) wbPath = DEFAULT_WORKBOOK;
  const wbXml = text(wbPath);
  if (wbXml === undefined) throw fail("không thấy sổ tính trong tệp", "no workbook in the package");
  const wbRelsPath = relsPathOf(wbPath);
  const plan = sheetPlan(wbXml, text(wbRelsPath), wbPath);

  // Marks per worksheet part (two sheet entries may share one part: their marks are merged).
  const byPath = new Map<string, Map<string, Mark>>();
  for (const s of sheets) {
    const found = plan.sheets.find((p) => p.name === s.sheet);
    if (!found || s.findings.length === 0) continue;
    const marks = byPath.get(found.path) ?? new Map<string, Mark>();
    for (const [addr, m] of marksOf(s.findings, lang)) if (!marks.has(addr)) marks.set(addr, m);
    byPath.set(found.path, marks);
  }
  if (byPath.size === 0) return original.slice(); // nothing to mark: the copy is the file itself

  const stylesPath =
    plan.stylesPath ??
    freeName(pkg, (n) => `${wbPath.slice(0, wbPath.lastIndexOf("/") + 1)}styles${n === 1 ? "" : n}.xml`);
  const styles = new Styles(plan.stylesPath ? text(plan.stylesPath) : undefined);
  let contentTypes = text("[content_types].xml");
  if (contentTypes === undefined) throw fail("thiếu [Content_Types].xml", "no [Content_Types].xml");
  const ctAdd: string[] = [];
  const hasDefault = (ext: string) => new RegExp(`Extension\\s*=\\s*["']${ext}["']`, "i").test(contentTypes!);
  const pe: PackageEdit = { pkg, text, ctAdd, hasDefault };

  let sheetNo = 0;
  for (const [path, marks] of byPath) {
    sheetNo++;
    const xml = text(path);
    if (xml === undefined) throw fail(`thiếu ${path}`, `${path} is missing`);
    const styleOf = new Map<string, (s: number) => number>();
    for (const [addr, m] of marks) styleOf.set(addr, (s) => styles.styleFor(s, m.severity));
    const sh = markSheet(xml, path, styleOf);

    // Notes, and the VML shapes of the new ones.
    const relsPath = relsPathOf(path);
    const relsXml = text(relsPath);
    const rels = relsXml === undefined ? [] : parseRels(relsXml, relsPath);
    const sheetRels: SheetRels = { path, rels, usedIds: new Set(rels.map((r) => r.id)), newRels: [] };
    const fresh = writeComments(pe, sheetRels, marks);
    writeNoteShapes(pe, sheetRels, sh, fresh, sheetNo);
    pkg.write(path, apply(xml, sh.edits));
    const newRels = sheetRels.newRels;
    if (newRels.length) {
      const relsText =
        relsXml ??
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
      pkg.write(relsPath, insertBeforeClose(relsText, /<\/([\w.-]+:)?Relationships\s*>/g, newRels.join("")));
    }
  }

  if (styles.used) {
    pkg.write(stylesPath, styles.text());
    if (!plan.stylesPath) {
      const wbRels = text(wbRelsPath);
      if (wbRels === undefined) throw fail("thiếu quan hệ của sổ tính", "no workbook relationships");
      const ids = new Set(parseRels(wbRels, wbRelsPath).map((r) => r.id));
      pkg.write(
        wbRelsPath,
        insertBeforeClose(
          wbRels,
          /<\/([\w.-]+:)?Relationships\s*>/g,
          `<Relationship Id="${freeId(ids, "rIdPl02s")}" Type="${REL}/styles" Target="${relativeTarget(wbPath, stylesPath)}"/>`,
        ),
      );
      ctAdd.push(`<Override PartName="/${stylesPath}" ContentType="${CT_STYLES}"/>`);
    }
  }
  if (ctAdd.length) {
    contentTypes = insertBeforeClose(contentTypes, /<\/([\w.-]+:)?Types\s*>/g, ctAdd.join(""));
    pkg.write("[content_types].xml", contentTypes);
  }
  return pkg.toBytes();
}
