/**
 * styles.xml: which cell formats show dates (for reading), and formats Tariefwijzer needs appended at the end of
 * their lists (for writing). Existing entries are never moved or renumbered; a format appended by an earlier
 * run is found again and reused, so re-running does not grow the file.
 */
import { isDateFormat } from '../number-format';
import { appendChild, attr, childrenNamed, escapeAttr, parseXml, rootElement, setAttr, tagEnd, type XmlElement } from './xml';

/** Built-in number formats that show a date or time (ECMA-376 Part 1, 18.8.30 numFmt). */
const BUILTIN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

export interface CellFormat {
  numFmt?: string;
  bold?: boolean;
  wrap?: boolean;
}

type Section = 'numFmts' | 'fonts' | 'cellXfs' | 'dxfs';
/** Order of the children of styleSheet (ECMA-376 Part 1, 18.8.39 styleSheet). */
const ORDER = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'];

export class Styles {
  private readonly prefix: string;
  private readonly xfs: string[];
  private readonly fonts: string[];
  private readonly dxfs: string[];
  private readonly numFmts = new Map<number, string>();
  private readonly added: Record<Section, string[]> = { numFmts: [], fonts: [], cellXfs: [], dxfs: [] };
  private readonly dateXf: boolean[];
  private readonly cache = new Map<string, number>();
  changed = false;

  constructor(
    private readonly xml: string,
    private readonly part = 'xl/styles.xml',
  ) {
    // only <styleSheet>'s own children: an <x14:dxfs> inside its extLst is not the main <dxfs>
    const sheet = rootElement(parseXml(xml, this.part));
    this.prefix = sheet.prefix;
    const section = (name: string) => sheet.children.find((e) => e.local === name);
    for (const f of childrenNamed(section('numFmts'), 'numFmt')) {
      const id = Number(attr(f.tag, 'numFmtId'));
      const code = attr(f.tag, 'formatCode');
      if (Number.isFinite(id) && code !== undefined) this.numFmts.set(id, code);
    }
    const items = (name: string, item: string) => childrenNamed(section(name), item).map((e) => xml.slice(e.start, e.end));
    this.xfs = items('cellXfs', 'xf');
    this.fonts = items('fonts', 'font');
    this.dxfs = items('dxfs', 'dxf');
    this.dateXf = this.xfs.map((x) => {
      const id = Number(attr(x.slice(0, tagEnd(x, 0)), 'numFmtId') ?? 0);
      const code = this.numFmts.get(id);
      return code !== undefined ? isDateFormat(code) : BUILTIN_DATES.has(id);
    });
  }

  static empty(): Styles {
    return new Styles(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>',
    );
  }

  isDate(styleIndex: number): boolean {
    return this.dateXf[styleIndex] ?? false;
  }

  /** The cellXfs index of a format: the workbook's default cell format with these changes. */
  xf(format: CellFormat): number {
    const key = `${format.numFmt ?? ''}|${format.bold ? 1 : 0}|${format.wrap ? 1 : 0}`;
    const known = this.cache.get(key);
    if (known !== undefined) return known;
    const p = this.prefix;
    const base = this.xfs[0] ?? `<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`;
    const baseTag = base.slice(0, tagEnd(base, 0));
    const numFmtId = format.numFmt === undefined ? Number(attr(baseTag, 'numFmtId') ?? 0) : this.numFmt(format.numFmt);
    const fontId = format.bold ? this.boldFont(Number(attr(baseTag, 'fontId') ?? 0)) : Number(attr(baseTag, 'fontId') ?? 0);
    const xml =
      `<${p}xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${attr(baseTag, 'fillId') ?? 0}" borderId="${attr(baseTag, 'borderId') ?? 0}" xfId="${attr(baseTag, 'xfId') ?? 0}"` +
      (format.numFmt !== undefined ? ' applyNumberFormat="1"' : '') +
      (format.bold ? ' applyFont="1"' : '') +
      (format.wrap ? ` applyAlignment="1"><${p}alignment vertical="top" wrapText="1"/></${p}xf>` : '/>');
    const index = this.find(this.xfs, 'cellXfs', xml);
    this.cache.set(key, index);
    return index;
  }

  /** A dxf (differential format) filling the cell with a colour, for a conditional format rule. */
  fill(color: string): number {
    const p = this.prefix;
    const argb = 'FF' + color.replace('#', '').toUpperCase();
    return this.find(
      this.dxfs,
      'dxfs',
      `<${p}dxf><${p}fill><${p}patternFill patternType="solid"><${p}bgColor rgb="${argb}"/></${p}patternFill></${p}fill></${p}dxf>`,
    );
  }

  private numFmt(code: string): number {
    for (const [id, c] of this.numFmts) if (c === code) return id;
    let id = 164;
    while (this.numFmts.has(id)) id++;
    this.numFmts.set(id, code);
    this.added.numFmts.push(`<${this.prefix}numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`);
    this.changed = true;
    return id;
  }

  private boldFont(baseFont: number): number {
    const p = this.prefix;
    const base = this.fonts[baseFont] ?? `<${p}font><${p}sz val="11"/></${p}font>`;
    const font = rootElement(parseXml(base, this.part));
    if (childrenNamed(font, 'b').some((b) => !['0', 'false'].includes(attr(b.tag, 'val') ?? '1'))) return baseFont;
    // CT_Font's children are a choice in any order (ECMA-376 Part 1, 18.8.22); Excel writes <b> first
    const bold = font.end === font.openEnd ? `<${p}font><${p}b/></${p}font>` : base.slice(0, font.openEnd) + `<${p}b/>` + base.slice(font.openEnd);
    return this.find(this.fonts, 'fonts', bold);
  }

  private find(list: string[], name: Section, xml: string): number {
    const i = list.indexOf(xml);
    if (i >= 0) return i;
    list.push(xml);
    this.added[name].push(xml);
    this.changed = true;
    return list.length - 1;
  }

  /** styles.xml with the appended entries; the original text everywhere else. */
  toXml(): string {
    let xml = this.xml;
    const p = this.prefix;
    for (const name of ['numFmts', 'fonts', 'cellXfs', 'dxfs'] as Section[]) {
      const items = this.added[name];
      if (!items.length) continue;
      const sheet = rootElement(parseXml(xml, this.part));
      const existing = sheet.children.find((e) => e.local === name);
      const total =
        name === 'numFmts'
          ? childrenNamed(existing, 'numFmt').length + items.length
          : name === 'fonts'
            ? this.fonts.length
            : name === 'cellXfs'
              ? this.xfs.length
              : this.dxfs.length;
      if (existing) xml = withCount(appendChild(xml, existing, items.join('')), existing, total);
      else {
        const after = ORDER.slice(ORDER.indexOf(name) + 1);
        const next: XmlElement | undefined = sheet.children.find((e) => after.includes(e.local));
        const at = next ? next.start : sheet.closeStart;
        const element = `<${p}${name} count="${total}">${items.join('')}</${p}${name}>`;
        xml = sheet.end === sheet.openEnd ? appendChild(xml, sheet, element) : xml.slice(0, at) + element + xml.slice(at);
      }
    }
    return xml;
  }
}

/** `xml` with the count attribute of `el`'s start tag set (its start has not moved: edits were after it). */
function withCount(xml: string, el: XmlElement, count: number): string {
  const end = tagEnd(xml, el.start);
  return xml.slice(0, el.start) + setAttr(xml.slice(el.start, end), 'count', String(count)) + xml.slice(end);
}
