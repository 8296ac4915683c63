/** Every rule of spec §3 and §4, provoked on purpose, with the exact findings it must give. */
import { address, NOT_CALCULATED, readCount } from "../shared";
import { at, BASE, LAY, brief, build, dbAt, dbSheet, findings, type Leaf, setCell, sheet } from "./helpers/tables";

const only = (leaves: Record<string, Leaf>) => findings(sheet(build({ ...BASE, ...leaves }))).map(brief);

test("a consistent table has no finding", () => {
  expect(findings(sheet(build(BASE)))).toEqual([]);
});

describe("sums", () => {
  test("a wrong total fires SUM_TOTAL and SUM_YEARS on its row and SUM_GROUP on its group", () => {
    const v = build(BASE);
    v.C6.total += 1;
    const [cause, ...f] = findings(sheet(v));
    // spec §3b: the likely cause comes first, the rule findings are as §3 makes them
    expect([brief(cause), cause.value, cause.suggested, cause.explains]).toEqual([
      ["CELL_LIKELY_WRONG", "error", at("C6", "total"), "C6", "total"],
      5,
      4,
      3,
    ]);
    expect(f.map(brief)).toEqual([
      ["SUM_GROUP", "error", at("C", "total"), "C", "total"],
      ["SUM_TOTAL", "error", at("C6", "total"), "C6", "total"],
      ["SUM_YEARS", "error", at("C6", "total"), "C6", "total"],
    ]);
    expect(f[1].cells).toEqual([at("C6", "total"), at("C6", "collective"), at("C6", "individual")]);
    expect(f[1].message).toBe(
      `Tổng số (${at("C6", "total")} = 5) khác Tập thể + Cá nhân (${at("C6", "collective")} + ${at("C6", "individual")} = 4)`,
    );
    expect(f[1].messageEn).toBe(
      `Total (${at("C6", "total")} = 5) differs from Collectives + Individuals (${at("C6", "collective")} + ${at("C6", "individual")} = 4)`,
    );
    expect(f[2].cells).toEqual([
      at("C6", "total"),
      ...["y2021", "y2022", "y2023", "y2024", "y2025"].map((k) => at("C6", k)),
    ]);
    expect(f[0].cells).toEqual([
      at("C", "total"),
      ...["C1", "C2", "C3", "C4", "C5", "C6", "C7"].map((c) => at(c, "total")),
    ]);
  });

  test("SUM_INDIVIDUAL blames (3); the group's column (4) no longer adds up", () => {
    const v = build(BASE);
    v.D2.leaders += 1;
    expect(findings(sheet(v)).map(brief)).toEqual([
      ["CELL_LIKELY_WRONG", "error", at("D2", "leaders"), "D2", "leaders"],
      ["SUM_GROUP", "error", at("D", "leaders"), "D", "leaders"],
      ["SUM_INDIVIDUAL", "error", at("D2", "individual"), "D2", "individual"],
    ]);
  });

  test("SUM_CHILDREN: a class of an order changed consistently in its own row", () => {
    const v = build(BASE);
    for (const k of ["total", "collective", "y2022"]) v["A4.1"][k] += 1;
    expect(findings(sheet(v)).map(brief)).toEqual([
      // the three cells of the class, not the order's sums the rule blames
      ["CELL_LIKELY_WRONG", "error", at("A4.1", "total"), "A4.1", "total"],
      ["CELL_LIKELY_WRONG", "error", at("A4.1", "collective"), "A4.1", "collective"],
      ["CELL_LIKELY_WRONG", "error", at("A4.1", "y2022"), "A4.1", "y2022"],
      ["SUM_CHILDREN", "error", at("A4", "total"), "A4", "total"],
      ["SUM_CHILDREN", "error", at("A4", "collective"), "A4", "collective"],
      ["SUM_CHILDREN", "error", at("A4", "y2022"), "A4", "y2022"],
    ]);
  });

  test("SUM_GRAND: the grand total of one year", () => {
    const v = build(BASE);
    v.TONG.y2025 += 1;
    expect(findings(sheet(v)).map(brief)).toEqual([
      ["CELL_LIKELY_WRONG", "error", at("TONG", "y2025"), "TONG", "y2025"],
      ["SUM_YEARS", "error", at("TONG", "total"), "TONG", "total"],
      ["SUM_GRAND", "error", at("TONG", "y2025"), "TONG", "y2025"],
    ]);
  });
});

