/**
 * The policy documents the shipped rules cite, by the file name the packs use (and the tests check quotes
 * against), with the short title a reader can look up. File names and line numbers stay in the packs; what
 * users read is "Zilveren Kruis, Inkoopbeleid Wlz GGZ 2024–2026, §2.3.2".
 *
 * The shipped packs repeat these titles in their `sources[].short` (a test keeps both equal): an own pack
 * that cites its own document names it there.
 */
export const DOCUMENT_TITLES: Readonly<Record<string, string>> = {
  '000_18bbe548183d37ca.txt': 'Zilveren Kruis, Zorginkoopdocument V&V 2017',
  '001_4a77ea6a0f44a14d.txt': 'Inkoopkader Gehandicaptenzorg 2017',
  '002_62c6b4144361ce88.txt': 'Inkoopkader Wlz 2021–2023, aanvulling 2022',
  '003_c92d2202cbc5400d.txt': 'Tabel contractering langdurige zorg 2024–2026',
  '004_984eca5123cbd441.txt': 'Zilveren Kruis, Inkoopbeleid GGZ 2024–2026',
};

/** Titles of the documents one pack cites (its `sources`), for citations of documents not in the table. */
export type DocumentTitles = Readonly<Record<string, string>>;

/** document file name → short title: the pack's own names first, then the shipped table. */
export function titlesOf(sources: ReadonlyArray<{ document: string; title?: string; short?: string }> | undefined): DocumentTitles {
  const out: Record<string, string> = {};
  for (const s of sources ?? []) {
    const title = s.short ?? DOCUMENT_TITLES[s.document] ?? s.title;
    if (title) out[s.document] = title;
  }
  return out;
}

/**
 * A document's title for a reader: from the given titles, the shipped table, or else its name without the
 * file-number prefix, hash and extension ("004_984eca5123cbd441.txt" is not something a reader can look up).
 */
export function documentTitle(document: string, titles?: DocumentTitles): string {
  const known = titles?.[document] ?? DOCUMENT_TITLES[document];
  if (known) return known;
  const bare = document
    .replace(/\.[a-z0-9]{2,4}$/i, '')
    .replace(/_[0-9a-f]{8,}$/i, '')
    .replace(/^\d{1,4}[_ -]+/, '')
    .replace(/[_]+/g, ' ')
    .trim();
  return bare && !/^\d+$/.test(bare) ? bare : 'het beleidsdocument';
}
