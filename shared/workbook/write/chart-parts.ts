/**
 * The DrawingML parts of a native chart in an .xlsx (ECMA-376 Part 1, §21.2 charts, §20.5
 * spreadsheet drawings): a clustered column chart with its title, axis titles and legend, each
 * bar labelled with its value and the value axis in #,##0 (§21.2.2.49 dLbls), every
 * series pointing at its cells on the chart sheet with the values cached beside the reference
 * (Excel draws from the cache until it recalculates; LibreOffice and openpyxl read both).
 * Small fixed XML, no timestamps: the workbook stays byte-identical run to run.
 */
import { COUNT_FORMAT, type SheetChart, sheetRef } from "../..";
import { esc } from "./sheet-writer";

const C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main";
const R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
/** Series colours (Office theme accents 1, 2, 4, 6): readable in print and by most colour-blind readers. */
const COLORS = ["4472C4", "ED7D31", "FFC000", "70AD47", "5B9BD5", "A5A5A5"];
/** Axis ids: any numbers unique within the chart, tying each series group to its two axes. */
const CAT_AXIS = 500100;
const VAL_AXIS = 500200;

function rich(text: string, rotate = false): string {
  return `<c:tx><c:rich><a:bodyPr${rotate ? ' rot="-5400000" vert="horz"' : ""}/><a:lstStyle/><a:p><a:pPr><a:defRPr b="1"/></a:pPr><a:r><a:rPr lang="vi-VN" b="1"/><a:t>${esc(text)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/>`;
}

function strCache(values: string[]): string {
  return `<c:strCache><c:ptCount val="${values.length}"/>${values.map((v, i) => `<c:pt idx="${i}"><c:v>${esc(v)}</c:v></c:pt>`).join("")}</c:strCache>`;
}

function numCache(values: number[]): string {
  return `<c:numCache><c:formatCode>${COUNT_FORMAT}</c:formatCode><c:ptCount val="${values.length}"/>${values.map((v, i) => `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`).join("")}</c:numCache>`;
}

function axis(kind: "cat" | "val", title: string): string {
  const [id, cross, pos] = kind === "cat" ? [CAT_AXIS, VAL_AXIS, "b"] : [VAL_AXIS, CAT_AXIS, "l"];
  const tag = kind === "cat" ? "c:catAx" : "c:valAx";
  const tail =
    kind === "cat"
      ? '<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/>'
      : '<c:crossBetween val="between"/>';
  return `<${tag}><c:axId val="${id}"/><c:scaling><c:orientation val="minMax"/>${kind === "val" ? '<c:min val="0"/>' : ""}</c:scaling><c:delete val="0"/><c:axPos val="${pos}"/>${kind === "val" ? "<c:majorGridlines/>" : ""}<c:title>${rich(title, kind === "val")}</c:title>${kind === "val" ? `<c:numFmt formatCode="${COUNT_FORMAT}" sourceLinked="0"/>` : '<c:numFmt formatCode="General" sourceLinked="1"/>'}<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="${cross}"/><c:crosses val="autoZero"/>${tail}</${tag}>`;
}

/** Every bar's value written above it, as #,##0. */
const DATA_LABELS = `<c:dLbls><c:numFmt formatCode="${COUNT_FORMAT}" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr><c:dLblPos val="outEnd"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>`;

/** One chart part (xl/charts/chartN.xml). */
export function chartXml(ch: SheetChart, sheet: string): string {
  const cat = `<c:cat><c:strRef><c:f>${esc(sheetRef(sheet, ch.categories))}</c:f>${strCache(ch.categoryNames)}</c:strRef></c:cat>`;
  const series = ch.series.map(
    (s, i) =>
      `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:strRef><c:f>${esc(sheetRef(sheet, s.nameRef))}</c:f>${strCache([s.name])}</c:strRef></c:tx><c:spPr><a:solidFill><a:srgbClr val="${COLORS[i % COLORS.length]}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>${cat}<c:val><c:numRef><c:f>${esc(sheetRef(sheet, s.ref))}</c:f>${numCache(s.values)}</c:numRef></c:val></c:ser>`,
  );
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<c:chartSpace xmlns:c="${C_NS}" xmlns:a="${A_NS}" xmlns:r="${R_NS}"><c:roundedCorners val="0"/><c:chart><c:title>${rich(ch.title)}</c:title><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series.join("")}${DATA_LABELS}<c:gapWidth val="150"/><c:axId val="${CAT_AXIS}"/><c:axId val="${VAL_AXIS}"/></c:barChart>${axis("cat", ch.categoryTitle)}${axis("val", ch.valueTitle)}</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`;
}

/** The sheet's drawing part: each chart anchored from its top-left cell to its bottom-right cell. */
export function drawingXml(charts: SheetChart[], firstRel: number): string {
  const cell = (row: number, col: number) =>
    `<xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff>`;
  const anchors = charts.map(
    (ch, i) =>
      `<xdr:twoCellAnchor editAs="oneCell"><xdr:from>${cell(ch.anchor.top, ch.anchor.left)}</xdr:from><xdr:to>${cell(ch.anchor.bottom, ch.anchor.right)}</xdr:to><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${esc(ch.id)}" descr="${esc(ch.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="${C_NS}"><c:chart xmlns:c="${C_NS}" r:id="rId${firstRel + i}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`,
  );
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="${A_NS}" xmlns:r="${R_NS}">${anchors.join("")}</xdr:wsDr>`;
}