describe("kinds", () => {
  test("KIND_INDIVIDUAL_ONLY: a collective counted as Chiến sĩ thi đua cơ sở", () => {
    expect(only({ D1: { col: [0, 0, 0, 1, 0], dir: [1, 1, 1, 1, 1] } })).toEqual([
      ["KIND_INDIVIDUAL_ONLY", "error", at("D1", "collective"), "D1", "collective"],
    ]);
  });

  test("KIND_COLLECTIVE_ONLY blames the first non-zero of (3), (4), (5), once per row", () => {
    const f = findings(sheet(build({ ...BASE, B2: { dir: [0, 0, 1, 0, 0] } })));
    expect(f.map(brief)).toEqual([["KIND_COLLECTIVE_ONLY", "error", at("B2", "individual"), "B2", "individual"]]);
    expect(f[0].cells).toEqual([at("B2", "individual"), at("B2", "leaders"), at("B2", "direct")]);
  });

  test("KIND_COLLECTIVE_ONLY names the non-zero cell's own column when (3) is missing", () => {
    const grid = sheet(build({ ...BASE, B2: { lead: [0, 0, 1, 0, 0] } }));
    const gone = LAY.col.get("individual")!;
    for (const row of grid.rows) row.splice(gone, 1);
    const kind = findings(grid).filter((f) => f.rule === "KIND_COLLECTIVE_ONLY");
    expect(kind.map(brief)).toEqual([
      ["KIND_COLLECTIVE_ONLY", "error", address(LAY.row.get("B2")!, LAY.col.get("leaders")! - 1), "B2", "leaders"],
    ]);
    expect(kind[0].message).toContain("Lãnh đạo");
  });
});

describe("quotas", () => {
  test("QUOTA_CSTDCS_LE_LDTT fires once per breaking column", () => {
    expect(only({ D1: { dir: [1, 1, 1, 1, 11] } })).toEqual([
      ["QUOTA_CSTDCS_LE_LDTT", "error", at("D1", "y2025"), "D1", "y2025"],
    ]);
  });

  test("QUOTA_CSTDCS_15PCT only in 2020-2021 … 2022-2023", () => {
    const f = findings(sheet(build({ ...BASE, D1: { dir: [2, 1, 1, 2, 2] } })));
    expect(f.map(brief)).toEqual([["QUOTA_CSTDCS_15PCT", "warning", at("D1", "y2021"), "D1", "y2021"]]);
    expect(f[0].message).toBe(
      `Chiến sĩ thi đua cơ sở (${at("D1", "y2021")} = 2) vượt 15% Lao động tiên tiến (${at("D2", "y2021")} = 10, 15% = 1,5) – Năm học 2020-2021`,
    );
  });

  test("QUOTA_CSTD_CAP_TREN blames C1 even when C2 makes the excess", () => {
    expect(only({ C1: { dir: [0, 0, 1, 0, 0] }, C2: { dir: [0, 1, 1, 0, 0] } })).toEqual([
      ["QUOTA_CSTD_CAP_TREN", "warning", at("C1", "y2023"), "C1", "y2023"],
    ]);
  });

  test("QUOTA_CSTD_TOAN_QUOC and QUOTA_TTLDXS_LE_TTLDTT", () => {
    expect(only({ B1: { dir: [1, 0, 0, 0, 0] } })).toEqual([
      ["QUOTA_CSTD_TOAN_QUOC", "warning", at("B1", "y2021"), "B1", "y2021"],
    ]);
    expect(only({ C7: { col: [3, 0, 0, 0, 0] } })).toEqual([
      ["QUOTA_TTLDXS_LE_TTLDTT", "warning", at("C7", "y2021"), "C7", "y2021"],
    ]);
  });
});

