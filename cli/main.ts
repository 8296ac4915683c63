/**
 * phuluc02 — check and consolidate Phụ lục 02 workbooks (spec §7).
 *   phuluc02 check FILE… [--json] [--out-dir DIR] [--force] [--lang en]
 *   phuluc02 merge FILE|DIR… --out CITY.xlsx [--roster ROSTER] [--strict] [--include-hidden] [--force] [--json] [--lang en]
 *   phuluc02 diff OLD.xlsx NEW.xlsx [--json] [--lang en]
 *   phuluc02 report CITY.xlsx|FILE|DIR… [--out BAO-CAO.md|.html] [--lang en] [--roster R]  (cli/report-command.ts)
 *   phuluc02 template [--unit NAME] --out FILE.xlsx [--force]
 *   phuluc02 sample --out-dir DIR [--count N] [--force]
 * Exit status: 0 no error finding, 1 some error finding, 2 some input unreadable or output unwritable,
 * 64 usage or a refused output path (an input, a link to one, inside an input folder, or existing without --force).
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { bundledRoster, consolidate, type Lang, type Roster, type UnreadableInput } from "../shared";
import { diffCommand, resubmissionJson } from "./diff-command";
import { checkFile, expandInputs, type FileResult, missingFile, readRegularFile } from "./inputs";
import { commonFolder, copyCandidates, OutputGuard, OutputRefused } from "./outputs";
import { checkReport, mergeReport, safeJson, safeText } from "./report";
import { REPORT_USAGE, runReport } from "./report-command";
import { writeCityWorkbook } from "../shared/workbook/write/city";
import { XlsxError } from "../shared/workbook/read";
import { rosterFromBytes } from "../shared/workbook/roster-file";
import { readMergeInputs } from "./merge-inputs";
import { version } from "../package.json";

export const EXIT = { ok: 0, findings: 1, unreadable: 2, usage: 64 } as const;

const USAGE = `Cách dùng / Usage:
  phuluc02 check FILE… [--json] [--out-dir DIR] [--force] [--lang en]
  phuluc02 merge FILE|DIR… --out CITY.xlsx [--roster ROSTER.json|.xlsx] [--strict] [--include-hidden] [--force] [--json] [--lang en]
  phuluc02 diff OLD.xlsx NEW.xlsx [--json] [--lang en]   (0 giống nhau, 1 khác nhau)
  ${REPORT_USAGE}
  phuluc02 template [--unit "TÊN ĐƠN VỊ"] --out FILE.xlsx [--force]
  phuluc02 sample --out-dir DIR [--count N] [--force]
  phuluc02 --version
Không bao giờ ghi đè tệp đầu vào; tệp đã có chỉ bị ghi đè khi có --force. · Inputs are never written; an existing file is replaced only with --force.
Mã thoát / exit status: 0 không có lỗi, 1 có lỗi, 2 có tệp không đọc được (hoặc không ghi được), 64 sai cú pháp lệnh hoặc chỗ ghi không hợp lệ`;

/** A roster file is small: a JSON list or a one-sheet workbook. */
const MAX_ROSTER_BYTES = 5 * 1024 * 1024;

