/** Charts (Worksheet.charts, ExcelApi 1.1; series members 1.7): what the adapter sets on them is kept as a record. */
import type { Host } from './host';
import { FakeOfficeError } from './limits-and-errors';
import type { FakeChartRecord, FakeSheet } from './model';
import type { FakeRange } from './range';

export class FakeChartCollection {
  constructor(
    private readonly fake: Host,
    private readonly sheet: () => FakeSheet,
  ) {}

  getItemOrNullObject(name: string): { load(p: string): void; readonly isNullObject: boolean; delete(): void } {
    const fake = this.fake;
    const sheet = this.sheet;
    let loaded: boolean | undefined;
    fake.need('ChartCollection.getItemOrNullObject');
    return {
      load: () => fake.enqueue(() => ((loaded = !sheet().charts.some((c) => c.name === name)), 8)),
      get isNullObject() {
        if (loaded === undefined) throw new FakeOfficeError('PropertyNotLoaded', 'isNullObject');
        return loaded;
      },
      delete: () => {
        fake.need('Chart.delete');
        fake.enqueue(
          () => {
            const list = sheet().charts;
            const i = list.findIndex((c) => c.name === name);
            if (i < 0) throw new FakeOfficeError('InvalidOperation', 'delete on a null object');
            list.splice(i, 1);
            return 0;
          },
          16,
          'write',
        );
      },
    };
  }

  add(type: string, source: FakeRange, seriesBy: string): unknown {
    if (seriesBy !== 'Columns') throw new Error(`fake: charts by ${seriesBy} not supported`);
    const record: FakeChartRecord = { type, name: '', title: '', series: [{ name: '' }] };
    const fake = this.fake;
    fake.need('ChartCollection.add');
    const box = (r: FakeRange) => r.find()!.box;
    const write = (op: () => unknown) => fake.enqueue(() => (op(), 0), 32, 'write');
    fake.enqueue(
      () => {
        record.series[0].values = box(source);
        this.sheet().charts.push(record);
        return 0;
      },
      128,
      'write',
    );
    const seriesProxy = (i: number) => ({
      set name(n: string) {
        write(() => (record.series[i].name = n));
      },
      setValues: (r: FakeRange) => {
        fake.need('ChartSeries.setValues');
        write(() => (record.series[i].values = box(r)));
      },
      setXAxisValues: (r: FakeRange) => {
        fake.need('ChartSeries.setXAxisValues');
        write(() => (record.series[i].categories = box(r)));
      },
    });
    return {
      set name(n: string) {
        write(() => (record.name = n));
      },
      title: {
        set text(t: string) {
          write(() => (record.title = t));
        },
      },
      axes: {
        valueAxis: {
          title: {
            set text(t: string) {
              write(() => (record.valueAxisTitle = t));
            },
          },
        },
      },
      series: {
        getItemAt: (i: number) => {
          fake.need('ChartSeriesCollection.getItemAt');
          return seriesProxy(i);
        },
        add: (n: string) => {
          fake.need('ChartSeriesCollection.add');
          const i = record.series.length;
          record.series.push({ name: n });
          return seriesProxy(i);
        },
      },
      setPosition: (from: FakeRange, to: FakeRange) => {
        fake.need('Chart.setPosition');
        write(() => (record.position = { from: box(from), to: box(to) }));
      },
    };
  }
}
