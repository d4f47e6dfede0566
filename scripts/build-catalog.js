#!/usr/bin/env node
/**
 * Builds src/domain/catalog/prestaties.json from the reference lists in data/nza-reference/.
 * Plain Node, no dependencies. `npm run catalog` regenerates the file and prints a summary;
 * test/domain/prestaties.test.ts checks that the committed file equals buildCatalog() on the CSVs.
 *
 * Every classification comes from the description (and, for the S3xx series and the MPT modules,
 * the code's letter): where the description does not tell, the field stays empty.
 */
'use strict';

const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const PRESTATIES_CSV = path.join(ROOT, 'data/nza-reference/wlz-prestatiecodes-vektis055-2019.csv');
const COD163_CSV = path.join(ROOT, 'data/nza-reference/iwlz-cod163-zorgzwaartepakket.csv');
const OUT_JSON = path.join(ROOT, 'src/domain/catalog/prestaties.json');

const BRON =
  'Vektis prestatiecodelijst 055 (Wlz), snapshot 2019 via github:Anderman/Anderman.github.io@8e0f421a ' +
  '(DeclarationCodes/055.json + 055CalculationRules.json; eenheden uit Vektis AW319 Koppeltabel); ' +
  'zorgprofielen uit iWlz-codelijst COD163 (Zorgzwaartepakket). Zie data/nza-reference/README.md.';

/** RFC 4180-ish: quoted fields may hold commas, newlines and doubled quotes; CRLF or LF. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

/** CSV text → array of objects keyed by the header row. */
function parseCsvObjects(text) {
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h.trim(), (r[i] ?? '').trim()])));
}

const SECTOR_OF = {
  VV: 'VV',
  VG: 'GZ',
  LG: 'GZ',
  ZGaud: 'GZ',
  ZGvis: 'GZ',
  LVG: 'GZ',
  SGLVG: 'GZ',
  'GGZ-B': 'GGZ',
  'GGZ-C': 'GGZ',
  'GGZ-W': 'GGZ',
};

/** Canonical zorgprofiel: "4VV", "9bVV", "5VG", "3ZGvis", "GGZ-5W". */
function canonicalProfile(group, n, letter) {
  if (group.startsWith('GGZ-')) return `GGZ-${n}${group.slice(4)}`;
  return `${n}${letter || ''}${group}`;
}

/** Profile group name as written in a description → Profielgroep. */
function groupOf(written) {
  const w = written.replace(/[\s.-]/g, '');
  if (w === 'sglvg' || w === 'sgjlvg') return 'SGLVG';
  if (w === 'lvg' || w === 'jlvg') return 'LVG';
  if (w === 'vv') return 'VV';
  if (w === 'vg') return 'VG';
  if (w === 'lg') return 'LG';
  if (w.startsWith('zgaud') || w === 'aud') return 'ZGaud';
  if (w.startsWith('zgvis') || w === 'vis') return 'ZGvis';
  return undefined;
}

/** The profile groups and sectors a (lower-case) description names. */
function groupsAndSectors(t) {
  const groups = new Set();
  if (/sg\s*j?lvg/.test(t)) groups.add('SGLVG');
  const noSg = t.replace(/sg\s*j?lvg/g, ' ');
  if (/(?<![a-z])j?lvg|\(l\)vg/.test(noSg)) groups.add('LVG'); // "(j(l)vg": (jeugd-)VG or LVG
  const noLvg = noSg.replace(/j?lvg/g, ' ');
  if (/(?<![a-z])vg(?![a-z])/.test(noLvg)) groups.add('VG');
  if (/(?<![a-z])lg(?![a-z])/.test(t)) groups.add('LG');
  if (/zg\W*(?:kind\W*)?aud|auditief/.test(t)) groups.add('ZGaud');
  if (/zg\W*(?:kind\W*)?vis|visueel/.test(t)) groups.add('ZGvis');
  if (/\d\s*[ab]?\s*vv|(?<![a-z])vv(?![a-z])|v&v/.test(t)) groups.add('VV');
  if (/ggz[\s-]*\d*\s*b(?![a-z])/.test(t)) groups.add('GGZ-B');
  if (/ggz[\s-]*\d*\s*c(?![a-z])|ggz[\s-]*b\s*en\s*c(?![a-z])/.test(t)) groups.add('GGZ-C');
  if (/ggz[\s-]*\d*\s*w(?![a-z])/.test(t)) groups.add('GGZ-W');

  const sectors = new Set([...groups].map((g) => SECTOR_OF[g]));
  // Somatiek, psychogeriatrie and "ouderen" are V&V words in the Wlz.
  if (/(?<![a-z])(?:som|pg)(?![a-z])|(?<![a-z])oud(?:eren|\.)/.test(t)) sectors.add('VV');
  if (/ghz|gehandicapt|(?<![a-z])geh\.|zintuig|(?<![a-z])zg/.test(t)) sectors.add('GZ');
  if (/ggz/.test(t)) sectors.add('GGZ');
  return { groups, sectors };
}

