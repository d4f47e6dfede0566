import * as fs from 'fs';
import {
  CATALOG_ENTRIES,
  catalogSize,
  classifyPrestatie,
  isPlausibleCode,
  type ClassifyInput,
  lookupPrestatie,
  normalizeCode,
  normalizeLeveringsvorm,
  normalizeSector,
  normalizeZorgprofiel,
  ZORGPROFIELEN,
} from '../../src/domain/prestaties';
import type { CatalogEntry } from '../../src/domain/types';

// Plain CommonJS script without type declarations.
const script = require('../../scripts/build-catalog.js');

function entry(code: string): CatalogEntry {
  const e = lookupPrestatie(code);
  if (!e) throw new Error(`${code} not in catalog`);
  return e;
}

describe('catalog file', () => {
  const csv = fs.readFileSync(script.PRESTATIES_CSV, 'utf8');
  const cod163 = fs.readFileSync(script.COD163_CSV, 'utf8');

  test('the committed JSON is what scripts/build-catalog.js makes of the committed CSVs', () => {
    const built = script.buildCatalog(csv, cod163);
    expect(fs.readFileSync(script.OUT_JSON, 'utf8')).toBe(script.formatCatalog(built));
    expect(CATALOG_ENTRIES).toEqual(built.entries);
  });

  test('holds every code of the Vektis list once, sorted by code', () => {
    const rows = script.parseCsv(csv).length - 1;
    expect(catalogSize()).toBe(rows);
    expect(catalogSize()).toBe(967);
    const codes = CATALOG_ENTRIES.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(codes);
  });

  test('every zorgprofiel in the catalog is a COD163 profile and matches its profielgroep and sector', () => {
    const known = new Set(ZORGPROFIELEN.map((p) => p.zorgprofiel));
    for (const e of CATALOG_ENTRIES.filter((x) => x.zorgprofiel)) {
      expect(known.has(e.zorgprofiel!)).toBe(true);
      expect(normalizeZorgprofiel(e.zorgprofiel!)).toEqual({ zorgprofiel: e.zorgprofiel, profielgroep: e.profielgroep, sector: e.sector });
    }
    expect(ZORGPROFIELEN.find((p) => p.zorgprofiel === 'GGZ-5W')?.omschrijving).toMatch(/^Beveiligd Wonen/);
    expect(ZORGPROFIELEN).toHaveLength(60); // 10 VV + 9aVV + 9bVV, 8 VG, 7 LG, 5 LVG, 1 SGLVG, 5 ZGvis, 4 ZGaud, 7 B, 6 C, 5 W
  });

  test('component is NHC/NIC exactly for the NHC/NIC leveringsvorm', () => {
    for (const e of CATALOG_ENTRIES) {
      expect(e.component).toBe(e.leveringsvorm === 'NHC' || e.leveringsvorm === 'NIC' ? e.leveringsvorm : 'zorg');
    }
  });

  test('the build refuses a profile that COD163 does not know, and duplicate codes', () => {
    const header = 'code,description,unit_aw319_koppeltabel\n';
    expect(() => script.buildCatalog(`${header}Q1,Per dag ZZP 12VV excl.BH,Etmaal\n`, cod163)).toThrow(/12VV/);
    expect(script.buildCatalog(`${header}Q1,Per dag ZZP 12VV excl.BH,Etmaal\n`).entries[0]).toMatchObject({ leveringsvorm: 'ZZP', zorgprofiel: '12VV' });
    expect(() => script.buildCatalog(`${header}Q1,a,\nq1,b,\n`)).toThrow(/dubbel/);
  });

  test('the CSV parser handles quoted commas, doubled quotes, CRLF and newlines in quotes', () => {
    expect(script.parseCsv('a,b\r\n"x, y","say ""hi"""\r\n"multi\nline",z\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['multi\nline', 'z'],
    ]);
  });
});

