/** The workbench (packs, parameter checks, engine and workbook jobs): its own chunk, loaded when the tab opens. */
import { useEffect, useState } from 'react';
import { loadWorkbench, type Workbench } from '../../lazy';

export function useWorkbench(): Workbench | undefined {
  const [wb, setWb] = useState<Workbench | undefined>();
  useEffect(() => {
    let live = true;
    loadWorkbench().then(
      (m) => live && setWb(m),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return wb;
}
