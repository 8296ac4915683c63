/**
 * What the sidebar shows of a checked tab (Sidebar.html reads it through google.script.run): its
 * findings as a clerk reads them, likely causes first with what they explain (spec §3b). Pure: no
 * service is called, so the guide's pictures (scripts/guide.ts) show the sidebar from it too.
 */
import { causeOrder, countBySeverity, type Finding, findingMessage, type Lang, likelyCells, pick } from "../../shared";

/** One finding as the sidebar shows it, in the user's language. */
export interface SidebarItem {
  rule: string;
  severity: string;
  /** The cell a click selects; `cells` all the cells named (a tie's candidates). */
  cell: string;
  cells: string[];
  row: string | null;
  message: string;
  /** A finding a likely cause explains, on another cell: "Sẽ tự đúng khi sửa I28". */
  hint?: string;
  suggested?: number;
  alternatives?: boolean;
}

export function sidebarItem(f: Finding, lang: Lang): SidebarItem {
  const item: SidebarItem = {
    rule: f.rule,
    severity: f.severity,
    cell: f.cells[0] ?? "",
    cells: f.cells,
    row: f.row,
    message: findingMessage(f, lang),
  };
  if (f.hint !== undefined) item.hint = pick({ vi: f.hint, en: f.hintEn ?? f.hint }, lang);
  if (f.suggested !== undefined) item.suggested = f.suggested;
  if (f.alternatives) item.alternatives = true;
  return item;
}

export interface SidebarData {
  sheet: string;
  lang: string;
  table: boolean;
  errors: number;
  warnings: number;
  /** Cells named as likely mistyped ("3 ô cần sửa"). */
  toFix: number;
  groups: { cause?: SidebarItem; findings: SidebarItem[] }[];
}

/** The sidebar's view of a tab's findings, in `lang`. */
export function sidebarPayload(sheet: string, lang: Lang, table: boolean, findings: readonly Finding[]): SidebarData {
  return {
    sheet,
    lang,
    table,
    ...countBySeverity(findings),
    toFix: likelyCells(findings),
    groups: causeOrder(findings).map((g) => ({
      ...(g.cause && { cause: sidebarItem(g.cause, lang) }),
      findings: g.findings.map((f) => sidebarItem(f, lang)),
    })),
  };
}
