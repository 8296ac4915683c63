/**
 * The notes of the annotated copy: the comments part (the user's notes kept, ours added or
 * replaced after MARK) and the VML shapes Excel needs to show new notes.
 */
import { parseAddress } from "../..";
import { esc, EXCEL_TEXT_MAX } from "../write/sheet-writer";
import { local } from "../read/xml-text";
import {
  CT_COMMENTS,
  CT_VML,
  freeId,
  freeName,
  MAIN,
  type PackageEdit,
  REL,
  relativeTarget,
  type SheetRels,
} from "./package";
import type { SheetScan } from "./sheet";
import { apply, type Edit, fail, insertBeforeClose, prefixOf, scan, type Span } from "./xml-edit";
import { resolveTarget } from "../read/package";

/** What separates the user's own note text from ours. */
export const MARK = "— phuluc02 —";

export interface Mark {
  severity: "error" | "warning";
  note: string;
}

function clip(s: string): string {
  return s.length <= EXCEL_TEXT_MAX ? s : s.slice(0, EXCEL_TEXT_MAX - 1) + "…";
}

interface CommentsScan {
  prefix: string;
  authors: string[];
  authorsClose: number;
  authorsOpen: Span | null;
  listClose: number;
  listOpen: Span | null;
  listSelfClosing: boolean;
  byRef: Map<string, { textOpen: Span; textClose: number; text: string }>;
}

function scanComments(xml: string, part: string): CommentsScan {
  const s: CommentsScan = {
    prefix: "",
    authors: [],
    authorsClose: -1,
    authorsOpen: null,
    listClose: -1,
    listOpen: null,
    listSelfClosing: false,
    byRef: new Map(),
  };
  let inAuthor = false;
  let author = "";
  let ref: string | null = null;
  let textOpen: Span | null = null;
  let inT = false;
  let phonetic = 0;
  let buf = "";
  scan(
    xml,
    part,
    (tag, at, depth) => {
      const n = local(tag.name);
      if (depth === 1) s.prefix = prefixOf(tag.name);
      else if (n === "authors") s.authorsOpen = at;
      else if (n === "author") {
        inAuthor = true;
        author = "";
      } else if (n === "commentList") {
        s.listOpen = at;
        s.listSelfClosing = !!tag.isSelfClosing;
      } else if (n === "comment") {
        ref = (tag.attributes.ref ?? "").toUpperCase();
        buf = "";
      } else if (n === "text" && ref !== null) textOpen = at;
      else if (n === "t") inT = phonetic === 0;
      else if (n === "rPh") phonetic++;
    },
    (tag, at) => {
      const n = local(tag.name);
      if (n === "author") {
        inAuthor = false;
        s.authors.push(author);
      } else if (n === "authors") s.authorsClose = at.start;
      else if (n === "commentList") s.listClose = at.start;
      else if (n === "t") inT = false;
      else if (n === "rPh") phonetic--;
      else if (n === "text" && ref !== null && textOpen)
        s.byRef.set(ref, { textOpen, textClose: tag.isSelfClosing ? -1 : at.start, text: buf });
      else if (n === "comment") ref = null;
    },
    (t) => {
      if (inAuthor) author += t;
      else if (inT && ref !== null) buf += t;
    },
  );
  return s;
}

function vmlShape(addr: string, id: number): string {
  const a = parseAddress(addr)!;
  const { row, col } = a;
  return `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:260pt;height:80pt;z-index:1;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${col + 1}, 15, ${row}, 2, ${col + 5}, 15, ${row + 5}, 4</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${row}</x:Row><x:Column>${col}</x:Column></x:ClientData></v:shape>`;
}

const SHAPETYPE = `<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>`;

function newVml(shapes: string, idmap: number): string {
  return `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${idmap}"/></o:shapelayout>${SHAPETYPE}${shapes}</xml>`;
}