describe("values", () => {
  test("blank = 0; text numbers in Vietnamese notation; what is not a number", () => {
    expect(readCount(null)).toEqual({ value: 0, issues: [] });
    expect(readCount("  ")).toEqual({ value: 0, issues: [] });
    expect(readCount("12")).toEqual({ value: 12, issues: ["as_text"] });
    expect(readCount("1.234")).toEqual({ value: 1234, issues: ["as_text"] });
    expect(readCount("1 234")).toEqual({ value: 1234, issues: ["as_text"] });
    expect(readCount("2,5")).toEqual({ value: 2.5, issues: ["as_text", "not_integer"] });
    expect(readCount("-3")).toEqual({ value: -3, issues: ["as_text", "negative"] });
    expect(readCount("-")).toEqual({ value: null, issues: ["not_number"] });
    expect(readCount("#N/A")).toEqual({ value: null, issues: ["formula_error"] });
    expect(readCount(true)).toEqual({ value: null, issues: ["not_number"] });
    expect(readCount(2.0000000001)).toEqual({ value: 2, issues: [] });
  });

  test("an unreadable cell is reported once and every check involving it is skipped", () => {
    for (const [raw, rule] of [
      ["mười", "VALUE_NOT_NUMBER"],
      [{ error: "#REF!" }, "VALUE_FORMULA_ERROR"],
    ] as const) {
      const g = sheet(build(BASE));
      setCell(g, "D2", "y2022", raw);
      expect(findings(g).map(brief)).toEqual([[rule, "error", at("D2", "y2022"), "D2", "y2022"]]);
    }
  });

  test("a formula never calculated: each language alone, with the advice to open and save the file", () => {
    const g = sheet(build(BASE));
    setCell(g, "D2", "y2022", NOT_CALCULATED);
    const f = findings(g);
    expect(f.map(brief)).toEqual([["VALUE_FORMULA_ERROR", "error", at("D2", "y2022"), "D2", "y2022"]]);
    const cell = at("D2", "y2022");
    expect(f[0].message).toBe(
      `Ô ${cell} (Lao động tiên tiến – Năm học 2021-2022) báo lỗi công thức (công thức chưa được tính; ` +
        "hãy mở tệp bằng Excel rồi bấm Lưu để Excel tính lại, sau đó gửi lại)",
    );
    expect(f[0].messageEn).toBe(
      `Cell ${cell} (Advanced Labourer – School year 2021-2022) shows the formula error (a formula never calculated; ` +
        "open the file in Excel and save it so that Excel calculates it, then send it again)",
    );
    expect(f[0].message).not.toMatch(/never|formula/);
    expect(f[0].messageEn).not.toMatch(/chưa/);
  });

  test("a number typed as text is read with a warning", () => {
    const g = sheet(build(BASE));
    setCell(g, "D2", "y2022", "10");
    expect(findings(g).map(brief)).toEqual([["VALUE_AS_TEXT", "warning", at("D2", "y2022"), "D2", "y2022"]]);
  });

  test("negative and fractional numbers are reported and still take part in the sums", () => {
    const g = sheet(build(BASE));
    setCell(g, "D2", "y2022", -10);
    expect(findings(g).map(brief)).toEqual([
      ["CELL_LIKELY_WRONG", "error", at("D2", "y2022"), "D2", "y2022"],
      ["SUM_GROUP", "error", at("D", "y2022"), "D", "y2022"],
      ["QUOTA_CSTDCS_LE_LDTT", "error", at("D1", "y2022"), "D1", "y2022"],
      ["QUOTA_CSTDCS_15PCT", "warning", at("D1", "y2022"), "D1", "y2022"],
      ["SUM_YEARS", "error", at("D2", "total"), "D2", "total"],
      ["VALUE_NEGATIVE", "error", at("D2", "y2022"), "D2", "y2022"],
    ]);
    const h = sheet(build(BASE));
    setCell(h, "D2", "y2022", 10.5);
    expect(findings(h).map(brief)).toEqual([
      ["CELL_LIKELY_WRONG", "error", at("D2", "y2022"), "D2", "y2022"],
      ["SUM_GROUP", "error", at("D", "y2022"), "D", "y2022"],
      ["SUM_YEARS", "error", at("D2", "total"), "D2", "total"],
      ["VALUE_NOT_INTEGER", "error", at("D2", "y2022"), "D2", "y2022"],
    ]);
  });
});

