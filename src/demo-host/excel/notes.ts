/** Cell notes (Worksheet.notes, ExcelApi 1.18): https://learn.microsoft.com/javascript/api/excel/excel.notecollection */
import { Loadable, type Host } from './host';
import { FakeOfficeError, refuseIfProtected } from './limits-and-errors';
import type { FakeSheet } from './model';
import { FakeRange } from './range';

export class FakeNoteCollection extends Loadable {
  constructor(
    private readonly fake: Host,
    private readonly sheet: () => FakeSheet,
  ) {
    super();
  }

  get items(): FakeNote[] {
    return this.read('items');
  }

  load(props: string): void {
    if (props !== 'items') throw new Error(`fake: notes.load("${props}") not supported`);
    this.fake.need('Worksheet.notes');
    this.fake.enqueue(() => {
      const sheet = this.sheet();
      this.loaded.items = [...sheet.notes.keys()].map((key) => new FakeNote(this.fake, sheet, key));
      return sheet.notes.size * 40;
    });
  }

  /** NoteCollection.add(cellAddress, content): a note belongs to one cell, which may have one note. */
  add(cell: FakeRange, content: string): void {
    this.fake.need('NoteCollection.add');
    this.fake.enqueue(
      () => {
        const t = cell.find();
        if (!t || t.box.rows !== 1 || t.box.columns !== 1) throw new FakeOfficeError('InvalidArgument', 'a note belongs to one cell');
        refuseIfProtected(t.sheet);
        const key = `${t.box.row},${t.box.column}`;
        if (t.sheet.notes.has(key)) throw new FakeOfficeError('InvalidArgument', `cell ${key} already has a note`);
        t.sheet.notes.set(key, String(content));
        return 0;
      },
      String(content).length + 32,
      'write',
    );
  }
}

class FakeNote {
  constructor(
    private readonly fake: Host,
    private readonly sheet: FakeSheet,
    private readonly key: string,
  ) {}

  getLocation(): FakeRange {
    this.fake.need('Note.getLocation');
    const [row, column] = this.key.split(',').map(Number);
    return new FakeRange(this.fake, () => ({ sheet: this.sheet, box: { row, column, rows: 1, columns: 1 } }), false);
  }

  delete(): void {
    this.fake.need('Note.delete');
    this.fake.enqueue(
      () => {
        this.sheet.notes.delete(this.key);
        return 0;
      },
      16,
      'write',
    );
  }
}
