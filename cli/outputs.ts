/**
 * Where the tool may write. An output is never an input, a link to one, or a file the next run
 * would read as one; a file the tool did not write in this run is replaced only with --force;
 * every write goes to a temporary file renamed into place (never through a link, never half done).
 */
import { lstatSync, mkdirSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { type Bilingual, BilingualError } from "../shared";
import { ARCHIVE_MARK } from "../shared/workbook/archive";

/** A path the tool may not write (exit 64). Said in both languages at once, whatever --lang asks. */
export class OutputRefused extends BilingualError {
  /** The Vietnamese, then the English in brackets on the next line. */
  get bothLanguages(): string {
    return `${this.text.vi}\n(${this.text.en})`;
  }
}

/** Why a file could not be written, in both languages. */
export function writeErrorText(e: unknown): Bilingual {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === "EACCES" || code === "EPERM") return { vi: "không có quyền ghi", en: "no permission to write" };
  if (code === "ENOSPC") return { vi: "hết chỗ trên đĩa", en: "no space left on the disk" };
  if (e instanceof OutputRefused) return { vi: e.bothLanguages, en: e.bothLanguages };
  return { vi: `lỗi hệ thống ${code ?? "không rõ"}`, en: `system error ${code ?? "unknown"}` };
}

interface Identity {
  key: string; // device:inode, so hard links and symlinks to an input are caught
  real: string;
}

function identity(path: string): Identity | null {
  try {
    const st = statSync(path);
    let real: string;
    try {
      real = realpathSync(path);
    } catch {
      real = resolve(path);
    }
    return { key: `${st.dev}:${st.ino}`, real };
  } catch {
    return null;
  }
}

export class OutputGuard {
  private readonly inputKeys = new Set<string>();
  /** Real paths of the folders given as inputs: any .xlsx written there would be read next time. */
  private readonly inputDirs: string[] = [];
  /** What this run wrote (resolved paths); those may be written again. */
  private readonly written = new Set<string>();

  constructor(
    inputs: { files: string[]; dirs: string[] },
    private readonly force: boolean,
  ) {
    // Device and inode say whether a path is an input (through any link) with one stat per input;
    // a path that does not exist yet cannot be one.
    for (const f of inputs.files) {
      try {
        const st = statSync(f);
        this.inputKeys.add(`${st.dev}:${st.ino}`);
      } catch {
        // reported when read
      }
    }
    for (const d of inputs.dirs) {
      const id = identity(d);
      if (id) this.inputDirs.push(id.real);
    }
  }

  /** Why `path` may not be written, in both languages; null when it may. */
  whyNot(path: string, opts: { allowInInputDir?: boolean } = {}): Bilingual | null {
    const abs = resolve(path);
    const id = identity(abs);
    let parentReal: string;
    try {
      parentReal = realpathSync(dirname(abs));
    } catch {
      parentReal = dirname(abs);
    }
    if (id && this.inputKeys.has(id.key))
      return {
        vi: `${path} là một tệp đầu vào (hoặc liên kết tới tệp đầu vào); không bao giờ ghi đè tệp của đơn vị`,
        en: `${path} is an input (or a link to one); a unit's file is never overwritten`,
      };
    if (!opts.allowInInputDir && /\.xlsx$/i.test(abs) && this.inputDirs.includes(parentReal))
      return {
        vi: `${path} nằm trong thư mục đầu vào: lần chạy sau sẽ đọc nó như tệp của một đơn vị; hãy ghi ra thư mục khác`,
        en: `${path} is inside an input folder: the next run would read it as a unit's file; write it elsewhere`,
      };
    let exists = false;
    try {
      lstatSync(abs);
      exists = true;
    } catch {
      // free
    }
    if (exists && !this.written.has(abs) && !this.force)
      return {
        vi: `${path} đã có; dùng --force để ghi đè, hoặc chọn tên khác`,
        en: `${path} already exists; use --force to overwrite it, or choose another name`,
      };
    return null;
  }

  /** Throws OutputRefused (exit 64) when `path` may not be written. */
  check(path: string, opts: { allowInInputDir?: boolean } = {}): void {
    const why = this.whyNot(path, opts);
    if (why) throw new OutputRefused(why);
  }

  /**
   * The first of `candidates` that may be written; null when none may. For annotated copies, which
   * pick a free name instead of failing.
   */
  pick(candidates: string[]): string | null {
    for (const c of candidates) if (!this.whyNot(c, { allowInInputDir: true })) return c;
    return null;
  }

  /** Writes through a temporary file in the same folder, renamed over `path` (a link there is replaced, not followed). */
  write(path: string, bytes: Uint8Array | string, opts: { allowInInputDir?: boolean } = {}): void {
    this.check(path, opts);
    const abs = resolve(path);
    mkdirSync(dirname(abs), { recursive: true });
    const tmp = join(dirname(abs), `.${basename(abs)}.${process.pid}.tmp`);
    try {
      writeFileSync(tmp, bytes, { flag: "wx" });
      renameSync(tmp, abs);
    } catch (e) {
      try {
        unlinkSync(tmp);
      } catch {
        // nothing left behind
      }
      throw e;
    }
    this.written.add(abs);
  }
}

/** The deepest folder holding every path (for keeping inputs' relative folders apart). */
export function commonFolder(paths: string[]): string {
  if (paths.length === 0) return "";
  let parts = dirname(resolve(paths[0])).split(sep);
  for (const p of paths.slice(1)) {
    const q = dirname(resolve(p)).split(sep);
    let i = 0;
    while (i < parts.length && i < q.length && parts[i] === q[i]) i++;
    parts = parts.slice(0, i);
  }
  return parts.join(sep) || sep;
}

/** The names an annotated copy of `file` may take under outDir, best first (its relative folder kept). */
export function copyCandidates(file: string, outDir: string, common: string): string[] {
  // A spreadsheet out of an archive ("a.zip › Hong Bang/x.xlsx"): beside where the archive's
  // copy would be, named "a - Hong Bang - x".
  const [archive, member] = file.split(ARCHIVE_MARK);
  const rel = relative(common, dirname(resolve(archive)));
  const dir = rel && !rel.startsWith("..") ? join(outDir, rel) : outDir;
  const name = member
    ? `${basename(archive).replace(/\.zip$/i, "")} - ${member.split("/").join(" - ")}`
    : basename(file);
  const stem = name.replace(/\.(xlsx|xlsm|xls|xlsb|ods)$/i, ""); // a converted .xls/.ods is copied as .xlsx
  const out = [join(dir, `${stem}.xlsx`), join(dir, `${stem}.kiem-tra.xlsx`)];
  for (let i = 2; i <= 99; i++) out.push(join(dir, `${stem}.kiem-tra-${i}.xlsx`));
  return out;
}
