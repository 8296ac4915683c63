/**
 * phuluc02 — check and consolidate Phụ lục 02 workbooks (spec §7).
 *   phuluc02 check FILE… [--json] [--out-dir DIR] [--lang en]
 *   phuluc02 merge FILE|DIR… --out CITY.xlsx [--roster ROSTER] [--strict] [--json] [--lang en]
 *   phuluc02 template [--unit NAME] --out FILE.xlsx
 *   phuluc02 sample --out-dir DIR [--count N]
 *   phuluc02 report CITY.xlsx|FILE|DIR… [--out BAO-CAO.md|.html] [--lang en] [--roster R]  (cli/report-command.ts)
 * Exit status: 0 no error finding, 1 some error finding, 2 some input unreadable, 64 usage.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { bundledRoster, consolidate, type Lang, type Roster, type UnreadableInput } from "../shared";
import { checkFile, expandInputs, type FileResult, missingFile } from "./inputs";
import { readMergeInputs } from "./merge-inputs";
import { REPORT_USAGE, runReport } from "./report-command";
import { checkReport, mergeReport } from "./report";
import { writeCityWorkbook } from "../shared/workbook/city";
import { XlsxError } from "../shared/workbook/read";
import { rosterFromBytes } from "../shared/workbook/roster-file";
import { version } from "../package.json";

export const EXIT = { ok: 0, findings: 1, unreadable: 2, usage: 64 } as const;

const USAGE = `Cách dùng / Usage:
  phuluc02 check FILE… [--json] [--out-dir DIR] [--lang en]
  phuluc02 merge FILE|DIR… --out CITY.xlsx [--roster ROSTER.json|.xlsx] [--strict] [--json] [--lang en]
  phuluc02 template [--unit "TÊN ĐƠN VỊ"] --out FILE.xlsx
  phuluc02 sample --out-dir DIR [--count N]
  ${REPORT_USAGE}
  phuluc02 --version
Mã thoát / exit status: 0 không có lỗi, 1 có lỗi, 2 có tệp không đọc được, 64 sai cú pháp lệnh`;

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
  return import("../shared/workbook/write");
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
  const { files: paths, missing } = expandInputs(files);
  const outDir = values["out-dir"];
  const results: FileResult[] = [...missing.map(missingFile)];
  for (const p of paths) results.push(checkFile(p, !!outDir));
  if (outDir) {
    const w = await writer();
    mkdirSync(outDir, { recursive: true });
    const used = new Set<string>();
    for (const r of results) {
      if (!r.bytes || r.sheets.length === 0) continue;
      const name = basename(r.file).replace(/\.(xls|ods)$/i, ".xlsx"); // a converted copy is an .xlsx
      let target = join(outDir, name);
      if (resolve(target) === resolve(r.file) || used.has(target))
        target = join(outDir, name.replace(/\.xlsx$/i, "") + ".kiem-tra.xlsx");
      used.add(target);
      try {
        writeFileSync(target, await w.writeAnnotatedCopy(r.bytes, r.sheets, lang));
      } catch (e) {
        io.err(`${r.file}: không ghi được bản đánh dấu (${(e as Error).message})`);
      }
      delete r.bytes;
    }
  }
  results.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  if (values.json) io.out(JSON.stringify({ files: results.map((r) => fileJson(r, lang)) }, null, 2));
  else io.out(checkReport(results, lang));
  return exitFor(results);
}

export function loadRoster(path: string): Roster {
  return rosterFromBytes(path, readFileSync(path));
}

async function merge(inputs: string[], values: ReturnType<typeof parse>["values"], io: Io): Promise<number> {
  if (inputs.length === 0) throw new UsageError("Chưa chỉ ra tệp hoặc thư mục cần tổng hợp (no FILE or DIR given)");
  if (!values.out) throw new UsageError("Thiếu --out CITY.xlsx (--out is required)");
  const lang = langOf(values.lang);
  let roster: Roster;
  try {
    roster = values.roster ? loadRoster(values.roster) : bundledRoster();
  } catch (e) {
    const msg = e instanceof XlsxError ? `${values.roster}: ${e.messageVi}` : (e as Error).message;
    io.err(msg);
    return EXIT.unreadable;
  }
  const out = resolve(values.out);
  const { files, missing } = expandInputs(inputs);
  const unreadable: UnreadableInput[] = missing.map((file) => ({
    file,
    reason: { vi: "Không tìm thấy tệp hoặc thư mục", en: "No such file or folder" },
  }));
  const merged = await readMergeInputs(files.filter((file) => resolve(file) !== out)); // never read our own output
  for (const n of merged.notices) io.err(`${n.file}: ${n[lang]}`);
  unreadable.push(...merged.unreadable);
  const units = merged.units;
  const result = consolidate(units, unreadable, { roster, strict: !!values.strict });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, writeCityWorkbook(result, { lang }));
  if (values.json) {
    io.out(
      JSON.stringify(
        {
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
        },
        null,
        2,
      ),
    );
  } else io.out(mergeReport(result, values.out, lang));
  if (unreadable.length > 0) return EXIT.unreadable;
  const anyError = [...result.findings, ...result.city.findings].some((f) => f.severity === "error");
  return anyError ? EXIT.findings : EXIT.ok;
}

async function template(values: ReturnType<typeof parse>["values"], io: Io): Promise<number> {
  if (!values.out) throw new UsageError("Thiếu --out FILE.xlsx (--out is required)");
  const w = await writer();
  mkdirSync(dirname(resolve(values.out)), { recursive: true });
  writeFileSync(
    values.out,
    await w.writeTemplateWorkbook({ unit: values.unit ?? null, daibieu: true, lang: langOf(values.lang) }),
  );
  io.out(`Đã ghi mẫu trống / blank template written: ${values.out}`);
  return EXIT.ok;
}

async function sample(values: ReturnType<typeof parse>["values"], io: Io): Promise<number> {
  const dir = values["out-dir"];
  if (!dir) throw new UsageError("Thiếu --out-dir DIR (--out-dir is required)");
  const { sampleSubmissions, benchSubmissions } = await import("./sample/generate");
  const w = await writer();
  mkdirSync(dir, { recursive: true });
  const count = values.count ? Number(values.count) : 0;
  if (values.count && !(Number.isInteger(count) && count > 0)) throw new UsageError("--count phải là số nguyên dương");
  const files = count ? benchSubmissions(count) : sampleSubmissions();
  for (const f of files) {
    const bytes = f.kind === "bytes" ? f.bytes : await w.writeGridsWorkbook(f.sheets);
    writeFileSync(join(dir, f.name), bytes);
  }
  if (!count) {
    writeFileSync(join(dirname(resolve(dir)), "roster.json"), JSON.stringify(bundledRoster(), null, 2) + "\n");
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
      io.err(`${e.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    io.err(`Lỗi / error: ${(e as Error).stack ?? e}`);
    return EXIT.unreadable;
  }
}
