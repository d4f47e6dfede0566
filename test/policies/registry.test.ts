import fs from 'node:fs';
import { getPack, listPacks } from '../../src/policies';
import { POLICIES_DIR } from './case-runner';

test('every pack file is registered, valid and has a unique id matching its file name', () => {
  const files = fs
    .readdirSync(POLICIES_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''))
    .sort();
  expect(
    listPacks()
      .map((p) => p.id)
      .sort(),
  ).toEqual(files);
});

test('the packs the foundation issue names are all shipped', () => {
  for (const id of [
    'zk-vv-2017',
    'zn-gz-2017',
    'landelijk-2022',
    'zk-vv-2024',
    'vgz-vv-2024',
    'menzis-vv-2024',
    'cz-vv-2024',
    'salland-vv-2024',
    'dsw-vv-2024',
    'zz-vv-2024',
    'zk-ggz-2025',
  ]) {
    expect(getPack(id)?.id).toBe(id);
  }
  expect(getPack('bestaat-niet')).toBeUndefined();
});

test('every rule has a Dutch description and a source with document and lines', () => {
  for (const p of listPacks()) {
    for (const r of p.rules) {
      expect(r.description.length).toBeGreaterThan(5);
      expect(r.source.document).toMatch(/^00[0-4]_[0-9a-f]+\.txt$/);
      expect(r.source.regels).toMatch(/\d/);
    }
  }
});