class UsageError extends Error {}

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const OPTIONS = {
  json: { type: "boolean" },
  "out-dir": { type: "string" },
  out: { type: "string" },
  roster: { type: "string" },
  strict: { type: "boolean" },
  unit: { type: "string" },
  lang: { type: "string" },
  count: { type: "string" },
  force: { type: "boolean" },
  "include-hidden": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function langOf(v: string | undefined): Lang {
  if (v === undefined || v === "vi") return "vi";
  if (v === "en") return "en";
  throw new UsageError(`--lang phải là "vi" hoặc "en" (--lang must be "vi" or "en")`);
}

async function writer() {
  return import("./exceljs-write");
}

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

async function check(files: string[], values: ReturnType<typeof parse>["values"], io: Io): Promise<number> {
  if (files.length === 0) throw new UsageError("Chưa chỉ ra tệp cần kiểm tra (no FILE given)");
  const lang = langOf(values.lang);
  const { files: paths, missing, dirs } = expandInputs(files);
  const outDir = values["out-dir"];
  const guard = new OutputGuard({ files: paths, dirs }, !!values.force);
  const results: FileResult[] = [...missing.map(missingFile)];
  for (const p of paths) results.push(checkFile(p, !!outDir));
  const written: string[] = [];
  let failed = false;
  if (outDir) {
    const w = await import("../shared/workbook/annotate");
    const common = commonFolder(paths);
    for (const r of results) {
      if (!r.bytes || r.sheets.length === 0) continue;
      const bytes = r.bytes;
      delete r.bytes;
      const candidates = copyCandidates(r.file, outDir, common);
      const target = guard.pick(candidates);
      const fail = (vi: string, en: string) => {
        failed = true;
        io.err(safeText(`${r.file}: ${lang === "vi" ? vi : en}`));
      };
      if (!target) {
        fail(
          "không ghi được bản đánh dấu: mọi tên dự kiến đều đã có (dùng --force để ghi đè)",
          "no annotated copy written: every candidate name exists (use --force to overwrite)",
        );
        continue;
      }
      let copy: Uint8Array;
      try {
        copy = w.writeAnnotatedCopy(bytes, r.sheets, lang);
      } catch (e) {
        const m = bilingualMessage(e); // "Không tạo được bản đánh dấu: …" / "No annotated copy: …"
        fail(m.vi, m.en);
        continue;
      }
      try {
        guard.write(target, copy, { allowInInputDir: true });
        written.push(target);
        // the usual name goes unsaid; another one is said, so nobody looks for the copy in vain
        if (target !== candidates[0])
          io.err(
            safeText(
              lang === "vi"
                ? `${r.file}: bản đánh dấu ghi thành ${target} (${candidates[0]} là tệp đầu vào hoặc đã có)`
                : `${r.file}: annotated copy written as ${target} (${candidates[0]} is an input or exists)`,
            ),
          );
      } catch (e) {
        const m = fsError(e);
        fail(`không ghi được ${target} (${m.vi})`, `cannot write ${target} (${m.en})`);
      }
    }
  }
  if (outDir && written.length)
    io.err(
      safeText(
        lang === "vi"
          ? `Đã ghi ${written.length} bản đánh dấu vào ${outDir}`
          : `${written.length} annotated copies written to ${outDir}`,
      ),
    );
  results.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  if (values.json) io.out(safeJson({ files: results.map((r) => fileJson(r, lang)) }));
  else io.out(safeText(checkReport(results, lang)));
  const code = exitFor(results);
  return failed && code === EXIT.ok ? EXIT.unreadable : failed ? Math.max(code, EXIT.unreadable) : code;
}

function bilingualMessage(e: unknown): { vi: string; en: string } {
  if (e && typeof e === "object" && "messageVi" in e && "messageEn" in e)
    return { vi: String(e.messageVi), en: String(e.messageEn) };
  const why = String((e as Error)?.message ?? e).split("\n")[0];
  return { vi: `lỗi không lường trước (${why})`, en: `unexpected error (${why})` };
}

function fsError(e: unknown): { vi: string; en: string } {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === "EACCES" || code === "EPERM") return { vi: "không có quyền ghi", en: "no permission to write" };
  if (code === "ENOSPC") return { vi: "hết chỗ trên đĩa", en: "no space left on the disk" };
  if (e instanceof OutputRefused) return { vi: e.message, en: e.message };
  return { vi: `lỗi hệ thống ${code ?? "không rõ"}`, en: `system error ${code ?? "unknown"}` };
}

/** A roster from a .json or an .xlsx file; throws an Error whose message is Vietnamese and names the file. */
export function loadRoster(path: string): Roster {
  const read = readRegularFile(path, MAX_ROSTER_BYTES);
  if ("error" in read) throw new Error(`Không đọc được danh sách đơn vị ${path}: ${read.error.vi}`);
  try {
    return rosterFromBytes(path, read.bytes);
  } catch (e) {
    const m = e instanceof XlsxError ? e.messageVi : (e as Error).message;
    throw new Error(m.includes(path) ? m : `Không đọc được danh sách đơn vị ${path}: ${m}`, { cause: e });
  }
}

async function merge(inputs: string[], values: ReturnType<typeof parse>["values"], io: Io): Promise<number> {
  if (inputs.length === 0) throw new UsageError("Chưa chỉ ra tệp hoặc thư mục cần tổng hợp (no FILE or DIR given)");
  if (!values.out) throw new UsageError("Thiếu --out CITY.xlsx (--out is required)");
  const lang = langOf(values.lang);
  const { files, missing, dirs } = expandInputs(inputs);
  const guard = new OutputGuard({ files: values.roster ? [...files, values.roster] : files, dirs }, !!values.force);
  guard.check(values.out); // before any work: never an input, a link to one, or inside an input folder
  let roster: Roster;
  try {
    roster = values.roster ? loadRoster(values.roster) : bundledRoster();
  } catch (e) {
    io.err(safeText((e as Error).message));
    return EXIT.unreadable;
  }
  const unreadable: UnreadableInput[] = missing.map((file) => ({
    file,
    reason: { vi: "Không tìm thấy tệp hoặc thư mục", en: "No such file or folder" },
  }));
  const merged = await readMergeInputs(files, { includeHidden: !!values["include-hidden"] });
  for (const n of merged.notices) io.err(safeText(`${n.file}: ${n[lang]}`));
  unreadable.push(...merged.unreadable);
  for (const s of merged.skipped)
    io.err(
      safeText(
        lang === "vi"
          ? `${s.file}: bỏ qua trang ẩn "${s.sheet}" (dùng --include-hidden để tổng hợp cả trang ẩn)`
          : `${s.file}: hidden sheet "${s.sheet}" left out (use --include-hidden to merge hidden sheets)`,
      ),
    );
  const units = merged.units;
  const result = consolidate(units, unreadable, { roster, strict: !!values.strict });
  try {
    guard.write(values.out, writeCityWorkbook(result, { lang }));
  } catch (e) {
    if (e instanceof OutputRefused) throw e;
    const m = fsError(e);
    io.err(safeText(`${values.out}: ${lang === "vi" ? `không ghi được (${m.vi})` : `cannot write (${m.en})`}`));
    return EXIT.unreadable;
  }
  if (values.json) {
    io.out(
      safeJson({
        units: result.units.map((u) => ({
          unit: u.unit,
          file: u.file,
          sheet: u.sheet,
          included: u.included,
          errors: u.errors,
          warnings: u.warnings,
        })),
        missing: result.missing,
        findings: result.findings,
        city: { rows: result.city.rows, findings: result.city.findings },
        resubmissions: result.resubmissions.map((r) => resubmissionJson(r, lang)),
      }),
    );
  } else io.out(safeText(mergeReport(result, values.out, lang)));
  if (unreadable.length > 0) return EXIT.unreadable;
  const anyError = [...result.findings, ...result.city.findings].some((f) => f.severity === "error");
  return anyError ? EXIT.findings : EXIT.ok;
}

