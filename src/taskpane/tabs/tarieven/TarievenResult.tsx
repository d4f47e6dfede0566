/**
 * Step 4 of the Tarieven tab: the result of this session's run with its signals and explained rows, and the
 * actions on it. Its own chunk: only a finished run needs it.
 */
import type { AnnotateOutcome } from '../../../workbook/jobs/annotate';
import type { PortRunner } from '../../office-port';
import { BijlageAction, type BijlageActionProps } from './BijlageAction';
import { ChangesSummary, ReviewSteps, VIA } from './ChangesSummary';
import { Result, RowCard, type SelectedRow } from './Result';

export interface TarievenResultProps {
  outcome: AnnotateOutcome;
  titles: Readonly<Record<string, string>> | undefined;
  selected: SelectedRow | undefined;
  stale: boolean;
  onSelectRow: ((sheet: string, row: number, via: string) => void) | undefined;
  /** What the Bijlage action needs (inside Excel, with a policy); undefined hides it. */
  bijlage: Omit<BijlageActionProps, 'selected'> | undefined;
  /** Reads the review counts as the sheet has them now. */
  runner?: PortRunner;
  /** Changes on the run's sheet the add-in did not make, counted: the review counts are read again after one. */
  sheetChanges?: number;
}

export default function TarievenResult({ bijlage, runner, sheetChanges, ...props }: TarievenResultProps) {
  // Result actions go in `actions` (shown under the summary): what changed since the previous run, the review
  // counts with the explanation of the row a step selected, and the Bijlage for the selected row's provider
  const actions = (
    <>
      <ChangesSummary outcome={props.outcome} onSelectRow={props.onSelectRow} />
      <ReviewSteps outcome={props.outcome} runner={runner} sheetChanges={sheetChanges} onSelectRow={props.onSelectRow} />
      {props.selected?.via === VIA && <RowCard selected={props.selected} titles={props.titles} />}
      {bijlage && <BijlageAction {...bijlage} selected={props.selected} />}
    </>
  );
  return <Result {...props} actions={actions} />;
}
