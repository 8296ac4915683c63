/**
 * @jest-environment jsdom
 *
 * The pane's components with React Testing Library, over the in-memory Excel: what the user
 * clicks, what the pane shows, which cell gets selected.
 */
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { resetSession } from "../addin/excel/check";
import { ExcelHost } from "../addin/excel/host";
import { fileTimeOf, sortPicked } from "../addin/browser/files";
import { App } from "../addin/taskpane/App";
import { FindingsList } from "../addin/taskpane/components/FindingsList";
import {
  analyzeGrid,
  bundledRoster,
  causeOrder,
  consolidate,
  countBySeverity,
  type Grid,
  type MergeOptions,
} from "../shared";
import { FakeExcel } from "./helpers/excel-fake";
import { officialCase } from "./helpers/mistakes";
import { at, BASE, build, findings, pl02, setCell, sheet, unitValues } from "./helpers/tables";

function excelWith(grids: Grid[]): { x: FakeExcel; host: ExcelHost } {
  const x = new FakeExcel();
  for (const g of grids) x.addSheet(g.name, g.rows as (string | number | null)[][]);
  (globalThis as unknown as { Excel: unknown }).Excel = { run: x.run };
  return { x, host: new ExcelHost({ notes: "notes", triggerSource: true }) };
}

function wrongSheet(): Grid {
  const g = sheet(build(BASE));
  setCell(g, "D2", "total", 999);
  setCell(g, "C7", "y2021", "abc");
  return g;
}

beforeEach(() => resetSession());

/** The core's summary lines for these sheets merged as the pane merges them (the workbook's name as the file). */
function coreLines(x: FakeExcel, grids: Grid[], opts: MergeOptions): string[] {
  const inputs = grids.map((g, i) => ({ file: x.name, sheetIndex: i, result: analyzeGrid(g)! }));
  return consolidate(inputs, [], opts).summary.lines.vi;
}

const shownLines = () => screen.getAllByTestId("summary-line").map((l) => l.textContent);

test("Kiểm tra: counts, findings by severity and row, a click selects the blamed cell", async () => {
  const g = wrongSheet();
  const expected = findings(g);
  const { x, host } = excelWith([g]);
  await host.autoCheck.setEnabled(false);
  render(<App host={host} />);
  fireEvent.click(screen.getByRole("button", { name: "Kiểm tra trang này" }));
  await screen.findByTestId("check-result");
  const errors = expected.filter((f) => f.severity === "error");
  // the counts are of rule findings: a likely cause (spec §3b) is listed, not counted
  const counts = countBySeverity(expected);
  expect(screen.getByTestId("error-count").textContent).toBe(`Lỗi: ${counts.errors}`);
  expect(screen.getByTestId("warning-count").textContent).toBe(`Cảnh báo: ${counts.warnings}`);
  const items = screen.getAllByTestId("finding");
  // the likely causes first, each with what it explains (spec §3b); then the rest, within a
  // severity grouped by row in the order the rows first appear
  const byRow = (list: typeof expected) => {
    const rows = new Map<string, typeof expected>();
    for (const f of list) rows.set(f.row ?? "", [...(rows.get(f.row ?? "") ?? []), f]);
    return [...rows.values()].flat();
  };
  const groups = causeOrder(expected);
  expect(groups.filter((gr) => gr.cause).length).toBe(1);
  const rest = groups.find((gr) => !gr.cause)!.findings;
  expect(items.map((i) => i.getAttribute("data-rule"))).toEqual(
    [
      ...groups.flatMap((gr) => (gr.cause ? [gr.cause, ...gr.findings] : [])),
      ...byRow(rest.filter((f) => f.severity === "error")),
      ...byRow(rest.filter((f) => f.severity !== "error")),
    ].map((f) => f.rule),
  );
  expect(errors.length).toBeGreaterThan(0);
  const c7 = items.find((i) => i.getAttribute("data-rule") === "VALUE_NOT_NUMBER")!;
  await act(async () => fireEvent.click(c7));
  await waitFor(() => expect(x.selected).toBe(`${g.name}!${c7.getAttribute("data-cell")}`));
});

