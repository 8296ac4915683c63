/** LibreOffice Calc, headless: converting a file recalculates it and proves it opens in a real spreadsheet program. */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";

export function hasLibreOffice(): boolean {
  return spawnSync("soffice", ["--version"], { encoding: "utf8" }).status === 0;
}

/** Converts every file (xlsx → xlsx) in one LibreOffice start; returns the converted paths in order. */
export function roundTrip(files: string[]): string[] {
  const out = mkdtempSync(join(tmpdir(), "lo-out-"));
  const profile = mkdtempSync(join(tmpdir(), "lo-profile-"));
  execFileSync(
    "soffice",
    [
      `-env:UserInstallation=file://${profile}`,
      "--headless",
      "--norestore",
      "--convert-to",
      "xlsx:Calc MS Excel 2007 XML",
      "--outdir",
      out,
      ...files,
    ],
    { stdio: "pipe", timeout: 180_000 },
  );
  return files.map((f) => join(out, basename(f)));
}
