import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  HANDOFF_NOTE_MIN,
  type BoardAgentDto,
  type BoardWaitingDto,
  type UserDto,
} from '@touchpoint/shared';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { useAssignConversation } from '../hooks/useAssignConversation';
import { contactName } from '../../contacts/contact-name';

export interface AssignDialogProps {
  conversation: Pick<BoardWaitingDto, 'id' | 'contactName'>;
  me: UserDto;
  agents: BoardAgentDto[];
  onClose: () => void;
  onAssigned: (name: string) => void;
}

/**
 * Gives a waiting conversation to someone, or to the supervisor to take it over: at once (a forced
 * transfer), with a note the new owner finds pinned on the conversation. Each person is shown with
 * presence and load, so the choice is an informed one.
 */
export function AssignDialog({ conversation, me, agents, onClose, onAssigned }: AssignDialogProps) {
  const { t } = useTranslation();
  const assign = useAssignConversation();
  const [userId, setUserId] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ user?: string; note?: string }>({});
  const userFieldId = useId();
  const noteId = useId();
  const noteErrorId = useId();
  const userErrorId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = {
      ...(!userId && { user: t('supervisor.assign.personRequired') }),
      ...(note.trim().length < HANDOFF_NOTE_MIN && {
        note: t('supervisor.assign.noteTooShort', { min: HANDOFF_NOTE_MIN }),
      }),
    };
    setErrors(found);
    if (Object.keys(found).length) return;
    const name = userId === me.id ? me.name : (agents.find((a) => a.id === userId)?.name ?? '');
    assign.mutate(
      { conversationId: conversation.id, userId, note: note.trim() },
      { onSuccess: () => onAssigned(name) },
    );
  };

  return (
    <Dialog
      title={t('supervisor.assign.title', {
        name: contactName(conversation.contactName, t),
      })}
      description={t('supervisor.assign.intro')}
      closeLabel={t('supervisor.assign.close')}
      onClose={onClose}
      data-testid="assign-dialog"
    >
      <form className="tp-assign" onSubmit={submit} noValidate>
        <div className={`tp-field${errors.user ? ' tp-field--invalid' : ''}`}>
          <label className="tp-field__label" htmlFor={userFieldId}>
            {t('supervisor.assign.person')}
          </label>
          <select
            id={userFieldId}
            className="tp-field__input"
            value={userId}
            data-autofocus
            aria-invalid={errors.user ? true : undefined}
            aria-describedby={errors.user ? userErrorId : undefined}
            onChange={(event) => setUserId(event.target.value)}
            data-testid="assign-person"
          >
            <option value="">{t('supervisor.assign.choose')}</option>
            <option value={me.id}>{t('supervisor.assign.me', { name: me.name })}</option>
            {agents
              .filter((a) => a.id !== me.id)
              .map((a) => (
                <option key={a.id} value={a.id}>
                  {t('supervisor.assign.option', {
                    name: a.name,
                    presence: t(`supervisor.presence.${a.presence}`),
                    load:
                      a.capacity === null
                        ? t('supervisor.agents.open', { count: a.open })
                        : t('supervisor.agents.openOf', { count: a.open, capacity: a.capacity }),
                  })}
                </option>
              ))}
          </select>
          {errors.user && (
            <p id={userErrorId} className="tp-field__error">
              {errors.user}
            </p>
          )}
        </div>
        <div className={`tp-field${errors.note ? ' tp-field--invalid' : ''}`}>
          <label className="tp-field__label" htmlFor={noteId}>
            {t('supervisor.assign.note')}
          </label>
          <textarea
            id={noteId}
            className="tp-field__input"
            rows={3}
            value={note}
            maxLength={2000}
            aria-invalid={errors.note ? true : undefined}
            aria-describedby={errors.note ? noteErrorId : undefined}
            onChange={(event) => setNote(event.target.value)}
            data-testid="assign-note"
          />
          {errors.note && (
            <p id={noteErrorId} className="tp-field__error" data-testid="assign-note-error">
              {errors.note}
            </p>
          )}
        </div>
        {assign.isError && (
          <Alert tone="error" data-testid="assign-error">
            {apiErrorMessage(assign.error, t)}
          </Alert>
        )}
        <div className="tp-dialog__footer">
          <Button variant="ghost" onClick={onClose}>
            {t('supervisor.assign.cancel')}
          </Button>
          <Button type="submit" busy={assign.isPending} data-testid="assign-submit">
            {userId === me.id ? t('supervisor.assign.takeOver') : t('supervisor.assign.submit')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
