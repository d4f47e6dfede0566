/** The columns of the chosen pack's sheet as detected, and the user's corrections, for step 3. */
import { useEffect, useState } from 'react';
import type { PolicyPack } from '../../../domain/policy/types';
import type { ColumnMapping, InputLayout } from '../../../workbook/jobs/layout';
import type { Job } from '../../jobs/useJob';
import type { Workbench } from '../../lazy';
import type { PortRunner } from '../../office-port';

export interface Columns {
  layout: InputLayout | undefined;
  mapping: ColumnMapping;
  setMapping(mapping: ColumnMapping): void;
  /** A prestatiecode column and a maximumtarief (a column or a tariff sheet), and nothing to warn about. */
  complete: boolean;
}

function columnsComplete(layout: InputLayout, mapping: ColumnMapping): boolean {
  const has = (field: string) => (field in mapping ? mapping[field] !== null && mapping[field] !== undefined : layout.match.columns[field] !== undefined);
  return has('prestatiecode') && (has('maximumtarief') || !!layout.tariffSheet) && layout.warnings.length === 0;
}

export function useColumns(runner: PortRunner | undefined, wb: Workbench | undefined, pack: PolicyPack | undefined, fail: Job['fail']): Columns {
  const [found, setFound] = useState<{ pack: PolicyPack; layout: InputLayout } | undefined>();
  const [mapping, setMapping] = useState<{ pack?: PolicyPack; columns: ColumnMapping }>({ columns: {} });
  useEffect(() => {
    if (!runner || !pack || !wb) return;
    let live = true;
    runner((port) => wb.detectLayout(port, pack))
      .then((layout) => live && setFound({ pack, layout }))
      .catch((e) => live && fail(e, 'lezen'));
    return () => {
      live = false;
    };
  }, [runner, pack, wb, fail]);
  // the columns of the previous pack are void the moment another is chosen, before the new ones are read
  const layout = found && found.pack === pack ? found.layout : undefined;
  const columns = mapping.pack === pack ? mapping.columns : {};
  return {
    layout,
    mapping: columns,
    setMapping: (next) => setMapping({ pack, columns: next }),
    complete: !!layout && columnsComplete(layout, columns),
  };
}
