/**
 * `phuluc02 sample --out-dir DIR [--count N] [--force]`: the sample units' files (with mistakes
 * seeded in some) and their roster, or N generated files for timing a merge.
 */
import { join } from "node:path";
import { bundledRoster } from "../../shared";
import { EXIT, type Io, type Options, UsageError } from "../command";
import { OutputGuard } from "../outputs";

export async function sample(values: Options, io: Io): Promise<number> {
  const dir = values["out-dir"];
  if (!dir) throw new UsageError("Thiếu --out-dir DIR (--out-dir is required)");
  const { sampleSubmissions, benchSubmissions } = await import("../sample/generate");
  const guard = new OutputGuard({ files: [], dirs: [] }, !!values.force);
  const count = values.count ? Number(values.count) : 0;
  if (values.count && !(Number.isInteger(count) && count > 0)) throw new UsageError("--count phải là số nguyên dương");
  const files = count ? benchSubmissions(count) : sampleSubmissions();
  const rosterFile = join(dir, "roster.json");
  for (const path of [...files.map((f) => join(dir, f.name)), ...(count ? [] : [rosterFile])]) guard.check(path);
  const w = await import("../exceljs-write"); // exceljs, loaded only once every path is known to be writable
  for (const f of files) {
    const bytes = f.kind === "bytes" ? f.bytes : await w.writeGridsWorkbook(f.sheets);
    guard.write(join(dir, f.name), bytes);
  }
  if (!count) {
    // Inside DIR (never beside it): merge reads only spreadsheets, so it is not an input (it is
    // listed as skipped). The sample's units only: given with --roster, a complete list.
    guard.write(rosterFile, JSON.stringify({ units: bundledRoster().units }, null, 2) + "\n");
    const seeded = files.filter((f) => f.mistakes.length);
    io.out(`Đã tạo ${files.length} tệp mẫu trong ${dir}; lỗi cài sẵn:`);
    for (const f of seeded) io.out(`  ${f.name}: ${f.mistakes.join("; ")}`);
  } else io.out(`Đã tạo ${files.length} tệp trong ${dir}`);
  return EXIT.ok;
}
