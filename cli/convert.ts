/**
 * Excel 97-2003 (.xls) and OpenDocument (.ods) files, which the reader does not parse: when
 * LibreOffice's `soffice` is on the PATH they are converted to .xlsx in a temporary folder and
 * checked, and the user is told; otherwise the reader's Vietnamese message says what to do,
 * with the hint that installing LibreOffice lets the tool do it. The input is never written.
 */
import { execFileSync } from "node:child_process";
import { accessSync, constants, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, delimiter, extname, join } from "node:path";
import { pathToFileURL } from "node:url";
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

const KIND = {
  xls: { vi: "Excel 97-2003 (.xls)", en: "Excel 97-2003 (.xls)" },
  ods: { vi: "OpenDocument (.ods)", en: "OpenDocument (.ods)" },
} as const;

/** The file as .xlsx bytes, converted by LibreOffice in a fresh profile and folder. Throws on failure. */
export function convertToXlsx(file: string, soffice: string): Uint8Array {
  const work = mkdtempSync(join(tmpdir(), "phuluc02-convert-"));
  try {
    const profile = join(work, "profile");
    const out = join(work, "out");
    execFileSync(
      soffice,
      [
        `-env:UserInstallation=${pathToFileURL(profile).href}`,
        "--headless",
        "--norestore",
        "--convert-to",
        "xlsx:Calc MS Excel 2007 XML",
        "--outdir",
        out,
        file,
      ],
      { stdio: "pipe", timeout: CONVERT_TIMEOUT_MS },
    );
    return readFileSync(join(out, basename(file, extname(file)) + ".xlsx"));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * A file the reader refused as .xls or .ods: checked again after LibreOffice converted it, with
 * a notice saying so; or, without LibreOffice or when it fails, the reader's error and what to do.
 */
export function checkConverted(result: FileResult, keepBytes: boolean, soffice = findSoffice()): FileResult {
  const kind = result.errorCode === "xls" || result.errorCode === "ods" ? KIND[result.errorCode] : null;
  if (!kind || !result.error) return result;
  if (!soffice)
    return {
      ...result,
      error: {
        vi: `${result.error.vi}. Hoặc cài LibreOffice (lệnh soffice) để công cụ tự chuyển`,
        en: `${result.error.en}. Or install LibreOffice (the soffice command) and the tool converts it`,
      },
    };
  let bytes: Uint8Array;
  try {
    bytes = convertToXlsx(result.file, soffice);
  } catch (e) {
    const why = String((e as Error)?.message ?? e).split("\n")[0];
    return {
      ...result,
      error: {
        vi: `${result.error.vi} (LibreOffice không chuyển được: ${why})`,
        en: `${result.error.en} (LibreOffice could not convert it: ${why})`,
      },
    };
  }
  const checked = checkBytes(result.file, bytes, keepBytes);
  checked.notices.unshift({
    vi: `Tệp ${kind.vi} đã được LibreOffice chuyển sang .xlsx để kiểm tra (tệp gốc không bị sửa); nên lưu lại dạng .xlsx trước khi gửi`,
    en: `The ${kind.en} file was converted to .xlsx by LibreOffice to be checked (the original is untouched); save it as .xlsx before sending it`,
  });
  return checked;
}
