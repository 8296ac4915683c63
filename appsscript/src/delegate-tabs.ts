/**
 * Where each unit's Cơ cấu đại biểu and list of delegates are, kept in the document properties
 * (spec §4b: a list is checked against its unit's Cơ cấu đại biểu, DS_MATCHES_DAIBIEU). Reading
 * every tab on each edit would cost two calls per tab; instead each check records what the tabs
 * it judged hold, and an edit in a list reads only its Cơ cấu đại biểu again (its figures are
 * never taken from memory), and an edit that changes a Cơ cấu đại biểu's DB7–DB9, unit or kind
 * reads only the lists that are compared with it.
 */
import { daibieuFacts, factsKey, pickDaibieu, type SheetResult } from "../../shared";
import type { Props } from "./highlight";

const WHERE_KEY = "pl02.delegates.";

/** A tab holding a Cơ cấu đại biểu ("db", with what it said) or a list of delegates ("ds"). */
export interface Where {
  id: number;
  t: "db" | "ds";
  name: string;
  unit: string | null;
  /** factsKey of the Cơ cấu đại biểu when last judged. */
  key?: string;
}

/** Every tab recorded (a tab deleted since stays until "Kiểm tra tất cả" or its name is read again). */
export function recorded(props: Props): Where[] {
  const out: Where[] = [];
  for (const [k, v] of Object.entries(props))
    if (k.startsWith(WHERE_KEY) && v)
      out.push({ ...(JSON.parse(v) as Omit<Where, "id">), id: Number(k.slice(WHERE_KEY.length)) });
  return out;
}

const whereOf = (id: number, name: string, r: SheetResult | undefined): Where | undefined => {
  if (r?.list) return { id, t: "ds", name, unit: r.unit };
  const facts = r && daibieuFacts(r);
  return facts ? { id, t: "db", name, unit: r!.unit, key: factsKey(facts) } : undefined;
};

/**
 * Records what the tab holds now (into `props` and `pending`, saved with the execution's one
 * setProperties): what it held before, and now.
 */
export function record(
  props: Props,
  pending: Props,
  id: number,
  name: string,
  result: SheetResult | undefined,
): { was: Where | undefined; now: Where | undefined } {
  const was = recorded({ [WHERE_KEY + id]: props[WHERE_KEY + id] ?? "" })[0];
  const now = whereOf(id, name, result);
  const value = now ? JSON.stringify({ t: now.t, name, unit: now.unit, ...(now.key ? { key: now.key } : {}) }) : "";
  // "" forgets the tab: setProperties cannot delete, and the key costs nothing
  if ((props[WHERE_KEY + id] ?? "") !== value) props[WHERE_KEY + id] = pending[WHERE_KEY + id] = value;
  return { was, now };
}

/** Forgets tabs that are gone ("Kiểm tra tất cả" sees every tab). */
export function forgetOthers(props: Props, pending: Props, ids: ReadonlySet<number>): void {
  for (const w of recorded(props)) if (!ids.has(w.id)) props[WHERE_KEY + w.id] = pending[WHERE_KEY + w.id] = "";
}

/** The Cơ cấu đại biểu a list of `unit` is compared with, as recorded (the list's own tab excluded). */
export function daibieuTabFor(props: Props, unit: string | null, except: number): Where | undefined {
  return pickDaibieu(
    recorded(props).filter((w) => w.t === "db" && w.id !== except),
    unit,
  );
}

/**
 * The lists compared with Cơ cấu đại biểu `db` before or after it changed: those whose unit picks
 * it among the recorded ones, now or as recorded before (`was`).
 */
export function listsOf(props: Props, db: number, was: Where | undefined): Where[] {
  const all = recorded(props);
  const dbs = all.filter((w) => w.t === "db");
  const before = was ? [...dbs.filter((w) => w.id !== db), was] : dbs.filter((w) => w.id !== db);
  return all.filter(
    (w) => w.t === "ds" && (pickDaibieu(dbs, w.unit)?.id === db || pickDaibieu(before, w.unit)?.id === db),
  );
}
