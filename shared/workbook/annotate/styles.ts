/**
 * styles.xml of the annotated copy: two fills (the mark colours of shared/style-look.ts), and for each (style, severity)
 * in use a copy of the cell's own style with that fill; a minimal part when the package has none.
 */
import { apply, type Edit, prefixOf, scan, setAttr, type Span } from "./xml-edit";
import { MARK_COLORS } from "../..";
import { local } from "../read/xml-text";
import { solidFill } from "../write/styles";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

export class Styles {
  private readonly xfs: string[] = [];
  private fillCount = 0;
  private prefix = "";
  private fillsAt: Span | null = null;
  private fillsSelfClosing = false;
  private xfsAt: Span | null = null;
  private xfsSelfClosing = false;
  private xfsOpen: Span | null = null;
  private fillsOpen: Span | null = null;
  private readonly made = new Map<string, number>();
  private readonly newXfs: string[] = [];

  constructor(private readonly xml: string | undefined) {
    if (xml === undefined) return;
    let inXfs = false;
    let inFills = false;
    let xfStart = -1;
    scan(
      xml,
      "styles",
      (tag, at, depth) => {
        const n = local(tag.name);
        if (depth === 1) this.prefix = prefixOf(tag.name);
        if (depth === 2 && n === "cellXfs") {
          inXfs = true;
          this.xfsOpen = at;
          this.xfsSelfClosing = !!tag.isSelfClosing;
        } else if (depth === 2 && n === "fills") {
          inFills = true;
          this.fillsOpen = at;
          this.fillsSelfClosing = !!tag.isSelfClosing;
        } else if (depth === 3 && inXfs && n === "xf") xfStart = at.start;
        else if (depth === 3 && inFills && n === "fill") this.fillCount++;
      },
      (tag, at, depth) => {
        const n = local(tag.name);
        if (depth === 3 && inXfs && n === "xf") this.xfs.push(xml.slice(xfStart, at.end));
        else if (depth === 2 && n === "cellXfs") {
          inXfs = false;
          this.xfsAt = at;
        } else if (depth === 2 && n === "fills") {
          inFills = false;
          this.fillsAt = at;
        }
      },
    );
    if (!this.xfsOpen || !this.fillsOpen) this.xml = undefined; // a styles part we cannot extend: write our own
  }

  /** The index of the style `s` with the fill of `severity`. */
  styleFor(s: number, severity: "error" | "warning"): number {
    const key = `${s}:${severity}`;
    let i = this.made.get(key);
    if (i !== undefined) return i;
    const base = this.xml !== undefined ? this.xfs.length : 1;
    const fillId = (this.xml !== undefined ? this.fillCount : 2) + (severity === "error" ? 0 : 1);
    const orig = this.xml !== undefined ? (this.xfs[s] ?? this.xfs[0]) : undefined;
    let xf = orig ?? `<${this.prefix}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`;
    const m = /^<[^>]*?(\/?)>/.exec(xf)!;
    let head = setAttr(m[0], "fillId", String(fillId));
    head = setAttr(head, "applyFill", "1");
    xf = head + xf.slice(m[0].length);
    i = base + this.newXfs.length;
    this.newXfs.push(xf);
    this.made.set(key, i);
    return i;
  }

  get used(): boolean {
    return this.newXfs.length > 0;
  }

  /** The edited part, or a new minimal one when the package had none. */
  text(): string {
    const P = this.prefix;
    const fills = (["error", "warning"] as const).map((k) => solidFill(MARK_COLORS[k], P)).join("");
    if (this.xml === undefined)
      return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="4"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>${fills}</fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${1 + this.newXfs.length}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>${this.newXfs.join("")}</cellXfs></styleSheet>`;
    const xml = this.xml;
    const edits: Edit[] = [];
    const extend = (open: Span, close: Span | null, selfClosing: boolean, add: string, count: number) => {
      const tag = xml.slice(open.start, open.end);
      if (selfClosing) {
        const name = /^<([^\s/>]+)/.exec(tag)![1];
        edits.push({
          at: open.start,
          del: open.end - open.start,
          text: setAttr(tag.replace(/\s*\/>$/, ">"), "count", String(count)) + add + `</${name}>`,
        });
      } else {
        edits.push({ at: open.start, del: open.end - open.start, text: setAttr(tag, "count", String(count)) });
        edits.push({ at: close!.start, del: 0, text: add });
      }
    };
    extend(this.fillsOpen!, this.fillsAt, this.fillsSelfClosing, fills, this.fillCount + 2);
    extend(this.xfsOpen!, this.xfsAt, this.xfsSelfClosing, this.newXfs.join(""), this.xfs.length + this.newXfs.length);
    return apply(xml, edits);
  }
}
