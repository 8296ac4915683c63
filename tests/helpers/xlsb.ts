/**
 * A minimal Excel Binary Workbook (.xlsb) of one sheet, for the tests: LibreOffice reads .xlsb but
 * cannot write it (`soffice --convert-to xlsb` has no export filter), so it is built here from
 * the records [MS-XLSB] names: the workbook's BrtBeginBook, BrtBeginBundleShs, BrtBundleSh
 * (2.4.304); the sheet's BrtBeginSheet, BrtBeginSheetData, BrtRowHdr (2.4.726), BrtCellReal
 * (2.4.314) and BrtCellSt (2.4.317, an inline string), each record a type and a size as
 * variable-length integers (2.1.4).
 */
import { strToU8, zipSync } from "fflate";
import type { Cell } from "../../shared";

const varint = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
};

const u32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
const u16 = (n: number) => [n & 0xff, (n >>> 8) & 0xff];
const wide = (s: string) => [...u32(s.length), ...[...s].flatMap((_, i) => u16(s.charCodeAt(i)))];
const real = (x: number) => [...new Uint8Array(new Float64Array([x]).buffer)];

/** Record ids of [MS-XLSB] 2.3.2. */
const BRT = {
  rowHdr: 0,
  cellReal: 5,
  cellSt: 6,
  beginSheet: 129,
  endSheet: 130,
  beginBook: 131,
  endBook: 132,
  beginSheetData: 145,
  endSheetData: 146,
  beginBundleShs: 143,
  endBundleShs: 144,
  bundleSh: 156,
};

function record(type: number, data: number[] = []): number[] {
  // the type's varint is written as one or two bytes of 7 bits each, like the size
  return [...varint(type), ...varint(data.length), ...data];
}

const bytes = (records: number[][]) => Uint8Array.from(records.flat());

/** One sheet named `name` holding `rows` (numbers and strings; blanks left out). */
export function xlsb(rows: Cell[][], name = "Phụ lục 02"): Uint8Array {
  const book = bytes([
    record(BRT.beginBook),
    record(BRT.beginBundleShs),
    record(BRT.bundleSh, [...u32(0), ...u32(1), ...wide("rId1"), ...wide(name)]),
    record(BRT.endBundleShs),
    record(BRT.endBook),
  ]);
  const data: number[][] = [record(BRT.beginSheet), record(BRT.beginSheetData)];
  rows.forEach((row, r) => {
    if (!row || row.every((v) => v === null || v === undefined)) return;
    // rw, ixfe, miyRw (15 pt), three bytes of flags, ccolspan 0
    data.push(record(BRT.rowHdr, [...u32(r), ...u32(0), ...u16(300), 0, 0, 0, ...u32(0)]));
    row.forEach((v, c) => {
      const cell = [...u32(c), ...u32(0)];
      if (typeof v === "number") data.push(record(BRT.cellReal, [...cell, ...real(v)]));
      else if (typeof v === "string") data.push(record(BRT.cellSt, [...cell, ...wide(v)]));
    });
  });
  data.push(record(BRT.endSheetData), record(BRT.endSheet));
  const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  return zipSync({
    "[Content_Types].xml": strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/>' +
        '<Override PartName="/xl/worksheets/sheet1.bin" ContentType="application/vnd.ms-excel.worksheet"/>' +
        "</Types>",
    ),
    "_rels/.rels": strToU8(
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.bin"/></Relationships>`,
    ),
    "xl/workbook.bin": book,
    "xl/_rels/workbook.bin.rels": strToU8(
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.bin"/></Relationships>`,
    ),
    "xl/worksheets/sheet1.bin": bytes(data),
  });
}
