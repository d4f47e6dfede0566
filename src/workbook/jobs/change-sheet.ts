/**
 * The sheet `Tariefwijzer wijzigingen`: what moved since the previous run, per row with its causes, and a summary
 * per provider. The rows listed are capped (a changed richttarief moves every row; the summary still counts all),
 * so a run's memory does not grow with the rows.
 */
import { formatCount } from '../../domain/count';
import { dec, shiftedDecimal, type Dec } from '../../domain/money';
import { parseNumber } from '../../domain/parse';
import { madeRows, type OutputValue, type WorkbookPort } from '../port';
import { SheetLayout, writeLayout } from './sheet-layout';
import { tariffDifference, type Cause, type Numbers, type RowChange } from './changes';
import type { RerunMatcher } from './previous-run';

export const CHANGES_SHEET = 'Tariefwijzer wijzigingen';
export const CHANGES_TITLE = 'Tariefwijzer — wijzigingen sinds de vorige berekening';
/** At most this many changed rows are listed one by one. */
export const MAX_LISTED_CHANGES = 20_000;
export const CHANGE_HEADERS = [
  'Rij',
  'AGB-code',
  'Zorgaanbieder',
  'Prestatiecode',
  'Inkoopjaar',
  'Oud percentage',
  'Nieuw percentage',
  'Oud tarief',
  'Nieuw tarief',
  'Verschil tarief',
  'Oorzaken',
  'Eerdere beoordeling',
] as const;
export const SUMMARY_HEADERS = ['AGB-code', 'Zorgaanbieder', 'Gewijzigde rijen', 'Verschil tarief × volume'] as const;

interface ProviderSum {
  provider: string;
  count: number;
  /** The tariff differences × volume of its changed rows that have both; undefined while none has (no Decimal per provider). */
  weighted?: Dec;
}

/**
 * A text to be held for long, in its smallest form: one flat string, one byte a character where it can be. What
 * JSON.stringify gives is a tree of the pieces it was made of (V8 builds it in pieces, the first of 32 characters,
 * and joins them only when it must): 20,000 listed changes held ≈ 3 MB more that way through a rerun (heap snapshots
 * at 300k rows). A text cut from a piece of the sheet that held any character beyond Latin-1 is two bytes a
 * character, whatever it holds itself. V8's JSON parser makes a new flat string, one byte a character when every
 * character fits, and gives back any text exactly.
 */
