/** The rules core: pure TypeScript, no host API. Every host builds on these exports. */
export * from "./address";
export * from "./cell";
export * from "./text";
export { bi, BilingualError, type Bilingual, errorText, pick } from "./bilingual";
export * from "./legacy-encoding";
export * from "./finding";
export * from "./template";
export * from "./locate";
export * from "./check";
export * from "./localize";
export { causeOrder, likelyCauses, shortLabel } from "./likely-cause";
export * from "./analyze";
export * from "./list-template";
export * from "./locate-list";
export * from "./check-list";
export * from "./list-context";
export * from "./list-layout";
export * from "./list-sheet";
export * from "./layout";
export * from "./roster";
export * from "./consolidate";
export * from "./unit-sheets";
export * from "./conference";
export * from "./merge-summary";
export * from "./unit-identity";
export * from "./resubmission";
export * from "./table-diff";
export * from "./output-sheets";
export * from "./print-setup";
export * from "./status-order";
export { schemas } from "./definition/schema";
export type {
  ColumnDef,
  RowDef,
  RuleDef,
  Roster,
  RosterUnit,
  Severity,
  Text,
  TemplateDef,
  TemplateDefInput,
  RosterInput,
} from "./definition/schema";
export { MERGE_RULES } from "./definition/merge-rules";
export { PL02 } from "./definition/pl02";
export { DAIBIEU } from "./definition/daibieu";
export { DS_DAIBIEU } from "./definition/ds-daibieu";
export { listSchemas, type ListTemplateDef } from "./definition/list-schema";
export { HAI_PHONG_ROSTER } from "./definition/roster-haiphong";
export * from "./report/chart-sheet";
export * from "./report/conference-figures";
