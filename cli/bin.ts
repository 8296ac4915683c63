#!/usr/bin/env node
// First: a merge's worker threads start while the rest of the tool loads (prestart.ts).
import "./prestart";
import { main } from "./main";
import { runMergeWorker } from "./merge-inputs";
import { useNodeZipCodec } from "./zip-codec";

// Native inflate and deflate for every thread: this one and, as the same bundle runs a merge's
// worker threads (merge-inputs.ts), each of those.
useNodeZipCodec();
if (!runMergeWorker())
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
