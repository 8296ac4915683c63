/** "Tạo mẫu": blank Phụ lục 02 (and Cơ cấu đại biểu, Danh sách đại biểu) sheets, named so as not to clash. */
import { templateSheet, templateSheetName } from "../../shared";
import type { ExcelFeatures } from "./features";
import { paintGuard } from "./self-writes";
import { queueWriteSheet } from "./write-sheet";

/** "Phụ lục 02", or "Phụ lục 02 (2)" when taken, … (Excel compares names case-insensitively). */
export function freeName(wanted: string, taken: readonly string[]): string {
  const key = (s: string) => s.normalize("NFC").toLocaleLowerCase("vi");
  const used = new Set(taken.map(key));
  if (!used.has(key(wanted))) return wanted;
  for (let i = 2; ; i++) {
    const name = `${wanted.slice(0, 26)} (${i})`;
    if (!used.has(key(name))) return name;
  }
}

export async function insertTemplates(
  ctx: Excel.RequestContext,
  opts: { daibieu: boolean; unit?: string; features: ExcelFeatures },
): Promise<string[]> {
  const sheets = ctx.workbook.worksheets.load("items/name");
  await ctx.sync();
  const taken = sheets.items.map((s) => s.name);
  const names: string[] = [];
  for (const id of opts.daibieu ? (["pl02", "daibieu", "ds-daibieu"] as const) : (["pl02"] as const)) {
    const name = freeName(templateSheetName(id), [...taken, ...names]);
    names.push(name);
    const ws = ctx.workbook.worksheets.add(name);
    queueWriteSheet(ws, templateSheet(id, { unit: opts.unit, name }), opts.features);
    if (names.length === 1) ws.activate();
  }
  await paintGuard.aroundAll(() => ctx.sync());
  return names;
}