/** The zorgprofielen a (lower-case) description names, canonical. */
function profilesIn(t) {
  const found = new Set();
  const before = /(?<!\d)(\d{1,2})\s*([ab])?\s*(sg\s*j?lvg|j?lvg|vv|vg|lg|zg[\s-]*aud[a-z.]*|zg[\s-]*vis[a-z.]*)([ab])?(?![a-z])/g;
  for (const m of t.matchAll(before)) {
    const group = groupOf(m[3]);
    const letter = m[2] || m[4];
    if (!group || (letter && !(group === 'VV' && m[1] === '9'))) continue;
    found.add(canonicalProfile(group, m[1], letter));
  }
  const after = /(?<![a-z])(sg\s*j?lvg|j?lvg|vv|vg|lg|zg[\s-]*aud|zg[\s-]*vis|aud|vis)\s*(\d{1,2})([ab])?(?!\d)/g;
  for (const m of t.matchAll(after)) {
    const group = groupOf(m[1]);
    if (!group || (m[3] && !(group === 'VV' && m[2] === '9'))) continue;
    found.add(canonicalProfile(group, m[2], m[3]));
  }
  // "Opslag kapitaallasten 1 GGZ-B en C" names two groups: no single profile.
  if (!/ggz[\s-]*b\s*en\s*c/.test(t)) {
    for (const m of t.matchAll(/(?<!\d)(\d)\s*ggz[\s-]*([bcw])(?![a-z])|ggz[\s-]*(\d)\s*([bcw])(?![a-z])/g)) {
      const n = m[1] || m[3];
      const g = (m[2] || m[4]).toUpperCase();
      found.add(`GGZ-${n}${g}`);
    }
  }
  return found;
}

function behandelingIn(t) {
  const incl = /incl(?:\.|usief)?\s*(?:bh|beh)|met beh/.test(t);
  const excl = /excl(?:\.|usief)?\s*(?:bh|beh)|zonder beh/.test(t);
  return incl === excl ? undefined : incl;
}

/** First matching rule wins; the order settles descriptions that fit several rules. */
function leveringsvormOf(code, t) {
  if (/(?<![a-z])nic(?![a-z])|inventaris/.test(t)) return 'NIC';
  if (/(?<![a-z])nhc(?![a-z])|kapitaall/.test(t)) return 'NHC';
  // Transport to day care is paid with the day care, even when it is called a toeslag.
  if (/vervoer|(?<![a-z])verv\./.test(t)) return 'dagbesteding';
  if (/toesl|waardigheid en trots|meerzorg/.test(t)) return 'toeslag';
  if (/verblijfscomp|logeren|eerstelijns verblijf/.test(t)) return 'overig';
  if (/(?<![a-z])vpt(?![a-z])/.test(t)) return 'VPT';
  if (/(?<![a-z])zzp(?![a-z])/.test(t)) return 'ZZP';
  if (/dagactiv|dagact\.|dagbest|dagbeh|dagb\.|dgdl|dg\.dl/.test(t)) return 'dagbesteding';
  if (/^behandeling|reiskosten.*behandeling/.test(t) || /^S3\d\d$/.test(code)) return 'behandeling';
  if (/deeltijd|deel\s*tijd/.test(t)) return 'DTV';
  if (/^H/.test(code) && /verzorging|verpleging|begeleiding|schoonmaak|adl-assistentie/.test(t)) return 'MPT';
  return 'overig';
}

/** Classify one row of the Vektis list. */
function classify(code, description) {
  const t = description.toLowerCase();
  const leveringsvorm = leveringsvormOf(code, t);
  const { groups, sectors } = groupsAndSectors(t);
  const sector = sectors.size === 1 ? [...sectors][0] : undefined;
  const profielgroep = sector && groups.size === 1 && SECTOR_OF[[...groups][0]] === sector ? [...groups][0] : undefined;
  const profiles = [...profilesIn(t)];
  const zorgprofiel = profielgroep && profiles.length === 1 && profileGroup(profiles[0]) === profielgroep ? profiles[0] : undefined;
  return {
    sector,
    profielgroep,
    zorgprofiel,
    leveringsvorm,
    component: leveringsvorm === 'NHC' || leveringsvorm === 'NIC' ? leveringsvorm : 'zorg',
    behandeling: behandelingIn(t),
  };
}

