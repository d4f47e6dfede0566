/** Browser harness for PackLoader (test/taskpane/pack-loader.test.ts): a simulated workbook with policy sheets. */
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { CellValue } from '../../src/domain/parse';
import { FakeExcel, fakeContext } from '../../src/demo-host/fake-excel';
import { OfficeWorkbook } from '../../src/workbook/office/adapter';
import type { PortRunner } from '../../src/taskpane/office-port';
import { PackLoader } from '../../src/taskpane/tabs/tarieven/PackLoader';

const HEAD: CellValue[][] = [
  ['Id', 'proef-ggz-2026'],
  ['Versie', '1.0.0'],
  ['Titel', 'Proef GGZ'],
  ['Zorgkantoor', 'Proef'],
  ['Sector', 'GGZ'],
  ['Inkoopjaar', 2026],
  ['Omschrijving', 'proef'],
  ['Bron', 'proef.pdf'],
  ['Parameter', 'Soort', 'Naam', 'Standaardwaarde'],
  ['richttarief', 'percentage', 'Richttarief', 96],
  ['Regel', 'Omschrijving', 'Zorgprofiel', 'Effect', 'Waarde', 'Vindplaats'],
];
const workbook = FakeExcel.from({
  Aanbieders: [['Prestatiecode', 'AGB-code']],
  'Tariefwijzer beleid': [...HEAD, ['w5', 'W5', 'W5', 'basis', 97.5, 'p. 2'], ['basis', 'Richttarief', '', 'basis', 'richttarief', 'p. 1']],
  'Beleid fout': [...HEAD, ['w5', 'W5', 'W5', 'opslagg', 1, 'p. 2']],
});
// the Office.js adapter on the simulated Excel host, as in the demo page
const runner: PortRunner = async (work) => {
  const port = new OfficeWorkbook(fakeContext(workbook));
  const result = await work(port);
  await port.flush();
  return result;
};

function Harness() {
  const [loaded, setLoaded] = useState('');
  return (
    <FluentProvider theme={webLightTheme}>
      <PackLoader runner={runner} onLoaded={(p) => setLoaded(`${p.id} ${p.rules.length}`)} />
      <p data-testid="geladen">{loaded}</p>
      <h2>Zonder Excel</h2>
      <PackLoader runner={undefined} onLoaded={() => undefined} />
    </FluentProvider>
  );
}

createRoot(document.getElementById('root')!).render(<Harness />);
