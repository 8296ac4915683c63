/**
 * What a merge keeps in memory per unit once the files are read: the heap after a full garbage
 * collection, before and after `readMergeInputs` on one thread, in a process of its own (so that
 * nothing else the bench did is counted), in KB. On the bench's 1,000 files: 13.7 KB while the
 * fold and header memos let each unit name keep its file's shared-strings XML alive, 8.1-8.2 KB
 * after (detachString, shared/text.ts).
 */
import { spawnSync } from "node:child_process";
import { readMergeInputs } from "../cli/merge-inputs";
import { useNodeZipCodec } from "../cli/zip-codec";
import { xlsxFiles } from "./bench-merge";

export const RETAINED_ARG = "--retained-per-unit";

/** Runs in the child (node --expose-gc bench.cjs --retained-per-unit DIR): prints the figure as JSON. */
export async function printRetainedPerUnit(dir: string): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with --expose-gc");
  useNodeZipCodec();
  const files = xlsxFiles(dir);
  gc();
  const before = process.memoryUsage().heapUsed;
  const read = await readMergeInputs(files, {}, 0);
  gc();
  const after = process.memoryUsage().heapUsed;
  const kb = (after - before) / 1024 / read.units.length;
  process.stdout.write(JSON.stringify({ units: read.units.length, retainedKBPerUnit: +kb.toFixed(2) }));
}

export function retainedPerUnit(bench: string, dir: string): unknown {
  const r = spawnSync(process.execPath, ["--expose-gc", bench, RETAINED_ARG, dir], { encoding: "utf8" });
  return r.status === 0 ? JSON.parse(r.stdout) : { error: r.stderr.trim().split("\n")[0] };
}