function profileGroup(profile) {
  const ggz = /^GGZ-\d([BCW])$/.exec(profile);
  if (ggz) return `GGZ-${ggz[1]}`;
  return profile.replace(/^\d+[ab]?/, '');
}

/** COD163 "omschrijving" ("9VV A: …", "1GGZ C: …", "3ZGvis: …") → { zorgprofiel, omschrijving, cod163 }. */
function parseCod163(text) {
  const out = [];
  for (const row of parseCsvObjects(text)) {
    const m = /^(\d{1,2})(VV|VG|LG|LVG|SGLVG|ZGvis|ZGaud|GGZ [BCW])(?: ([AB]))?:\s*(.*)$/.exec(row.omschrijving);
    if (!m) continue; // "Wlz Indiceerbaar", "PGB", "ZZPX", "ZZP0" are not profiles
    const group = m[2].startsWith('GGZ') ? `GGZ-${m[2].slice(4)}` : m[2];
    out.push({ zorgprofiel: canonicalProfile(group, m[1], m[3] && m[3].toLowerCase()), omschrijving: m[4], cod163: row.cod163_id });
  }
  return out;
}

function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Pure: the catalog object for the Vektis CSV text and (optionally) the COD163 CSV text. With COD163,
 * every zorgprofiel derived from a description must be a known profile, or this throws.
 */
function buildCatalog(csvText, cod163Text) {
  const zorgprofielen = cod163Text ? parseCod163(cod163Text) : [];
  const known = new Set(zorgprofielen.map((p) => p.zorgprofiel));
  const seen = new Set();
  const entries = [];
  for (const row of parseCsvObjects(csvText)) {
    const code = row.code.replace(/\s+/g, '').toUpperCase();
    if (!code) continue;
    if (seen.has(code)) throw new Error(`Prestatiecode ${code} staat dubbel in de lijst`);
    seen.add(code);
    const description = row.description.replace(/\s+/g, ' ');
    const c = classify(code, description);
    if (cod163Text && c.zorgprofiel && !known.has(c.zorgprofiel)) {
      throw new Error(`${code}: zorgprofiel ${c.zorgprofiel} uit "${description}" staat niet in COD163`);
    }
    const entry = { code, description, ...c, unit: row.unit_aw319_koppeltabel || undefined };
    for (const k of Object.keys(entry)) if (entry[k] === undefined) delete entry[k];
    entries.push(entry);
  }
  entries.sort((a, b) => compare(a.code, b.code));
  const catalog = { bron: BRON, gegenereerd_door: 'scripts/build-catalog.js', entries };
  if (cod163Text) catalog.zorgprofielen = zorgprofielen;
  return catalog;
}

/** One entry per line keeps the file short and its diffs readable. */
function formatCatalog(catalog) {
  const { entries, zorgprofielen, ...head } = catalog;
  const lines = Object.entries(head).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  const list = (items) => items.map((e) => `    ${JSON.stringify(e)}`).join(',\n');
  if (zorgprofielen) lines.push(`  "zorgprofielen": [\n${list(zorgprofielen)}\n  ],`);
  lines.push(`  "entries": [\n${list(entries)}\n  ]`);
  return `{\n${lines.join('\n')}\n}\n`;
}

function summarize(catalog) {
  const count = (key) => {
    const c = {};
    for (const e of catalog.entries) {
      const v = String(e[key] ?? '(onbepaald)');
      c[v] = (c[v] || 0) + 1;
    }
    return Object.fromEntries(Object.entries(c).sort((a, b) => b[1] - a[1]));
  };
  return {
    codes: catalog.entries.length,
    leveringsvorm: count('leveringsvorm'),
    sector: count('sector'),
    profielgroep: count('profielgroep'),
    component: count('component'),
    behandeling: count('behandeling'),
    metZorgprofiel: catalog.entries.filter((e) => e.zorgprofiel).length,
  };
}

module.exports = { parseCsv, buildCatalog, formatCatalog, summarize, classify, PRESTATIES_CSV, COD163_CSV, OUT_JSON };

if (require.main === module) {
  const catalog = buildCatalog(fs.readFileSync(PRESTATIES_CSV, 'utf8'), fs.readFileSync(COD163_CSV, 'utf8'));
  fs.mkdirSync(path.dirname(OUT_JSON), { recursive: true });
  fs.writeFileSync(OUT_JSON, formatCatalog(catalog));
  const s = summarize(catalog);
  console.log(`${path.relative(ROOT, OUT_JSON)}: ${s.codes} prestatiecodes, ${s.metZorgprofiel} met zorgprofiel`);
  for (const key of ['leveringsvorm', 'sector', 'profielgroep', 'component', 'behandeling']) {
    console.log(
      `${key}: ${Object.entries(s[key])
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
  }
}
