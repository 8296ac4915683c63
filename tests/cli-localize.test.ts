/**
 * Spec §3b through the command line: a real .xlsx of the blank template (its formulas on parents,
 * groups and TONG, saved with their results) holding the three mistakes of issue 22.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { address, type Finding } from "../shared";
import { cli, ensureBuilt, tempDir } from "./helpers/cli";
import { issue22Example } from "./helpers/mistakes";

let file = "";

beforeAll(async () => {
  ensureBuilt();
  const { grid } = issue22Example();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(grid.name);
  grid.rows.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v === null || v === undefined) return;
      const formula = grid.formulas?.[r]?.[c];
      ws.getCell(address(r, c)).value =
        formula === undefined || formula === null
          ? (v as string | number)
          : ({ formula, result: v as number } as ExcelJS.CellFormulaValue);
    }),
  );
  file = join(tempDir(), "issue-22.xlsx");
  writeFileSync(file, new Uint8Array(await wb.xlsx.writeBuffer()));
});

test("check --json: the likely causes are the three typed cells, the formulas are never blamed", () => {
  const { truth } = issue22Example();
  const r = cli(["check", file, "--json"]);
  expect(r.status).toBe(1);
  const findings: Finding[] = JSON.parse(r.stdout).files[0].sheets[0].findings;
  const causes = findings.filter((f) => f.rule === "CELL_LIKELY_WRONG");
  expect(causes.map((f) => [f.cells[0], f.value, f.suggested])).toEqual(truth.map((m) => [m.cell, m.typed, m.truth]));
  expect(findings.filter((f) => f.rule !== "CELL_LIKELY_WRONG" && !f.explainedBy)).toEqual([]);
});

test("the text output: causes in words first, the findings they explain under them, counts of rule findings", () => {
  const { truth } = issue22Example();
  const r = cli(["check", file]);
  const lines = r.stdout.split("\n");
  const head = lines.findIndex((l) => l.includes('Trang "Phụ lục 02"'));
  expect(lines[head]).toMatch(/— \d+ lỗi, 0 cảnh báo — 3 ô cần sửa$/);
  const causeLines = lines.filter((l) => /^ {4}✗ \S+\s+Ô /.test(l));
  expect(causeLines.map((l) => l.trim().split(/\s+/)[1])).toEqual(truth.map((m) => m.cell));
  expect(lines[head + 1]).toBe(causeLines[0]);
  for (const l of causeLines) expect(l).not.toContain("CELL_LIKELY_WRONG");
  // every other finding sits under a cause, with its hint when it is on another cell
  const under = lines.slice(head + 1).filter((l) => /^ {8}[✗⚠] /.test(l));
  expect(under.length).toBeGreaterThanOrEqual(8);
  expect(lines.slice(head + 1).filter((l) => /^ {4}[✗⚠] /.test(l))).toEqual(causeLines);
  expect(under.some((l) => l.includes(`— Sẽ tự đúng khi sửa ${truth[0].cell}`))).toBe(true);
});
