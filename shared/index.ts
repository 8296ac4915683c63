/** The rules core: pure TypeScript, no host API. Every host builds on these exports. */
export * from "./address";
export * from "./cell";
export * from "./text";
export * from "./finding";
export * from "./template";
export * from "./locate";
export * from "./check";
export * from "./analyze";
export * from "./layout";
export * from "./roster";
export * from "./consolidate";
export { TemplateDef, RuleDef, Roster, RosterUnit } from "./definition/schema";
export type { ColumnDef, RowDef, Severity, Text, TemplateDefInput, RosterInput } from "./definition/schema";
export { MERGE_RULES } from "./definition/merge-rules";
export { PL02 } from "./definition/pl02";
export { DAIBIEU } from "./definition/daibieu";
export { HAI_PHONG_ROSTER } from "./definition/roster-haiphong";
