/** LibreOffice Calc, headless: converting a file recalculates it and proves it opens in a real spreadsheet program. */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { sofficeConvert } from "../../cli/convert";

export function hasLibreOffice(): boolean {
  return spawnSync("soffice", ["--version"], { encoding: "utf8" }).status === 0;
}

/** Converts every file (xlsx → xlsx) in one LibreOffice start; returns the converted paths in order. */
export function roundTrip(files: string[]): string[] {
  const out = mkdtempSync(join(tmpdir(), "lo-out-"));
  sofficeConvert(files, out, "xlsx:Calc MS Excel 2007 XML");
  return files.map((f) => join(out, basename(f)));
}
