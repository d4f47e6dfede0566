/** Package relationships (OPC, ECMA-376 Part 2): parts, targets and types. */
import { attr, childrenNamed, parseXml, rootElement } from './xml';

/** Resolve a relationship target against the folder of its source part. */
export function resolveTarget(sourcePart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = sourcePart.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

export function relsPartOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

/** The relationships of a .rels part (`part` names it in errors). */
export function parseRels(xml: string | undefined, part: string): Relationship[] {
  if (!xml?.trim()) return [];
  return childrenNamed(rootElement(parseXml(xml, part)), 'Relationship').map((e) => ({
    id: attr(e.tag, 'Id') ?? '',
    type: attr(e.tag, 'Type') ?? '',
    target: attr(e.tag, 'Target') ?? '',
    external: attr(e.tag, 'TargetMode') === 'External',
  }));
}

/** Relationship types end the same way in transitional and Strict OOXML; compare by their last segment. */
export const relType = (type: string) => type.slice(type.lastIndexOf('/') + 1);

/** A target for a relationship from `from` to `to` (both part names). */
export function resolveRelative(from: string, to: string): string {
  const a = from.split('/').slice(0, -1);
  const b = to.split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}
