import { dec, formatPercentage } from '../../domain/money';
import { listPacks } from '../../policies';
import { parse, type Command } from '../common';

export const policies: Command = {
  usage: 'policies [--json]',
  summary: 'toont de beleidspakketten met hun parameters en standaardwaarden',
  run(args, io) {
    const { values } = parse(args, { json: { type: 'boolean' } });
    const packs = listPacks();
    if (values.json) {
      io.out(
        JSON.stringify(
          packs.map((p) => ({
            id: p.id,
            version: p.version,
            title: p.title,
            zorgkantoor: p.zorgkantoor,
            sector: p.sector,
            inkoopjaar: p.inkoopjaar,
            sources: p.sources,
            parameters: p.parameters,
          })),
          null,
          2,
        ),
      );
      return 0;
    }
    for (const p of packs) {
      io.out(`${p.id}  (versie ${p.version})\n  ${p.title}\n  Bron: ${p.sources.map((s) => s.document).join(', ')}`);
      io.out('  Parameters:');
      for (const [name, def] of Object.entries(p.parameters)) {
        const d =
          def.default === null
            ? '(geen; zelf invullen)'
            : def.type === 'percentage' && typeof def.default === 'number'
              ? formatPercentage(dec(def.default))
              : String(def.default);
        io.out(`    ${name} = ${d}  — ${def.label}`);
      }
      io.out('');
    }
    return 0;
  },
};