async function template(values: ReturnType<typeof parse>["values"], io: Io): Promise<number> {
  if (!values.out) throw new UsageError("Thiếu --out FILE.xlsx (--out is required)");
  const guard = new OutputGuard({ files: [], dirs: [] }, !!values.force);
  guard.check(values.out);
  const w = await writer();
  guard.write(
    values.out,
    await w.writeTemplateWorkbook({ unit: values.unit ?? null, daibieu: true, lang: langOf(values.lang) }),
  );
  io.out(safeText(`Đã ghi mẫu trống / blank template written: ${values.out}`));
  return EXIT.ok;
}

async function sample(values: ReturnType<typeof parse>["values"], io: Io): Promise<number> {
  const dir = values["out-dir"];
  if (!dir) throw new UsageError("Thiếu --out-dir DIR (--out-dir is required)");
  const { sampleSubmissions, benchSubmissions } = await import("./sample/generate");
  const guard = new OutputGuard({ files: [], dirs: [] }, !!values.force);
  const count = values.count ? Number(values.count) : 0;
  if (values.count && !(Number.isInteger(count) && count > 0)) throw new UsageError("--count phải là số nguyên dương");
  const files = count ? benchSubmissions(count) : sampleSubmissions();
  const rosterFile = join(dir, "roster.json");
  for (const path of [...files.map((f) => join(dir, f.name)), ...(count ? [] : [rosterFile])]) guard.check(path);
  const w = await writer(); // exceljs, loaded only once every path is known to be writable
  for (const f of files) {
    const bytes = f.kind === "bytes" ? f.bytes : await w.writeGridsWorkbook(f.sheets);
    guard.write(join(dir, f.name), bytes);
  }
  if (!count) {
    // Inside DIR (never beside it): merge reads only .xlsx files, so it is not an input.
    guard.write(rosterFile, JSON.stringify(bundledRoster(), null, 2) + "\n");
    const seeded = files.filter((f) => f.mistakes.length);
    io.out(`Đã tạo ${files.length} tệp mẫu trong ${dir}; lỗi cài sẵn:`);
    for (const f of seeded) io.out(`  ${f.name}: ${f.mistakes.join("; ")}`);
  } else io.out(`Đã tạo ${files.length} tệp trong ${dir}`);
  return EXIT.ok;
}

export async function main(
  argv: string[],
  io: Io = { out: (s) => process.stdout.write(s + "\n"), err: (s) => process.stderr.write(s + "\n") },
): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === "help" || command === "--help" || command === "-h") {
      io.out(USAGE);
      return command ? EXIT.ok : EXIT.usage;
    }
    if (command === "--version" || command === "-v" || command === "version") {
      io.out(`phuluc02 ${version}`);
      return EXIT.ok;
    }
    const { values, positionals } = parse(rest);
    if (values.help) {
      io.out(USAGE);
      return EXIT.ok;
    }
    switch (command) {
      case "check":
        return await check(positionals, values, io);
      case "merge":
        return await merge(positionals, values, io);
      case "diff":
        if (positionals.length !== 2) throw new UsageError("diff cần đúng hai tệp: CŨ MỚI (diff takes OLD NEW)");
        return diffCommand([positionals[0], positionals[1]], { json: !!values.json, lang: langOf(values.lang) }, io);
      case "template":
        return await template(values, io);
      case "sample":
        return await sample(values, io);
      case "report":
        return await runReport(positionals, { ...values, lang: langOf(values.lang) }, io, {
          exit: EXIT,
          usage: (m) => new UsageError(m),
        });
      default:
        throw new UsageError(`Lệnh không có: ${command} (unknown command)`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(safeText(`${e.message}\n\n${USAGE}`));
      return EXIT.usage;
    }
    if (e instanceof OutputRefused) {
      io.err(safeText(`Không ghi: ${e.message}`));
      return EXIT.usage;
    }
    io.err(safeText(`Lỗi không lường trước / unexpected error: ${(e as Error)?.message ?? e}`));
    return EXIT.unreadable;
  }
}
