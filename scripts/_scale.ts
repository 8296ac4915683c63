import { readdirSync, readFileSync } from "node:fs";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { inflateRawSync } from "node:zlib";
import { checkFile } from "../cli/inputs";
import { useNodeZipCodec } from "../cli/zip-codec";
import { readXlsx } from "../shared/workbook/read";
import { listZip, entryData } from "../shared/workbook/zip-read";
if (!process.env.FFLATE) useNodeZipCodec();
const td = new TextDecoder();
const mode = process.env.MODE ?? "full";
function work(files: string[]): number {
  let n = 0;
  for (const f of files) {
    if (mode === "read") n += readFileSync(f).length;
    else if (mode === "inflate" || mode === "decode" || mode === "list") {
      const b = readFileSync(f);
      const z = listZip(b, 1000);
      if (mode === "list") { n += z.entries.length; continue; }
      for (const e of z.entries) if (/xml/.test(e.name) && e.size > 0 && e.method === 8) { const u = entryData(b, e); n += mode === "decode" ? td.decode(u).length : u.length; }
    } else if (mode === "xlsx") n += readXlsx(readFileSync(f)).sheets.length;
    else n += checkFile(f).sheets.length;
  }
  return n;
}
if (isMainThread) {
  const dir = process.argv[2];
  const files = readdirSync(dir).map((f) => dir + "/" + f);
  const all = [...files, ...files, ...files];
  const t0 = performance.now();
  if (process.argv[3] === "1") {
    work(all);
    console.log(mode, "1 thread", (performance.now() - t0) | 0);
  } else {
    const w = new Worker(__filename, { workerData: all.slice(all.length / 2) });
    work(all.slice(0, all.length / 2));
    const t1 = performance.now();
    w.on("message", () => console.log(mode, "2 threads main", (t1 - t0) | 0, "all", (performance.now() - t0) | 0));
  }
} else parentPort!.postMessage(work(workerData));
