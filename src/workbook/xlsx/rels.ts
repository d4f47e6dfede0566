/** Package relationships (OPC, ECMA-376 Part 2): parts, targets and types. */
import { attr, refuseDoctype } from './xml';

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

export function parseRels(xml: string | undefined): Relationship[] {
  if (!xml) return [];
  refuseDoctype(xml, 'relaties');
  return [...xml.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)].map((m) => ({
    id: attr(m[1], 'Id') ?? '',
    type: attr(m[1], 'Type') ?? '',
    target: attr(m[1], 'Target') ?? '',
    external: attr(m[1], 'TargetMode') === 'External',
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
