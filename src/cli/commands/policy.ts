import path from 'node:path';
import { formatProblem, type LoadResult } from '../../domain/policy/source';
import type { PolicyPack } from '../../domain/policy/types';
import { yearsText } from '../../domain/policy/years';
import { parse, UsageError, type Command } from '../common';
import { isWorkbookFile, loadPackFile, loadPackFromWorkbookFile } from '../pack-files';

export const policy: Command = {
  usage: 'policy check BELEID.(yaml|json|xlsx) [--sheet BLAD] [--json]',
  summary:
    'controleert een eigen beleidspakket (JSON, YAML, of het blad "Tariefwijzer beleid" van een werkmap)\nen noemt elke fout met bestand en regelnummer, of blad en cel',
  async run(args, io) {
    const { values, positionals } = parse(args, { sheet: { type: 'string' }, json: { type: 'boolean' } });
    const [sub, file, ...more] = positionals;
    if (sub !== 'check') throw new UsageError(sub ? `Onbekende policy-opdracht "${sub}"; bedoeld is: policy check BESTAND.` : 'Gebruik: policy check BESTAND.');
    if (!file || more.length) throw new UsageError('Geef precies één bestand om te controleren.');
    if (values.sheet !== undefined && !isWorkbookFile(file)) throw new UsageError('--sheet hoort bij een .xlsx-bestand.');
    const result: LoadResult & { sheet?: string } = isWorkbookFile(file)
      ? await loadPackFromWorkbookFile(path.resolve(file), values.sheet as string | undefined)
      : loadPackFile(file);
    if (values.json) {
      io.out(
        JSON.stringify(
          { valid: !!result.pack, id: result.pack?.id ?? null, version: result.pack?.version ?? null, extends: result.bases, problems: result.problems },
          null,
          2,
        ),
      );
      return result.pack ? 0 : 1;
    }
    if (!result.pack) {
      const n = result.problems.length;
      io.err(`${path.basename(file)}${result.sheet ? ` (blad ${result.sheet})` : ''}: ${n} ${n === 1 ? 'fout' : 'fouten'}`);
      for (const p of result.problems) io.err(`  ${formatProblem(p)}`);
      return 1;
    }
    io.out(summary(result.pack, result.bases, result.sheet));
    return 0;
  },
};

function summary(pack: PolicyPack, bases: string[], sheet?: string): string {
  const counts = new Map<string, number>();
  const kind = (e: object) =>
    'set' in e ? 'percentage' : 'add' in e ? 'op-/afslag' : 'cap' in e ? 'maximum' : 'floor' in e ? 'minimum' : 'flag' in e ? 'signaal' : 'uitsluiting';
  for (const r of pack.rules) counts.set(kind(r.effect), (counts.get(kind(r.effect)) ?? 0) + 1);
  const open = Object.entries(pack.parameters)
    .filter(([, d]) => d.default === null)
    .map(([n]) => n);
  return [
    `Geldig beleid${sheet ? ` (blad ${sheet})` : ''}: ${pack.title} (${pack.id} ${pack.version})`,
    `Zorgkantoor ${pack.zorgkantoor}, sector ${pack.sector}, ${pack.inkoopjaren ? `inkoopjaren ${yearsText(pack)} (hoofdjaar ${pack.inkoopjaar})` : `inkoopjaar ${pack.inkoopjaar}`}${bases.length ? `; breidt uit: ${bases.join(' → ')}` : ''}`,
    `${pack.rules.length} regels (${[...counts].map(([k, n]) => `${n} ${k}`).join(', ')}), ${Object.keys(pack.parameters).length} parameters`,
    ...(open.length ? [`Zonder standaardwaarde (zelf invullen met --set): ${open.join(', ')}`] : []),
  ].join('\n');
}