test("a typed mistake on the template: the likely cause first, the findings it explains under it, the cells to correct counted", async () => {
  const C5 = { col: [0, 1, 0, 0, 1], lead: [1, 0, 2, 0, 0], dir: [10, 12, 25, 15, 20] };
  const { grid } = officialCase({ ...BASE, C5 }, [["C5", "y2023", 72, "swap"]]);
  const x = new FakeExcel();
  x.addSheet(grid.name, grid.rows as (string | number | null)[][], undefined, grid.formulas);
  (globalThis as unknown as { Excel: unknown }).Excel = { run: x.run };
  const host = new ExcelHost({ notes: "notes", triggerSource: true });
  await host.autoCheck.setEnabled(false);
  render(<App host={host} />);
  fireEvent.click(screen.getByRole("button", { name: "Kiểm tra trang này" }));
  await screen.findByTestId("check-result");
  const cause = at("C5", "y2023");
  expect(screen.getByTestId("likely-count").textContent).toBe("1 ô cần sửa");
  expect(screen.getByTestId("error-count").textContent).toBe("Lỗi: 3");
  const group = screen.getByTestId("cause-group");
  const items = within(group).getAllByTestId("finding");
  expect(
    items.map((i) => [i.getAttribute("data-rule"), i.getAttribute("data-cell"), i.getAttribute("data-explained")]),
  ).toEqual([
    ["CELL_LIKELY_WRONG", cause, null],
    ["SUM_YEARS", at("C", "total"), "true"],
    ["SUM_YEARS", at("C5", "total"), "true"],
    ["SUM_YEARS", at("TONG", "total"), "true"],
  ]);
  // the cause in words, no rule code; the value to type; each explained finding says what fixes it
  expect(items[0].textContent).toBe(
    `Ô ${cause} (dòng C5 – Bằng khen của Bộ trưởng…, năm học 2022-2023) có lẽ gõ nhầm: đang là 72; nếu là 27 thì 3 lỗi khác đều hết`,
  );
  for (const i of items.slice(1))
    expect(i.textContent).toMatch(new RegExp(`\\[SUM_YEARS\\]Sẽ tự đúng khi sửa ${cause}$`));
  // nothing is listed twice: every finding is in the cause's group
  expect(screen.getAllByTestId("finding")).toHaveLength(4);
  await act(async () => fireEvent.click(items[0]));
  await waitFor(() => expect(x.selected).toBe(`${grid.name}!${cause}`));

  fireEvent.click(screen.getByRole("switch", { name: "English" }));
  expect(screen.getByTestId("likely-count").textContent).toBe("1 cell to correct");
  expect(within(screen.getByTestId("cause-group")).getAllByTestId("finding")[1].textContent).toMatch(
    new RegExp(`Clears once ${cause} is corrected$`),
  );
});

test("a tie between cells is one item naming them all; no cell is counted as one to correct", () => {
  const { grid } = officialCase(BASE, [["D2", "y2021", 1, "drop"]]);
  const fs = analyzeGrid(grid)!.findings;
  render(<FindingsList findings={fs} />);
  const tie = fs.find((f) => f.alternatives)!;
  expect(tie.cells).toEqual(pl02.yearKeys.map((k) => at("D2", k)));
  const group = screen.getByTestId("cause-group");
  const items = within(group).getAllByTestId("finding");
  expect(items).toHaveLength(1);
  expect(items[0].textContent!.startsWith(tie.cells.join(", "))).toBe(true);
  expect(screen.queryByTestId("likely-count")).toBeNull();
  // the rule findings stay on their own, after it
  expect(screen.getAllByTestId("finding")).toHaveLength(fs.length);
});

