/**
 * A corpus of bad, odd and hostile inputs, generated here (nothing large is committed), each run
 * through the built command-line tool in a child process of its own, with its wall time and peak
 * resident memory measured (VmHWM of /proc/self/status at exit). Every input is hashed before
 * and after each command: the tool never changes one. The figures are printed at the end.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { constants, crc32, createDeflateRaw } from "node:zlib";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { address, templateById, templateLayout, type Finding } from "../shared";
import { readXlsx } from "../shared/workbook/read";
import { CLI, ensureBuilt, tempDir } from "./helpers/cli";
import { storedZip } from "./helpers/zip";

const lay = templateLayout(templateById("pl02"));
const at = (code: string, key: string) => address(lay.row.get(code)!, lay.col.get(key)!);

/** Peak memory allowed to any case: the issue saw 1.2 to 4 GB; a check of one small file takes ~60 MB. */
const MAX_RSS_MB = 300;

let root: string;
let samples: string;
let measure: string;
const figures: { name: string; seconds: number; peakMB: number; status: number }[] = [];

function sha(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

/** Regular files under `paths` (folders walked), hashed; FIFOs, devices and links to them skipped. */
function hashes(paths: string[]): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (p: string) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) for (const n of readdirSync(p)) walk(join(p, n));
    else if (st.isFile() && st.size < 64 * 1024 * 1024) out.set(p, sha(p));
    else if (st.isFile()) out.set(p, `size ${st.size} mtime ${st.mtimeMs}`);
  };
  paths.forEach(walk);
  return out;
}

interface Run {
  status: number;
  stdout: string;
  stderr: string;
  seconds: number;
  peakMB: number;
}

/** Runs the CLI as a child of its own (heap capped at 1 GB), hashing `inputs` before and after. */
function run(name: string, args: string[], inputs: string[]): Run {
  const before = hashes(inputs);
  const file = join(root, `measure-${figures.length}.json`);
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["--max-old-space-size=1024", "-r", measure, CLI, ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
    timeout: 120_000,
    env: { ...process.env, PL02_MEASURE: file },
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const peakMB = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")).maxRSS / 1024 : NaN;
  figures.push({ name, seconds: +seconds.toFixed(3), peakMB: +peakMB.toFixed(1), status: r.status ?? -1 });
  expect(hashes(inputs)).toEqual(before);
  expect(r.signal).toBeNull(); // not killed by the timeout
  expect(peakMB).toBeLessThan(MAX_RSS_MB);
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, seconds, peakMB };
}

/** A sample file with its parts edited. */
function edited(from: string, to: string, edit: (parts: Record<string, string>) => void): string {
  const files = unzipSync(readFileSync(from));
  const text: Record<string, string> = {};
  for (const [k, v] of Object.entries(files)) if (!k.endsWith("/")) text[k] = strFromU8(v);
  edit(text);
  writeFileSync(to, zipSync(Object.fromEntries(Object.entries(text).map(([k, v]) => [k, strToU8(v)]))));
  return to;
}

const CLEAN = "trung-tam-giao-duc-thuong-xuyen-hai-phong.xlsx";
const WRONG = "phong-gddt-quan-le-chan.xlsx";

/** 1 GiB of zeros, raw-deflated a MiB at a time (the test process never holds the gigabyte). */
async function zeros1GiB(chunk: Buffer): Promise<Buffer> {
  const z = createDeflateRaw({ level: constants.Z_BEST_SPEED });
  const parts: Buffer[] = [];
  z.on("data", (b: Buffer) => parts.push(b));
  const done = new Promise((resolve) => z.on("end", resolve));
  for (let i = 0; i < 1024; i++) if (!z.write(chunk)) await new Promise((resolve) => z.once("drain", resolve));
  z.end();
  await done;
  return Buffer.concat(parts);
}

function caseDir(name: string): string {
  const d = join(root, name);
  mkdirSync(d, { recursive: true });
  return d;
}

function checkDoc(r: Run) {
  return JSON.parse(r.stdout) as {
    files: { file: string; error: string | null; sheets: { sheet: string; unit: string; findings: Finding[] }[] }[];
  };
}

