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
  countBySeverity,
  bundledRoster,
  CITY_SHEET_NAMES,
  conferenceBlocks,
  type ConferenceFigures,
  conferenceFigures,
  conferenceFiguresFromSheet,
  consolidate,
  errorText,
  fold,
  isCitySheet,
  type Lang,
  pick,
  type Roster,
  tableValues,
  templateById,
  type UnreadableInput,
  type Values,
} from "../../shared";
import { blocksMarkdown, reportDocument, reportHtml, reportMarkdown } from "../../shared/report/render";
import { chartSvg } from "../../shared/report/svg";
import { readXlsx } from "../../shared/workbook/read";
import { rosterFromBytes } from "../../shared/workbook/roster-file";
import { EXIT, type Io, langOf, type Options, UsageError } from "../command";
import { expandInputs } from "../inputs";
import { readMergeInputs } from "../merge-inputs";
import { STRINGS } from "../messages";

export const REPORT_USAGE =
  "phuluc02 report CITY.xlsx|FILE|DIR… [--out BAO-CAO.md|.html] [--lang en] [--roster ROSTER]";

/** The table a report is about. */
interface Source {
  values: Values;
  unit: string | null;
  errors: number;
  /** Inputs that could not be read (their messages already printed). */
  unreadable: number;
  /** The Sở's conference (spec §5b), when units sent their lists of delegates. */
  conference?: ConferenceFigures | null;
}

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
    io.err(STRINGS[lang].report.noCity(file));
    return { values: {}, unit: null, errors: 0, unreadable: 1 };
  }
  const errors = countBySeverity(result.findings).errors;
  const conf = sheets.find((s) => fold(s.name) === fold(CITY_SHEET_NAMES.conference));
  const conference = conf ? conferenceFiguresFromSheet(conf) : null;
  return { values: tableValues(result), unit: result.unit, errors, unreadable: 0, conference };
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
    io.err(STRINGS[lang].report.skipped(u.file, u.result.sheet));
    return false;
  });
  const result = consolidate(units, [], { roster });
  const included = result.units.filter((u) => u.included);
  if (included.length === 1) {
    const [u] = included;
    // the errors of the table reported on, not of the unit's other sheets
    const table = units.find((i) => i.file === u.file && i.result.sheet === u.sheet)!;
    const errors = table.result.findings.filter((f) => f.severity === "error").length;
    return { values: u.values, unit: u.unit, errors, unreadable: unreadable.length };
  }
  const errors = countBySeverity(result.city.findings).errors;
  const values = included.length ? result.city.rows : {};
  const conference = result.conference.units.some((u) => u.list) ? conferenceFigures(result.conference) : null;
  return { values, unit: result.city.result.unit, errors, unreadable: unreadable.length, conference };
}

export async function report(inputs: string[], opts: Options, io: Io): Promise<number> {
  const lang = langOf(opts.lang);
  if (inputs.length === 0)
    throw new UsageError("Chưa chỉ ra bảng tổng hợp, tệp hoặc thư mục (no CITY, FILE or DIR given)");
  const ext = opts.out ? extname(opts.out).toLowerCase() : ".md";
  if (ext === ".docx")
    throw new UsageError(
      "Chưa hỗ trợ .docx: hãy ghi .html (mở bằng Word rồi lưu thành .docx) hoặc .md (.docx is not supported: write .html and save it from Word, or .md)",
    );
  if (![".md", ".markdown", ".html", ".htm"].includes(ext))
    throw new UsageError("--out phải là tệp .md hoặc .html (--out must be a .md or .html file)");
  let roster: Roster;
  try {
    roster = opts.roster ? rosterFromBytes(opts.roster, readFileSync(opts.roster)) : bundledRoster();
  } catch (e) {
    io.err(`${opts.roster}: ${pick(errorText(e), lang)}`);
    return EXIT.unreadable;
  }

  const city = inputs.length === 1 && isFile(inputs[0]) ? citySource(inputs[0], lang, io) : null;
  const source = city ?? (await unitsSource(inputs, roster, lang, io));
  if (Object.keys(source.values).length === 0) {
    if (!city) io.err(STRINGS[lang].report.noTable);
    return EXIT.unreadable;
  }
  const doc = reportDocument(templateById("pl02"), source.values, source.unit, source.errors, lang);
  if (source.conference && source.conference.byType.length > 0)
    doc.blocks.push(...conferenceBlocks(source.conference, lang));
  let charts = 0;
  if (!opts.out) io.out(blocksMarkdown(doc.blocks));
  else {
    const out = resolve(opts.out);
    mkdirSync(dirname(out), { recursive: true });
    if (ext === ".html" || ext === ".htm") writeFileSync(out, reportHtml(doc));
    else {
      const stem = basename(out, extname(out));
      const chartFile = (i: number) => `${stem}.${STRINGS[lang].report.chartStem}-${i + 1}.svg`;
      doc.charts.forEach((c, i) => writeFileSync(join(dirname(out), chartFile(i)), chartSvg(c, lang)));
      charts = doc.charts.length;
      writeFileSync(out, reportMarkdown(doc, chartFile));
    }
    io.out(STRINGS[lang].report.written(opts.out, charts));
  }
  if (source.errors > 0) io.err(STRINGS[lang].report.caution(source.errors));
  if (source.unreadable > 0) return EXIT.unreadable;
  return source.errors > 0 ? EXIT.findings : EXIT.ok;
}
