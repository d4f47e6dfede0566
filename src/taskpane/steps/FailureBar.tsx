/** Why a tab's last run did not finish: an error, or attention when the user cancelled it (nothing was written). */
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { JobFailure } from '../jobs/useJob';

export function FailureBar({ failure, title }: { failure: JobFailure | undefined; title: string }) {
  if (!failure) return null;
  return (
    <MessageBar intent={failure.cancelled ? 'warning' : 'error'} layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {failure.text}
      </MessageBarBody>
    </MessageBar>
  );
}
