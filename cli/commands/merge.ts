/**
 * `phuluc02 merge FILE|DIR… --out CITY.xlsx [--roster ROSTER] [--strict] [--include-hidden]
 * [--include-unknown] [--force] [--json] [--lang en]`: the units' tables consolidated into the
 * city workbook. A folder means its sub-folders too; files in it that are not spreadsheets are
 * named as skipped. A merge that includes no unit writes nothing and exits 2.
 */
import { type Bilingual, bundledRoster, consolidate, pick, type Roster, type UnreadableInput } from "../../shared";
import { writeCityWorkbook } from "../../shared/workbook/write/city";
import { XlsxError } from "../../shared/workbook/read";
import { readRosterFile } from "../../shared/workbook/roster-file";
import { EXIT, type Io, langOf, type Options, UsageError } from "../command";
import { expandInputs, readRegularFile } from "../inputs";
import { readMergeInputs } from "../merge-inputs";
import { STRINGS } from "../messages";
import { OutputGuard, OutputRefused, writeErrorText } from "../outputs";
import { mergeSummary } from "../summary";
import { safeJson, safeText } from "../terminal";
import { resubmissionJson } from "./diff";

/** A roster file is small: a JSON list or a one-sheet workbook. */
const MAX_ROSTER_BYTES = 5 * 1024 * 1024;

/**
 * A roster from a .json or an .xlsx file, with what the reader guessed; throws an Error whose
 * message is Vietnamese and names the file.
 */
export function loadRoster(path: string): { roster: Roster; notices: Bilingual[] } {
  const read = readRegularFile(path, MAX_ROSTER_BYTES);
  if ("error" in read) throw new Error(`Không đọc được danh sách đơn vị ${path}: ${read.error.vi}`);
  try {
    return readRosterFile(path, read.bytes);
  } catch (e) {
    const m = e instanceof XlsxError ? e.text.vi : (e as Error).message;
    throw new Error(m.includes(path) ? m : `Không đọc được danh sách đơn vị ${path}: ${m}`, { cause: e });
  }
}

export async function merge(inputs: string[], values: Options, io: Io): Promise<number> {
  if (inputs.length === 0) throw new UsageError("Chưa chỉ ra tệp hoặc thư mục cần tổng hợp (no FILE or DIR given)");
  if (!values.out) throw new UsageError("Thiếu --out CITY.xlsx (--out is required)");
  const lang = langOf(values.lang);
  const t = STRINGS[lang].merge;
  const { files, missing, dirs, skipped } = expandInputs(inputs, { recursive: true });
  const guard = new OutputGuard({ files: values.roster ? [...files, values.roster] : files, dirs }, !!values.force);
  guard.check(values.out); // before any work: never an input, a link to one, or inside an input folder
  let roster: Roster;
  try {
    const given = values.roster ? loadRoster(values.roster) : null;
    for (const n of given?.notices ?? []) io.err(safeText(`${values.roster}: ${n[lang]}`));
    roster = given?.roster ?? bundledRoster();
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
  for (const s of merged.skipped) io.err(safeText(t.hiddenLeftOut(s.file, s.sheet)));
  const units = merged.units;
  const result = consolidate(units, unreadable, {
    roster,
    strict: !!values.strict,
    includeUnknown: !!values["include-unknown"],
    skipped,
  });
  const nothing = result.summary.included === 0;
  if (!nothing) {
    try {
      guard.write(values.out, writeCityWorkbook(result, { lang }));
    } catch (e) {
      if (e instanceof OutputRefused) throw e;
      io.err(safeText(`${values.out}: ${t.cannotWrite(pick(writeErrorText(e), lang))}`));
      return EXIT.unreadable;
    }
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
          likely: u.likely,
          blank: u.blank,
          heldOut: u.heldOut,
          keptBecause: u.keptBecause && { kind: u.keptBecause.kind, message: pick(u.keptBecause.text, lang) },
          source: u.source,
          excluded: u.excluded,
        })),
        missing: result.missing,
        findings: result.findings,
        city: { rows: result.city.rows, findings: result.city.findings },
        conference: {
          delegates: result.conference.delegates,
          guestsRoom: result.conference.guestsRoom,
          people: result.conference.people.map((p) => ({
            unit: p.unit,
            name: p.name,
            birthYear: p.birthYear,
            kind: p.kind,
          })),
          missingLists: result.conference.missingLists,
          daibieu: result.conference.daibieuTotals,
          findings: result.conference.findings,
        },
        resubmissions: result.resubmissions.map((r) => resubmissionJson(r, lang)),
        skipped: result.skipped,
        summary: { ...result.summary, lines: result.summary.lines[lang] },
      }),
    );
  } else if (!nothing) io.out(safeText(mergeSummary(result, values.out, lang)));
  if (nothing) {
    // Nothing to sign: say why (the findings and the summary) and write no workbook.
    if (!values.json) io.err(safeText(mergeSummary(result, values.out, lang).split("\n").slice(0, -1).join("\n")));
    io.err(safeText(t.nothingIncluded));
    return EXIT.unreadable;
  }
  if (unreadable.length > 0) return EXIT.unreadable;
  const anyError = [...result.findings, ...result.city.findings, ...result.conference.findings].some(
    (f) => f.severity === "error",
  );
  return anyError ? EXIT.findings : EXIT.ok;
}
