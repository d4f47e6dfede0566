/**
 * The workbook's sheets: the collection (Workbook.worksheets) and each sheet (Excel.Worksheet,
 * https://learn.microsoft.com/javascript/api/excel/excel.worksheet), with its protection.
 */
import { parseAddress } from './addresses';
import { FakeChartCollection } from './charts';
import type { ChangedHandler } from './events';
import { Loadable, type HandlerRegistration, type Host } from './host';
import { FakeOfficeError } from './limits-and-errors';
import { FakeSheet, type Visibility } from './model';
import { FakeNoteCollection } from './notes';
import { FakeRange } from './range';
import { FakeTableCollection } from './tables';

export class FakeWorksheetCollection extends Loadable {
  constructor(private readonly fake: Host) {
    super();
  }

  get items(): FakeWorksheet[] {
    return this.read('items');
  }

  /** Changed events of every sheet, also of sheets added later (ExcelApi 1.9). */
  get onChanged(): { add(handler: ChangedHandler): HandlerRegistration } {
    this.fake.need('WorksheetCollection.onChanged');
    return { add: (handler) => this.fake.addChangedHandler(handler) };
  }

  load(props: string): void {
    if (!/^(items\/(name|visibility|id))(,items\/(name|visibility|id))*$|^items$|^$/.test(props)) throw new Error(`fake: load("${props}") not supported`);
    this.fake.enqueue(() => {
      const items = this.fake.sheets.map((s) => new FakeWorksheet(this.fake, () => s, false, { name: s.name, visibility: s.visibility, id: s.id }));
      this.loaded.items = items;
      return JSON.stringify(items.map((i) => i.name)).length;
    });
  }

  /**
   * By name or by id ("Gets a worksheet object using its name or ID"). Sheet names are case-insensitive: "tariefwijzer"
   * finds "Tariefwijzer" ("Worksheet names are not case sensitive",
   * https://support.microsoft.com/office/rename-a-worksheet-3f1f7148-ee83-404d-8ef0-9ff99fbad1f9).
   */
  getItem(key: string): FakeWorksheet {
    this.fake.need('WorksheetCollection.getItem');
    return new FakeWorksheet(this.fake, () => this.fake.sheet(key) ?? this.fake.sheets.find((s) => s.id === key), false);
  }

  getItemOrNullObject(name: string): FakeWorksheet {
    this.fake.need('WorksheetCollection.getItemOrNullObject');
    return new FakeWorksheet(this.fake, () => this.fake.sheet(name), true);
  }

  /** A new sheet; beside "Tariefwijzer", "TARIEFWIJZER" already exists (ItemAlreadyExists; names are case-insensitive, see getItem). */
  add(name: string): FakeWorksheet {
    this.fake.need('WorksheetCollection.add');
    let created: FakeSheet | undefined;
    this.fake.enqueue(
      () => {
        if (this.fake.sheet(name)) throw new FakeOfficeError('ItemAlreadyExists', `sheet ${name}`);
        created = new FakeSheet(name);
        this.fake.sheets.push(created);
        return 0;
      },
      name.length + 32,
      'write',
    );
    return new FakeWorksheet(this.fake, () => created, false);
  }
}

export class FakeWorksheet extends Loadable {
  constructor(
    private readonly fake: Host,
    private readonly find: () => FakeSheet | undefined,
    private readonly orNull: boolean,
    known: Record<string, unknown> = {},
  ) {
    super();
    this.loaded = { ...known };
  }

  private notesProxy?: FakeNoteCollection;
  private chartsProxy?: FakeChartCollection;
  private protectionProxy?: FakeWorksheetProtection;
  private tablesProxy?: FakeTableCollection;

  /** The sheet's charts (ExcelApi 1.1; some of their members 1.7). */
  get charts(): FakeChartCollection {
    this.fake.need('Worksheet.charts');
    this.chartsProxy ??= new FakeChartCollection(this.fake, () => this.resolve()!);
    return this.chartsProxy;
  }

  /** The sheet's notes (ExcelApi 1.18). */
  get notes(): FakeNoteCollection {
    this.fake.need('Worksheet.notes');
    this.notesProxy ??= new FakeNoteCollection(this.fake, () => this.resolve()!);
    return this.notesProxy;
  }

  /** The sheet's tables (ExcelApi 1.1); only `items/showTotals` and `items/name` can be loaded. */
  get tables(): FakeTableCollection {
    this.tablesProxy ??= new FakeTableCollection(this.fake, () => this.resolve());
    return this.tablesProxy;
  }

  /** The sheet's protection (ExcelApi 1.2); only `protected` can be loaded. */
  get protection(): FakeWorksheetProtection {
    this.fake.need('Worksheet.protection');
    this.protectionProxy ??= new FakeWorksheetProtection(this.fake, () => this.resolve());
    return this.protectionProxy;
  }

