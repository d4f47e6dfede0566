/**
 * The task pane's one design, shared by every tab: the same headings, spacing, field widths and a sticky
 * footer that keeps the primary action in reach at 320 × 800. Fluent UI tokens follow the light, dark or
 * high-contrast theme.
 */
import { makeStyles, tokens } from '@fluentui/react-components';
import { formatCount } from '../domain/count';

export const useStyles = makeStyles({
  // each tab: content, then the footer stuck to the bottom of the pane
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM} 0`,
    maxWidth: '720px',
    boxSizing: 'border-box',
    minWidth: 0,
  },
  // a native select is as wide as its longest option; keep it inside the (narrow) pane
  select: { width: '100%', minWidth: 0, '& select': { minWidth: 0, maxWidth: '100%', textOverflow: 'ellipsis' } },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  heading: { margin: 0, fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold },
  step: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold },
  muted: { margin: 0, color: tokens.colorNeutralForeground3 },
  small: { fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, overflowWrap: 'anywhere' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  // a text-like button inside a hint ("meer")
  inlineButton: {
    minWidth: 0,
    height: 'auto',
    padding: 0,
    verticalAlign: 'baseline',
    fontSize: 'inherit',
    color: tokens.colorBrandForegroundLink,
    textDecoration: 'underline',
  },
  figures: { fontWeight: tokens.fontWeightSemibold },
  // amounts and percentages never break inside ("€ 1.234,56")
  number: { whiteSpace: 'nowrap' },
  // the primary action of a tab, always in view
  footer: {
    position: 'sticky',
    bottom: 0,
    zIndex: 1,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    margin: `0 calc(-1 * ${tokens.spacingHorizontalM})`,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  footerButtons: { display: 'flex', gap: tokens.spacingHorizontalS, '& > button:first-child': { flexGrow: 1 } },
  accordionPanel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalM },
  summary: { fontWeight: tokens.fontWeightRegular, color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  // a card for one thing the user asked about (a clicked signal's row)
  // scrolled into view above the sticky footer
  card: {
    scrollMarginBottom: '8rem',
    scrollMarginTop: tokens.spacingVerticalM,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
    overflowWrap: 'anywhere',
  },
  quote: { margin: 0, paddingLeft: tokens.spacingHorizontalS, borderLeft: `3px solid ${tokens.colorNeutralStroke1}`, fontStyle: 'italic' },
  // wide tables scroll inside the pane (and by keyboard: the region is focusable)
  scroll: { overflowX: 'auto', maxWidth: '100%', ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` } },
  table: {
    borderCollapse: 'collapse',
    width: '100%',
    fontSize: tokens.fontSizeBase200,
    '& th, & td': { textAlign: 'right', padding: '2px 4px', borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, whiteSpace: 'nowrap' },
    '& th:first-child, & td:first-child': { textAlign: 'left', whiteSpace: 'normal' },
  },
  signal: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    paddingTop: tokens.spacingVerticalS,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  signalTitle: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalXS, fontWeight: tokens.fontWeightSemibold },
  icon: { flexShrink: 0, fontSize: '20px' },
  fout: { color: tokens.colorPaletteRedForeground1 },
  waarschuwing: { color: tokens.colorPaletteDarkOrangeForeground1 },
  info: { color: tokens.colorBrandForeground1 },
  // text for screen readers only (live regions)
  visuallyHidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
});

/** "€ 1.234,56" and "99,3 %" keep their parts together: a non-breaking space after the euro sign. */
export function keepTogether(text: string): string {
  return text.replace(/€ (?=-?\d)/g, '€\u00a0');
}

/** "1 tarief" / "2 tarieven": a count with the right form of the noun. */
export function count(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