test("Xóa dấu kiểm tra in the pane: marks removed, check-while-typing off, and the pane says marks are saved in the workbook", async () => {
  const { x, host } = excelWith([wrongSheet()]);
  render(<App host={host} />);
  expect(screen.getByTestId("marks-saved").textContent).toMatch(/được lưu trong sổ làm việc/);
  fireEvent.click(screen.getByRole("button", { name: "Kiểm tra trang này" }));
  await screen.findByTestId("check-result");
  expect(x.sheets[0].cfs.length).toBeGreaterThan(0);
  expect((screen.getByRole("switch", { name: "Tự kiểm tra khi gõ" }) as HTMLInputElement).checked).toBe(true);
  fireEvent.click(screen.getByRole("button", { name: "Xóa dấu kiểm tra" }));
  await screen.findByText(/^Đã xóa dấu kiểm tra trên 1 trang/);
  expect(x.sheets[0].cfs).toEqual([]);
  expect([...x.sheets[0].cells.values()].filter((c) => c.note !== null)).toEqual([]);
  expect((screen.getByRole("switch", { name: "Tự kiểm tra khi gõ" }) as HTMLInputElement).checked).toBe(false);
  expect(host.autoCheck.enabled).toBe(false);
});

test("the pane says what check-while-typing does to Ctrl+Z on this Excel, and when the colours wait for Kiểm tra", async () => {
  const x = new FakeExcel();
  x.addSheet("Phụ lục 02", sheet(build(BASE)).rows as (string | number | null)[][]);
  (globalThis as unknown as { Excel: unknown }).Excel = { run: x.run };
  const host = new ExcelHost({ notes: "notes", triggerSource: true, keepsUndo: false });
  render(<App host={host} />);
  expect(screen.getByTestId("undo-note").textContent).toMatch(/xóa lịch sử Hoàn tác \(Ctrl\+Z\)/);
  await host.autoCheck.register();
  x.edit(x.sheets[0], "D12", "abc");
  await act(async () => host.autoCheck.flush());
  expect((await screen.findByTestId("marks-pending")).textContent).toMatch(/màu trên trang chưa cập nhật/);
  expect(x.undo).toHaveLength(1);
  await host.autoCheck.setEnabled(false);
});

test("English switch turns the pane and the messages to English", async () => {
  const { host } = excelWith([wrongSheet()]);
  await host.autoCheck.setEnabled(false);
  render(<App host={host} />);
  fireEvent.click(screen.getByRole("switch", { name: "English" }));
  fireEvent.click(screen.getByRole("button", { name: "Check this sheet" }));
  await screen.findByTestId("check-result");
  expect(screen.getByTestId("error-count").textContent).toMatch(/^Errors: \d+$/);
  const first = screen.getAllByTestId("finding")[0];
  expect(first.textContent).toMatch(/[A-Za-z]/);
  expect(first.textContent).not.toMatch(/Tổng số/);
});

test("Tạo mẫu inserts the template sheets and says which", async () => {
  const { x, host } = excelWith([]);
  x.addSheet("Sheet1");
  await host.autoCheck.setEnabled(false);
  render(<App host={host} />);
  fireEvent.click(screen.getByRole("checkbox", { name: "Kèm trang Cơ cấu đại biểu và Danh sách đại biểu" }));
  fireEvent.click(screen.getByRole("button", { name: "Tạo mẫu" }));
  await screen.findByText("Đã tạo trang: Phụ lục 02, Cơ cấu đại biểu, Danh sách đại biểu");
  expect(x.sheets.map((s) => s.name)).toEqual(["Sheet1", "Phụ lục 02", "Cơ cấu đại biểu", "Danh sách đại biểu"]);
});

