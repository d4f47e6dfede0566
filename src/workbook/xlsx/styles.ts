/**
 * styles.xml: which cell formats show dates (for reading), and formats Tariefwijzer needs appended at the end of
 * their lists (for writing). Existing entries are never moved or renumbered; a format appended by an earlier
 * run is found again and reused, so re-running does not grow the file.
 */
import { isDateFormat } from '../office/adapter';
import { attr, escapeAttr, refuseDoctype } from './xml';

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

  constructor(private readonly xml: string) {
    refuseDoctype(xml, 'styles.xml');
    this.prefix = /<(\w+:)?styleSheet\b/.exec(xml)?.[1] ?? '';
    for (const m of xml.matchAll(/<(?:\w+:)?numFmt\b([^>]*)\/?>/g)) {
      const id = Number(attr(m[1], 'numFmtId'));
      const code = attr(m[1], 'formatCode');
      if (Number.isFinite(id) && code !== undefined) this.numFmts.set(id, code);
    }
    this.xfs = children(section(xml, 'cellXfs'), 'xf');
    this.fonts = children(section(xml, 'fonts'), 'font');
    this.dxfs = children(section(xml, 'dxfs'), 'dxf');
    this.dateXf = this.xfs.map((x) => {
      const id = Number(attr(x.slice(0, x.indexOf('>')), 'numFmtId') ?? 0);
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
    const baseTag = base.slice(0, base.indexOf('>'));
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
    const bold = base.endsWith('/>') ? `<${p}font><${p}b/></${p}font>` : base.replace(/^<(\w+:)?font\b[^>]*>/, (open) => `${open}<${p}b/>`);
    if (/<(\w+:)?b\s*\/>/.test(base)) return baseFont;
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
      const total =
        name === 'numFmts'
          ? (xml.match(/<(?:\w+:)?numFmt\b/g)?.length ?? 0) + items.length
          : name === 'fonts'
            ? this.fonts.length
            : name === 'cellXfs'
              ? this.xfs.length
              : this.dxfs.length;
      const open = new RegExp(`<(\\w+:)?${name}\\b([^>]*?)(/?)>`).exec(xml);
      if (open) {
        const attrs = setCount(open[2], total);
        if (open[3]) xml = xml.slice(0, open.index) + `<${p}${name}${attrs}>${items.join('')}</${p}${name}>` + xml.slice(open.index + open[0].length);
        else {
          const close = xml.indexOf(`</${open[1] ?? ''}${name}>`, open.index);
          xml =
            xml.slice(0, open.index) + `<${open[1] ?? ''}${name}${attrs}>` + xml.slice(open.index + open[0].length, close) + items.join('') + xml.slice(close);
        }
      } else {
        const element = `<${p}${name} count="${total}">${items.join('')}</${p}${name}>`;
        const after = ORDER.slice(ORDER.indexOf(name) + 1);
        let at = -1;
        for (const next of after) {
          const m = new RegExp(`<(\\w+:)?${next}\\b`).exec(xml);
          if (m) {
            at = m.index;
            break;
          }
        }
        if (at < 0) at = xml.lastIndexOf(`</${p}styleSheet>`);
        xml = xml.slice(0, at) + element + xml.slice(at);
      }
    }
    return xml;
  }
}

function setCount(attrs: string, count: number): string {
  return /\scount\s*=/.test(attrs) ? attrs.replace(/(\scount\s*=\s*)["']\d*["']/, `$1"${count}"`) : `${attrs} count="${count}"`;
}

function section(xml: string, name: string): string {
  const m = new RegExp(`<(\\w+:)?${name}\\b[^>]*?(/?)>`).exec(xml);
  if (!m || m[2]) return '';
  const close = xml.indexOf(`</${m[1] ?? ''}${name}>`, m.index);
  return close < 0 ? '' : xml.slice(m.index + m[0].length, close);
}

function children(xml: string, name: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`<(\\w+:)?${name}\\b[^>]*?(?:/>|>[\\s\\S]*?</(?:\\w+:)?${name}>)`, 'g');
  for (const m of xml.matchAll(re)) out.push(m[0]);
  return out;
}