  /**
   * The sheet at sync time, or undefined for a null object (*OrNullObject); a missing getItem fails the sync with
   * ItemNotFound (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-blank-null-values).
   */
  resolve(): FakeSheet | undefined {
    const sheet = this.find();
    if (!sheet && !this.orNull) throw new FakeOfficeError('ItemNotFound', 'worksheet does not exist');
    return sheet;
  }

  get name(): string {
    return this.read('name');
  }

  get id(): string {
    return this.read('id');
  }

  /** Changed events of this sheet (ExcelApi 1.7). */
  get onChanged(): { add(handler: ChangedHandler): HandlerRegistration } {
    this.fake.need('Worksheet.onChanged');
    return { add: (handler) => this.fake.addChangedHandler(handler, () => this.resolve()) };
  }

  get visibility(): Visibility {
    return this.read('visibility');
  }

  get isNullObject(): boolean {
    return this.read('isNullObject');
  }

  load(props: string): void {
    this.fake.enqueue(() => {
      const sheet = this.resolve();
      for (const p of props.split(',').map((s) => s.trim())) {
        if (p === 'isNullObject') this.loaded.isNullObject = !sheet;
        else if (p === 'name') this.loaded.name = sheet?.name ?? null;
        else if (p === 'visibility') this.loaded.visibility = sheet?.visibility ?? null;
        else if (p === 'id') this.loaded.id = sheet?.id ?? null;
        else throw new Error(`fake: worksheet property ${p} not supported`);
      }
      return 16;
    });
  }

  /** Make the sheet the active one (the selection moves to its A1), as Excel's Worksheet.activate(). */
  activate(): void {
    this.fake.need('Worksheet.activate');
    this.fake.enqueue(() => {
      const sheet = this.resolve();
      if (sheet && this.fake.selection.sheet !== sheet.name) this.fake.select(sheet.name, 0);
      return 0;
    });
  }

  /**
   * Not undoable (undo article's list of unsupported APIs, see undo.ts): fails inside a merged undo group, clears the
   * undo stack elsewhere. A VeryHidden sheet cannot be deleted (@types/office-js, Worksheet.delete: "if the worksheet's
   * visibility is set to 'VeryHidden', the delete operation will fail with an InvalidOperation exception"). Formulas
   * that pointed at the sheet now point nowhere, for good (formulas.ts).
   */
  delete(): void {
    this.fake.need('Worksheet.delete');
    this.fake.enqueue(
      () => {
        const sheet = this.resolve();
        if (!sheet) throw new FakeOfficeError('InvalidOperation', 'delete on a null object');
        if (sheet.visibility === 'VeryHidden') throw new FakeOfficeError('InvalidOperation', `sheet ${sheet.name} is VeryHidden and cannot be deleted`);
        this.fake.sheets.splice(this.fake.sheets.indexOf(sheet), 1);
        this.fake.breakReferencesTo(sheet.name);
        return 0;
      },
      16,
      'notUndoable',
    );
  }

  /** The whole sheet (no address: "If not specified, the entire worksheet range is returned") or an A1 address. */
  getRange(address?: string): FakeRange {
    this.fake.need('Worksheet.getRange');
    const box = address === undefined ? { row: 0, column: 0, rows: 1_048_576, columns: 16_384 } : parseAddress(address);
    return new FakeRange(this.fake, () => ({ sheet: this.resolve()!, box }), false);
  }

  getRangeByIndexes(row: number, column: number, rows: number, columns: number): FakeRange {
    this.fake.need('Worksheet.getRangeByIndexes');
    if (rows < 1 || columns < 1) throw new FakeOfficeError('InvalidArgument', 'empty range');
    return new FakeRange(this.fake, () => ({ sheet: this.resolve()!, box: { row, column, rows, columns } }), false);
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    this.fake.need('Worksheet.getUsedRangeOrNullObject');
    return new FakeRange(
      this.fake,
      () => {
        const sheet = this.resolve()!;
        const box = sheet.used(valuesOnly);
        return box ? { sheet, box } : undefined;
      },
      true,
    );
  }
}

/** Worksheet.protection (ExcelApi 1.2): https://learn.microsoft.com/javascript/api/excel/excel.worksheetprotection */
class FakeWorksheetProtection extends Loadable {
  constructor(
    private readonly fake: Host,
    private readonly find: () => FakeSheet | undefined,
  ) {
    super();
  }

  get protected(): boolean {
    return this.read('protected');
  }

  load(props: string): void {
    if (props.trim() !== 'protected') throw new Error(`fake: protection property ${props} not supported`);
    this.fake.enqueue(() => {
      this.loaded.protected = this.find()?.protected ?? false;
      return 16;
    });
  }
}
