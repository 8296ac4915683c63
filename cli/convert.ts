/**
 * Excel 97-2003 (.xls), Excel Binary (.xlsb) and OpenDocument (.ods) files, which the reader does not parse: when
 * LibreOffice's `soffice` is on the PATH they are converted to .xlsx in a temporary folder and
 * checked, and the user is told; otherwise the reader's Vietnamese message says what to do,
 * with the hint that installing LibreOffice lets the tool do it. The input is never written.
 */
import { execFileSync } from "node:child_process";
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, delimiter, extname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Bilingual, bi } from "../shared";
import { checkBytes, type FileResult } from "../shared/workbook/file-check";

/** A conversion that takes longer is abandoned (LibreOffice can hang on a damaged file). */
export const CONVERT_TIMEOUT_MS = 120_000;

const NAMES = process.platform === "win32" ? ["soffice.com", "soffice.exe"] : ["soffice", "libreoffice"];

/** The LibreOffice program on the PATH, or null. */
export function findSoffice(path = process.env.PATH ?? ""): string | null {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    for (const name of NAMES) {
      const p = join(dir, name);
      try {
        accessSync(p, constants.X_OK);
        return p;
      } catch {
        // not here
      }
    }
  }
  return null;
}

let onPath: string | null | undefined;
/** findSoffice() once per process, and only when a file needs converting (the PATH costs ~1 ms a look). */
function sofficeOnPath(): string | null {
  if (onPath === undefined) onPath = findSoffice();
  return onPath;
}

const KIND: Record<"xls" | "xlsb" | "ods", Bilingual & { ext: string }> = {
  xls: { ...bi("Excel 97-2003 (.xls)", "Excel 97-2003 (.xls)"), ext: ".xls" },
  xlsb: { ...bi("Excel nhị phân (.xlsb)", "Excel Binary (.xlsb)"), ext: ".xlsb" },
  ods: { ...bi("OpenDocument (.ods)", "OpenDocument (.ods)"), ext: ".ods" },
};

/**
 * LibreOffice converts `files` into `outDir` (named after each input) in one start, with a
 * fresh profile so that it neither waits on nor disturbs a LibreOffice the user has open.
 * `to` is a --convert-to filter ("xlsx:Calc MS Excel 2007 XML", "xls:MS Excel 97", "ods").
 */
export function sofficeConvert(files: string[], outDir: string, to: string, soffice = "soffice"): void {
  const profile = mkdtempSync(join(tmpdir(), "phuluc02-lo-profile-"));
  try {
    execFileSync(
      soffice,
      [
        `-env:UserInstallation=${pathToFileURL(profile).href}`,
        "--headless",
        "--norestore",
        "--convert-to",
        to,
        "--outdir",
        outDir,
        ...files,
      ],
      { stdio: "pipe", timeout: CONVERT_TIMEOUT_MS * Math.max(1, files.length) },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * The file as .xlsx bytes, converted in a temporary folder. Throws on failure. With `bytes` (a
 * spreadsheet taken out of a zip archive) those are written there first, named `file`'s last
 * part with the extension `ext` (LibreOffice picks its import filter by the content).
 */
export function convertToXlsx(file: string, soffice: string, bytes?: Uint8Array, ext = extname(file)): Uint8Array {
  const out = mkdtempSync(join(tmpdir(), "phuluc02-convert-"));
  try {
    let input = file;
    if (bytes) {
      input = join(out, "input" + ext);
      writeFileSync(input, bytes);
    }
    const outDir = join(out, "out");
    sofficeConvert([input], outDir, "xlsx:Calc MS Excel 2007 XML", soffice);
    return readFileSync(join(outDir, basename(input, extname(input)) + ".xlsx"));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * A file the reader refused as .xls, .xlsb or .ods: checked again after LibreOffice converted it,
 * with a notice saying so; or, without LibreOffice or when it fails, the reader's error and what
 * to do. `bytes`: what was read, when the file is not on disk as such (a member of an archive).
 */
export function checkConverted(
  result: FileResult,
  keepBytes: boolean,
  soffice: () => string | null = sofficeOnPath,
  bytes?: Uint8Array,
): FileResult {
  const code = result.errorCode;
  const kind = code === "xls" || code === "xlsb" || code === "ods" ? KIND[code] : null;
  if (!kind || !result.error) return result;
  const program = soffice();
  if (!program)
    return {
      ...result,
      error: bi(
        `${result.error.vi}. Hoặc cài LibreOffice (lệnh soffice) để công cụ tự chuyển`,
        `${result.error.en}. Or install LibreOffice (the soffice command) and the tool converts it`,
      ),
    };
  let converted: Uint8Array;
  try {
    converted = bytes ? convertToXlsx(result.file, program, bytes, kind.ext) : convertToXlsx(result.file, program);
  } catch (e) {
    const why = String((e as Error)?.message ?? e).split("\n")[0];
    return {
      ...result,
      error: bi(
        `${result.error.vi} (LibreOffice không chuyển được: ${why})`,
        `${result.error.en} (LibreOffice could not convert it: ${why})`,
      ),
    };
  }
  const checked = checkBytes(result.file, converted, keepBytes);
  checked.notices.unshift(
    bi(
      `Tệp ${kind.vi} đã được LibreOffice chuyển sang .xlsx để kiểm tra (tệp gốc không bị sửa); nên lưu lại dạng .xlsx trước khi gửi`,
      `The ${kind.en} file was converted to .xlsx by LibreOffice to be checked (the original is untouched); save it as .xlsx before sending it`,
    ),
  );
  return checked;
}
