/** The Herschikking tab's own styles on top of the pane's. */
import { makeStyles, tokens } from '@fluentui/react-components';
import { useStyles as useShared } from '../../styles';

const useLocal = makeStyles({
  // result rows stacked (label and figure on one line, the details under it): no sideways scrolling at 320 px
  rows: { display: 'flex', flexDirection: 'column', margin: 0, padding: 0, listStyle: 'none', fontSize: tokens.fontSizeBase200 },
  row: { padding: `${tokens.spacingVerticalXXS} 0`, borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, overflowWrap: 'anywhere' },
  rowHead: { display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', gap: `0 ${tokens.spacingHorizontalS}`, fontWeight: tokens.fontWeightSemibold },
  reasons: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

export function useStyles() {
  return { ...useShared(), ...useLocal() };
}
