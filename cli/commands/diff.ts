/**
 * `phuluc02 diff OLD.xlsx NEW.xlsx [--json] [--lang en]`: what a unit changed between two of its
 * files, cell by cell (row code and label, column, old → new), as the merge reports a
 * resubmission. Exit status: 0 the tables are equal, 1 they differ, 2 a file or its table could
 * not be read.
 */
import {
  bundledRoster,
  changeLine,
  diffTables,
  type Lang,
  nameChange,
  type Resubmission,
  RosterIndex,
  type SheetResult,
} from "../../shared";
import { mergeInputsOf } from "../../shared/workbook/file-check";
import { type Io, langOf, type Options, UsageError } from "../command";
import { checkFile } from "../inputs";
import { STRINGS } from "../messages";

const EXIT = { same: 0, differ: 1, unreadable: 2 } as const;

interface Side {
  file: string;
  sheet: SheetResult;
  modified: string | null;
}

/** The file's first Phụ lục 02 table, or a message naming the file (and sheet) that says why not. */
function readSide(file: string, lang: Lang, io: Io): Side | null {
  const { units, unreadable } = mergeInputsOf(checkFile(file));
  if (units.length === 0) {
    const u = unreadable[0];
    io.err(`${file}${u?.sheet ? ` › ${u.sheet}` : ""}: ${u ? u.reason[lang] : "?"}`);
    return null;
  }
  if (units.length > 1) io.err(STRINGS[lang].diff.firstTable(file, units[0].result.sheet, units.length));
  return { file: units[0].file, sheet: units[0].result, modified: units[0].modified ?? null };
}

/** The unit a sheet names, as the roster spells it when the bundled roster knows it. */
function unitName(index: RosterIndex, s: SheetResult): string | null {
  return index.match(s.unit)?.name ?? s.unit ?? null;
}

export function diff(positionals: string[], values: Options, io: Io): number {
  if (positionals.length !== 2) throw new UsageError("diff cần đúng hai tệp: CŨ MỚI (diff takes OLD NEW)");
  const [oldFile, newFile] = positionals;
  const lang = langOf(values.lang);
  const t = STRINGS[lang].diff;
  const before = readSide(oldFile, lang, io);
  const after = readSide(newFile, lang, io);
  if (!before || !after) return EXIT.unreadable;
  const index = new RosterIndex(bundledRoster());
  const [ua, ub] = [unitName(index, before.sheet), unitName(index, after.sheet)];
  if (ua && ub && ua !== ub) io.err(t.otherUnit(ua, ub));
  const changes = diffTables(before.sheet, after.sheet);
  const side = (s: Side, unit: string | null) => ({ file: s.file, sheet: s.sheet.sheet, unit, modified: s.modified });
  if (values.json)
    io.out(
      JSON.stringify(
        { old: side(before, ua), new: side(after, ub), changes: changes.map((c) => nameChange(c, lang)) },
        null,
        2,
      ),
    );
  else {
    io.out(`${t.compare}: ${before.file} › ${before.sheet.sheet} → ${after.file} › ${after.sheet.sheet}`);
    io.out(`${t.unit}: ${ua ?? ub ?? t.noUnit}`);
    if (changes.length === 0) io.out(t.same);
    else {
      io.out(t.differ(changes.length));
      for (const c of changes) io.out(`  ${changeLine(c, lang)}`);
    }
  }
  return changes.length === 0 ? EXIT.same : EXIT.differ;
}

/** A resubmission as `merge --json` prints it: the reason as a code and as text, changes named in `lang`. */
export function resubmissionJson(r: Resubmission, lang: Lang) {
  return {
    unit: r.unit,
    kept: r.kept,
    left: r.left,
    reason: r.reason.kind,
    why: r.reason.text[lang],
    changes: r.changes.map((c) => nameChange(c, lang)),
  };
}
