/**
 * `phuluc02 check FILE… [--json] [--out-dir DIR] [--force] [--lang en]`: each file's Phụ lục 02
 * tables checked, and with --out-dir an annotated copy of each (its findings as comments).
 */
import { errorText, type Lang, pick } from "../../shared";
import { EXIT, type Io, langOf, type Options, UsageError } from "../command";
import { checkFile, expandInputs, type FileResult, missingFile } from "../inputs";
import { STRINGS } from "../messages";
import { commonFolder, copyCandidates, OutputGuard, writeErrorText } from "../outputs";
import { checkSummary } from "../summary";
import { safeJson, safeText } from "../terminal";

function exitFor(results: FileResult[]): number {
  if (results.some((r) => r.error)) return EXIT.unreadable;
  if (results.some((r) => r.sheets.some((s) => s.findings.some((f) => f.severity === "error")))) return EXIT.findings;
  return EXIT.ok;
}

function fileJson(r: FileResult, lang: Lang) {
  return {
    file: r.file,
    error: r.error ? r.error[lang] : null,
    sheets: r.sheets.map((s) => ({ sheet: s.sheet, template: s.template, unit: s.unit, findings: s.findings })),
  };
}

export async function check(files: string[], values: Options, io: Io): Promise<number> {
  if (files.length === 0) throw new UsageError("Chưa chỉ ra tệp cần kiểm tra (no FILE given)");
  const lang = langOf(values.lang);
  const t = STRINGS[lang].check;
  const { files: paths, missing, dirs } = expandInputs(files);
  const outDir = values["out-dir"];
  const guard = new OutputGuard({ files: paths, dirs }, !!values.force);
  const results: FileResult[] = [...missing.map(missingFile)];
  for (const p of paths) results.push(...checkFile(p, !!outDir));
  const written: string[] = [];
  let failed = false;
  if (outDir) {
    const w = await import("../../shared/workbook/annotate");
    const common = commonFolder(paths);
    for (const r of results) {
      if (!r.bytes || r.sheets.length === 0) continue;
      const bytes = r.bytes;
      delete r.bytes;
      const candidates = copyCandidates(r.file, outDir, common);
      const target = guard.pick(candidates);
      const fail = (text: string) => {
        failed = true;
        io.err(safeText(`${r.file}: ${text}`));
      };
      if (!target) {
        fail(t.noFreeName);
        continue;
      }
      let copy: Uint8Array;
      try {
        copy = w.writeAnnotatedCopy(bytes, r.sheets, lang);
      } catch (e) {
        fail(pick(errorText(e), lang)); // "Không tạo được bản đánh dấu: …" / "No annotated copy: …"
        continue;
      }
      try {
        guard.write(target, copy, { allowInInputDir: true });
        written.push(target);
        // the usual name goes unsaid; another one is said, so nobody looks for the copy in vain
        if (target !== candidates[0]) io.err(safeText(t.copyRenamed(r.file, target, candidates[0])));
      } catch (e) {
        fail(t.cannotWriteCopy(target, pick(writeErrorText(e), lang)));
      }
    }
  }
  if (outDir && written.length) io.err(safeText(t.copiesWritten(written.length, outDir)));
  results.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  if (values.json) io.out(safeJson({ files: results.map((r) => fileJson(r, lang)) }));
  else io.out(safeText(checkSummary(results, lang)));
  const code = exitFor(results);
  return failed && code === EXIT.ok ? EXIT.unreadable : failed ? Math.max(code, EXIT.unreadable) : code;
}
