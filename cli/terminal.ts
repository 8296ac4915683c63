/** What the tool prints, made safe for a terminal: a unit's name or a file's name is never acted on. */

// C0 and C1 controls (an ESC sequence in a unit's name could rewrite the terminal), DEL, and the
// bidirectional overrides that reorder what is shown. Newlines and tabs between our own lines stay.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Text for a terminal: every control character shown as \xHH / \uHHHH instead of acted on. */
export function safeText(s: string): string {
  return s.replace(UNSAFE, (ch) => {
    const n = ch.charCodeAt(0);
    return n < 0x100 ? `\\x${n.toString(16).padStart(2, "0")}` : `\\u${n.toString(16).padStart(4, "0")}`;
  });
}

/** JSON for a terminal or a pipe: JSON.stringify leaves C1 controls and bidi overrides raw; they become \uHHHH. */
export function safeJson(doc: unknown): string {
  return JSON.stringify(doc, null, 2).replace(UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
