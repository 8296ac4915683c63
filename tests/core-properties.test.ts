/** Properties (fast-check): consistency, sensitivity, and a merge that is a plain cell-wise sum. */
import fc from "fast-check";
import { runs } from "./helpers/property-runs";
import { analyzeGrid, consolidate, fold, type MergeInput, parseRoster, stripMarks } from "../shared";
import { build, type Leaf, LAY, pl02, sheet } from "./helpers/tables";

const YEARS = 5;
const LEAVES = pl02.rows.filter((r) => !pl02.children.has(r.code));
const years = (max: number) => fc.array(fc.nat(max), { minLength: YEARS, maxLength: YEARS });

/** Any table that respects row kinds and the quota relations, year by year. */
const consistentLeaves = fc
  .record(Object.fromEntries(LEAVES.map((r) => [r.code, fc.record({ col: years(6), lead: years(4), dir: years(25) })])))
  .map((raw) => {
    const leaves: Record<string, Required<Leaf>> = {};
    for (const r of LEAVES) {
      const x = raw[r.code];
      leaves[r.code] = {
        col: r.kind === "ind" ? [0, 0, 0, 0, 0] : x.col,
        lead: r.kind === "col" ? [0, 0, 0, 0, 0] : x.lead,
        dir: r.kind === "col" ? [0, 0, 0, 0, 0] : x.dir,
      };
    }
    const ind = (code: string, y: number) => leaves[code].lead[y] + leaves[code].dir[y];
    const cap = (code: string, y: number, max: number) => {
      const l = leaves[code];
      l.lead[y] = Math.min(l.lead[y], max);
      l.dir[y] = Math.min(l.dir[y], max - l.lead[y]);
    };
    for (let y = 0; y < YEARS; y++) {
      const ldtt = ind("D2", y);
      cap("D1", y, y < 3 ? Math.floor(ldtt * 0.15) : ldtt);
      cap("C1", y, ind("D1", y));
      cap("C2", y, ind("D1", y) - ind("C1", y));
      cap("B1", y, ind("C1", y) + ind("C2", y));
      leaves.C7.col[y] = Math.min(leaves.C7.col[y], leaves.D3.col[y]);
    }
    return leaves;
  });

test("any consistent table yields no finding", () => {
  fc.assert(
    fc.property(consistentLeaves, (leaves) => {
      expect(analyzeGrid(sheet(build(leaves)))!.findings).toEqual([]);
    }),
    { numRuns: runs(200) },
  );
});

test("any single changed count is caught by a rule that names its cell", () => {
  const cells = pl02.rows.flatMap((r) => pl02.countKeys.map((k) => [r.code, k] as const));
  fc.assert(
    fc.property(
      consistentLeaves,
      fc.constantFrom(...cells),
      fc.integer({ min: -40, max: 40 }).filter((d) => d !== 0),
      (leaves, [code, key], delta) => {
        const g = sheet(build(leaves));
        const r = LAY.row.get(code)!;
        const c = LAY.col.get(key)!;
        const addr = `${String.fromCharCode(65 + c)}${r + 1}`;
        g.rows[r][c] = ((g.rows[r][c] as number | undefined) ?? 0) + delta;
        const f = analyzeGrid(g)!.findings;
        expect(f.some((x) => x.cells.includes(addr))).toBe(true);
      },
    ),
    { numRuns: runs(300) },
  );
});

const roster = parseRoster({
  units: ["Một", "Hai", "Ba", "Bốn"].map((n) => ({ name: `Trường THPT ${n}`, type: "Trường THPT" })),
});

test("merging is order-independent and equals the cell-wise sum of the included units", () => {
  const unit = fc.record({
    leaves: consistentLeaves,
    name: fc.constantFrom("Trường THPT Một", "Trường THPT Hai", "Trường THPT Ba", "Trường Lạ"),
    file: fc.constantFrom("a.xlsx", "b.xlsx", "c/d.xlsx", "e.xlsx"),
  });
  fc.assert(
    fc.property(fc.array(unit, { minLength: 1, maxLength: 6 }), fc.boolean(), (units, strict) => {
      const inputs: MergeInput[] = units.map((u, i) => ({
        file: u.file,
        sheetIndex: i,
        result: analyzeGrid(sheet(build(u.leaves), u.name))!,
      }));
      const a = consolidate(inputs, [], { roster, strict });
      const b = consolidate([...inputs].reverse(), [], { roster, strict });
      expect(b.city.rows).toEqual(a.city.rows);
      expect(b.units).toEqual(a.units);
      expect(b.findings).toEqual(a.findings);
      const included = a.units.filter((u) => u.included);
      for (const def of pl02.rows)
        for (const key of pl02.countKeys)
          expect(a.city.rows[def.code][key]).toBe(included.reduce((s, u) => s + u.values[def.code][key], 0));
      // every unit named twice is included once
      expect(new Set(included.map((u) => u.unit)).size).toBe(included.length);
    }),
    { numRuns: runs(60) },
  );
});

test("folding ignores Unicode form, case and tone-mark placement", () => {
  const letters = [..."aăâeêioôơuưyđAĂÂĐ áàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"];
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom(...letters), maxLength: 20 }), (s) => {
      expect(fold(s.normalize("NFD"))).toBe(fold(s.normalize("NFC")));
      expect(fold(s.toUpperCase())).toBe(fold(s));
      expect(stripMarks(s)).toMatch(/^[a-zA-Z ]*$/);
    }),
  );
  expect(fold("Thuỷ Nguyên")).toBe(fold("Thủy Nguyên"));
});