describe("Cơ cấu đại biểu", () => {
  const ok = { DB1: 120, DB2: 120, DB3: 90, DB4: 30, DB5: 5, DB6: 2, DB7: 3, DB8: 0, DB9: 0 };
  const db = (v: Partial<typeof ok>, attrs?: Record<string, string>) =>
    findings(dbSheet({ ...ok, ...v }, attrs)).map(brief);

  test("a conference that follows the plan", () => {
    expect(db({})).toEqual([]);
    expect(db({ DB1: 100, DB2: 100, DB3: 70, DB4: 30 })).toEqual([]); // exactly 70 %
  });

  test("DB_SUM and DB_RATIO_EXEMPLAR", () => {
    expect(db({ DB4: 31 })).toEqual([["DB_SUM", "error", dbAt("DB2"), "DB2", "value"]]);
    expect(db({ DB3: 83, DB4: 37 })).toEqual([["DB_RATIO_EXEMPLAR", "error", dbAt("DB3"), "DB3", "value"]]);
  });

  test("sizes around 300 staff", () => {
    const sized = (staff: number, delegates: number) =>
      db({ DB1: staff, DB2: delegates, DB3: Math.ceil(delegates * 0.7), DB4: delegates - Math.ceil(delegates * 0.7) });
    expect(sized(301, 201)).toEqual([["DB_SIZE_REPRESENTATIVE", "error", dbAt("DB2"), "DB2", "value"]]);
    expect(sized(301, 200)).toEqual([]);
    expect(sized(300, 201)).toEqual([["DB_SIZE_BOUNDARY", "warning", dbAt("DB2"), "DB2", "value"]]);
    expect(sized(300, 200)).toEqual([]);
    expect(sized(299, 200)).toEqual([["DB_PLENARY", "warning", dbAt("DB2"), "DB2", "value"]]);
    expect(sized(299, 299)).toEqual([]);
    expect(db({ DB1: 500, DB2: 301, DB3: 211, DB4: 90 }, { level: "tren_co_so", unitType: "truc_thuoc" })).toEqual([
      ["DB_SIZE_SO", "error", dbAt("DB2"), "DB2", "value"],
    ]);
  });

  test("the presidium: none, or 5 to 9 with at least a third of exemplars", () => {
    expect(db({ DB5: 0, DB6: 0 })).toEqual([]);
    expect(db({ DB5: 4, DB6: 2 })).toEqual([["DB_PRESIDIUM_SIZE", "error", dbAt("DB5"), "DB5", "value"]]);
    expect(db({ DB5: 9, DB6: 3 })).toEqual([]);
    expect(db({ DB5: 10, DB6: 4 })).toEqual([["DB_PRESIDIUM_SIZE", "error", dbAt("DB5"), "DB5", "value"]]);
    expect(db({ DB5: 7, DB6: 2 })).toEqual([["DB_PRESIDIUM_EXEMPLAR", "error", dbAt("DB6"), "DB6", "value"]]);
    expect(db({ DB5: 7, DB6: 3 })).toEqual([]);
    expect(db({ DB5: 7, DB6: 8 })).toEqual([["DB_PRESIDIUM_EXEMPLAR", "error", dbAt("DB6"), "DB6", "value"]]);
  });

  test("delegates to the higher conference and nominees depend on the kind of unit", () => {
    expect(db({ DB7: 2 })).toEqual([["DB_HIGHER_DELEGATES", "error", dbAt("DB7"), "DB7", "value"]]);
    expect(db({ DB7: 0, DB8: 1, DB9: 1 }, { level: "co_so", unitType: "phong" })).toEqual([]);
    expect(db({ DB7: 0, DB8: 1, DB9: 0 }, { level: "co_so", unitType: "phong" })).toEqual([
      ["DB_NOMINEES", "error", dbAt("DB9"), "DB9", "value"],
    ]);
    // without "Loại đơn vị" the unit-type rules cannot apply
    expect(db({ DB7: 2 }, { level: "co_so" })).toEqual([]);
  });
});

describe("absurd numbers in a count cell", () => {
  test("formatNumber writes them as JavaScript does instead of failing", () => {
    const { formatNumber } = jest.requireActual<typeof import("../shared")>("../shared");
    expect(formatNumber(1e21, "vi")).toBe("1e+21");
    expect(formatNumber(-2.5e300, "en")).toBe("-2.5e+300");
    expect(formatNumber(Infinity, "vi")).toBe("Infinity");
    expect(formatNumber(NaN, "en")).toBe("NaN");
    expect(formatNumber(1e20, "vi")).toBe("100.000.000.000.000.000.000");
    expect(formatNumber(1234.5, "vi")).toBe("1.234,5");
  });

  test("a count of -1E+25 is reported as negative, its value in the message, and the rest checked", () => {
    const v = build(BASE);
    v.C6.total = -1e25;
    const f = findings(sheet(v));
    const negative = f.find((x) => x.rule === "VALUE_NEGATIVE")!;
    expect(negative.cells).toEqual([at("C6", "total")]);
    expect(negative.message).toContain("-1e+25");
    expect(f.map((x) => x.rule)).toContain("SUM_TOTAL");
  });
});
