/**
 * A merge's worker threads, started first thing. A worker must compile and initialise the whole
 * tool before it checks a file (~50 ms of CPU, measured; longer while this thread competes for the
 * cores): started only once this thread had expanded the inputs, it joined ~120 ms late, when a
 * 1,000-file merge is half done. So bin.ts imports this module before any other: when the command
 * is `merge` and its inputs look like enough files, the workers are started while this thread is
 * still loading the tool. They wait for their job (the exact file list, cli/merge-inputs.ts),
 * which may also be "nothing to do" when the guess was wrong. Only node: modules here.
 */
import { readdirSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { isMainThread, Worker } from "node:worker_threads";
import { WORKBOOK_NAME } from "./workbook-names";

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
  // Unasked, not on fewer than MIN_CORES_FOR_WORKERS cores: on 2 (a 2-vCPU machine, README's
  // performance table) a worker made merges of 100, 1,000 and 3,000 files 5-15 % slower, not faster.
  if (!asked && cores < MIN_CORES_FOR_WORKERS) return 0;
  const cap = asked ? Math.max(1, Number(env)) : cores;
  return Math.max(0, Math.min(cap - 1, cores - 1, Math.floor(n / MIN_FILES_PER_WORKER)));
}

/** What a waiting worker is told at its start; its files come in a message. */
export const WAITING_WORKER = { kind: "merge-inputs", wait: true } as const;

/**
 * A cheap guess at how many files `phuluc02 merge ARGS…` will read: the names that look like
 * workbooks in the folders named, plus the other arguments that are not options or their values.
 * Only an estimate (merge-inputs.ts decides on the real list); never throws.
 */
export function estimateMergeFiles(args: readonly string[]): number {
  let n = 0;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith("-")) {
      if (!a.includes("=") && (a === "--out" || a === "--roster" || a === "--lang")) i++;
      continue;
    }
    try {
      if (statSync(a).isDirectory()) n += readdirSync(a).filter((f) => WORKBOOK_NAME.test(f)).length;
      else n++;
    } catch {
      n++;
    }
  }
  return n;
}

/** A worker thread and when it ended (listened for from its start, so that no exit is missed). */
export interface StartedWorker {
  worker: Worker;
  exited: Promise<number>;
}

/** Starts a worker thread on `script` with `data`; unref'd until it has a job, so a waiting one never keeps the process alive. */
export function startWorker(script: string, data: unknown): StartedWorker {
  const worker = new Worker(script, { workerData: data });
  const exited = new Promise<number>((resolve) => worker.once("exit", resolve));
  worker.on("error", () => undefined); // an error ends the worker: its files are checked again (merge-inputs.ts)
  return { worker, exited };
}

const started: StartedWorker[] = [];

/** The workers started at load, handed over once (the caller owns them: it must post a job or null to each). */
export function takePrestarted(): StartedWorker[] {
  return started.splice(0);
}

/** The script a worker runs: this same bundle (not the TypeScript source, as under jest). */
export function bundlePath(): string | null {
  return typeof __filename === "string" && /\.c?js$/.test(__filename) ? __filename : null;
}

function prestart(): void {
  if (!isMainThread || process.argv[2] !== "merge") return;
  const script = bundlePath();
  if (!script) return;
  if (workersFor(Number.MAX_SAFE_INTEGER) === 0) return; // no worker whatever the count: no need to count
  const n = workersFor(estimateMergeFiles(process.argv.slice(3)));
  for (let w = 0; w < n; w++) {
    const s = startWorker(script, WAITING_WORKER);
    s.worker.unref(); // a merge refused before its files are read (a usage error) ends at once
    started.push(s);
  }
}

prestart();
