import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  SPLIT_NOTE_MAX_LENGTH,
  type ConversationDto,
  type MessageDto,
  type SplitResultDto,
} from '@touchpoint/shared';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { useDirectory } from '../../handoffs/hooks/useDirectory';
import { useSplitConversation } from '../hooks/useSplitConversation';

export interface SplitDialogProps {
  conversation: ConversationDto;
  /** Where the new conversation starts: this message and everything after it. */
  message: MessageDto;
  onClose: () => void;
}

/**
 * "Split from here": the message and what follows become a new conversation of the same customer,
 * waiting unassigned in the team picked (this conversation's by default), with an optional note.
 */
export function SplitDialog({ conversation, message, onClose }: SplitDialogProps) {
  const { t } = useTranslation();
  const directory = useDirectory();
  const split = useSplitConversation(conversation.id);
  const [teamId, setTeamId] = useState(conversation.team?.id ?? '');
  const [note, setNote] = useState('');
  const [done, setDone] = useState<SplitResultDto | null>(null);
  const teamField = useId();
  const noteField = useId();

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (split.isPending) return;
    split.mutate(
      {
        messageId: message.id,
        ...(teamId ? { teamId } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      },
      { onSuccess: setDone },
    );
  };

  if (done) {
    return (
      <Dialog title={t('inbox.split.title')} onClose={onClose} closeLabel={t('handoffs.close')}>
        <Alert tone="success" data-testid="split-result">
          {t('inbox.split.done', { team: done.split.team?.name ?? t('inbox.event.someone') })}{' '}
          <Link to={`/inbox/${done.split.id}`} onClick={onClose} data-testid="split-open">
            {t('inbox.split.open')}
          </Link>
        </Alert>
        <div className="tp-dialog__footer">
          <Button onClick={onClose} data-autofocus>
            {t('handoffs.close')}
          </Button>
        </div>
      </Dialog>
    );
  }

  const teams = directory.data?.teams ?? (conversation.team ? [conversation.team] : []);
  return (
    <Dialog
      title={t('inbox.split.title')}
      description={t('inbox.split.description')}
      onClose={onClose}
      closeLabel={t('handoffs.close')}
      data-testid="split-dialog"
    >
      <form className="tp-pull-in" onSubmit={handleSubmit} noValidate>
        <blockquote className="tp-handoff-card__note" data-testid="split-message">
          <p className="tp-handoff-card__text">{message.text || message.subject}</p>
        </blockquote>
        <div className="tp-field">
          <label className="tp-field__label" htmlFor={teamField}>
            {t('inbox.split.team')}
          </label>
          <select
            id={teamField}
            className="tp-select"
            value={teamId}
            onChange={(event) => setTeamId(event.target.value)}
            data-testid="split-team"
          >
            {conversation.team ? null : <option value="">{t('inbox.split.noTeam')}</option>}
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </div>
        <div className="tp-field">
          <label className="tp-field__label" htmlFor={noteField}>
            {t('inbox.split.note')}
          </label>
          <textarea
            id={noteField}
            className="tp-field__input tp-pull-in__note"
            rows={3}
            value={note}
            maxLength={SPLIT_NOTE_MAX_LENGTH}
            onChange={(event) => setNote(event.target.value)}
            data-autofocus
            data-testid="split-note"
          />
        </div>
        {split.isError ? (
          <Alert tone="error" data-testid="split-error">
            {apiErrorMessage(split.error, t)}
          </Alert>
        ) : null}
        <div className="tp-dialog__footer">
          <Button variant="ghost" onClick={onClose}>
            {t('inbox.thread.cancel')}
          </Button>
          <Button type="submit" busy={split.isPending} data-testid="split-submit">
            {t('inbox.split.submit')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