beforeAll(() => {
  ensureBuilt();
  root = tempDir("phuluc02-hostile-");
  measure = join(root, "measure.js");
  // VmHWM: the peak RSS of this process image. getrusage's maxRSS would not do: Linux carries it
  // over a fork and exec, so a child of a large jest worker reports the worker's size.
  writeFileSync(
    measure,
    `process.on("exit", () => {
      const fs = require("fs");
      const hwm = /VmHWM:\\s+(\\d+) kB/.exec(fs.readFileSync("/proc/self/status", "utf8"));
      fs.writeFileSync(process.env.PL02_MEASURE, JSON.stringify({ maxRSS: hwm ? Number(hwm[1]) : process.resourceUsage().maxRSS }));
    });`,
  );
  samples = join(root, "samples");
  expect(spawnSync(process.execPath, [CLI, "sample", "--out-dir", samples]).status).toBe(0);
});

afterAll(() => {
  const w = Math.max(...figures.map((f) => f.name.length));
  const lines = figures.map(
    (f) =>
      `${f.name.padEnd(w)}  ${f.seconds.toFixed(3).padStart(7)} s  ${f.peakMB.toFixed(1).padStart(6)} MB  exit ${f.status}`,
  );
  process.stdout.write(`\nHostile inputs: wall time and peak RSS per case\n${lines.join("\n")}\n`);
  rmSync(root, { recursive: true, force: true }); // the sparse 1.5 GB file, the FIFO, the links
});