test("Tổng hợp: unit sheets found and ticked, merged, summary shown", async () => {
  const names = bundledRoster().units.map((u) => u.name);
  const grids = [0, 1, 2].map((i) => ({ ...sheet(unitValues(i), names[i]), name: `DV ${i + 1}` }));
  const { x, host } = excelWith([...grids, { name: "Ghi chú", rows: [["—"]] }]);
  render(<App host={host} view="merge" />);
  const boxes = await screen.findAllByRole("checkbox");
  expect(boxes.map((b) => [b.closest("span, div")?.textContent, (b as HTMLInputElement).checked])).toEqual([
    [`DV 1 — ${names[0]}`, true],
    [`DV 2 — ${names[1]}`, true],
    [`DV 3 — ${names[2]}`, true],
    ["Ghi chú", false],
  ]);
  fireEvent.click(boxes[2]); // leave DV 3 out
  fireEvent.click(screen.getByRole("button", { name: "Tổng hợp" }));
  const summary = await screen.findByTestId("merge-summary");
  expect(within(summary).getByTestId("summary-included").getAttribute("data-count")).toBe("2");
  // Spec §5 v2: the built-in roster is partial, so nobody is called "chưa nộp", and the pane says so.
  expect(within(summary).queryByTestId("summary-missing")).toBeNull();
  expect(screen.getByTestId("roster-used").textContent).toBe(
    `Dùng danh sách có sẵn của Hải Phòng — chưa đầy đủ (${names.length} đơn vị): không xác định được đơn vị nào chưa nộp`,
  );
  // The core's summary, word for word; the city table's check beside the sheets written.
  const lines = coreLines(x, grids.slice(0, 2), { roster: bundledRoster() });
  expect(lines[0]).toBe("Tổng hợp: 2 đơn vị được tính vào tổng thành phố.");
  expect(shownLines()).toEqual(lines);
  expect(screen.getByTestId("city-findings").getAttribute("data-errors")).toBe("0");
  // The status table, every roster unit, units that sent nothing first.
  const rows = screen.getAllByTestId("status-row").map((r) => r.getAttribute("data-unit"));
  expect(rows).toHaveLength(names.length);
  expect(rows.slice(-2)).toEqual([names[0], names[1]]);
  expect(x.sheets.map((s) => s.name).slice(-6)).toEqual([
    "Tổng hợp thành phố",
    "Chi tiết theo đơn vị",
    "Tình trạng nộp",
    "Đại biểu Hội nghị của Sở",
    "Số liệu cho báo cáo",
    "Biểu đồ tổng hợp",
  ]);
});

test("Tổng hợp: a unit's table pasted twice, the tab named 'lần 2' is used; the status table says which, why and how much differs", async () => {
  const unit = bundledRoster().units[0].name;
  const first = { ...sheet(build(BASE), unit), name: "DV 1" };
  const again = { ...sheet(build({ ...BASE, "A4.3": { lead: [0, 0, 0, 1, 1] } }), unit), name: "DV 1 lần 2" };
  const { host } = excelWith([first, again]);
  render(<App host={host} view="merge" />);
  await screen.findAllByRole("checkbox");
  fireEvent.click(screen.getByRole("button", { name: "Tổng hợp" }));
  await screen.findByTestId("merge-summary");
  const row = screen.getAllByTestId("status-row").find((r) => r.getAttribute("data-unit") === unit)!;
  const kept = within(row).getByTestId("status-kept");
  expect(kept.textContent).toMatch(
    /^.+ › DV 1 lần 2: tên trang tính ghi là bản nộp lại \("lần 2"\) \(16 ô khác bản bị loại\)$/,
  );
  // the tooltip lists the changed cells, old → new
  expect(kept.getAttribute("title")!.split("\n")).toContain("A4.3 Huân chương Lao động hạng Ba · Tổng số: 1 → 2");
  // a unit that sent one table has nothing there
  const other = screen.getAllByTestId("status-row").find((r) => r.getAttribute("data-unit") !== unit)!;
  expect(within(other).getByTestId("status-kept").textContent).toBe("");
});