/** Writes the notes of `marks` into the sheet's comments part (a new one when it has none); returns the cells whose note is new. */
export function writeComments(pe: PackageEdit, sheet: SheetRels, marks: Map<string, Mark>): string[] {
  const { pkg, text, ctAdd } = pe;
  const { path, rels, usedIds, newRels } = sheet;
  const commentsRel = rels.find((r) => /\/comments$/i.test(r.type) && !r.external);
  let commentsPath = commentsRel ? resolveTarget(path, commentsRel.target) : null;
  const comments = commentsPath ? text(commentsPath) : undefined;
  if (commentsPath && comments === undefined) commentsPath = null;
  const fresh: string[] = []; // cells that get a new note (and so a new VML shape)
  if (commentsPath && comments !== undefined) {
    const cs = scanComments(comments, commentsPath);
    const P = cs.prefix;
    const edits: Edit[] = [];
    let authorId = cs.authors.indexOf("phuluc02");
    if (authorId < 0) {
      authorId = cs.authors.length;
      if (cs.authorsOpen && cs.authorsClose >= 0)
        edits.push({ at: cs.authorsClose, del: 0, text: `<${P}author>phuluc02</${P}author>` });
      else throw fail(`${commentsPath} không có danh sách tác giả`, `${commentsPath} has no authors`);
    }
    const added: string[] = [];
    for (const [addr, m] of marks) {
      const old = cs.byRef.get(addr);
      if (old) {
        const user = old.text.split(MARK)[0].trimEnd();
        const body = `<${P}r><${P}t xml:space="preserve">${esc(clip(user ? `${user}\n${MARK}\n${m.note}` : m.note))}</${P}t></${P}r>`;
        if (old.text.includes(MARK) || old.textClose < 0) {
          // our own earlier note: the user's text kept, ours replaced
          const openTag = comments.slice(old.textOpen.start, old.textOpen.end).replace(/\s*\/>$/, ">");
          const closeAt = old.textClose < 0 ? old.textOpen.end : old.textClose;
          edits.push({
            at: old.textOpen.start,
            del: closeAt - old.textOpen.start,
            text: openTag + body + (old.textClose < 0 ? `</${P}text>` : ""),
          });
        } else
          edits.push({
            at: old.textClose,
            del: 0,
            text: `<${P}r><${P}t xml:space="preserve">${esc(clip(`\n${MARK}\n${m.note}`))}</${P}t></${P}r>`,
          });
      } else {
        added.push(
          `<${P}comment ref="${addr}" authorId="${authorId}"><${P}text><${P}r><${P}t xml:space="preserve">${esc(clip(m.note))}</${P}t></${P}r></${P}text></${P}comment>`,
        );
        fresh.push(addr);
      }
    }
    if (added.length) {
      if (cs.listOpen && !cs.listSelfClosing) edits.push({ at: cs.listClose, del: 0, text: added.join("") });
      else if (cs.listOpen) {
        const tag = comments.slice(cs.listOpen.start, cs.listOpen.end).replace(/\s*\/>$/, ">");
        edits.push({
          at: cs.listOpen.start,
          del: cs.listOpen.end - cs.listOpen.start,
          text: tag + added.join("") + `</${P}commentList>`,
        });
      } else throw fail(`${commentsPath} không có commentList`, `${commentsPath} has no commentList`);
    }
    pkg.write(commentsPath, apply(comments, edits));
  } else {
    commentsPath = freeName(pkg, (n) => `xl/comments${n}.xml`);
    const list = [...marks].map(
      ([addr, m]) =>
        `<comment ref="${addr}" authorId="0"><text><r><t xml:space="preserve">${esc(clip(m.note))}</t></r></text></comment>`,
    );
    fresh.push(...marks.keys());
    pkg.write(
      commentsPath,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="${MAIN}"><authors><author>phuluc02</author></authors><commentList>${list.join("")}</commentList></comments>`,
    );
    newRels.push(
      `<Relationship Id="${freeId(usedIds, "rIdPl02c")}" Type="${REL}/comments" Target="${relativeTarget(path, commentsPath)}"/>`,
    );
    ctAdd.push(`<Override PartName="/${commentsPath}" ContentType="${CT_COMMENTS}"/>`);
  }
  return fresh;
}

/** Adds a VML shape for each new note (`fresh`): to the sheet's drawing, or to a new one with its <legacyDrawing>. */
export function writeNoteShapes(
  pe: PackageEdit,
  sheet: SheetRels,
  sh: SheetScan,
  fresh: string[],
  sheetNo: number,
): void {
  const { pkg, text, ctAdd, hasDefault } = pe;
  const { path, rels, usedIds, newRels } = sheet;
  const vmlRel = sh.legacyDrawingRid ? rels.find((r) => r.id === sh.legacyDrawingRid && !r.external) : undefined;
  const vmlPath = vmlRel ? resolveTarget(path, vmlRel.target) : null;
  const vml = vmlPath ? text(vmlPath) : undefined;
  const sheetEdits = sh.edits;
  if (fresh.length) {
    if (vmlPath && vml !== undefined) {
      // Shape ids live in the 1024-id blocks the drawing's o:idmap declares: continue after its last.
      const block = /idmap\b[^>]*?\bdata\s*=\s*["']\s*(\d+)/.exec(vml);
      let top = block ? 1024 * Number(block[1]) : 1024 * (1000 + sheetNo);
      for (const m of vml.matchAll(/_x0000_s(\d+)/g)) top = Math.max(top, Number(m[1]));
      const shapes = fresh.map((addr) => vmlShape(addr, ++top)).join("");
      const withType = /id\s*=\s*["']_x0000_t202["']/.test(vml) ? shapes : SHAPETYPE + shapes;
      pkg.write(vmlPath, insertBeforeClose(vml, /<\/xml\s*>/gi, withType));
    } else {
      if (sh.legacyDrawingRid)
        throw fail(`${path}: hình vẽ ghi chú cũ không đọc được`, `${path}: its note drawing cannot be read`);
      const newVmlPath = freeName(pkg, (n) => `xl/drawings/vmlDrawing${n}.vml`);
      let id = 1024 * (1000 + sheetNo);
      pkg.write(newVmlPath, newVml(fresh.map((addr) => vmlShape(addr, ++id)).join(""), 1000 + sheetNo));
      const rid = freeId(usedIds, "rIdPl02v");
      newRels.push(`<Relationship Id="${rid}" Type="${REL}/vmlDrawing" Target="${relativeTarget(path, newVmlPath)}"/>`);
      if (!hasDefault("vml") && !ctAdd.some((x) => x.includes('Extension="vml"')))
        ctAdd.push(`<Default Extension="vml" ContentType="${CT_VML}"/>`);
      sheetEdits.push({
        at: sh.legacyAt,
        del: 0,
        text: `<${sh.prefix}legacyDrawing xmlns:r="${REL}" r:id="${rid}"/>`,
      });
    }
  }
}
