/** Severity as colour and icon, and a citation a reader can follow: title and paragraph, the quote on demand. */
import { useState } from 'react';
import { Button, mergeClasses } from '@fluentui/react-components';
import { ErrorCircle20Filled, Info20Filled, Warning20Filled } from '@fluentui/react-icons';
import { formatCitation, SEVERITY_LABEL } from '../domain/flags';
import type { Citation, Severity } from '../domain/types';
import { useStyles } from './styles';

const ICONS = { fout: ErrorCircle20Filled, waarschuwing: Warning20Filled, info: Info20Filled } as const;

export function SeverityIcon({ severity }: { severity: Severity }) {
  const styles = useStyles();
  const Icon = ICONS[severity];
  return <Icon className={mergeClasses(styles.icon, styles[severity])} aria-label={SEVERITY_LABEL[severity]} role="img" />;
}

/** "Bron: Zilveren Kruis, Inkoopbeleid …, §2.3.1" with a button that shows the quoted words. */
export function CitationLine({ citation, titles }: { citation: Citation; titles?: Readonly<Record<string, string>> }) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  return (
    <div className={styles.small}>
      Bron: {formatCitation(citation, titles)}
      {citation.citaat && (
        <>
          {' '}
          <Button appearance="transparent" size="small" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? 'Citaat verbergen' : 'Citaat tonen'}
          </Button>
          {open && <blockquote className={mergeClasses(styles.quote, styles.small)}>“{citation.citaat}”</blockquote>}
        </>
      )}
    </div>
  );
}
