/**
 * Reading and checking the units' files for a merge, on every core. The files are shared out
 * through one atomic counter in a SharedArrayBuffer, so each thread takes the next file as soon as
 * it is free (no batches to balance) and no message crosses threads until a thread is done. Each
 * thread keeps only what the merge needs of a file (`lightMergeInput`: values and findings, not
 * the located table), which is also what it sends back.
 *
 * A worker thread starts cold: it compiles the bundle and warms up its own JIT. So one is used
 * only per MIN_FILES_PER_WORKER files, never more than the other cores, and on a machine of
 * fewer than MIN_CORES_FOR_WORKERS cores only when PHULUC02_THREADS asks; bin.ts starts them
 * while this thread is still loading (cli/prestart.ts), and they wait here for their job. A
 * worker that fails (a crash, a limit) is not fatal: this thread checks again every file it had
 * not finished.
 */
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import { lightMergeInput, type MergeInput, type UnreadableInput } from "../shared";
import { mergeInputsOf, type SkippedSheet } from "../shared/workbook/file-check";
import { checkFile } from "./inputs";
import { bundlePath, type StartedWorker, startWorker, takePrestarted, WAITING_WORKER, workersFor } from "./prestart";

export { MIN_CORES_FOR_WORKERS, MIN_FILES_PER_WORKER, workersFor } from "./prestart";

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

export async function readMergeInputs(
  files: readonly string[],
  opts: MergeReadOptions = {},
  workers = workersFor(files.length),
): Promise<MergeInputs> {
  const script = bundlePath();
  const counter = new SharedArrayBuffer(4);
  const own = empty();
  const ownDone: number[] = [];
  // Workers started at load (prestart.ts) first, more if they are too few; the spare ones are let go.
  const pool: StartedWorker[] = takePrestarted();
  if (script) while (pool.length < workers) pool.push(startWorker(script, WAITING_WORKER));
  const job: WorkerJob = { files: [...files], counter, opts };
  const replies: Promise<WorkerReply | null>[] = [];
  pool.forEach(({ worker, exited }, w) => {
    if (w >= workers) {
      worker.postMessage(null);
      return;
    }
    worker.ref();
    let reply: WorkerReply | null = null;
    worker.on("message", (m: WorkerReply) => (reply = m));
    worker.postMessage(job);
    replies.push(exited.then(() => reply));
  });
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

/**
 * The worker side; returns false when this thread is not a merge worker. The worker waits for
 * its job (null: nothing to do), checks files until the counter runs out, replies once and ends.
 */
export function runMergeWorker(): boolean {
  if (isMainThread || !parentPort) return false;
  const data = workerData as typeof WAITING_WORKER | undefined;
  if (data?.kind !== WAITING_WORKER.kind) return false;
  const port = parentPort;
  port.once("message", (job: WorkerJob | null) => {
    if (job) {
      const into = empty();
      const done: number[] = [];
      drain(job.files, job.opts, new Int32Array(job.counter), into, done);
      const reply: WorkerReply = { ...into, done };
      port.postMessage(reply);
    }
    port.close();
  });
  return true;
}
