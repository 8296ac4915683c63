/**
 * `phuluc02 report CITY_OR_FOLDER… [--out bao-cao.md|.html] [--lang en] [--roster R]` (issue 15):
 * the figures in words and the two charts for the Sở's report. The table is either the
 * "Tổng hợp thành phố" sheet of a city workbook written by `merge` (read through the normal
 * reader, located and checked again), or the units' files and folders, consolidated in memory
 * as `merge` does (one unit alone: that unit's table). Markdown writes the charts as .svg files
 * next to it; HTML is one self-contained page with the charts inline.
 */
import { readFileSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import {
  analyzeGrid,
  bundledRoster,
  CITY_SHEET_NAMES,
  consolidate,
  fold,
  isCitySheet,
  type Lang,
  type Roster,
  tableValues,
  templateById,
  type UnreadableInput,
  type Values,
} from "../shared";
import { blocksMarkdown, reportDocument, reportHtml, reportMarkdown } from "../shared/report/render";
import { chartSvg } from "../shared/report/svg";
import { describeReadError } from "../shared/workbook/file-check";
import { readXlsx } from "../shared/workbook/read";
import { rosterFromBytes } from "../shared/workbook/roster-file";
import { expandInputs } from "./inputs";
import { readMergeInputs } from "./merge-inputs";

export const REPORT_USAGE =
  "phuluc02 report CITY.xlsx|FILE|DIR… [--out BAO-CAO.md|.html] [--lang en] [--roster ROSTER]";

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

export interface ReportRun {
  exit: { ok: number; findings: number; unreadable: number };
  /** How the caller turns a message into its usage error (exit 64 and the usage text). */
  usage: (message: string) => Error;
}

/** The table a report is about. */
interface Source {
  values: Values;
  unit: string | null;
  errors: number;
  /** Inputs that could not be read (their messages already printed). */
  unreadable: number;
}

const T = {
  vi: {
    noCity: (f: string) =>
      `${f}: không có bảng Phụ lục 02 trên trang "${CITY_SHEET_NAMES.city}" (tệp do phuluc02 merge ghi) — kiểm tra lại tệp`,
    noTable: "Không có bảng Phụ lục 02 nào đọc được trong các tệp đã chỉ ra",
    written: (f: string, n: number) => `Đã ghi báo cáo: ${f}${n ? ` (kèm ${n} biểu đồ .svg cùng thư mục)` : ""}`,
    caution: (n: number) => `Lưu ý: bảng số liệu còn ${n} lỗi; báo cáo đã ghi rõ điều này cạnh số liệu và biểu đồ.`,
    chartStem: "bieu-do",
    skipped: (f: string, sheet: string) =>
      `${f}: bỏ qua trang "${sheet}" (kết quả tổng hợp, không phải bảng của đơn vị)`,
  },
  en: {
    noCity: (f: string) =>
      `${f}: no Annex 02 table on the sheet "${CITY_SHEET_NAMES.city}" (written by phuluc02 merge)`,
    noTable: "None of the inputs holds a readable Annex 02 table",
    written: (f: string, n: number) => `Report written: ${f}${n ? ` (with ${n} .svg charts beside it)` : ""}`,
    caution: (n: number) => `Note: the table has ${n} errors; the report says so next to the figures and charts.`,
    chartStem: "chart",
    skipped: (f: string, sheet: string) => `${f}: sheet "${sheet}" left out (a merge's output, not a unit's table)`,
  },
};

const isCityTable = (name: string) => fold(name) === fold(CITY_SHEET_NAMES.city);

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** A city workbook's table, or null when the file holds no "Tổng hợp thành phố" sheet. */
function citySource(file: string, lang: Lang, io: Io): Source | null {
  let sheets;
  try {
    sheets = readXlsx(readFileSync(file)).sheets;
  } catch {
    return null; // not a workbook we can read: let the units' path report it as it reports any input
  }
  const sheet = sheets.find((s) => isCityTable(s.name));
  if (!sheet) return null;
  const result = analyzeGrid(sheet);
  if (!result?.table || result.template !== "pl02") {
    io.err(T[lang].noCity(file));
    return { values: {}, unit: null, errors: 0, unreadable: 1 };
  }
  const errors = result.findings.filter((f) => f.severity === "error").length;
  return { values: tableValues(result), unit: result.unit, errors, unreadable: 0 };
}

/** The units' files consolidated in memory, as `merge` does; one unit alone stands for itself. */
async function unitsSource(inputs: string[], roster: Roster, lang: Lang, io: Io): Promise<Source> {
  const { files, missing } = expandInputs(inputs);
  const unreadable: UnreadableInput[] = missing.map((file) => ({
    file,
    reason: { vi: "Không tìm thấy tệp hoặc thư mục", en: "No such file or folder" },
  }));
  const merged = await readMergeInputs(files);
  for (const n of merged.notices) io.err(`${n.file}: ${n[lang]}`);
  unreadable.push(...merged.unreadable);
  for (const u of unreadable) io.err(`${u.file}${u.sheet ? ` › ${u.sheet}` : ""}: ${u.reason[lang]}`);
  // A city workbook among the inputs (merge's own output left in the folder) is not a unit: its
  // figures are the units' own, counted once already.
  const units = merged.units.filter((u) => {
    if (!isCitySheet(u.result.sheet)) return true;
    io.err(T[lang].skipped(u.file, u.result.sheet));
    return false;
  });
  const result = consolidate(units, [], { roster });
  const included = result.units.filter((u) => u.included);
  if (included.length === 1) {
    const [u] = included;
    return { values: u.values, unit: u.unit, errors: u.errors, unreadable: unreadable.length };
  }
  const errors = result.city.findings.filter((f) => f.severity === "error").length;
  const values = included.length ? result.city.rows : {};
  return { values, unit: result.city.result.unit, errors, unreadable: unreadable.length };
}

export async function runReport(
  inputs: string[],
  opts: { out?: string; roster?: string; lang: Lang },
  io: Io,
  run: ReportRun,
): Promise<number> {
  const { lang } = opts;
  if (inputs.length === 0) throw run.usage("Chưa chỉ ra bảng tổng hợp, tệp hoặc thư mục (no CITY, FILE or DIR given)");
  const ext = opts.out ? extname(opts.out).toLowerCase() : ".md";
  if (ext === ".docx")
    throw run.usage(
      "Chưa hỗ trợ .docx: hãy ghi .html (mở bằng Word rồi lưu thành .docx) hoặc .md (.docx is not supported: write .html and save it from Word, or .md)",
    );
  if (![".md", ".markdown", ".html", ".htm"].includes(ext))
    throw run.usage("--out phải là tệp .md hoặc .html (--out must be a .md or .html file)");
  let roster: Roster;
  try {
    roster = opts.roster ? rosterFromBytes(opts.roster, readFileSync(opts.roster)) : bundledRoster();
  } catch (e) {
    io.err(`${opts.roster}: ${describeReadError(e)[lang]}`);
    return run.exit.unreadable;
  }

  const city = inputs.length === 1 && isFile(inputs[0]) ? citySource(inputs[0], lang, io) : null;
  const source = city ?? (await unitsSource(inputs, roster, lang, io));
  if (Object.keys(source.values).length === 0) {
    if (!city) io.err(T[lang].noTable);
    return run.exit.unreadable;
  }
  const doc = reportDocument(templateById("pl02"), source.values, source.unit, source.errors, lang);
  let charts = 0;
  if (!opts.out) io.out(blocksMarkdown(doc.blocks));
  else {
    const out = resolve(opts.out);
    mkdirSync(dirname(out), { recursive: true });
    if (ext === ".html" || ext === ".htm") writeFileSync(out, reportHtml(doc));
    else {
      const stem = basename(out, extname(out));
      const chartFile = (i: number) => `${stem}.${T[lang].chartStem}-${i + 1}.svg`;
      doc.charts.forEach((c, i) => writeFileSync(join(dirname(out), chartFile(i)), chartSvg(c, lang)));
      charts = doc.charts.length;
      writeFileSync(out, reportMarkdown(doc, chartFile));
    }
    io.out(T[lang].written(opts.out, charts));
  }
  if (source.errors > 0) io.err(T[lang].caution(source.errors));
  if (source.unreadable > 0) return run.exit.unreadable;
  return source.errors > 0 ? run.exit.findings : run.exit.ok;
}
