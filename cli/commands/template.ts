/**
 * `phuluc02 template [--unit NAME] --out FILE.xlsx [--force] [--lang en]`: one blank workbook of the
 * three documents a unit sends, one sheet each: Phụ lục 02, Cơ cấu đại biểu, Danh sách đại biểu.
 */
import { EXIT, type Io, langOf, type Options, UsageError } from "../command";
import { OutputGuard } from "../outputs";
import { safeText } from "../terminal";

export async function template(values: Options, io: Io): Promise<number> {
  if (!values.out) throw new UsageError("Thiếu --out FILE.xlsx (--out is required)");
  const guard = new OutputGuard({ files: [], dirs: [] }, !!values.force);
  guard.check(values.out);
  const w = await import("../exceljs-write");
  guard.write(
    values.out,
    await w.writeTemplateWorkbook({
      unit: values.unit ?? null,
      daibieu: true,
      delegates: true,
      lang: langOf(values.lang),
    }),
  );
  io.out(safeText(`Đã ghi mẫu trống / blank template written: ${values.out}`));
  return EXIT.ok;
}
