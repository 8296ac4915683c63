/**
 * Reading and checking the units' files for a merge, on every core. The files are shared out
 * through one atomic counter in a SharedArrayBuffer, so each thread takes the next file as soon as
 * it is free (no batches to balance) and no message crosses threads until a thread is done. Each
 * thread keeps only what the merge needs of a file (`lightMergeInput`: values and findings, not
 * the located table), which is also what it sends back.
 *
 * A worker thread starts cold: it compiles the bundle, validates the templates and warms up its
 * own JIT, ~0.1 s of CPU in which this thread checks ~100 files (measured: 100 files took 0.45 s
 * with a worker, 0.35 s without; 1,000 files 1.20 s with, 1.57 s without). So one is started
 * only per MIN_FILES_PER_WORKER files, and never more than the other cores. A worker that
 * fails (a crash, a limit) is not fatal: this thread checks again every file it had not finished.
 */
import { availableParallelism } from "node:os";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { lightMergeInput, type MergeInput, type UnreadableInput } from "../shared";
import { mergeInputsOf, type SkippedSheet } from "../shared/workbook/file-check";
import { checkFile } from "./inputs";

export const MIN_FILES_PER_WORKER = 150;

export interface MergeInputs {
  units: MergeInput[];
  unreadable: UnreadableInput[];
  /** What the reader did that the user should know (a conversion, a legacy encoding), by file. */
  notices: { file: string; vi: string; en: string }[];
  /** Hidden sheets left out. */
  skipped: SkippedSheet[];
}

export interface MergeReadOptions {
  /** Merge hidden and very hidden sheets too (by default they are left out, and said so). */
  includeHidden?: boolean;
}

interface WorkerJob {
  kind: "merge-inputs";
  files: string[];
  counter: SharedArrayBuffer;
  opts: MergeReadOptions;
}

interface WorkerReply extends MergeInputs {
  /** The indices of the files this worker checked. */
  done: number[];
}

function checkOne(file: string, opts: MergeReadOptions, into: MergeInputs): void {
  const r = checkFile(file);
  for (const n of r.notices) into.notices.push({ file: r.file, ...n });
  const m = mergeInputsOf([r], opts);
  for (const u of m.units) into.units.push(lightMergeInput(u));
  for (const u of m.unreadable) into.unreadable.push(u);
  for (const u of m.skipped) into.skipped.push(u);
}

const empty = (): MergeInputs => ({ units: [], unreadable: [], notices: [], skipped: [] });

/** Takes files off the shared counter until none is left. */
function drain(
  files: readonly string[],
  opts: MergeReadOptions,
  counter: Int32Array,
  into: MergeInputs,
  done: number[],
): void {
  for (;;) {
    const i = Atomics.add(counter, 0, 1);
    if (i >= files.length) return;
    checkOne(files[i], opts, into);
    done.push(i);
  }
}

/**
 * How many worker threads a batch of `n` files pays for. PHULUC02_THREADS caps the threads in all
 * (this one included), e.g. 1 on a shared server or to time one core.
 */
export function workersFor(n: number, cores = availableParallelism(), env = process.env.PHULUC02_THREADS): number {
  const cap = env && /^\d+$/.test(env) ? Math.max(1, Number(env)) : cores;
  return Math.max(0, Math.min(cap - 1, cores - 1, Math.floor(n / MIN_FILES_PER_WORKER)));
}

/** The script a worker runs: this same bundle (not the TypeScript source, as under jest). */
function bundlePath(): string | null {
  return typeof __filename === "string" && /\.c?js$/.test(__filename) ? __filename : null;
}

export async function readMergeInputs(
  files: readonly string[],
  opts: MergeReadOptions = {},
  workers = workersFor(files.length),
): Promise<MergeInputs> {
  const script = bundlePath();
  const counter = new SharedArrayBuffer(4);
  const own = empty();
  const ownDone: number[] = [];
  const replies: Promise<WorkerReply | null>[] = [];
  if (script)
    for (let w = 0; w < workers; w++) {
      const job: WorkerJob = { kind: "merge-inputs", files: [...files], counter, opts };
      const worker = new Worker(script, { workerData: job });
      replies.push(
        new Promise((resolveReply) => {
          let reply: WorkerReply | null = null;
          worker.on("message", (m: WorkerReply) => (reply = m));
          worker.on("error", () => (reply = null));
          worker.on("exit", () => resolveReply(reply));
        }),
      );
    }
  drain(files, opts, new Int32Array(counter), own, ownDone);
  const all: MergeInputs = own;
  const checked = new Set(ownDone);
  for (const reply of await Promise.all(replies)) {
    if (!reply) continue;
    all.units.push(...reply.units);
    all.unreadable.push(...reply.unreadable);
    all.notices.push(...reply.notices);
    all.skipped.push(...reply.skipped);
    for (const i of reply.done) checked.add(i);
  }
  // Files a failed worker took but never reported: check them here.
  files.forEach((f, i) => {
    if (!checked.has(i)) checkOne(f, opts, all);
  });
  // the same order on any number of threads
  const byFile = (a: { file: string }, b: { file: string }) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  all.notices.sort(byFile);
  all.skipped.sort(byFile);
  return all;
}

/** The worker side; returns false when this thread is not a merge worker. */
export function runMergeWorker(): boolean {
  if (isMainThread || !parentPort) return false;
  const job = workerData as WorkerJob | undefined;
  if (job?.kind !== "merge-inputs") return false;
  const into = empty();
  const done: number[] = [];
  drain(job.files, job.opts, new Int32Array(job.counter), into, done);
  const reply: WorkerReply = { ...into, done };
  parentPort.postMessage(reply);
  return true;
}