describe('real codes', () => {
  test.each([
    ['Z043', { leveringsvorm: 'ZZP', sector: 'VV', profielgroep: 'VV', zorgprofiel: '4VV', behandeling: true, component: 'zorg', unit: 'Etmaal' }],
    ['V051', { leveringsvorm: 'VPT', sector: 'VV', zorgprofiel: '5VV', behandeling: false }],
    ['Z222', { leveringsvorm: 'ZZP', sector: 'GGZ', profielgroep: 'GGZ-B', zorgprofiel: 'GGZ-2B', behandeling: true }],
    ['Z456', { leveringsvorm: 'ZZP', sector: 'GZ', profielgroep: 'VG', zorgprofiel: '5VG', behandeling: true }],
    ['Z454', { zorgprofiel: '5VG', behandeling: false }],
    ['X183', { leveringsvorm: 'NHC', component: 'NHC', sector: 'VV', zorgprofiel: '3VV', behandeling: false }],
    ['IX181', { leveringsvorm: 'NIC', component: 'NIC', zorgprofiel: '1VV' }],
    ['X281', { leveringsvorm: 'NHC', component: 'NHC', zorgprofiel: 'GGZ-1B' }], // "kapitaallastenn"
    ['Z889', { leveringsvorm: 'NHC', zorgprofiel: 'GGZ-7B' }], // "kapitaallasten7 GGZ-B"
    ['Z890', { leveringsvorm: 'NIC', component: 'NIC', sector: 'GZ', profielgroep: 'VG' }], // "Opslag inventaris VG"
    ['H335', { leveringsvorm: 'behandeling', unit: 'Minuut' }],
    ['H325', { leveringsvorm: 'behandeling', sector: 'GZ', profielgroep: 'LVG' }],
    ['H326', { leveringsvorm: 'behandeling', profielgroep: 'SGLVG' }],
    ['S327', { leveringsvorm: 'behandeling', profielgroep: 'SGLVG' }], // "deeltijd" but a behandeling
    ['H811', { leveringsvorm: 'dagbesteding', sector: 'GZ', profielgroep: 'VG', unit: 'Dagdeel (4 uur)' }],
    ['H934', { leveringsvorm: 'dagbesteding', zorgprofiel: '5ZGvis' }],
    ['H981', { leveringsvorm: 'dagbesteding', zorgprofiel: 'GGZ-1B' }],
    ['H803', { leveringsvorm: 'dagbesteding', sector: 'VV' }], // vervoer dagbesteding
    ['H620', { leveringsvorm: 'dagbesteding', profielgroep: 'VG' }], // "Toeslag vervoer dagactiviteit"
    ['Z910', { leveringsvorm: 'toeslag' }],
    ['WZ043', { leveringsvorm: 'toeslag', zorgprofiel: '4VV', behandeling: true }], // Waardigheid en Trots
    ['X916', { leveringsvorm: 'NHC', component: 'NHC' }], // "Toeslag NHC kinderdagcentra"
    ['Z094', { zorgprofiel: '9aVV' }],
    ['Z095', { zorgprofiel: '9bVV' }],
    ['IX189', { zorgprofiel: '9bVV' }],
    ['Z091', { zorgprofiel: '9VV' }],
    ['V710', { sector: 'GZ', profielgroep: 'ZGaud', zorgprofiel: '1ZGaud' }],
    ['Z814', { profielgroep: 'ZGvis', zorgprofiel: '1ZGvis' }],
    ['Z573', { profielgroep: 'SGLVG', zorgprofiel: '1SGLVG' }],
    ['Z490', { leveringsvorm: 'ZZP', sector: 'GZ', behandeling: false }], // "zonder beh."
    ['Z491', { behandeling: true }], // "met beh."
    ['V880', { leveringsvorm: 'NHC', behandeling: false }], // "verblijf excl behandeling"
  ])('%s', (code, expected) => {
    expect(entry(code)).toMatchObject(expected);
  });

  test('H126 persoonlijke verzorging is an MPT module without a sector in its description', () => {
    const e = entry('H126');
    expect(e.leveringsvorm).toBe('MPT');
    expect(e.sector).toBeUndefined();
    expect(e.behandeling).toBeUndefined();
    expect(e.unit).toBe('Minuut');
  });

  test('descriptions naming several sectors or groups leave them empty', () => {
    expect(entry('H335').sector).toBeUndefined(); // "SOM, PG, VG, LG, ZG"
    expect(entry('Z984').sector).toBeUndefined(); // "ggz-zorg voor crisisopv ghz vg"
    expect(entry('V955')).toMatchObject({ sector: 'GZ' }); // VG and (J)LVG
    expect(entry('V955').profielgroep).toBeUndefined();
    expect(entry('Z883')).toMatchObject({ sector: 'GGZ', leveringsvorm: 'NHC' }); // "1 GGZ-B en C"
    expect(entry('Z883').zorgprofiel).toBeUndefined();
    expect(entry('H913').zorgprofiel).toBeUndefined(); // "lg2 en lg4"
  });

  test('codes with nothing to go on are "overig" without a sector', () => {
    for (const code of ['R005', 'M001', 'K.1.1', 'VZ2.5', 'H110']) {
      expect(entry(code).leveringsvorm).toBe('overig');
      expect(entry(code).sector).toBeUndefined();
    }
  });

  test('lookup trims, ignores inner spaces and case', () => {
    expect(lookupPrestatie(' z 043 ')?.code).toBe('Z043');
    expect(lookupPrestatie('Z999999')).toBeUndefined();
  });

  test('entries declared by a policy pack take precedence over the catalog', () => {
    const extra: CatalogEntry[] = [
      { code: 'Z1007', description: 'GGZ-W', sector: 'GGZ', leveringsvorm: 'ZZP', component: 'zorg' },
      { code: 'Z043', description: 'anders', sector: 'VV', leveringsvorm: 'VPT', component: 'zorg' },
    ];
    expect(lookupPrestatie('Z1007')).toBeUndefined();
    expect(lookupPrestatie('z1007', extra)?.description).toBe('GGZ-W');
    expect(lookupPrestatie('Z043', extra)?.leveringsvorm).toBe('VPT');
    expect(lookupPrestatie('Z041', extra)?.leveringsvorm).toBe('ZZP');
  });
});

