/**
 * Writing workbooks with exceljs, for the command line only: the blank template and sample grids.
 * The CLI loads it lazily (its own bundle, dist/cli/xlsx-write.cjs), never for check or merge.
 * Every cell value taken from an input (a unit name, a label) is written as a string, never as a
 * formula. (Annotated copies edit the unit's own package, shared/workbook/annotate/; the city
 * workbook has its own small writer, shared/workbook/write/sheet-writer.ts.)
 */
import ExcelJS from "exceljs";
import {
  argb,
  type Cell,
  type Grid,
  isCellError,
  type Lang,
  type Merge,
  STYLE_LOOK,
  type ListLayout,
  listLayout,
  type ListRow,
  listTemplateById,
  templateById,
  templateLayout,
  type TemplateLayout,
  type Values,
} from "../shared";

const FIXED_DATE = new Date(Date.UTC(2025, 0, 1));
/** The fills of the template, from the style model the city workbook uses (shared/style-look.ts). */
const FILL = {
  header: argb(STYLE_LOOK.header.fill!),
  group: argb(STYLE_LOOK.groupText.fill!),
  blank: argb(STYLE_LOOK.blank.fill!),
};
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};

function solid(argb: string): ExcelJS.Fill {
  return { type: "pattern", pattern: "solid", fgColor: { argb } };
}

function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "phuluc02";
  wb.lastModifiedBy = "phuluc02";
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  return wb;
}

async function toBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A cell value for exceljs; strings stay strings even when they start with "=". */
function valueOf(v: Cell): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (isCellError(v)) return { error: v.error } as ExcelJS.CellErrorValue;
  return v;
}

function applyMerges(ws: ExcelJS.Worksheet, merges: Merge[] | undefined) {
  for (const m of merges ?? []) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
}

function writeGrid(ws: ExcelJS.Worksheet, grid: Grid) {
  grid.rows.forEach((row, r) => {
    (row ?? []).forEach((v, c) => {
      if (v === null || v === undefined) return;
      ws.getCell(r + 1, c + 1).value = valueOf(v);
    });
  });
}

