/**
 * Vietnamese text in the two legacy 8-bit encodings many government templates still use:
 * TCVN3 (ABC, fonts .VnTime/.VnArial) and VNI-Windows (fonts VNI-Times…). Excel keeps such
 * text as the Windows-1252 characters of its bytes ("Tæng sè", "Toång soá"), so it matches
 * nothing until it is decoded. A sheet is detected as a whole and its text decoded before the
 * table is located; cells already in Unicode Vietnamese are left alone.
 *
 * The tables are data written here: the only npm package that decodes both
 * (vietnamese-conversion 2.0.0) mis-decodes VNI ("cô sôû" → "cơ sơû", "thöùc" → "thưùc") and
 * detects TCVN3 text as Unicode.
 */
import type { Bilingual } from "./bilingual";
import type { Cell, Grid } from "./cell";

export type LegacyEncoding = "tcvn3" | "vni";

/** Unicode letters in the order of the TCVN3 string below. */
const VIET = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĂÂĐÊÔƠƯ";
/** TCVN3 (TCVN 5712:1993, VN3) bytes A1–FE as Windows-1252 characters, one per letter of VIET. */
const TCVN3 =
  "\u00b5\u00b8\u00b6\u00b7\u00b9\u00a8\u00bb\u00be\u00bc\u00bd\u00c6\u00a9\u00c7\u00ca\u00c8\u00c9\u00cb\u00ae" +
  "\u00cc\u00d0\u00ce\u00cf\u00d1\u00aa\u00d2\u00d5\u00d3\u00d4\u00d6\u00d7\u00dd\u00d8\u00dc\u00de" +
  "\u00df\u00e3\u00e1\u00e2\u00e4\u00ab\u00e5\u00e8\u00e6\u00e7\u00e9\u00ac\u00ea\u00ed\u00eb\u00ec\u00ee" +
  "\u00ef\u00f3\u00f1\u00f2\u00f4\u00ad\u00f5\u00f8\u00f6\u00f7\u00f9\u00fa\u00fd\u00fb\u00fc\u00fe" +
  "\u00a1\u00a2\u00a7\u00a3\u00a4\u00a5\u00a6";

/**
 * VNI-Windows: a base letter followed by a mark character, one entry per lower-case letter
 * ("ố" is "o" + "á"); upper case is the same with both characters upper-cased ("Ố" = "OÁ").
 * ơ, ư, đ and the i-vowels and ỵ are single characters.
 */
const VNI_PAIRS: Record<string, string> = {
  à: "aø", á: "aù", ả: "aû", ã: "aõ", ạ: "aï",
  ă: "aê", ằ: "aè", ắ: "aé", ẳ: "aú", ẵ: "aü", ặ: "aë",
  â: "aâ", ầ: "aà", ấ: "aá", ẩ: "aå", ẫ: "aã", ậ: "aä",
  è: "eø", é: "eù", ẻ: "eû", ẽ: "eõ", ẹ: "eï",
  ê: "eâ", ề: "eà", ế: "eá", ể: "eå", ễ: "eã", ệ: "eä",
  ì: "ì", í: "í", ỉ: "æ", ĩ: "ó", ị: "ò",
  ò: "oø", ó: "où", ỏ: "oû", õ: "oõ", ọ: "oï",
  ô: "oâ", ồ: "oà", ố: "oá", ổ: "oå", ỗ: "oã", ộ: "oä",
  ơ: "ô", ờ: "ôø", ớ: "ôù", ở: "ôû", ỡ: "ôõ", ợ: "ôï",
  ù: "uø", ú: "uù", ủ: "uû", ũ: "uõ", ụ: "uï",
  ư: "ö", ừ: "öø", ứ: "öù", ử: "öû", ữ: "öõ", ự: "öï",
  ỳ: "yø", ý: "yù", ỷ: "yû", ỹ: "yõ", ỵ: "î",
  đ: "ñ",
}; // prettier-ignore