describe('normalizeCode', () => {
  test('trims, removes inner spaces, upper-cases', () => {
    expect(normalizeCode(' z 041 ')).toEqual({ code: 'Z041' });
    expect(normalizeCode('vz2.5')).toEqual({ code: 'VZ2.5' });
  });

  test('invisible characters are removed and named; ordinary spaces are not reported', () => {
    for (const [raw, named] of [
      ['\u00a0Z041\u00a0', 'vaste spatie (U+00A0)'],
      ['Z041\u200b', 'spatie zonder breedte (U+200B)'],
      ['\tZ041', 'tab (U+0009)'],
      ['Z0\u200d41', 'verbinder zonder breedte (U+200D)'],
      ['\ufeffZ041', 'BOM-teken (U+FEFF)'],
      ['Z04\u00ad1', 'zacht afbreekstreepje (U+00AD)'],
    ]) {
      const r = normalizeCode(raw);
      expect(r.code).toBe('Z041');
      expect(r.issue).toMatchObject({ kind: 'invisible-characters', value: 'Z041' });
      expect(r.issue?.detail).toContain(named);
    }
  });

  test('empty text gives no code', () => {
    expect(normalizeCode('')).toEqual({});
    expect(normalizeCode('   ')).toEqual({});
  });

  test('a number keeps its digits but warns about lost leading zeros', () => {
    const r = normalizeCode(41);
    expect(r.code).toBe('41');
    expect(r.issue).toMatchObject({ kind: 'code-was-number', field: 'prestatiecode', value: '41' });
    expect(r.issue?.detail).toContain('Prestatiecode stond als getal in de cel; voorloopnullen kunnen verloren zijn');
    expect(normalizeCode(Number.NaN)).toEqual({});
  });
});