test("Tổng hợp: the status table counts each unit's cells to correct beside its errors", async () => {
  const names = bundledRoster().units.map((u) => u.name);
  const wrong = { ...sheet(unitValues(0), names[0]), name: "DV 1" };
  setCell(wrong, "D2", "total", 999);
  const right = { ...sheet(unitValues(1), names[1]), name: "DV 2" };
  const { host } = excelWith([wrong, right]);
  render(<App host={host} view="merge" />);
  await screen.findAllByRole("checkbox");
  fireEvent.click(screen.getByRole("button", { name: "Tổng hợp" }));
  await screen.findByTestId("merge-summary");
  const heads = within(screen.getByTestId("status-table"))
    .getAllByRole("columnheader")
    .map((h) => h.textContent);
  const col = heads.indexOf("Ô cần sửa");
  expect(heads[col + 1]).toBe("Số lỗi");
  const cells = (unit: string) =>
    [
      ...screen
        .getAllByTestId("status-row")
        .find((r) => r.getAttribute("data-unit") === unit)!
        .querySelectorAll("td"),
    ].map((td) => td.textContent);
  const errors = countBySeverity(analyzeGrid(wrong)!.findings).errors;
  expect([cells(names[0])[col], cells(names[0])[col + 1]]).toEqual(["1", String(errors)]);
  expect([cells(names[1])[col], cells(names[1])[col + 1]]).toEqual(["0", "0"]);
});

test("FindingsList with nothing to show gives zero counts and no sections", () => {
  render(<FindingsList findings={[]} />);
  expect(screen.getByTestId("error-count").textContent).toBe("Lỗi: 0");
  expect(screen.queryAllByTestId("finding")).toHaveLength(0);
});

test("the pane's auto-check registers one handler however often it renders", async () => {
  const { x, host } = excelWith([sheet(build(BASE))]);
  const { rerender, unmount } = render(<App host={host} />);
  rerender(<App host={host} />);
  unmount();
  render(<App host={host} />);
  await waitFor(() => expect(x.handlers).toHaveLength(1));
  expect(host.autoCheck.registrations).toBe(1);
});

test("a protected sheet: the pane lists the findings and says in Vietnamese why the cells are not marked", async () => {
  const g = wrongSheet();
  const { x, host } = excelWith([g]);
  x.sheets[0].protected = true;
  await host.autoCheck.setEnabled(false);
  render(<App host={host} />);
  fireEvent.click(screen.getByRole("button", { name: "Kiểm tra trang này" }));
  await screen.findByTestId("check-result");
  expect(screen.getByTestId("check-problem").textContent).toMatch(/đang được bảo vệ/);
  expect(screen.getAllByTestId("finding")).toHaveLength(findings(g).length);
});

test("a check the pane did not start (the ribbon, typing) shows when the pane opens; the ribbon's Hợp nhất opens the merge view", async () => {
  const g = wrongSheet();
  const { host } = excelWith([g]);
  await host.autoCheck.setEnabled(false);
  await host.checkActive();
  render(<App host={host} />);
  expect(screen.getByTestId("error-count").textContent).toBe(`Lỗi: ${countBySeverity(findings(g)).errors}`);
  act(() => host.showView("merge"));
  await screen.findByRole("button", { name: "Tổng hợp" });
});

test("turning check-while-typing off removes Excel's handler", async () => {
  const { x, host } = excelWith([sheet(build(BASE))]);
  render(<App host={host} />);
  await waitFor(() => expect(x.handlers).toHaveLength(1));
  fireEvent.click(screen.getByRole("switch", { name: "Tự kiểm tra khi gõ" }));
  await waitFor(() => expect(x.handlers).toHaveLength(0));
});

