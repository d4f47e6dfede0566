import { formatFlag } from '../../src/domain/flags';
import { loadCaseFiles, loadPackFile, runCase } from './case-runner';

const files = loadCaseFiles();

describe.each(files.map((f) => [f.pack, f] as const))('beleid %s', (_id, file) => {
  const pack = loadPackFile(file.pack);

  test('heeft minstens vijf gevallen, elk met een bron en de regel die het toetst', () => {
    expect(file.cases.length).toBeGreaterThanOrEqual(5);
    for (const c of file.cases) {
      expect(c.source).toBeDefined();
      expect(c.rules.length).toBeGreaterThan(0);
      for (const id of c.rules) expect(pack.rules.map((r) => r.id)).toContain(id);
    }
  });

  test.each(file.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = runCase(pack, c);
    const context = `\nuitleg: ${r.explanation}\nsignalen:\n${r.flags.map(formatFlag).join('\n')}`;
    expect({ percentage: r.percentage?.toString() ?? null, context }).toEqual({ percentage: c.expect.percentage, context });
    if (c.expect.tarief !== undefined) expect(r.tarief?.toFixed(2) ?? null).toBe(c.expect.tarief);
    const serious = [...new Set(r.flags.filter((f) => f.severity !== 'info').map((f) => f.code))].sort();
    expect({ flags: serious, context }).toEqual({ flags: [...c.expect.flags].sort(), context });
    for (const code of c.expect.infoFlags ?? []) expect(r.flags.map((f) => f.code)).toContain(code);
    for (const code of c.expect.absentFlags ?? []) expect(r.flags.map((f) => f.code)).not.toContain(code);
    if (c.expect.excluded !== undefined) expect(r.excluded).toBe(c.expect.excluded);
    for (const fragment of c.expect.explanationContains ?? []) expect(r.explanation).toContain(fragment);
    for (const fragment of c.expect.explanationLacks ?? []) expect(r.explanation).not.toContain(fragment);
    // Every applied rule in the trail carries its citation.
    for (const s of r.steps) if (s.kind !== 'tarief') expect(s.citation).toBeDefined();
  });
});
