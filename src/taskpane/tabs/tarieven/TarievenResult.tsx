/**
 * Step 4 of the Tarieven tab: the result of this session's run with its signals and explained rows, and the
 * actions on it. Its own chunk: only a finished run needs it.
 */
import type { AnnotateOutcome } from '../../../workbook/jobs/annotate';
import type { PortRunner } from '../../office-port';
import { ChangesSummary, ReviewSteps } from './ChangesSummary';
import { Result, type SelectedRow } from './Result';

export interface TarievenResultProps {
  outcome: AnnotateOutcome;
  titles: Readonly<Record<string, string>> | undefined;
  selected: SelectedRow | undefined;
  stale: boolean;
  onSelectRow: ((sheet: string, row: number, via: string) => void) | undefined;
  /** Reads the review counts as the sheet has them now. */
  runner?: PortRunner;
}

export default function TarievenResult(props: TarievenResultProps) {
  // Result actions go in `actions` (shown under the summary): the coming Bijlage for the selected row's provider
  // and the summary of changes since the previous run.
  const { runner, ...result } = props;
  const actions = (
    <>
      <ChangesSummary outcome={props.outcome} onSelectRow={props.onSelectRow} />
      <ReviewSteps outcome={props.outcome} runner={runner} onSelectRow={props.onSelectRow} />
    </>
  );
  return <Result {...result} actions={actions} />;
}