test("Tổng hợp: a unit off the roster held out until the switch includes it; a blank table; the city's errors shown", async () => {
  const names = bundledRoster().units.map((u) => u.name);
  const stranger = "Trường Tiểu học Lê Văn Tám";
  const wrong = { ...sheet(unitValues(0), names[0]), name: "DV 1" };
  setCell(wrong, "D2", "total", 999);
  const grids = [
    wrong,
    { ...sheet(unitValues(1), stranger), name: "DV 2" },
    { ...sheet(build({}), names[1]), name: "DV 3" },
  ];
  const { x, host } = excelWith([
    ...grids,
    {
      name: "Danh sách đơn vị",
      rows: [
        ["Tên đơn vị", "Loại"],
        [names[0], "Phòng GDĐT"],
        [names[1], "Phòng GDĐT"],
      ],
    },
  ]);
  const roster = {
    units: [names[0], names[1]].map((name) => ({ name, type: "Phòng GDĐT" as const, aliases: [] })),
  };
  render(<App host={host} view="merge" />);
  await screen.findAllByRole("checkbox", { name: /^DV 1/ });
  expect(screen.getByTestId("roster-used").textContent).toBe("Dùng trang “Danh sách đơn vị” trong sổ này");
  fireEvent.click(screen.getByRole("button", { name: "Tổng hợp" }));
  await screen.findByTestId("merge-summary");
  expect(shownLines()).toEqual(coreLines(x, grids, { roster }));
  expect(shownLines()[3]).toMatch(/^Chưa xác nhận — không tính vào tổng: 1 đơn vị ngoài danh sách/);
  expect(screen.getByTestId("summary-held-out").getAttribute("data-count")).toBe("1");
  expect(screen.getByTestId("summary-missing").getAttribute("data-count")).toBe("1");
  const cells = (unit: string) =>
    within(screen.getAllByTestId("status-row").find((r) => r.getAttribute("data-unit") === unit)!)
      .getAllByRole("cell")
      .map((c) => c.textContent);
  expect(screen.getAllByTestId("status-row")[0].getAttribute("data-unit")).toBe(stranger);
  expect(cells(stranger)[2]).toBe("Chưa xác nhận — không tính vào tổng");
  expect(cells(names[1])[2]).toBe("Nộp bảng trống");
  // The city table's own errors, beside the sheets written.
  const city = screen.getByTestId("city-findings");
  expect(Number(city.getAttribute("data-errors"))).toBeGreaterThan(0);
  expect(within(city).getAllByTestId("finding").length).toBe(
    Number(city.getAttribute("data-errors")) + Number(city.getAttribute("data-warnings")),
  );

  fireEvent.click(screen.getByRole("switch", { name: "Tính cả đơn vị ngoài danh sách" }));
  fireEvent.click(screen.getByRole("button", { name: "Tổng hợp" }));
  await waitFor(() => expect(screen.getByTestId("summary-included").getAttribute("data-count")).toBe("2"));
  expect(shownLines()).toEqual(coreLines(x, grids, { roster, includeUnknown: true }));
  expect(screen.queryByTestId("summary-held-out")).toBeNull();
  expect(cells(stranger)[2]).toBe("Có");
});

test("the page's picks: workbooks kept, other files named as skipped, File.lastModified as the file time", () => {
  const f = (name: string, lastModified = 0) => new File([new Uint8Array([1])], name, { lastModified });
  const picked = [
    "so/THPT/Phụ lục 02.xlsx",
    "so/roster.json",
    "so/PhongGD/Hồng Bàng/Phụ lục 02.xls",
    "so/ghi chú.txt",
    "so/THPT/~$Phụ lục 02.xlsx",
    "so/PhongGD/bao-cao.docx",
  ].map((path) => ({ file: f(path), path }));
  const { files, skipped, others } = sortPicked(picked);
  expect(files.map((x) => x.path)).toEqual(["so/PhongGD/Hồng Bàng/Phụ lục 02.xls", "so/THPT/Phụ lục 02.xlsx"]);
  expect(skipped).toEqual(["so/PhongGD/bao-cao.docx", "so/THPT/~$Phụ lục 02.xlsx", "so/ghi chú.txt", "so/roster.json"]);
  expect(others).toEqual(["so/PhongGD/bao-cao.docx", "so/ghi chú.txt", "so/roster.json"]);
  expect(fileTimeOf(f("a.xlsx", Date.UTC(2026, 10, 6, 8)))).toBe("2026-11-06T08:00:00.000Z");
  expect(fileTimeOf(f("a.xlsx"))).toBeNull();
});
