/** Reading the user's files: folders expanded, every failure turned into a Vietnamese message. */
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Bilingual } from "../shared";
import { checkSent, type FileResult, isSystemFile, isWorkbookName } from "../shared/workbook/file-check";
import { DEFAULT_LIMITS, fileTooLarge } from "../shared/workbook/read";
import { checkConverted } from "./convert";

export type { FileResult } from "../shared/workbook/file-check";

/** The files a folder stands for: workbooks by their extension (.xls and .ods are converted or refused with a message, never skipped). */

/** Folders deeper than this under a given folder are not walked (a link loop, a deep archive). */
const MAX_DEPTH = 16;

/**
 * Files as given; a folder stands for every workbook in it (sorted, lock files and hidden files
 * skipped), and with `recursive` in its sub-folders too. Other files met in a folder (a
 * roster.json, a .docx) come back in `skipped`, so the caller can name them.
 */
export function expandInputs(
  paths: string[],
  opts: { recursive?: boolean } = {},
): { files: string[]; missing: string[]; dirs: string[]; skipped: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const dirs: string[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  const walk = (dir: string, depth: number): void => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      real = dir;
    }
    if (seen.has(real)) return;
    seen.add(real);
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      files.push(dir); // reported when read: "cannot open"
      return;
    }
    for (const n of names.sort()) {
      if (n.startsWith("~$") || n.startsWith(".")) continue;
      const p = join(dir, n);
      let isDir = false;
      try {
        isDir = statSync(p).isDirectory();
      } catch {
        // a dangling link: reported when read, if it looks like a workbook
      }
      if (isDir) {
        if (opts.recursive && depth < MAX_DEPTH) walk(p, depth + 1);
      } else if (isWorkbookName(n)) files.push(p);
      else if (!isSystemFile(p)) skipped.push(p);
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isDirectory()) {
      dirs.push(p);
      walk(p, 0);
    } else files.push(p);
  }
  return { files: opts.recursive ? [...files].sort() : files, missing, dirs, skipped };
}

const NO_SUCH: Bilingual = { vi: "Không tìm thấy tệp hoặc thư mục", en: "No such file or folder" };

export function missingFile(file: string): FileResult {
  return { file, error: NO_SUCH, sheets: [], notices: [] };
}

/** What an errno means to a user, in both languages (never the bare code alone). */
export function fsMessage(e: unknown): Bilingual {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case "ENOENT":
    case "ENOTDIR":
      return NO_SUCH;
    case "EACCES":
    case "EPERM":
      return { vi: "Không có quyền đọc tệp này", en: "No permission to read this file" };
    case "EISDIR":
      return { vi: "Đây là thư mục, không phải tệp", en: "This is a folder, not a file" };
    case "ELOOP":
      return { vi: "Liên kết (symlink) vòng quanh, không trỏ tới tệp nào", en: "A symbolic link loop" };
    case "EMFILE":
    case "ENFILE":
      return { vi: "Hệ thống đang mở quá nhiều tệp; hãy thử lại", en: "Too many open files; try again" };
    default:
      return {
        vi: `Không mở được tệp (lỗi hệ thống ${code ?? "không rõ"})`,
        en: `Cannot open the file (system error ${code ?? "unknown"})`,
      };
  }
}

/**
 * Reads a whole regular file of at most maxBytes. It is opened without blocking (a FIFO would
 * wait forever for a writer) and checked on the open descriptor before a byte is read: a folder,
 * a FIFO, a device (/dev/zero behind a symlink) or a file over the limit is refused by its stat,
 * and no more than the size stat gave is ever read, even if the file grows meanwhile.
 */
export function readRegularFile(
  file: string,
  maxBytes: number,
): { bytes: Uint8Array; mtime?: string } | { error: Bilingual } {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { error: fsMessage(e) };
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) return { error: fsMessage({ code: "EISDIR" }) };
    if (!st.isFile())
      return {
        error: {
          vi: "Không phải tệp thông thường (đường ống, thiết bị hay ổ cắm); không đọc",
          en: "Not a regular file (a pipe, a device or a socket); not read",
        },
      };
    if (st.size > maxBytes) return { error: fileTooLarge(st.size, maxBytes).text };
    const bytes = new Uint8Array(st.size);
    let got = 0;
    while (got < bytes.length) {
      const n = readSync(fd, bytes, got, bytes.length - got, got);
      if (n === 0) break; // shrank meanwhile: what is there is read (and found cut)
      got += n;
    }
    return { bytes: got === bytes.length ? bytes : bytes.subarray(0, got), mtime: st.mtime.toISOString() };
  } catch (e) {
    return { error: fsMessage(e) };
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads and checks one file: one result, or one per spreadsheet when it is a zip archive of them
 * ("archive.zip › member.xlsx"). .xls, .xlsb and .ods are converted when LibreOffice is there.
 * Never throws: a bad file comes back with `error` set.
 */
export function checkFile(file: string, keepBytes = false): FileResult[] {
  const r = readRegularFile(file, DEFAULT_LIMITS.maxFileBytes);
  if ("error" in r) return [{ file, error: r.error, sheets: [], notices: [] }];
  const results = checkSent(file, r.bytes, keepBytes, (res, bytes) =>
    checkConverted(res, keepBytes, undefined, bytes === r.bytes ? undefined : bytes),
  );
  if (r.mtime) for (const res of results) res.fileTime = r.mtime;
  return results;
}