describe("outputs never overwrite an input", () => {
  test("merge DIR --out DIR/one-unit.xlsx: refused (exit 64), the unit's file unchanged", () => {
    const d = caseDir("out-is-input");
    copyFileSync(join(samples, CLEAN), join(d, "a.xlsx"));
    copyFileSync(join(samples, WRONG), join(d, "b.xlsx"));
    const r = run("merge --out an input in the folder", ["merge", d, "--out", join(d, "a.xlsx")], [d]);
    expect(r.status).toBe(64);
    expect(r.stderr).toContain("là một tệp đầu vào");
    const r2 = run(
      "merge a b --out a",
      ["merge", join(d, "a.xlsx"), join(d, "b.xlsx"), "--out", join(d, "b.xlsx")],
      [d],
    );
    expect(r2.status).toBe(64);
  });

  test("--out a symbolic or hard link to an input: refused", () => {
    const d = caseDir("out-is-link");
    copyFileSync(join(samples, CLEAN), join(d, "a.xlsx"));
    const outDir = caseDir("out-is-link-out");
    symlinkSync(join(d, "a.xlsx"), join(outDir, "sym.xlsx"));
    linkSync(join(d, "a.xlsx"), join(outDir, "hard.xlsx"));
    for (const out of ["sym.xlsx", "hard.xlsx"]) {
      const r = run(`merge --out ${out} link to an input`, ["merge", d, "--out", join(outDir, out)], [d]);
      expect(r.status).toBe(64);
      expect(r.stderr).toContain("liên kết tới tệp đầu vào");
    }
  });

  test("--out a new .xlsx inside an input folder: refused, the next run would read it as a unit", () => {
    const d = caseDir("out-in-input-dir");
    copyFileSync(join(samples, CLEAN), join(d, "a.xlsx"));
    const r = run("merge --out new file in input folder", ["merge", d, "--out", join(d, "city.xlsx")], [d]);
    expect(r.status).toBe(64);
    expect(existsSync(join(d, "city.xlsx"))).toBe(false);
    expect(r.stderr).toContain("thư mục đầu vào");
  });

  test("an existing file that is not an input is replaced only with --force", () => {
    const d = caseDir("out-exists");
    copyFileSync(join(samples, CLEAN), join(d, "a.xlsx"));
    const out = join(caseDir("out-exists-out"), "city.xlsx");
    writeFileSync(out, "một tệp khác của người dùng");
    const r = run("merge --out existing file", ["merge", d, "--out", out], [d, out]);
    expect(r.status).toBe(64);
    expect(r.stderr).toContain("--force");
    expect(readFileSync(out, "utf8")).toBe("một tệp khác của người dùng");
    const forced = run("merge --out existing file --force", ["merge", d, "--out", out, "--force"], [d]);
    expect(forced.status).toBe(0);
    expect(readXlsx(readFileSync(out)).sheets[0].name).toBe("Tổng hợp thành phố");
  });

  test("check DIR --out-dir DIR beside a resent a.kiem-tra.xlsx: nothing overwritten, the copy's name said", () => {
    const d = caseDir("copy-collides");
    copyFileSync(join(samples, WRONG), join(d, "a.xlsx"));
    copyFileSync(join(samples, WRONG), join(d, "a.kiem-tra.xlsx")); // what browser mode downloads, sent back
    const r = run(
      "check --out-dir = input folder",
      ["check", d, "--out-dir", d],
      [join(d, "a.xlsx"), join(d, "a.kiem-tra.xlsx")],
    );
    expect(r.status).toBe(1);
    expect(readdirSync(d).sort()).toEqual([
      "a.kiem-tra-2.xlsx",
      "a.kiem-tra.kiem-tra.xlsx",
      "a.kiem-tra.xlsx",
      "a.xlsx",
    ]);
    expect(r.stderr).toContain(`bản đánh dấu ghi thành ${join(d, "a.kiem-tra-2.xlsx")}`);
  });

  test("three inputs with the same name in different folders get three copies, folders kept", () => {
    const d = caseDir("same-names");
    for (const sub of ["x", "y", "z"]) {
      mkdirSync(join(d, sub));
      copyFileSync(join(samples, WRONG), join(d, sub, "a.xlsx"));
    }
    const out = join(root, "same-names-out");
    const r = run(
      "check three a.xlsx --out-dir",
      ["check", join(d, "x"), join(d, "y"), join(d, "z"), "--out-dir", out],
      [d],
    );
    expect(r.status).toBe(1);
    expect(["x", "y", "z"].map((s) => existsSync(join(out, s, "a.xlsx")))).toEqual([true, true, true]);
  });

  test("sample --out-dir D writes its roster inside D, never D/../roster.json", () => {
    const d = caseDir("sample-roster");
    writeFileSync(join(d, "roster.json"), '{"mine": true}');
    const r = run("sample --out-dir D", ["sample", "--out-dir", join(d, "gen")], [join(d, "roster.json")]);
    expect(r.status).toBe(0);
    expect(existsSync(join(d, "gen", "roster.json"))).toBe(true);
    const again = run("sample --out-dir D again", ["sample", "--out-dir", join(d, "gen")], [join(d, "gen")]);
    expect(again.status).toBe(64); // its own files of an earlier run are not this run's
  });
});

