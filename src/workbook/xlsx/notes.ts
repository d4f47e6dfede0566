/**
 * Cell notes of a sheet: the comments part (text and authors) and the legacy VML drawing (the note boxes).
 * Tariefwijzer's notes replace those in its block's value area; every other note, author and shape (form
 * controls share the VML part) stays as it was. ECMA-376 Part 1, 18.7 (comments); the VML as Excel writes it.
 */
import { columnName, type OutputBlock } from '../port';
import { parseRef } from './sheet-xml';
import { appendChild, attr, child, childrenNamed, escapeAttr, escapeCellText, parseXml, refuseDoctype, rootElement, splice, textOf } from './xml';
import type { DeflatedPart, ZipReader } from './zip';
import { conform } from './conformance';
import { parseRels, relsPartOf, relType, resolveRelative, resolveTarget } from './rels';

const AUTHOR = 'Tariefwijzer';
const COMMENTS_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments';
const VML_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

interface Area {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
}

export class NotesPart {
  changed = false;
  private readonly newParts: Array<{ part?: string; extension?: string; type: string }> = [];

  private constructor(
    private readonly zip: ZipReader,
    private readonly sheetPart: string,
    private readonly editedText: Map<string, string>,
    private readonly strict: boolean,
  ) {}

  static async open(
    zip: ZipReader,
    sheetPart: string,
    _edited: Map<string, DeflatedPart>,
    editedText: Map<string, string>,
    strict = false,
  ): Promise<NotesPart> {
    return new NotesPart(zip, sheetPart, editedText, strict);
  }

  private text(part: string): string | undefined {
    const t = this.editedText.get(part) ?? this.zip.text(part);
    if (t !== undefined) refuseDoctype(t, part);
    return t;
  }

  private set(part: string, text: string): void {
    this.editedText.set(part, text);
    this.changed = true;
  }

  contentTypes(): Array<{ part?: string; extension?: string; type: string }> {
    return this.newParts;
  }

  /**
   * The `r:id` attribute to use in the worksheet: a prefix of our own declared on the element, so it does not depend
   * on which prefix (if any) the sheet bound to the relationships namespace.
   */
  relAttribute(): string {
    return `xmlns:tw="${conform(REL_NS, this.strict)}" tw:id`;
  }