interface Codec {
  /** legacy sequence (1 or 2 characters) → Unicode letter */
  decode: Map<string, string>;
  /** Unicode letter → legacy sequence */
  encode: Map<string, string>;
}

function tcvn3Codec(): Codec {
  const decode = new Map<string, string>();
  const encode = new Map<string, string>();
  const viet = [...VIET];
  [...TCVN3].forEach((ch, i) => {
    decode.set(ch, viet[i]);
    encode.set(viet[i], ch);
  });
  // TCVN3 has no upper-case toned letters: the .VnTimeH fonts draw the lower-case codes in capitals.
  for (const v of viet) {
    const up = v.toUpperCase();
    if (!encode.has(up)) encode.set(up, encode.get(v)!);
  }
  return { decode, encode };
}

function vniCodec(): Codec {
  const decode = new Map<string, string>();
  const encode = new Map<string, string>();
  for (const [uni, seq] of Object.entries(VNI_PAIRS)) {
    for (const [u, s] of [
      [uni, seq],
      [uni.toUpperCase(), seq.toUpperCase()],
    ]) {
      decode.set(s, u);
      encode.set(u, s);
    }
  }
  return { decode, encode };
}

let codecs: Record<LegacyEncoding, Codec> | undefined;
function codec(enc: LegacyEncoding): Codec {
  codecs ??= { tcvn3: tcvn3Codec(), vni: vniCodec() };
  return codecs[enc];
}

/** Legacy text → Unicode (NFC). Two-character VNI sequences are taken before single characters. */
export function decodeLegacy(s: string, enc: LegacyEncoding): string {
  const map = codec(enc).decode;
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const pair = enc === "vni" ? map.get(s.slice(i, i + 2)) : undefined;
    if (pair && s.length > i + 1) {
      out += pair;
      i++;
      continue;
    }
    out += map.get(s[i]) ?? s[i];
  }
  return out;
}