describe('normalizeSector', () => {
  test.each([
    ['V&V', 'VV'],
    ['VV', 'VV'],
    ['VenV', 'VV'],
    ['v en v', 'VV'],
    ['Verpleging en Verzorging', 'VV'],
    ['Verpleging & verzorging', 'VV'],
    ['ouderenzorg', 'VV'],
    ['VVT', 'VV'],
    ['Sector V&V', 'VV'],
    ['V&V (ouderenzorg)', 'VV'],
    ['GZ', 'GZ'],
    ['GHZ', 'GZ'],
    ['Gehandicaptenzorg', 'GZ'],
    ['gehandicapten zorg', 'GZ'],
    ['VG', 'GZ'],
    ['LG', 'GZ'],
    ['ZG', 'GZ'],
    ['LVG', 'GZ'],
    ['ZG-aud', 'GZ'],
    ['GGZ', 'GGZ'],
    ['ggz', 'GGZ'],
    ['Geestelijke gezondheidszorg', 'GGZ'],
    ['Geestelijke Gezondheidszorg ', 'GGZ'],
    ['GGZ-W', 'GGZ'],
    ['Wlz-GGZ', 'GGZ'],
  ])('%s → %s', (text, sector) => {
    expect(normalizeSector(text)).toBe(sector);
  });

  test.each(['', 'zorg', 'Wmo', 'V', 'GGZ en VV'])('"%s" is not a sector', (text) => {
    expect(normalizeSector(text)).toBeUndefined();
  });
});

describe('normalizeLeveringsvorm', () => {
  test.each([
    ['ZZP', 'ZZP'],
    ['zzp', 'ZZP'],
    ['Verblijf', 'ZZP'],
    ['intramuraal', 'ZZP'],
    ['zzp (verblijf)', 'ZZP'],
    ['ZZP-verblijf', 'ZZP'],
    ['VPT', 'VPT'],
    ['Volledig pakket thuis', 'VPT'],
    ['VPT (volledig pakket thuis)', 'VPT'],
    ['MPT', 'MPT'],
    ['Modulair pakket thuis', 'MPT'],
    ['DTV', 'DTV'],
    ['Deeltijdverblijf', 'DTV'],
    ['Deel tijd verblijf', 'DTV'],
    ['deeltijd-verblijf', 'DTV'],
    ['dagbesteding', 'dagbesteding'],
    ['Dagactiviteit', 'dagbesteding'],
    ['Dagbehandeling', 'dagbesteding'],
    ['toeslag', 'toeslag'],
    ['Toeslagen', 'toeslag'],
    ['NHC', 'NHC'],
    ['nhc', 'NHC'],
    ['Normatieve huisvestingscomponent', 'NHC'],
    ['Kapitaallasten', 'NHC'],
    ['NIC', 'NIC'],
    ['Normatieve inventariscomponent', 'NIC'],
    ['behandeling', 'behandeling'],
    ['Overig', 'overig'],
  ])('%s → %s', (text, lv) => {
    expect(normalizeLeveringsvorm(text)).toBe(lv);
  });

  test.each(['', 'pgb', 'thuis', 'ZZP of VPT'])('"%s" is not a leveringsvorm', (text) => {
    expect(normalizeLeveringsvorm(text)).toBeUndefined();
  });
});

