/**
 * The submission status (sheet "Tình trạng nộp"): one row per unit. Units held out of the total
 * come first ("chưa xác nhận — không tính vào tổng"), then the roster's units in roster order,
 * then the other units outside the roster, then files of no known unit that could not be read.
 * A copy of another input's table is listed on the row of the unit kept, not as a unit of its own.
 */
import type { MergedUnit, Resubmission, StatusRow, UnreadableInput } from "./consolidate";
import type { Roster, RosterUnit } from "./definition/schema";
import { label } from "./merge-finding";

export function buildStatus(
  units: readonly MergedUnit[],
  unreadable: readonly UnreadableInput[],
  resubmissions: readonly Resubmission[],
  roster: Roster,
  unitOfPath: (file: string, sheet: string | null) => RosterUnit | undefined,
): StatusRow[] {
  const byUnit = new Map<string, MergedUnit[]>();
  for (const u of units) {
    const key = u.excluded === "duplicate-content" && !u.known && u.copyOf ? u.copyOf : u.unit;
    const list = byUnit.get(key);
    if (list) list.push(u);
    else byUnit.set(key, [u]);
  }
  const statusOf = (name: string, type: RosterUnit["type"] | null, onRoster: boolean): StatusRow => {
    const list = byUnit.get(name) ?? [];
    const sent = list.filter((u) => !u.blank);
    const main =
      list.find((u) => u.included) ?? sent.find((u) => u.excluded !== "duplicate-content") ?? sent[0] ?? list[0];
    return {
      unit: name,
      type,
      submitted: sent.length > 0,
      blank: list.length > 0 && sent.length === 0,
      heldOut: sent.some((u) => u.heldOut) && !list.some((u) => u.included),
      included: list.some((u) => u.included),
      errors: main ? main.errors : null,
      warnings: main ? main.warnings : null,
      likely: main ? main.likely : null,
      inputs: list.map((u) => label(u.file, u.sheet)),
      onRoster,
      unreadable: [],
      resubmissions: resubmissions.filter((r) => r.unit === name),
    };
  };
  const rows: StatusRow[] = [];
  for (const r of roster.units) rows.push(statusOf(r.name, r.type, true));
  const others: StatusRow[] = [];
  for (const [name, list] of byUnit) if (!list[0].known) others.push(statusOf(name, null, false));
  const status = [...others.filter((s) => s.heldOut), ...rows, ...others.filter((s) => !s.heldOut)];
  // A file that could not be read is on the status sheet too: on its unit's row when its name
  // or folder names a roster unit (which then does not read "Chưa nộp"), else on a row of its own.
  for (const u of [...unreadable].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    const input = u.sheet ? label(u.file, u.sheet) : u.file;
    const known = unitOfPath(u.file, u.sheet ?? null);
    const row = known && status.find((s) => s.onRoster && s.unit === known.name);
    if (row) {
      row.inputs.push(input);
      row.unreadable.push({ input, reason: u.reason });
    } else
      status.push({
        unit: input,
        type: null,
        submitted: false,
        blank: false,
        heldOut: false,
        included: false,
        errors: null,
        warnings: null,
        likely: null,
        inputs: [input],
        onRoster: false,
        unreadable: [{ input, reason: u.reason }],
        resubmissions: [],
      });
  }
  return status;
}
