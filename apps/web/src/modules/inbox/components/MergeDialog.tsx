import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationDto } from '@touchpoint/shared';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { RetryAlert } from '../../../ui/RetryAlert';
import { Skeleton } from '../../../ui/Skeleton';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { useMergeCandidates } from '../hooks/useMergeCandidates';
import { useMergeConversation } from '../hooks/useMergeConversation';
import { ChannelIcon } from './ChannelIcon';
import { RelativeTime } from './RelativeTime';
import { StatusPill } from './StatusPill';

export interface MergeDialogProps {
  conversation: ConversationDto;
  onClose: () => void;
}

/**
 * "Merge with another conversation": the contact's other conversations (subject, channels, status,
 * last message); the one picked joins this thread, every message in the order it was written, and
 * ends resolved. The merge event in the thread can undo it.
 */
export function MergeDialog({ conversation, onClose }: MergeDialogProps) {
  const { t } = useTranslation();
  const candidates = useMergeCandidates(conversation.id);
  const merge = useMergeConversation(conversation.id);
  const [picked, setPicked] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const groupName = useId();
  const errorId = useId();
  const missing = submitted && !picked;

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (!picked || merge.isPending) return;
    merge.mutate({ sourceConversationId: picked }, { onSuccess: onClose });
  };

  let choices;
  if (candidates.isPending) {
    choices = <Skeleton rows={2} label={t('inbox.merge.loading')} />;
  } else if (candidates.isError) {
    choices = (
      <RetryAlert
        title={t('inbox.merge.loadError')}
        retryLabel={t('inbox.list.retry')}
        onRetry={() => void candidates.refetch()}
      >
        {apiErrorMessage(candidates.error, t)}
      </RetryAlert>
    );
  } else if (candidates.data.length === 0) {
    choices = (
      <p className="tp-field__hint" data-testid="merge-none">
        {t('inbox.merge.none')}
      </p>
    );
  } else {
    choices = (
      <fieldset
        className="tp-pull-in__kinds"
        aria-invalid={missing ? true : undefined}
        aria-describedby={missing ? errorId : undefined}
      >
        <legend className="tp-field__label">{t('inbox.merge.pick')}</legend>
        {candidates.data.map((candidate) => (
          <label
            key={candidate.id}
            className={`tp-choice${candidate.id === picked ? ' tp-choice--active' : ''}`}
            data-testid="merge-candidate"
          >
            <input
              type="radio"
              name={groupName}
              value={candidate.id}
              checked={candidate.id === picked}
              onChange={() => setPicked(candidate.id)}
            />
            <span className="tp-choice__text">
              <span className="tp-choice__title">
                {candidate.subject ?? t('inbox.merge.noSubject')}
              </span>
              <span className="tp-choice__hint">
                {candidate.channelKinds.map((kind) => (
                  <ChannelIcon key={kind} kind={kind} size={13} />
                ))}{' '}
                <StatusPill status={candidate.status} />{' '}
                {candidate.lastMessageAt ? (
                  <>
                    {t('inbox.merge.lastMessage')} <RelativeTime at={candidate.lastMessageAt} />
                  </>
                ) : (
                  t('inbox.merge.noMessages')
                )}
                {candidate.owner
                  ? ` · ${t('inbox.thread.owner', { name: candidate.owner.name })}`
                  : null}
              </span>
            </span>
          </label>
        ))}
        {missing ? (
          <p id={errorId} className="tp-field__error" data-testid="merge-pick-error">
            {t('inbox.merge.pickRequired')}
          </p>
        ) : null}
      </fieldset>
    );
  }

  return (
    <Dialog
      title={t('inbox.merge.title')}
      description={t('inbox.merge.description')}
      onClose={onClose}
      closeLabel={t('handoffs.close')}
      data-testid="merge-dialog"
    >
      <form className="tp-pull-in" onSubmit={handleSubmit} noValidate>
        {choices}
        {merge.isError ? (
          <Alert tone="error" data-testid="merge-error">
            {apiErrorMessage(merge.error, t)}
          </Alert>
        ) : null}
        <div className="tp-dialog__footer">
          <Button variant="ghost" onClick={onClose}>
            {t('inbox.thread.cancel')}
          </Button>
          <Button
            type="submit"
            busy={merge.isPending}
            disabled={!candidates.data?.length}
            data-testid="merge-submit"
          >
            {t('inbox.merge.submit')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
