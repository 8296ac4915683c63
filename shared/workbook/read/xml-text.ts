/** The text of XML parts as OOXML writes it: the bytes decoded, names without prefix, _xHHHH_ escapes. */

export const decoder = new TextDecoder("utf-8");
let utf16le: TextDecoder | undefined;
let utf16be: TextDecoder | undefined;

/** An XML part's text: UTF-8 (BOM or not) or UTF-16 (by its BOM or its first "<"). */
export function decodeXml(d: Uint8Array): string {
  const a = d[0];
  const b = d[1];
  if ((a === 0xff && b === 0xfe) || (a === 0x3c && b === 0x00))
    return (utf16le ??= new TextDecoder("utf-16le")).decode(d);
  if ((a === 0xfe && b === 0xff) || (a === 0x00 && b === 0x3c))
    return (utf16be ??= new TextDecoder("utf-16be")).decode(d);
  return decoder.decode(d);
}

/** Local name of a possibly prefixed tag or attribute name. */
export function local(name: string): string {
  const i = name.indexOf(":");
  return i < 0 ? name : name.slice(i + 1);
}

const X_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;
/** OOXML escapes characters XML cannot hold as _xHHHH_ (and a literal "_x" as _x005F_x). */
export function unescapeX(s: string): string {
  return s.indexOf("_x") < 0 ? s : s.replace(X_ESCAPE, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** An attribute value with its XML entities and character references read. */
export function unescapeXmlAttr(s: string): string {
  return s.indexOf("&") < 0
    ? s
    : s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
        const k = e.toLowerCase();
        if (k[0] === "#")
          return String.fromCodePoint(k[1] === "x" ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10));
        return ({ lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" } as Record<string, string>)[k];
      });
}
