/**
 * What must never be in text a user reads (pane, workbook cells, CLI messages): our internals. Line references
 * and source file numbers stay in the packs (for the tests); parameter ids, flag codes, row references like
 * "Aanbieders!4", repository paths and the word "seed" are ours, not the reader's.
 */
const PATTERNS: Array<[string, RegExp]> = [
  ['regelverwijzing', /(?<![\w-])(?:[A-Z]-)?L\d{1,5}(?:[-–]\d{1,5})?\b/],
  ['bronbestandsnummer', /(?<![\d.,€\w])00[0-4](?![\d.,]?\d)(?!\s*(?:%|euro))/],
  ['bestandsnaam', /\b[\w-]+\.(?:txt|ts|tsx|js|md)\b/i],
  ['het woord seed', /\bseed/i],
  ['parameter-id', /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/],
  ['signaalcode', /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/],
  ['celverwijzing', /\b[\p{L}\d]+![A-Z]{0,3}\d+\b/u],
  ['repositorypad', /(?<![\w.])(?:docs|src|test|scripts|bin|build|examples)\/[\w./-]+/],
];

export interface InternalRef {
  kind: string;
  match: string;
  text: string;
}

/** The internal references in one text (empty when it is clean). */
export function internalRefs(text: string): InternalRef[] {
  const out: InternalRef[] = [];
  for (const [kind, re] of PATTERNS) {
    const m = re.exec(text);
    if (m) out.push({ kind, match: m[0], text: text.length > 160 ? `…${text.slice(Math.max(0, m.index - 60), m.index + 80)}…` : text });
  }
  return out;
}

/** All internal references in many texts, labelled by where each text came from. */
export function findInternalRefs(texts: Iterable<[where: string, text: string]>): string[] {
  const found: string[] = [];
  for (const [where, text] of texts) for (const r of internalRefs(text)) found.push(`${where}: ${r.kind} "${r.match}" in ${JSON.stringify(r.text)}`);
  return found;
}