export function heldText(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

/**
 * Collects a run's changes as they are found, in row order. A listed change is kept as one string with its causes by
 * number (most rows share them: a changed parameter is the cause of every row): as RowChange objects, 20,000 listed
 * rows held ≈ 14 MB through a run (measured: the live heap after a full collection, vergelijk at 100k rows).
 */
export class ChangeLog {
  total = 0;
  readonly notes: string[] = [];
  private readonly providers = new Map<string, ProviderSum>();
  private readonly rows: string[] = [];
  private readonly causes: Cause[] = [];
  private readonly causeIds = new Map<string, number>();

  constructor(readonly hasVolume: boolean) {}

  add(change: RowChange): void {
    this.count(change);
    this.list(change);
  }

  /** Whether a change added now is listed (there is room), or only counted. */
  get listing(): boolean {
    return this.rows.length < MAX_LISTED_CHANGES;
  }

  /** How many changes are listed. */
  get listedCount(): number {
    return this.rows.length;
  }

  /** Lists a change already counted, while there is room (`vergelijk` counts as it goes and lists at the end). */
  list(change: RowChange): void {
    if (this.listing) this.rows.push(this.pack(change));
  }

  /** Lists a change packed by `pack`, while there is room. */
  listPacked(text: string): void {
    if (this.listing) this.rows.push(text);
  }

  /** A change as this log keeps it: one string, its causes by number. */
  pack(change: RowChange): string {
    const causes = change.causes.map((c) => {
      const key = `${c.kind}\u0000${c.text}`;
      let id = this.causeIds.get(key);
      if (id === undefined) {
        this.causeIds.set(key, (id = this.causes.length));
        this.causes.push(c);
      }
      return id;
    });
    const numbers = (n: Numbers | undefined) => (n ? [n.percentage, n.tarief] : null);
    const { row, agb, provider, code, year, verdict } = change;
    return heldText(JSON.stringify([row ?? null, agb, provider, code, year, numbers(change.old), numbers(change.new), causes, verdict ?? null]));
  }

  /**
   * The listed changes (without their volume, which only the summary uses), made anew on each call from what is
   * kept: read them once, after the run.
   */
  get listed(): RowChange[] {
    return this.firstListed(this.rows.length);
  }

  /** The first `n` listed changes. */
  firstListed(n: number): RowChange[] {
    return this.rows.slice(0, n).map((text) => this.unpack(text));
  }

  private unpack(text: string): RowChange {
    const [row, agb, provider, code, year, old, now, causes, verdict] = JSON.parse(text) as [
      number | null,
      string,
      string,
      string,
      string,
      [string | null, string | null] | null,
      [string | null, string | null] | null,
      number[],
      string | null,
    ];
    const numbers = (n: [string | null, string | null] | null): Numbers | undefined => (n ? { percentage: n[0], tarief: n[1] } : undefined);
    const change: RowChange = { agb, provider, code, year, causes: causes.map((i) => this.causes[i]) };
    if (row !== null) change.row = row;
    if (old) change.old = numbers(old);
    if (now) change.new = numbers(now);
    if (verdict !== null) change.verdict = verdict;
    return change;
  }

  /** Counts a change in the total and its provider's summary; only its numbers, provider and volume matter here. */
  count(change: Pick<RowChange, 'agb' | 'provider' | 'old' | 'new' | 'volume'>): void {
    this.total++;
    const sum = this.providers.get(change.agb) ?? { provider: change.provider, count: 0 };
    sum.count++;
    if (!sum.provider) sum.provider = change.provider;
    // the difference only counts here with a volume (the sheet makes it again for the listed rows)
    const volume = this.hasVolume && change.volume !== undefined ? parseNumber(change.volume) : undefined;
    const diff = volume?.ok ? tariffDifference(change) : undefined;
    if (diff && volume?.ok) {
      sum.weighted = (sum.weighted ?? dec(0)).plus(diff.times(volume.value));
    }
    this.providers.set(change.agb, sum);
  }

  /** Changes per provider (AGB-code order), with the volume-weighted tariff difference where there is a volume. */
  summary(): Array<{ agb: string; provider: string; count: number; weighted?: string }> {
    return [...this.providers.entries()]
      .sort(([a], [b]) => a.localeCompare(b, 'nl'))
      .map(([agb, s]) => ({ agb, provider: s.provider, count: s.count, weighted: this.hasVolume ? s.weighted?.toString() : undefined }));
  }

  /**
   * The sheet from the top: title, what was compared, notes, the summary per provider and the changed rows; the two
   * tables with their number formats (percentages and amounts as numbers, every decimal they have shown).
   */
  sheetLayout(comparedWith: string): SheetLayout {
    const layout = new SheetLayout();
    layout.line([CHANGES_TITLE]);
    layout.gap();
    layout.line(['Vergeleken met', comparedWith]);
    layout.line(['Gewijzigde rijen', this.total]);
    if (this.total > this.rows.length)
      layout.line(['', `Alleen de eerste ${formatCount(this.rows.length)} staan hieronder; de samenvatting telt ze allemaal.`]);
    for (const n of this.notes) layout.line(['Let op', n]);
    if (!this.total) {
      layout.gap();
      layout.line(['Geen wijzigingen: alle percentages en tarieven zijn gelijk gebleven.']);
    }
    layout.gap();
    layout.line(['Per zorgaanbieder']);
    layout.table(
      [...SUMMARY_HEADERS],
      this.summary().map((s) => [s.agb, s.provider, s.count, s.weighted === undefined ? null : num(s.weighted)]),
      [undefined, undefined, COUNT_FORMAT, CHANGE_TARIFF_FORMAT],
    );
    layout.line(['Gewijzigde rijen']);
    // made as the sheet is written: 20,000 listed rows as values were ≈ 15 MB held to the end of a run
    layout.table(
      [...CHANGE_HEADERS],
      madeRows(this.rows.length, (i) => changeRow(this.unpack(this.rows[i]))),
      CHANGE_HEADERS.map((h) => CHANGE_FORMATS[h]),
    );
    return layout;
  }
}

/** Amounts and percentages with at least two decimals and up to four: a change of a tenth of a cent still shows. */
const CHANGE_TARIFF_FORMAT = '"€" #,##0.00##';
const CHANGE_PERCENTAGE_FORMAT = '0.00##%';
const COUNT_FORMAT = '#,##0';
const CHANGE_FORMATS: Partial<Record<(typeof CHANGE_HEADERS)[number], string>> = {
  'Oud percentage': CHANGE_PERCENTAGE_FORMAT,
  'Nieuw percentage': CHANGE_PERCENTAGE_FORMAT,
  'Oud tarief': CHANGE_TARIFF_FORMAT,
  'Nieuw tarief': CHANGE_TARIFF_FORMAT,
  'Verschil tarief': CHANGE_TARIFF_FORMAT,
};

/** A number as text (as runs record them) as a number; any other text as typed. */
function num(text: string | null | undefined): OutputValue {
  if (text === null || text === undefined) return null;
  const n = Number(text);
  return Number.isFinite(n) && /^-?\d/.test(text) ? n : text;
}

/** A percentage in points ("97.3") as the fraction Excel's % format shows (0.973); any other text as typed. */
function fraction(text: string | null | undefined): OutputValue {
  const n = num(text);
  if (typeof n !== 'number') return n;
  // the decimal's nearest number, as decimal.js's toNumber gives it (from its text)
  const shifted = shiftedDecimal(text!, -2);
  return shifted === undefined ? dec(text!).dividedBy(100).toNumber() : Number(shifted);
}

function changeRow(c: RowChange): OutputValue[] {
  const diff = tariffDifference(c);
  return [
    c.row === undefined ? '(verdwenen)' : c.row + 1,
    c.agb,
    c.provider,
    c.code,
    c.year,
    fraction(c.old?.percentage),
    fraction(c.new?.percentage),
    num(c.old?.tarief),
    num(c.new?.tarief),
    diff ? diff.toNumber() : null,
    c.causes.map((x) => x.text).join('\n'),
    c.verdict ?? null,
  ];
}

/** Writes the change sheet (replaced in place, never deleted and made again). */
export async function writeChangeSheet(port: WorkbookPort, log: ChangeLog, comparedWith: string): Promise<void> {
  await writeLayout(port, CHANGES_SHEET, log.sheetLayout(comparedWith));
}

/** The change sheet of a rerun, replaced in place (never deleted and made again), with the rows that are gone. */
export async function writeChanges(port: WorkbookPort, matcher: RerunMatcher, log: ChangeLog): Promise<void> {
  for (const g of matcher.gone) log.add(g);
  log.notes.push(...matcher.notes);
  // A rerun that changed nothing and has nothing to say adds no sheet (the workbook stays as the last run left it:
  // reruns are idempotent); a change sheet of an earlier rerun is brought up to date ("no changes").
  if (!log.total && !log.notes.length && !(await port.sheetNames()).includes(CHANGES_SHEET)) return;
  await writeChangeSheet(port, log, matcher.previous.comparedWith);
}
