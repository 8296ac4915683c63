/** What every command shares: its options, its exit statuses, where it prints, and its usage error. */
import { parseArgs } from "node:util";
import type { Lang } from "../shared";

/**
 * 0 no error finding, 1 some error finding, 2 some input unreadable or output unwritable, 64 usage
 * or a refused output path. (`diff` has its own: 0 equal, 1 different, 2 unreadable.)
 */
export const EXIT = { ok: 0, findings: 1, unreadable: 2, usage: 64 } as const;

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** A mistake in the command line: printed with the usage text, exit 64. */
export class UsageError extends Error {}

const OPTIONS = {
  json: { type: "boolean" },
  "out-dir": { type: "string" },
  out: { type: "string" },
  roster: { type: "string" },
  strict: { type: "boolean" },
  unit: { type: "string" },
  lang: { type: "string" },
  count: { type: "string" },
  force: { type: "boolean" },
  "include-hidden": { type: "boolean" },
  "include-unknown": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** The options as parsed. */
export type Options = ReturnType<typeof parse>["values"];

export function langOf(v: string | undefined): Lang {
  if (v === undefined || v === "vi") return "vi";
  if (v === "en") return "en";
  throw new UsageError(`--lang phải là "vi" hoặc "en" (--lang must be "vi" or "en")`);
}