/** Unicode → legacy text, as a unit's old template holds it (used to build test files). */
export function encodeLegacy(s: string, enc: LegacyEncoding): string {
  const map = codec(enc).encode;
  let out = "";
  for (const ch of s.normalize("NFC")) out += map.get(ch) ?? ch;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Detection. Unicode Vietnamese almost always holds a letter that no legacy text can (ă, đ, ơ,
// ư, ĩ, ũ, the U+1Exx letters, or combining marks in NFD); legacy text holds none of them but
// characters that are odd in Unicode Vietnamese: TCVN3 its symbols (¬ ­ ® µ ¸ ¹ © ª « …) and
// toned vowels right after a consonant ("Tæng", "sè"), VNI a vowel followed by its mark
// character ("oå", "eá", "öù") and ñ for đ.

const UNICODE_VIET = /[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]|\p{M}/u;
// After a consonant, a Latin-1 letter that Unicode Vietnamese never writes (æ, ç, ë, Õ, Ü, Þ…); the
// ones it does write (à á â ã è é ê ì í ò ó ô õ ù ú ý: "Cá nhân", "Ghi chú", "Mã") are no evidence.
const TCVN3_SIGN =
  /[\u00a1-\u00ae\u00b5-\u00b9\u00bb-\u00be]|[bcdghklmnpqrstvx](?![\u00c0-\u00c3\u00c8-\u00ca\u00cc\u00cd\u00d2-\u00d5\u00d9\u00da\u00dd\u00e0-\u00e3\u00e8-\u00ea\u00ec\u00ed\u00f2-\u00f5\u00f9\u00fa\u00fd])[\u00c0-\u00fe]/gi;
const VNI_SIGN =
  /a[\u00f9\u00f8\u00fb\u00f5\u00ef\u00e2\u00ea\u00e1\u00e0\u00e5\u00e3\u00e4\u00e9\u00e8\u00fa\u00fc\u00eb]|[eo][\u00f9\u00f8\u00fb\u00f5\u00ef\u00e2\u00e1\u00e0\u00e5\u00e3\u00e4]|[u\u00f4\u00f6][\u00f9\u00f8\u00fb\u00f5\u00ef]|y[\u00f9\u00f8\u00fb\u00f5]|A[\u00d9\u00d8\u00db\u00d5\u00cf\u00c2\u00ca\u00c1\u00c0\u00c5\u00c3\u00c4\u00c9\u00c8\u00da\u00dc\u00cb]|[EO][\u00d9\u00d8\u00db\u00d5\u00cf\u00c2\u00c1\u00c0\u00c5\u00c3\u00c4]|[U\u00d4\u00d6][\u00d9\u00d8\u00db\u00d5\u00cf]|Y[\u00d9\u00d8\u00db\u00d5]|[\u00f1\u00d1]/g;

/** A sheet needs this many cells of legacy text, and more than twice as many as Unicode Vietnamese ones. */
const MIN_LEGACY_CELLS = 3;
const SCAN_CELLS = 20_000;
const UNICODE_ENOUGH = 8;
const HIGH = /[\u00a1-\u00fe]/;

/** The legacy encoding of a sheet's text, or null for Unicode (or too little text to tell). */
export function detectLegacyEncoding(grid: Grid): LegacyEncoding | null {
  let unicode = 0;
  let legacy = 0;
  let tcvn3 = 0;
  let vni = 0;
  let seen = 0;
  for (const row of grid.rows) {
    if (!row) continue;
    for (const v of row) {
      if (typeof v !== "string" || v.length === 0) continue;
      if (++seen > SCAN_CELLS) break;
      if (UNICODE_VIET.test(v)) {
        // a sheet that opens with Unicode Vietnamese (title, unit, headers) is Unicode
        if (++unicode >= UNICODE_ENOUGH && legacy === 0) return null;
        continue;
      }
      if (!HIGH.test(v)) continue; // ASCII: no evidence either way
      const t = v.match(TCVN3_SIGN)?.length ?? 0;
      const n = v.match(VNI_SIGN)?.length ?? 0;
      if (t + n === 0) continue;
      legacy++;
      tcvn3 += t;
      vni += n;
    }
    if (seen > SCAN_CELLS) break;
  }
  if (legacy < MIN_LEGACY_CELLS || legacy <= 2 * unicode) return null;
  // VNI text also shows consonant + single-character vowel ("vò", "thö"): its pairs weigh double.
  return 2 * vni > tcvn3 ? "vni" : "tcvn3";
}

/** The grid with its legacy text decoded; cells already in Unicode Vietnamese are kept. */
export function decodeGrid(grid: Grid, enc: LegacyEncoding): Grid {
  const rows: Cell[][] = grid.rows.map((row) =>
    row
      ? row.map((v) => (typeof v === "string" && v.length > 0 && !UNICODE_VIET.test(v) ? decodeLegacy(v, enc) : v))
      : row,
  );
  return { ...grid, rows };
}

export const ENCODING_NAMES: Record<LegacyEncoding, Bilingual> = {
  tcvn3: { vi: "TCVN3 (ABC, phông .VnTime)", en: "TCVN3 (ABC, .VnTime fonts)" },
  vni: { vi: "VNI-Windows (phông VNI-Times)", en: "VNI-Windows (VNI-Times fonts)" },
};

/** What the user is told when a sheet was read through a legacy encoding. */
export function legacyNotice(sheet: string, enc: LegacyEncoding): Bilingual {
  const name = ENCODING_NAMES[enc];
  return {
    vi: `Trang "${sheet}" dùng bảng mã cũ ${name.vi}; chữ đã được tự chuyển sang Unicode để đọc. Nên chuyển tệp sang Unicode (Unikey → Công cụ chuyển mã) trước khi gửi`,
    en: `Sheet "${sheet}" uses the legacy ${name.en} encoding; its text was converted to Unicode to read it. Convert the file to Unicode (Unikey → converter) before sending it`,
  };
}
