/**
 * Reading and checking the units' files for a merge, on every core. The files are shared out
 * through one atomic counter in a SharedArrayBuffer, so each thread takes the next file as soon as
 * it is free (no batches to balance) and no message crosses threads until a thread is done. Each
 * thread keeps only what the merge needs of a file (`lightMergeInput`: values and findings, not
 * the located table), which is also what it sends back.
 *
 * A worker thread starts cold: it compiles the bundle and warms up its own JIT. So one is used
 * only per MIN_FILES_PER_WORKER files, never more than the other cores, and on a machine of
 * fewer than MIN_CORES_FOR_WORKERS cores only when PHULUC02_THREADS asks. A worker that fails (a
 * crash, a limit) is not fatal: this thread checks again every file it had not finished.
 */
import { availableParallelism } from "node:os";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { type Bilingual, lightMergeInput, type MergeInput, type UnreadableInput } from "../shared";
import { mergeInputsOf, type SkippedSheet } from "../shared/workbook/file-check";
import { checkFile } from "./inputs";

/** Files one worker must have to pay for its start (see workersFor). */
export const MIN_FILES_PER_WORKER = 150;

/**
 * Cores below which no worker is started unless PHULUC02_THREADS asks for one. Measured on a
 * 2-vCPU machine (Node 20): the second thread checked files at half the speed of one alone (the
 * native inflate, file reads and V8's own compiler and collector threads share the two cores),
 * so a 1,000-file merge took 0.79 s on two threads against 0.69 s on one.
 */
export const MIN_CORES_FOR_WORKERS = 4;

/**
 * How many worker threads a batch of `n` files pays for. PHULUC02_THREADS caps the threads in all
 * (this one included), e.g. 1 on a shared server or to time one core.
 */
export function workersFor(n: number, cores = availableParallelism(), env = process.env.PHULUC02_THREADS): number {
  const asked = env !== undefined && /^\d+$/.test(env);
  if (!asked && cores < MIN_CORES_FOR_WORKERS) return 0;
  const cap = asked ? Math.max(1, Number(env)) : cores;
  return Math.max(0, Math.min(cap - 1, cores - 1, Math.floor(n / MIN_FILES_PER_WORKER)));
}

/** What a worker is started with, so that bin.ts knows to run it as one. */
const WORKER_DATA = { kind: "merge-inputs" } as const;

/** The script a worker runs: this same bundle (not the TypeScript source, as under jest). */
function bundlePath(): string | null {
  return typeof __filename === "string" && /\.c?js$/.test(__filename) ? __filename : null;
}

export interface MergeInputs {
  units: MergeInput[];
  unreadable: UnreadableInput[];
  /** What the reader did that the user should know (a conversion, a legacy encoding), by file. */
  notices: ({ file: string } & Bilingual)[];
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
  const read = checkFile(file);
  for (const r of read) for (const n of r.notices) into.notices.push({ file: r.file, ...n });
  const m = mergeInputsOf(read, opts);
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
  const job: WorkerJob = { files: [...files], counter, opts };
  const replies: Promise<WorkerReply | null>[] = [];
  for (let w = 0; script && w < workers; w++) {
    const worker = new Worker(script, { workerData: WORKER_DATA });
    let reply: WorkerReply | null = null;
    worker.on("message", (m: WorkerReply) => (reply = m));
    worker.on("error", () => undefined); // an error ends the worker: its files are checked again below
    replies.push(new Promise((resolve) => worker.once("exit", () => resolve(reply))));
    worker.postMessage(job);
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

/**
 * The worker side; returns false when this thread is not a merge worker. The worker waits for
 * its job, checks files until the counter runs out, replies once and ends.
 */
export function runMergeWorker(): boolean {
  if (isMainThread || !parentPort) return false;
  const data = workerData as typeof WORKER_DATA | undefined;
  if (data?.kind !== WORKER_DATA.kind) return false;
  const port = parentPort;
  port.once("message", (job: WorkerJob) => {
    const into = empty();
    const done: number[] = [];
    drain(job.files, job.opts, new Int32Array(job.counter), into, done);
    const reply: WorkerReply = { ...into, done };
    port.postMessage(reply);
    port.close();
  });
  return true;
}