describe('normalizeZorgprofiel', () => {
  test.each([
    ['4VV', '4VV', 'VV', 'VV'],
    ['VV4', '4VV', 'VV', 'VV'],
    ['4 VV', '4VV', 'VV', 'VV'],
    ['ZZP 4VV', '4VV', 'VV', 'VV'],
    ['zzp4 vv', '4VV', 'VV', 'VV'],
    ['VV 9b', '9bVV', 'VV', 'VV'],
    ['9bVV', '9bVV', 'VV', 'VV'],
    ['9VVa', '9aVV', 'VV', 'VV'],
    ['10VV', '10VV', 'VV', 'VV'],
    ['Zorgprofiel 04VV', '4VV', 'VV', 'VV'],
    ['5VG', '5VG', 'VG', 'GZ'],
    ['VG5', '5VG', 'VG', 'GZ'],
    ['VG 7', '7VG', 'VG', 'GZ'],
    ['ZZP 7 VG', '7VG', 'VG', 'GZ'],
    ['LG2', '2LG', 'LG', 'GZ'],
    ['3 ZG-vis', '3ZGvis', 'ZGvis', 'GZ'],
    ['ZGvis 3', '3ZGvis', 'ZGvis', 'GZ'],
    ['1ZG-visueel', '1ZGvis', 'ZGvis', 'GZ'],
    ['2ZGaud', '2ZGaud', 'ZGaud', 'GZ'],
    ['ZG-auditief 4', '4ZGaud', 'ZGaud', 'GZ'],
    ['LVG 4', '4LVG', 'LVG', 'GZ'],
    ['SGLVG', '1SGLVG', 'SGLVG', 'GZ'],
    ['1 SGLVG', '1SGLVG', 'SGLVG', 'GZ'],
    ['GGZ-5W', 'GGZ-5W', 'GGZ-W', 'GGZ'],
    ['5 GGZ-W', 'GGZ-5W', 'GGZ-W', 'GGZ'],
    ['GGZ W5', 'GGZ-5W', 'GGZ-W', 'GGZ'],
    ['W5', 'GGZ-5W', 'GGZ-W', 'GGZ'],
    ['B7', 'GGZ-7B', 'GGZ-B', 'GGZ'],
    ['C3', 'GGZ-3C', 'GGZ-C', 'GGZ'],
    ['GGZ-B 7', 'GGZ-7B', 'GGZ-B', 'GGZ'],
    ['7GGZ B', 'GGZ-7B', 'GGZ-B', 'GGZ'],
    ['ggz-c 6', 'GGZ-6C', 'GGZ-C', 'GGZ'],
    ['ZZP 4VV (met behandeling)', '4VV', 'VV', 'VV'],
  ])('%s → %s', (text, zorgprofiel, profielgroep, sector) => {
    expect(normalizeZorgprofiel(text)).toEqual({ zorgprofiel, profielgroep, sector });
  });

  test.each(['', 'VV', '11VV', '9VG', '8LG', '5ZGaud', '6LVG', '2SGLVG', 'GGZ-8B', 'GGZ-7C', 'W6', '9aVG', '4', 'ZZP 4', 'onbekend', 'GGZ 4VV'])(
    '"%s" is not a zorgprofiel',
    (text) => {
      expect(normalizeZorgprofiel(text)).toBeUndefined();
    },
  );

  test('a bare number reads as a profile only with the V&V hint', () => {
    expect(normalizeZorgprofiel('4', 'VV')?.zorgprofiel).toBe('4VV');
    expect(normalizeZorgprofiel('ZZP 9b', 'VV')?.zorgprofiel).toBe('9bVV');
    expect(normalizeZorgprofiel('4', 'GZ')).toBeUndefined();
    expect(normalizeZorgprofiel('4', 'GGZ')).toBeUndefined();
    expect(normalizeZorgprofiel('5VG', 'VV')?.zorgprofiel).toBe('5VG'); // the hint does not overrule a named group
  });
});

