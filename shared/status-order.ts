/**
 * "Problems first": the order in which the Sở reads the submission status. Units held out of
 * the total until confirmed, then a file that could not be read, then errors, then units that sent nothing, then inputs left out or not on the
 * roster, then warnings; within one kind, more errors and warnings first, then roster order.
 */
import type { StatusRow } from "./consolidate";

export function statusProblemRank(s: StatusRow): number {
  if (s.heldOut) return -1;
  if (s.unreadable.length > 0) return 0;
  if ((s.errors ?? 0) > 0) return 1;
  if (!s.submitted) return 2;
  if (!s.included) return 3;
  if (!s.onRoster) return 4;
  if ((s.warnings ?? 0) > 0) return 5;
  return 6;
}

export function statusByProblems(rows: readonly StatusRow[]): StatusRow[] {
  return rows
    .map((s, i) => ({ s, i }))
    .sort(
      (a, b) =>
        statusProblemRank(a.s) - statusProblemRank(b.s) ||
        (b.s.errors ?? 0) - (a.s.errors ?? 0) ||
        (b.s.warnings ?? 0) - (a.s.warnings ?? 0) ||
        a.i - b.i,
    )
    .map(({ s }) => s);
}
