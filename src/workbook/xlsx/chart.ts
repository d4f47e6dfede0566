/**
 * A native line chart on one of Tariefwijzer's own sheets: a DrawingML drawing part anchored on the sheet and a
 * chart part whose series refer to the sheet's cells (ECMA-376 Part 1, 20.5 SpreadsheetML drawing and 21.2
 * DrawingML charts). Part names follow the sheet's part, so a re-run rewrites the same parts instead of adding.
 */
import type { ChartSpec } from '../port';
import { columnName } from '../port';
import { resolveRelative } from './rels';
import { escapeAttr, escapeCellText } from './xml';

const C_NS = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const A_NS = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XDR_NS = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export interface BuiltChart {
  /** Part name → XML. */
  parts: Map<string, string>;
  sheetRels: string;
  drawingRelId: string;
  contentTypes: Array<{ part: string; type: string }>;
}

export function buildChart(sheetPart: string, specs: ChartSpec[]): BuiltChart {
  const base = sheetPart.slice(sheetPart.lastIndexOf('/') + 1).replace(/\.xml$/, '');
  const drawing = `xl/drawings/tariefwijzer-${base}.xml`;
  const parts = new Map<string, string>();
  const contentTypes = [{ part: drawing, type: 'application/vnd.openxmlformats-officedocument.drawing+xml' }];
  const anchors: string[] = [];
  const drawingRels: string[] = [];
  specs.forEach((spec, i) => {
    const chart = `xl/charts/tariefwijzer-${base}-${i + 1}.xml`;
    parts.set(chart, chartXml(spec));
    contentTypes.push({ part: chart, type: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml' });
    drawingRels.push(`<Relationship Id="rId${i + 1}" Type="${REL}/chart" Target="${resolveRelative(drawing, chart)}"/>`);
    const { row, column } = spec.anchor;
    anchors.push(
      `<xdr:twoCellAnchor editAs="oneCell"><xdr:from><xdr:col>${column}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
        `<xdr:to><xdr:col>${column + spec.size.columns}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row + spec.size.rows}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
        `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${escapeAttr(spec.name)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
        '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
        `<a:graphic><a:graphicData uri="${C_NS}"><c:chart xmlns:c="${C_NS}" r:id="rId${i + 1}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`,
    );
  });
  parts.set(drawing, `${HEAD}<xdr:wsDr xmlns:xdr="${XDR_NS}" xmlns:a="${A_NS}" xmlns:r="${R_NS}">${anchors.join('')}</xdr:wsDr>`);
  const dRels = drawing.replace(/([^/]+)$/, '_rels/$1.rels');
  parts.set(dRels, rels(drawingRels.join('')));
  return {
    parts,
    sheetRels: rels(`<Relationship Id="rId1" Type="${REL}/drawing" Target="${resolveRelative(sheetPart, drawing)}"/>`),
    drawingRelId: 'rId1',
    contentTypes,
  };
}

function rels(body: string): string {
  return `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${body}</Relationships>`;
}

function ref(sheet: string, column: number, r0: number, r1 = r0): string {
  const name = `'${sheet.replace(/'/g, "''")}'`;
  const col = columnName(column);
  return r0 === r1 ? `${name}!$${col}$${r0 + 1}` : `${name}!$${col}$${r0 + 1}:$${col}$${r1 + 1}`;
}

function richTitle(text: string, size = 1400): string {
  return `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:pPr><a:defRPr sz="${size}"/></a:pPr><a:r><a:rPr lang="nl-NL" sz="${size}"/><a:t>${escapeCellText(text)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`;
}

function chartXml(spec: ChartSpec): string {
  const series = spec.seriesColumns
    .map(
      (column, i) =>
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:strRef><c:f>${escapeCellText(ref(spec.sheet, column, spec.headerRow))}</c:f></c:strRef></c:tx>` +
        '<c:marker><c:symbol val="circle"/><c:size val="5"/></c:marker>' +
        `<c:cat><c:strRef><c:f>${escapeCellText(ref(spec.sheet, spec.categoryColumn, spec.firstRow, spec.lastRow))}</c:f></c:strRef></c:cat>` +
        `<c:val><c:numRef><c:f>${escapeCellText(ref(spec.sheet, column, spec.firstRow, spec.lastRow))}</c:f></c:numRef></c:val><c:smooth val="0"/></c:ser>`,
    )
    .join('');
  const valueTitle = spec.valueAxisTitle ? richTitle(spec.valueAxisTitle, 1000) : '';
  return (
    `${HEAD}<c:chartSpace xmlns:c="${C_NS}" xmlns:a="${A_NS}" xmlns:r="${R_NS}"><c:roundedCorners val="0"/><c:chart>${richTitle(spec.title)}<c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/><c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/><c:axId val="500000001"/><c:axId val="500000002"/></c:lineChart>` +
    '<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="1"/><c:tickLblPos val="nextTo"/><c:crossAx val="500000002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx>' +
    `<c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/>${valueTitle}<c:numFmt formatCode="General" sourceLinked="1"/><c:tickLblPos val="nextTo"/><c:crossAx val="500000001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>` +
    '</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>'
  );
}