describe('classifyPrestatie', () => {
  test('a catalog code alone', () => {
    expect(classifyPrestatie({ code: 'Z043' })).toEqual({
      prestatie: {
        code: 'Z043',
        description: 'Per dag ZZP 4VV incl.BH incl.DB',
        sector: 'VV',
        profielgroep: 'VV',
        zorgprofiel: '4VV',
        leveringsvorm: 'ZZP',
        component: 'zorg',
        behandeling: true,
        unit: 'Etmaal',
        origin: 'catalogus',
      },
      issues: [],
    });
  });

  test('columns that agree with the catalog change nothing', () => {
    const r = classifyPrestatie({ code: 'z043', sector: 'V&V', zorgprofiel: 'VV4', leveringsvorm: 'Verblijf' });
    expect(r.issues).toEqual([]);
    expect(r.prestatie?.origin).toBe('catalogus');
  });

  test('columns that fill a gap are used without an issue', () => {
    const r = classifyPrestatie({ code: 'H126', sector: 'V&V' });
    expect(r.issues).toEqual([]);
    expect(r.prestatie).toMatchObject({ code: 'H126', sector: 'VV', leveringsvorm: 'MPT', origin: 'catalogus+kolommen' });
  });

  test('a sector column overrides the catalog, is reported and drops the catalog profile', () => {
    const r = classifyPrestatie({ code: 'Z043', sector: 'GGZ' });
    expect(r.prestatie).toMatchObject({ sector: 'GGZ', leveringsvorm: 'ZZP', origin: 'catalogus+kolommen' });
    expect(r.prestatie?.zorgprofiel).toBeUndefined();
    expect(r.prestatie?.profielgroep).toBeUndefined();
    expect(r.issues).toEqual([expect.objectContaining({ kind: 'column-overrides-catalog', field: 'sector', value: 'GGZ' })]);
    expect(r.issues[0].detail).toContain('GGZ');
    expect(r.issues[0].detail).toContain('V&V');
  });

  test('a zorgprofiel column overrides the catalog and brings its sector', () => {
    const r = classifyPrestatie({ code: 'Z043', zorgprofiel: '5VG' });
    expect(r.prestatie).toMatchObject({ sector: 'GZ', profielgroep: 'VG', zorgprofiel: '5VG', leveringsvorm: 'ZZP' });
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ kind: 'column-overrides-catalog', field: 'zorgprofiel', value: '5VG' });
    expect(r.issues[0].detail).toMatch(/5VG.*4VV/);
  });

  test('a zorgprofiel column that moves a code without catalog profile to another sector is reported', () => {
    const r = classifyPrestatie({ code: 'H811', zorgprofiel: '4VV' });
    expect(r.prestatie).toMatchObject({ sector: 'VV', zorgprofiel: '4VV', leveringsvorm: 'dagbesteding' });
    expect(r.issues).toEqual([expect.objectContaining({ kind: 'column-overrides-catalog', field: 'zorgprofiel' })]);
  });

  test('a leveringsvorm column overrides the catalog; NHC/NIC set the component', () => {
    const vpt = classifyPrestatie({ code: 'Z043', leveringsvorm: 'VPT' });
    expect(vpt.prestatie).toMatchObject({ leveringsvorm: 'VPT', component: 'zorg', zorgprofiel: '4VV' });
    expect(vpt.issues).toEqual([expect.objectContaining({ kind: 'column-overrides-catalog', field: 'leveringsvorm', value: 'VPT' })]);
    expect(vpt.issues[0].detail).toMatch(/VPT.*ZZP/);

    expect(classifyPrestatie({ code: 'Z043', leveringsvorm: 'NIC' }).prestatie).toMatchObject({ leveringsvorm: 'NIC', component: 'NIC' });
    expect(classifyPrestatie({ code: 'X183', leveringsvorm: 'ZZP' }).prestatie).toMatchObject({ leveringsvorm: 'ZZP', component: 'zorg' });
  });

  test('a sector column and a zorgprofiel column that contradict each other: the profile is not used', () => {
    const r = classifyPrestatie({ code: 'H126', sector: 'VV', zorgprofiel: '5VG' });
    expect(r.prestatie).toMatchObject({ sector: 'VV' });
    expect(r.prestatie?.zorgprofiel).toBeUndefined();
    expect(r.issues).toEqual([expect.objectContaining({ kind: 'unreadable-zorgprofiel', field: 'zorgprofiel', value: '5VG' })]);
  });

  test('the catalog sector is the hint for a bare profile number', () => {
    const r = classifyPrestatie({ code: 'V051', zorgprofiel: '6' });
    expect(r.prestatie).toMatchObject({ zorgprofiel: '6VV', leveringsvorm: 'VPT' });
    expect(r.issues).toEqual([expect.objectContaining({ kind: 'column-overrides-catalog', field: 'zorgprofiel' })]);
  });

  test('unreadable columns are reported and ignored', () => {
    const r = classifyPrestatie({ code: 'Z043', sector: 'Wmo', zorgprofiel: 'zwaar', leveringsvorm: 'thuis' });
    expect(r.prestatie).toMatchObject({ sector: 'VV', zorgprofiel: '4VV', leveringsvorm: 'ZZP', origin: 'catalogus' });
    expect(r.issues.map((i) => [i.kind, i.field, i.value])).toEqual([
      ['unreadable-sector', 'sector', 'Wmo'],
      ['unreadable-zorgprofiel', 'zorgprofiel', 'zwaar'],
      ['unreadable-leveringsvorm', 'leveringsvorm', 'thuis'],
    ]);
  });

  test('an unknown code without usable columns: no prestatie, "unknown-code"', () => {
    const r = classifyPrestatie({ code: 'Z1007', sector: 'GGZ', zorgprofiel: 'W5' });
    expect(r.prestatie).toBeUndefined();
    expect(r.issues).toEqual([expect.objectContaining({ kind: 'unknown-code', field: 'prestatiecode', value: 'Z1007' })]);
    expect(r.issues[0].detail).toContain('Z1007');
  });

  test('a plausible unknown code with a leveringsvorm column is classified from the columns, and that is said', () => {
    const r = classifyPrestatie({ code: 'Z1007', zorgprofiel: 'GGZ W5', leveringsvorm: 'Verblijf' });
    expect(r.prestatie).toEqual({
      code: 'Z1007',
      sector: 'GGZ',
      profielgroep: 'GGZ-W',
      zorgprofiel: 'GGZ-5W',
      leveringsvorm: 'ZZP',
      component: 'zorg',
      origin: 'kolommen',
    });
    expect(r.issues).toEqual([expect.objectContaining({ kind: 'code-not-in-list', field: 'prestatiecode', value: 'Z1007' })]);
    expect(r.issues[0].detail).toBe(
      'Prestatiecode Z1007 staat niet in de prestatiecodelijst; bepaald uit de kolommen Leveringsvorm ("Verblijf") en Zorgprofiel ("GGZ W5").',
    );
    const nhc = classifyPrestatie({ code: 'N101', leveringsvorm: 'NHC' });
    expect(nhc.prestatie).toBeUndefined();
    const x = classifyPrestatie({ code: 'X999', leveringsvorm: 'NHC' });
    expect(x.prestatie).toMatchObject({ component: 'NHC', origin: 'kolommen' });
    expect(x.issues[0].detail).toContain('de kolom Leveringsvorm ("NHC")');
  });

  test('what is not a code gives no prestatie, whatever the columns say', () => {
    const columns = { sector: 'V&V', zorgprofiel: '4VV', leveringsvorm: 'Verblijf' };
    const cases: Array<[ClassifyInput['code'], string, RegExp]> = [
      [undefined, 'no-code', /Geen prestatiecode/],
      ['   ', 'no-code', /Geen prestatiecode/],
      [{ error: '#REF!' }, 'code-error-value', /foutwaarde #REF!/],
      [{ error: '#CALC!' }, 'code-error-value', /foutwaarde #CALC!/],
      ['#NAME?', 'code-error-value', /foutwaarde #NAME\?/],
      // what the workbook reader could not read (not an Excel error value): said as such
      [
        { error: 'verwijzing naar gedeelde tekst 7, die niet bestaat' },
        'code-error-value',
        /^De cel prestatiecode is onleesbaar \(verwijzing naar gedeelde tekst 7, die niet bestaat\): /,
      ],
      [new Date(Date.UTC(2024, 0, 1)), 'implausible-code', /de datum 1-1-2024 in plaats van een code/],
      [true, 'implausible-code', /WAAR in plaats van een code/],
      ['Q123', 'implausible-code', /"Q123" is geen prestatiecode/],
      ['Z043Z043', 'implausible-code', /"Z043Z043" is geen prestatiecode/],
      ['\u0396073', 'implausible-code', /lijkt op Z073, maar bevat het teken "\u0396" \(U\+0396\)/],
      ['1-1-2024', 'implausible-code', /"1-1-2024" is geen prestatiecode: het teken "-"/],
      ['x'.repeat(40_000), 'implausible-code', /"XXXXXXXXXXXXXXXXXXXX… \(40\.000 tekens\)" is geen prestatiecode/],
    ];
    for (const [code, kind, detail] of cases) {
      const r = classifyPrestatie({ code, ...columns });
      expect(r.prestatie).toBeUndefined();
      expect(r.issues.map((i) => i.kind)).toEqual([kind]);
      expect(r.issues[0].detail).toMatch(detail);
      expect(r.issues[0].detail.length).toBeLessThan(400);
    }
  });

  test('plausible: the letters of a listed code with two to four digits, or digits with dots', () => {
    for (const c of ['Z043', 'Z999', 'Z1105', 'V1105', 'H999', 'IX999', 'VPT99', 'K.9.9', 'VZ3.5']) expect(isPlausibleCode(c)).toBe(true);
    for (const c of ['Q123', 'B7', 'Z1', 'Z12345', 'ZZP4', 'ZZZ', '1105', 'Z043Z043', 'PRESTATIECODE', 'Z-043']) expect(isPlausibleCode(c)).toBe(false);
    expect(isPlausibleCode('QA101', [{ code: 'QA100', description: 'eigen', leveringsvorm: 'overig', component: 'zorg' }])).toBe(true);
  });

  test('a code declared by the policy pack comes from the pack, origin "beleid"', () => {
    const extra: CatalogEntry[] = [{ code: 'Z1007', description: 'GGZ-W ZZP', sector: 'GGZ', leveringsvorm: 'ZZP', component: 'zorg' }];
    const r = classifyPrestatie({ code: 'Z1007' }, extra);
    expect(r.issues).toEqual([]);
    expect(r.prestatie).toEqual({ code: 'Z1007', description: 'GGZ-W ZZP', sector: 'GGZ', leveringsvorm: 'ZZP', component: 'zorg', origin: 'beleid' });
    expect(classifyPrestatie({ code: 'Z1008' }, extra).issues[0].detail).toContain('het beleid');
  });

  test('a code given as a number is reported and, not being a code shape, not priced from the columns', () => {
    const r = classifyPrestatie({ code: 43 });
    expect(r.prestatie).toBeUndefined();
    expect(r.issues.map((i) => i.kind)).toEqual(['code-was-number', 'implausible-code']);
    const withColumns = classifyPrestatie({ code: 43, leveringsvorm: 'MPT' });
    expect(withColumns.prestatie).toBeUndefined();
    expect(withColumns.issues.map((i) => i.kind)).toEqual(['code-was-number', 'implausible-code']);
  });

  test('no code: "no-code", also when the columns would classify the row', () => {
    expect(classifyPrestatie({})).toEqual({ issues: [expect.objectContaining({ kind: 'no-code', field: 'prestatiecode', value: '' })] });
    expect(classifyPrestatie({ code: '  ', sector: 'VV' }).issues.map((i) => i.kind)).toEqual(['no-code']);
    const r = classifyPrestatie({ code: '', sector: 'VV', zorgprofiel: '4', leveringsvorm: 'VPT' });
    expect(r.prestatie).toBeUndefined();
    expect(r.issues.map((i) => i.kind)).toEqual(['no-code']);
  });
});
