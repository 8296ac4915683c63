/** A merge's findings (spec §5), built from the rules of definition/merge-rules.ts. */
import { MERGE_RULES } from "./definition/merge-rules";
import { trustedRule } from "./definition/trusted";
import { type Finding, makeFinding, type Vars } from "./finding";

const mergeRule = (() => {
  const rules = new Map(MERGE_RULES.map((r) => [r.id, trustedRule(r)])); // validated by the tests
  return (id: string) => rules.get(id)!;
})();

export function mergeFinding(
  id: string,
  file: string | null,
  sheet: string | null,
  unit: string | null,
  vars: Vars,
): Finding {
  const f = makeFinding(mergeRule(id), { sheet, cells: [] }, vars);
  if (file) f.file = file;
  if (unit) f.unit = unit;
  return f;
}

/** "file › sheet": how a merge names one input. */
export function label(file: string, sheet: string): string {
  return `${file} › ${sheet}`;
}
