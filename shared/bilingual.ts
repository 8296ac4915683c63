/**
 * Text in the two languages of the product, and the one way every host turns an error into it.
 * Vietnamese first (the users' language), English beside it.
 */

export interface Bilingual {
  readonly vi: string;
  readonly en: string;
}

export type Lang = "vi" | "en";

export function bi(vi: string, en: string): Bilingual {
  return { vi, en };
}

/** The text of `t` in `lang`. */
export function pick(t: Bilingual, lang: Lang): string {
  return lang === "en" ? t.en : t.vi;
}

/** An error that already says what went wrong in both languages (a refused file, a bad roster). */
export class BilingualError extends Error {
  readonly text: Bilingual;
  constructor(text: Bilingual, options?: { cause?: unknown }) {
    super(text.vi, options);
    this.text = text;
  }
}

/**
 * What every host shows for an error: its own words when it has them, otherwise an
 * "unexpected error" that quotes the first line of the program's message.
 */
export function errorText(e: unknown): Bilingual {
  if (e instanceof BilingualError) return e.text;
  const why = String(e instanceof Error ? e.message : e).split("\n")[0];
  return { vi: `Lỗi không lường trước (${why})`, en: `Unexpected error (${why})` };
}