/** The styled sheet of a template layout: the blank template, a filled one, or the city sheet. */
function templateSheet(wb: ExcelJS.Workbook, lay: TemplateLayout, opts: { formulas: boolean; name?: string }) {
  const t = lay.template;
  const ws = wb.addWorksheet(opts.name ?? lay.grid.name, {
    views: [{ state: "frozen", xSplit: (lay.col.get("label") ?? 0) + 1, ySplit: lay.numberRow + 1 }],
    pageSetup: { orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  t.columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
  writeGrid(ws, lay.grid);
  applyMerges(ws, lay.merges);
  const last = lay.lastCol + 1;
  for (const r of [lay.titleRow, lay.subtitleRow]) {
    const cell = ws.getCell(r + 1, 1);
    cell.font = { bold: true, size: r === lay.titleRow ? 14 : 12 };
    cell.alignment = { horizontal: "center", vertical: "middle" };
  }
  ws.getCell(lay.unitRow + 1, 1).font = { bold: true };
  const unitCell = ws.getCell(lay.unitRow + 1, 2);
  if (!unitCell.value) unitCell.fill = solid(FILL.blank);
  for (const [, r] of lay.attrRows) {
    ws.getCell(r + 1, 2).font = { bold: true };
    const v = ws.getCell(r + 1, 3);
    if (!v.value) v.fill = solid(FILL.blank);
  }
  for (let r = lay.headerTop; r <= lay.numberRow; r++) {
    ws.getRow(r + 1).height = r === lay.numberRow ? 16 : r === lay.headerBottom && r > lay.headerTop ? 50 : 36;
    for (let c = 1; c <= last; c++) {
      const cell = ws.getCell(r + 1, c);
      cell.font = r === lay.numberRow ? { italic: true } : { bold: true };
      cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
      cell.border = THIN;
      cell.fill = solid(FILL.header);
    }
  }
  const labelCol = (lay.col.get("label") ?? 1) + 1;
  for (const def of t.rows) {
    const r = lay.row.get(def.code)! + 1;
    const strong = def.kind === "group" || def.kind === "total";
    for (let c = 1; c <= last; c++) {
      const cell = ws.getCell(r, c);
      cell.border = THIN;
      if (strong) {
        cell.font = { bold: true };
        cell.fill = solid(FILL.group);
      }
      if (c === labelCol)
        cell.alignment = {
          wrapText: true,
          vertical: "middle",
          indent: def.parent && t.row.get(def.parent)?.kind !== "group" && def.kind !== "group" ? 2 : 0,
        };
      else cell.alignment = { horizontal: "center", vertical: "middle" };
    }
  }
  // The blank template's inputs are all blank, so every total is 0: that is its cached result, and
  // checking the template before anyone opened it finds nothing. The workbook asks for a full
  // calculation on load (fullCalcOnLoad), so Excel and LibreOffice compute them again anyway.
  if (opts.formulas)
    for (const [addr, f] of lay.formulas)
      ws.getCell(addr).value = { formula: f, result: 0 } as ExcelJS.CellFormulaValue;
  return ws;
}

function validateInputs(ws: ExcelJS.Worksheet, lay: TemplateLayout) {
  for (const box of lay.inputCells)
    for (let r = box.top; r <= box.bottom; r++)
      for (let c = box.left; c <= box.right; c++)
        ws.getCell(r + 1, c + 1).dataValidation = {
          type: "whole",
          operator: "greaterThanOrEqual",
          formulae: [0],
          allowBlank: true,
          showErrorMessage: true,
          errorStyle: "stop",
          errorTitle: "Số liệu không hợp lệ",
          error: "Số lượng phải là số nguyên ≥ 0",
          showInputMessage: false,
        };
  const t = lay.template;
  for (const a of t.def.attributes) {
    const r = lay.attrRows.get(a.key)!;
    ws.getCell(r + 1, 3).dataValidation = {
      type: "list",
      allowBlank: true,
      formulae: [`"${a.values.map((v) => v.texts[0]).join(",")}"`],
      showErrorMessage: true,
      errorTitle: a.name.vi,
      error: `Chọn một giá trị trong danh sách`,
    };
  }
}

export interface TemplateOptions {
  unit?: string | null;
  values?: Values;
  daibieu?: { values?: Values; attrs?: Record<string, string> } | boolean;
  /** The third sheet, Danh sách đại biểu (spec §4b): blank, or a unit's list. */
  delegates?: { people?: ListRow[]; unitType?: string | null } | boolean;
  lang?: Lang;
}

/** The styled sheet of a list layout (Danh sách đại biểu), with choice lists on kind and gender. */
function listWorksheet(wb: ExcelJS.Workbook, lay: ListLayout) {
  const t = lay.template;
  const ws = wb.addWorksheet(lay.grid.name, {
    views: [{ state: "frozen", xSplit: 2, ySplit: lay.numberRow + 1 }],
    pageSetup: { orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  t.columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
  writeGrid(ws, lay.grid);
  applyMerges(ws, lay.merges);
  for (const r of [lay.titleRow, lay.subtitleRow]) {
    const cell = ws.getCell(r + 1, 1);
    cell.font = { bold: true, size: r === lay.titleRow ? 14 : 12 };
    cell.alignment = { horizontal: "center", vertical: "middle" };
  }
  for (const r of [lay.unitRow, ...lay.attrRows.values()]) {
    ws.getCell(r + 1, 1).font = { bold: true };
    const v = ws.getCell(r + 1, 2);
    if (!v.value) v.fill = solid(FILL.blank);
  }
  ws.getRow(lay.headerRow + 1).height = 48;
  for (let c = 1; c <= lay.lastCol + 1; c++) {
    for (const r of [lay.headerRow, lay.numberRow]) {
      const cell = ws.getCell(r + 1, c);
      cell.font = r === lay.numberRow ? { italic: true } : { bold: true };
      cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
      cell.border = THIN;
      cell.fill = solid(FILL.header);
    }
    for (let r = lay.firstDataRow; r <= lay.lastRow; r++) {
      const cell = ws.getCell(r + 1, c);
      cell.border = THIN;
      cell.alignment = { vertical: "top", wrapText: true };
    }
  }
  const choices = (key: string, texts: string[], title: string) => {
    const c = lay.col.get(key);
    if (c === undefined) return;
    for (let r = lay.firstDataRow; r <= lay.lastRow + 20; r++)
      ws.getCell(r + 1, c + 1).dataValidation = {
        type: "list",
        allowBlank: true,
        formulae: [`"${texts.join(",")}"`],
        showErrorMessage: true,
        errorStyle: "warning",
        errorTitle: title,
        error: "Chọn một giá trị trong danh sách",
      };
  };
  choices(
    "kind",
    t.def.kinds.map((k) => k.texts[0]),
    "Loại",
  );
  choices(
    "gender",
    t.def.genders.map((g) => g.texts[0]),
    "Giới tính",
  );
  for (const a of t.def.attributes) {
    const r = lay.attrRows.get(a.key)!;
    ws.getCell(r + 1, 2).dataValidation = {
      type: "list",
      allowBlank: true,
      formulae: [`"${a.values.map((v) => v.texts[0]).join(",")}"`],
      showErrorMessage: true,
      errorTitle: a.name.vi,
      error: "Chọn một giá trị trong danh sách",
    };
  }
  return ws;
}

export async function writeTemplateWorkbook(opts: TemplateOptions = {}): Promise<Uint8Array> {
  const wb = newWorkbook();
  // LibreOffice keeps cached formula results unless the file asks for a full recalculation.
  wb.calcProperties.fullCalcOnLoad = true;
  const pl = templateLayout(templateById("pl02"), { unit: opts.unit ?? "", values: opts.values });
  validateInputs(templateSheet(wb, pl, { formulas: !opts.values }), pl);
  if (opts.daibieu) {
    const d = typeof opts.daibieu === "object" ? opts.daibieu : {};
    const lay = templateLayout(templateById("daibieu"), { unit: opts.unit ?? "", values: d.values, attrs: d.attrs });
    validateInputs(templateSheet(wb, lay, { formulas: false }), lay);
  }
  if (opts.delegates) {
    const d = typeof opts.delegates === "object" ? opts.delegates : {};
    listWorksheet(wb, listLayout(listTemplateById("ds-daibieu"), { unit: opts.unit ?? "", ...d }));
  }
  return toBytes(wb);
}

/** Plain grids as sheets (sample data and its layout variants). */
export async function writeGridsWorkbook(sheets: { grid: Grid; merges?: Merge[] }[]): Promise<Uint8Array> {
  const wb = newWorkbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.grid.name);
    writeGrid(ws, s.grid);
    applyMerges(ws, s.merges);
  }
  return toBytes(wb);
}
