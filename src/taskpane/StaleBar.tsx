/** The attention bar of a tab whose result the workbook no longer holds (see stale.ts), with the button to run again. */
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';

export interface StaleBarProps {
  /** What the tab did, as a noun: "berekening", "herschikking", "beoordeling". */
  run: string;
  /** The button: "Bereken opnieuw". */
  action: string;
  onRerun: () => void;
  disabled?: boolean;
}

export function StaleBar({ run, action, onRerun, disabled }: StaleBarProps) {
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="verouderd">
      <MessageBarBody>
        <MessageBarTitle>
          De werkmap is gewijzigd na de {run}: {action.toLowerCase()}
        </MessageBarTitle>
        Wat hieronder staat, hoort bij de werkmap zoals die bij de {run} was.
      </MessageBarBody>
      <MessageBarActions>
        <Button onClick={onRerun} disabled={disabled}>
          {action}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}

/** Said under a result the workbook no longer holds (the result is then never shown as good news). */
export const STALE_NOTE = 'Dit is de uitkomst van vóór de laatste wijziging in de werkmap.';
