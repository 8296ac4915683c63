/**
 * Which inputs of a merge count (spec §5 v2): copies of one table (every count equal, not all 0)
 * count once, whatever names they carry (MERGE_DUPLICATE_CONTENT); of several different tables of
 * one unit, one is kept by resubmission.ts's rules (MERGE_DUPLICATE_UNIT). Path order decides
 * nothing: among identical copies any one gives the same total, and between different tables
 * that nothing tells apart none is kept until the Sở chooses.
 */
import type { Bilingual } from "./bilingual";
import type { MergedUnit, Resubmission } from "./consolidate";
import { label, mergeFinding } from "./merge-finding";
import type { Finding } from "./finding";
import { type KeepReason, pickSubmission } from "./resubmission";
import { diffValues } from "./table-diff";
import { UNIT_SOURCE_TEXT, type UnitSource } from "./unit-identity";

const SOURCE_RANK: Record<UnitSource, number> = { line: 0, letterhead: 1, file: 2, sheet: 3, folder: 4 };

const rankOf = (u: MergedUnit) => (u.known ? 0 : 10) + (u.source ? SOURCE_RANK[u.source] : 5);

const candidate = (u: MergedUnit) => ({
  file: u.file,
  sheet: u.sheet,
  modified: u.modified,
  fileTime: u.fileTime,
  errors: u.errors,
});

/** The copy of one table to keep, and why. */
function keepOfCopies(list: MergedUnit[]): { kept: MergedUnit; reason: KeepReason } {
  const best = Math.min(...list.map(rankOf));
  const tier = list.filter((u) => rankOf(u) === best);
  if (tier.length === 1) {
    const u = tier[0];
    const by = u.source ? UNIT_SOURCE_TEXT[u.source] : { vi: "tên", en: "its name" };
    return {
      kept: u,
      reason: {
        kind: "roster",
        text: u.known
          ? {
              vi: `bản nhận ra được đơn vị trong danh sách (theo ${by.vi})`,
              en: `the copy matched to the roster (by ${by.en})`,
            }
          : { vi: `bản ghi rõ tên đơn vị (theo ${by.vi})`, en: `the copy that names its unit (by ${by.en})` },
      },
    };
  }
  const pick = pickSubmission(tier.map(candidate));
  if (pick.index >= 0) return { kept: tier[pick.index], reason: pick.reason };
  return {
    kept: tier[0],
    reason: {
      kind: "same-content",
      text: {
        vi: "các bản giống hệt nhau, bản nào cũng cho cùng một tổng",
        en: "identical copies give the same total",
      },
    },
  };
}

export interface Selection {
  /** MERGE_DUPLICATE_CONTENT findings. */
  findings: Finding[];
  /** MERGE_DUPLICATE_UNIT findings. */
  unitFindings: Finding[];
  resubmissions: Resubmission[];
}

/** Marks the inputs left out (`included`, `excluded`) and the reasons of those kept (`keptBecause`). */
export function selectInputs(units: MergedUnit[]): Selection {
  const out: Selection = { findings: [], unitFindings: [], resubmissions: [] };
  const byContent = new Map<string, MergedUnit[]>();
  for (const u of units) {
    if (u.excluded) continue;
    const key = JSON.stringify(u.values);
    const list = byContent.get(key);
    if (list) list.push(u);
    else byContent.set(key, [u]);
  }
  for (const list of byContent.values()) {
    if (list.length < 2) continue;
    const { kept, reason } = keepOfCopies(list);
    const left = list.filter((u) => u !== kept);
    for (const u of left) {
      u.included = false;
      u.excluded = "duplicate-content";
      u.copyOf = kept.unit;
      // listed on the kept unit's row (merge-status.ts): say there, too, that nothing differs
      if (!u.known || u.unit === kept.unit)
        out.resubmissions.push({
          unit: kept.unit,
          kept: { file: kept.file, sheet: kept.sheet, modified: kept.modified },
          left: { file: u.file, sheet: u.sheet, modified: u.modified },
          reason,
          changes: [],
        });
    }
    kept.keptBecause = reason;
    out.findings.push(
      mergeFinding("MERGE_DUPLICATE_CONTENT", left[0].file, left[0].sheet, kept.unit, {
        count: list.length,
        inputs: list.map((u) => label(u.file, u.sheet)).join("; "),
        first: label(kept.file, kept.sheet),
        unit: kept.unit,
      }),
    );
  }

  const claims = new Map<string, MergedUnit[]>();
  for (const u of units) {
    if (u.excluded) continue;
    const key = u.known ? `roster:${u.unit}` : `name:${u.unit.normalize("NFC").toLowerCase()}`;
    const list = claims.get(key);
    if (list) list.push(u);
    else claims.set(key, [u]);
  }
  for (const list of claims.values()) {
    if (list.length < 2) continue;
    const { index, reason } = pickSubmission(list.map(candidate));
    const kept = index >= 0 ? list[index] : null;
    for (const u of list) {
      if (u === kept) continue;
      u.included = false;
      u.excluded = kept ? "duplicate" : "undecided";
      if (kept)
        out.resubmissions.push({
          unit: kept.unit,
          kept: { file: kept.file, sheet: kept.sheet, modified: kept.modified },
          left: { file: u.file, sheet: u.sheet, modified: u.modified },
          reason,
          changes: diffValues(u.values, kept.values),
        });
    }
    if (kept) kept.keptBecause = reason;
    const first = list.find((u) => u !== kept)!;
    const decision: Bilingual = kept
      ? {
          vi: `Chỉ tổng hợp ${label(kept.file, kept.sheet)} (${reason.text.vi}); các bản còn lại bị loại`,
          en: `Only ${label(kept.file, kept.sheet)} is included (${reason.text.en}); the others are left out`,
        }
      : { vi: `Không bản nào được tổng hợp: ${reason.text.vi}`, en: `None is included: ${reason.text.en}` };
    out.unitFindings.push(
      mergeFinding("MERGE_DUPLICATE_UNIT", first.file, first.sheet, list[0].unit, {
        unit: list[0].unit,
        count: list.length,
        inputs: list.map((u) => label(u.file, u.sheet)).join("; "),
        decision,
      }),
    );
  }
  return out;
}