  /**
   * Replace the notes in the block's value area by the block's notes. Returns the relationship id of the VML
   * drawing when the worksheet must (still) point at one, or undefined when nothing was to be done.
   */
  apply(extent: Area, block: OutputBlock): string | undefined {
    const area = { ...extent, r0: extent.r0 + 1 };
    const ours = (block.notes ?? []).map((n) => ({ row: block.headerRow + 1 + n.row, column: block.firstColumn + n.column, text: n.text }));
    const relsPart = this.zip.partName(relsPartOf(this.sheetPart));
    let relsXml = this.text(relsPart);
    const rels = parseRels(relsXml, relsPart);
    const commentsRel = rels.find((r) => relType(r.type) === 'comments' && !r.external);
    const vmlRel = rels.find((r) => relType(r.type) === 'vmlDrawing' && !r.external);
    if (!commentsRel && !ours.length) return undefined;

    // the comments part
    let commentsPart: string;
    let commentsXml: string;
    if (commentsRel) {
      commentsPart = this.zip.partName(resolveTarget(this.sheetPart, commentsRel.target));
      commentsXml = this.text(commentsPart) ?? emptyComments();
    } else {
      commentsPart = this.freeName('xl/comments', '.xml');
      commentsXml = emptyComments();
      this.newParts.push({ part: commentsPart, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml' });
    }
    const inArea = (ref: string | undefined) => {
      const at = ref ? parseRef(ref) : undefined;
      return !!at && at.row >= area.r0 && at.row <= area.r1 && at.column >= area.c0 && at.column <= area.c1;
    };
    let doc = parseXml(commentsXml, commentsPart);
    const p = rootElement(doc).prefix;
    const stale = childrenNamed(child(rootElement(doc), 'commentList'), 'comment').filter((c) => inArea(attr(c.tag, 'ref')));
    if (!stale.length && !ours.length) return undefined;
    commentsXml = splice(
      commentsXml,
      stale.map((c) => ({ from: c.start, to: c.end, insert: '' })),
    );
    if (ours.length) {
      doc = parseXml(commentsXml, commentsPart);
      const authors = child(rootElement(doc), 'authors');
      const names = childrenNamed(authors, 'author').map((a) => textOf(doc, a));
      let authorId = names.indexOf(AUTHOR);
      if (authorId < 0) {
        authorId = names.length;
        const element = `<${p}author>${AUTHOR}</${p}author>`;
        const root = rootElement(doc);
        commentsXml = authors
          ? appendChild(commentsXml, authors, element)
          : commentsXml.slice(0, root.openEnd) + `<${p}authors>${element}</${p}authors>` + commentsXml.slice(root.openEnd);
      }
      doc = parseXml(commentsXml, commentsPart);
      const list = ours
        .map(
          (n) =>
            `<${p}comment ref="${columnName(n.column)}${n.row + 1}" authorId="${authorId}"><${p}text><${p}r><${p}t xml:space="preserve">${escapeCellText(n.text)}</${p}t></${p}r></${p}text></${p}comment>`,
        )
        .join('');
      const commentList = child(rootElement(doc), 'commentList');
      commentsXml = commentList
        ? appendChild(commentsXml, commentList, list)
        : appendChild(commentsXml, rootElement(doc), `<${p}commentList>${list}</${p}commentList>`);
    }
    this.set(commentsPart, commentsXml);

    // the VML drawing with the note boxes
    let vmlPart: string;
    let vml: string;
    if (vmlRel) {
      vmlPart = this.zip.partName(resolveTarget(this.sheetPart, vmlRel.target));
      vml = this.text(vmlPart) ?? emptyVml(this.idMap());
    } else {
      vmlPart = this.freeName('xl/drawings/vmlDrawing', '.vml');
      vml = emptyVml(this.idMap());
      this.newParts.push({ extension: 'vml', type: 'application/vnd.openxmlformats-officedocument.vmlDrawing' });
    }
    vml = vml.replace(/<v:shape\b[^>]*>[\s\S]*?<\/v:shape>/g, (shape) => {
      if (!/ObjectType\s*=\s*["']Note["']/.test(shape)) return shape;
      const row = Number(/<x:Row>\s*(\d+)\s*<\/x:Row>/.exec(shape)?.[1]);
      const column = Number(/<x:Column>\s*(\d+)\s*<\/x:Column>/.exec(shape)?.[1]);
      return row >= area.r0 && row <= area.r1 && column >= area.c0 && column <= area.c1 ? '' : shape;
    });
    if (ours.length) {
      if (!/id\s*=\s*["']_x0000_t202["']/.test(vml)) vml = vml.replace(/<\/xml>\s*$/, `${SHAPE_TYPE}</xml>`);
      const idmap = Number(/<o:idmap\b[^>]*data\s*=\s*["'](\d+)/.exec(vml)?.[1] ?? 1);
      let id = Math.max(idmap * 1024, ...[...vml.matchAll(/_x0000_s(\d+)/g)].map((m) => Number(m[1])));
      const shapes = ours.map((n) => noteShape(++id, n.row, n.column)).join('');
      vml = vml.replace(/<\/xml>\s*$/, `${shapes}</xml>`);
    }
    this.set(vmlPart, vml);

    // the sheet's relationships
    let vmlId = vmlRel?.id;
    if (!commentsRel || !vmlRel) {
      const ids = new Set(rels.map((r) => r.id));
      const nextId = () => {
        let n = 1;
        while (ids.has(`rId${n}`)) n++;
        ids.add(`rId${n}`);
        return `rId${n}`;
      };
      let added = '';
      if (!commentsRel)
        added += `<Relationship Id="${nextId()}" Type="${COMMENTS_TYPE}" Target="${escapeAttr(resolveRelative(this.sheetPart, commentsPart))}"/>`;
      if (!vmlRel) {
        vmlId = nextId();
        added += `<Relationship Id="${vmlId}" Type="${VML_TYPE}" Target="${escapeAttr(resolveRelative(this.sheetPart, vmlPart))}"/>`;
      }
      relsXml = relsXml?.trim()
        ? appendChild(relsXml, rootElement(parseXml(relsXml, relsPart)), added)
        : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${added}</Relationships>`;
      this.set(relsPart, relsXml);
      if (!this.zip.get(relsPart)) this.newParts.push({ extension: 'rels', type: 'application/vnd.openxmlformats-package.relationships+xml' });
    }
    return vmlId;
  }

  private freeName(stem: string, ext: string): string {
    let n = 1;
    while (this.zip.get(`${stem}${n}${ext}`) || this.editedText.has(`${stem}${n}${ext}`)) n++;
    return `${stem}${n}${ext}`;
  }

  /** A VML shape id block (o:idmap) no other VML part of the package uses. */
  private idMap(): number {
    let max = 0;
    for (const e of this.zip.entries) {
      if (!e.name.endsWith('.vml')) continue;
      const m = /<o:idmap\b[^>]*data\s*=\s*["']([\d,\s]+)["']/.exec(this.zip.text(e.name) ?? '');
      for (const d of m?.[1].split(',') ?? []) max = Math.max(max, Number(d) || 0);
    }
    return max + 1;
  }
}

function emptyComments(): string {
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors/><commentList/></comments>';
}

const SHAPE_TYPE =
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';

function emptyVml(idmap: number): string {
  return `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${idmap}"/></o:shapelayout>${SHAPE_TYPE}</xml>`;
}

function noteShape(id: number, row: number, column: number): string {
  return (
    `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:240pt;height:90pt;z-index:1;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${column + 1}, 15, ${row}, 10, ${column + 5}, 15, ${row + 6}, 4</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${row}</x:Row><x:Column>${column}</x:Column></x:ClientData></v:shape>`
  );
}