describe("the reader stays bounded", () => {
  test("200 sheet entries pointing at one 24 MB part: parsed once", () => {
    const d = caseDir("shared-part");
    const pad = "<a/>".repeat(6_000_000); // 24 MB of elements the reader walks through
    const path = edited(join(samples, CLEAN), join(d, "shared.xlsx"), (p) => {
      p["xl/worksheets/sheet2.xml"] = p["xl/worksheets/sheet2.xml"].replace(
        "</worksheet>",
        `<extLst>${pad}</extLst></worksheet>`,
      );
      const extra = Array.from({ length: 200 }, (_, i) => `<sheet sheetId="${10 + i}" name="S${i}" r:id="rId5"/>`);
      p["xl/workbook.xml"] = p["xl/workbook.xml"].replace("</sheets>", `${extra.join("")}</sheets>`);
    });
    const r = run("200 sheets → one 24 MB part", ["check", path, "--json"], [d]);
    expect(r.status).toBe(0);
    expect(checkDoc(r).files[0].sheets.length).toBeGreaterThan(1);
  });

  test("9 million nested elements in a small file: refused, the good file beside it still checked", () => {
    const d = caseDir("deep");
    copyFileSync(join(samples, CLEAN), join(d, "a-good.xlsx"));
    const path = edited(join(samples, CLEAN), join(d, "b-deep.xlsx"), (p) => {
      p["xl/sharedStrings.xml"] = p["xl/sharedStrings.xml"].replace("<si>", `<si>${"<a>".repeat(9_000_000)}`);
    });
    expect(statSync(path).size).toBeLessThan(200_000);
    const r = run("9 M nested elements", ["check", d, "--json"], [d]);
    expect(r.status).toBe(2);
    const doc = checkDoc(r);
    expect(doc.files.map((f) => f.error === null)).toEqual([true, false]);
    expect(doc.files[1].error).toContain("lồng nhau quá 100 tầng");
  });

  test("a 1.5 GB file is refused by its size before a byte is read", () => {
    const d = caseDir("huge");
    const path = join(d, "huge.xlsx");
    writeFileSync(path, "");
    truncateSync(path, 1.5 * 1024 * 1024 * 1024); // sparse: no disk used
    const r = run("1.5 GB file", ["check", path, "--json"], []);
    expect(r.status).toBe(2);
    expect(checkDoc(r).files[0].error).toMatch(/^Tệp quá lớn \(1,5 GB\)/);
  });

  test("a FIFO and /dev/zero behind a symlink are refused at once", () => {
    const d = caseDir("special");
    execFileSync("mkfifo", [join(d, "fifo.xlsx")]);
    symlinkSync("/dev/zero", join(d, "zero.xlsx"));
    const r = run("FIFO and /dev/zero", ["check", join(d, "fifo.xlsx"), join(d, "zero.xlsx"), "--json"], []);
    expect(r.status).toBe(2);
    for (const f of checkDoc(r).files) expect(f.error).toMatch(/^Không phải tệp thông thường/);
  });

  test("a missing .xlsx roster: a Vietnamese message naming it", () => {
    const d = caseDir("roster-missing");
    copyFileSync(join(samples, CLEAN), join(d, "a.xlsx"));
    const out = join(root, "roster-missing-city.xlsx");
    const r = run("missing .xlsx roster", ["merge", d, "--roster", join(d, "khong-co.xlsx"), "--out", out], [d]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(
      `Không đọc được danh sách đơn vị ${join(d, "khong-co.xlsx")}: Không tìm thấy tệp hoặc thư mục`,
    );
  });
});

describe("valid packages other programs write are read", () => {
  test("workbook part elsewhere (through _rels/.rels), UTF-16 parts, duplicate entries (the last one wins)", () => {
    const d = caseDir("valid-odd");
    const base = unzipSync(readFileSync(join(samples, CLEAN)));
    const entries = (f: Record<string, Uint8Array>) =>
      Object.entries(f).filter(([k]) => !k.endsWith("/")) as [string, Uint8Array][];
    // 1. workbook at book/wb.xml
    const moved: Record<string, Uint8Array> = {};
    for (const [k, v] of entries(base)) {
      if (k === "xl/workbook.xml") moved["xl/wb.xml"] = v;
      else if (k === "xl/_rels/workbook.xml.rels") moved["xl/_rels/wb.xml.rels"] = v;
      else if (k === "_rels/.rels") moved[k] = strToU8(strFromU8(v).replace("xl/workbook.xml", "xl/wb.xml"));
      else moved[k] = v;
    }
    writeFileSync(join(d, "a-moved.xlsx"), zipSync(moved));
    // 2. UTF-16 shared strings and sheet
    const utf16 = (s: string) =>
      new Uint8Array(Buffer.from("\ufeff" + s.replace('encoding="UTF-8"', 'encoding="UTF-16"'), "utf16le"));
    const wide: Record<string, Uint8Array> = {};
    for (const [k, v] of entries(base))
      wide[k] = k === "xl/sharedStrings.xml" || k === "xl/worksheets/sheet1.xml" ? utf16(strFromU8(v)) : v;
    writeFileSync(join(d, "b-utf16.xlsx"), zipSync(wide));
    // 3. a stale first copy of the sheet, then the real one
    const stale = strFromU8(base["xl/worksheets/sheet1.xml"]).replace(/<v>\d+<\/v>/g, "<v>999</v>");
    writeFileSync(join(d, "c-dup.xlsx"), storedZip([["xl/worksheets/sheet1.xml", stale], ...entries(base)]));
    const r = run("moved workbook, UTF-16, duplicate entries", ["check", d, "--json"], [d]);
    expect(r.status).toBe(0);
    const doc = checkDoc(r);
    expect(doc.files.map((f) => [f.error, f.sheets[0].unit, f.sheets[0].findings])).toEqual(
      doc.files.map(() => [null, "Trung tâm Giáo dục thường xuyên Hải Phòng", []]),
    );
  });

  test("a hidden old copy of the unit's sheet is left out of the merge, and said so", () => {
    const d = caseDir("hidden");
    edited(join(samples, CLEAN), join(d, "a.xlsx"), (p) => {
      p["xl/workbook.xml"] = p["xl/workbook.xml"].replace(
        "</sheets>",
        `<sheet sheetId="9" name="Phụ lục 02 (cũ)" state="hidden" r:id="rId4"/></sheets>`,
      );
    });
    const out = join(root, "hidden-city.xlsx");
    const r = run("hidden old copy, merge", ["merge", d, "--out", out, "--json"], [d]);
    const doc = JSON.parse(r.stdout) as { units: { sheet: string }[]; findings: Finding[] };
    expect(doc.units.map((u) => u.sheet)).toEqual(["Phụ lục 02"]);
    expect(doc.findings.filter((f) => f.rule === "MERGE_DUPLICATE_UNIT")).toEqual([]);
    expect(r.stderr).toContain(`bỏ qua trang ẩn "Phụ lục 02 (cũ)"`);
    const all = run(
      "hidden old copy, --include-hidden",
      ["merge", d, "--out", join(root, "hidden-2.xlsx"), "--json", "--include-hidden"],
      [d],
    );
    const doc2 = JSON.parse(all.stdout) as { findings: Finding[] };
    // the hidden copy holds the very same figures: counted once (spec §5 v2)
    expect(doc2.findings.map((f) => f.rule)).toContain("MERGE_DUPLICATE_CONTENT");
  });

  test("a formula without a cached value is reported on its cell, not as a blank blaming its parent", () => {
    const d = caseDir("uncached");
    const cell = at("A4", "total");
    const path = edited(join(samples, CLEAN), join(d, "a.xlsx"), (p) => {
      const re = new RegExp(`<c r="${cell}"([^>]*?)(/>|>.*?</c>)`);
      expect(re.test(p["xl/worksheets/sheet1.xml"])).toBe(true);
      p["xl/worksheets/sheet1.xml"] = p["xl/worksheets/sheet1.xml"].replace(
        re,
        `<c r="${cell}"$1><f>SUM(C16:C18)</f></c>`,
      );
    });
    const r = run("formula without cached value", ["check", path, "--json"], [d]);
    expect(r.status).toBe(1);
    const f = checkDoc(r).files[0].sheets[0].findings;
    expect(f.map((x) => [x.rule, x.cells[0]])).toEqual([["VALUE_FORMULA_ERROR", cell]]);
    expect(f[0].message).toContain("chưa được tính");
  });
});

describe("annotated copies stay bounded and keep the file intact", () => {
  test("a whole-column data validation (C8:L1048576): the copy is made and the validation kept as written", () => {
    const d = caseDir("validation");
    const path = edited(join(samples, WRONG), join(d, "a.xlsx"), (p) => {
      p["xl/worksheets/sheet1.xml"] = p["xl/worksheets/sheet1.xml"].replace(
        "<pageMargins",
        `<dataValidations count="1"><dataValidation type="whole" operator="greaterThanOrEqual" allowBlank="1" showErrorMessage="1" sqref="C8:L1048576"><formula1>0</formula1></dataValidation></dataValidations><pageMargins`,
      );
    });
    const out = join(root, "validation-out");
    const r = run("whole-column validation, --out-dir", ["check", path, "--out-dir", out], [d]);
    expect(r.status).toBe(1);
    const copy = strFromU8(unzipSync(readFileSync(join(out, "a.xlsx")))["xl/worksheets/sheet1.xml"]);
    expect(copy).toContain('sqref="C8:L1048576"');
  });

  test("an unused 1 GiB media part: never inflated, copied as stored", async () => {
    const d = caseDir("media");
    const chunk = Buffer.alloc(1024 * 1024);
    let crc = 0;
    for (let i = 0; i < 1024; i++) crc = crc32(chunk, crc);
    const deflated = await zeros1GiB(chunk);
    const base = unzipSync(readFileSync(join(samples, WRONG)));
    const entries = Object.entries(base).filter(([k]) => !k.endsWith("/")) as [string, Uint8Array][];
    const path = join(d, "a.xlsx");
    writeFileSync(
      path,
      storedZip([...entries, ["xl/media/image1.png", { deflated, crc: crc >>> 0, size: 1024 ** 3 }]]),
    );
    const out = join(root, "media-out");
    const r = run("unused 1 GiB media part, --out-dir", ["check", path, "--out-dir", out], [d]);
    expect(r.status).toBe(1);
    expect(readFileSync(join(out, "a.xlsx")).includes(deflated.subarray(0, 4096))).toBe(true);
  });

  test("a copy that cannot be made: a Vietnamese message naming the file, exit 2, the other copies written", () => {
    const d = caseDir("copy-fails");
    copyFileSync(join(samples, WRONG), join(d, "a.xlsx"));
    edited(join(samples, WRONG), join(d, "b.xlsx"), (p) => delete p["[Content_Types].xml"]); // read, not editable
    const out = join(root, "copy-fails-out");
    const r = run("copy that cannot be made", ["check", d, "--out-dir", out], [d]);
    expect(r.status).toBe(2);
    expect(readdirSync(out)).toEqual(["a.xlsx"]);
    expect(r.stderr).toContain(`${join(d, "b.xlsx")}: Không tạo được bản đánh dấu: thiếu [Content_Types].xml`);
    const en = run(
      "copy that cannot be made, --lang en",
      ["check", join(d, "b.xlsx"), "--out-dir", join(out, "en"), "--lang", "en"],
      [d],
    );
    expect(en.status).toBe(2);
    expect(en.stderr).toContain(`${join(d, "b.xlsx")}: No annotated copy: no [Content_Types].xml`);
  });

  test("control characters in a unit name are escaped on the terminal; a 40,000-character name is clipped in the city", () => {
    const d = caseDir("names");
    edited(join(samples, CLEAN), join(d, "a.xlsx"), (p) => {
      p["xl/sharedStrings.xml"] = p["xl/sharedStrings.xml"].replace(
        "Trung tâm Giáo dục thường xuyên Hải Phòng",
        "_x001B_[2J_x001B_]0;pwned_x0007_Trường Lạ",
      );
    });
    edited(join(samples, CLEAN), join(d, "b.xlsx"), (p) => {
      p["xl/sharedStrings.xml"] = p["xl/sharedStrings.xml"].replace(
        "Trung tâm Giáo dục thường xuyên Hải Phòng",
        "Trường " + "Dài".repeat(13_500),
      );
    });
    const r = run("control characters, check", ["check", d], [d]);
    expect(/[\u001b\u0007]/.test(r.stdout)).toBe(false); // eslint-disable-line no-control-regex
    expect(r.stdout).toContain("\\x1b[2J\\x1b]0;pwned\\x07Trường Lạ");
    const out = join(root, "names-city.xlsx");
    const m = run("40,000-character name, merge", ["merge", d, "--out", out], [d]);
    expect(/[\u001b\u0007]/.test(m.stdout + m.stderr)).toBe(false); // eslint-disable-line no-control-regex
    const city = readXlsx(readFileSync(out));
    const longest = Math.max(
      ...city.sheets.flatMap((s) => s.rows.flatMap((row) => row.map((v) => (typeof v === "string" ? v.length : 0)))),
    );
    expect(longest).toBe(32767);
    const comments = Object.entries(unzipSync(readFileSync(out)))
      .filter(([k]) => /comments/.test(k))
      .map(([, v]) => strFromU8(v))
      .join("");
    expect(comments).toContain("đã cắt còn 32.767");
  });
});
