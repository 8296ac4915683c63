#!/usr/bin/env node
import { main } from "./main";
import { runMergeWorker } from "./merge-inputs";
import { useNodeZipCodec } from "./zip-codec";

// Native inflate and deflate for every thread: this one and, as the same bundle runs a merge's
// worker threads (merge-inputs.ts), each of those.
useNodeZipCodec();
if (!runMergeWorker()) {
  // A reader that stops early (`phuluc02 merge … --json | head`) closes the pipe: what is left to
  // print is dropped, and the work (the city workbook, the exit status) still gets done, with no
  // stack trace. Any other output error is still one.
  for (const stream of [process.stdout, process.stderr])
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code !== "EPIPE" && e.code !== "ERR_STREAM_DESTROYED") throw e;
    });
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
