import { useId, useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  createHandoffSchema,
  HANDOFF_NOTE_MIN,
  OVERSEEING_ROLES,
  type ConversationDto,
  type CreateHandoffRequest,
  type DirectoryDto,
  type HandoffDto,
  type HandoffKind,
  type UserDto,
} from '@touchpoint/shared';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { handoffTarget } from '../format/handoff-target';
import { useCreateHandoff } from '../hooks/useCreateHandoff';
import { DraftSummaryButton } from '../../assist/components/DraftSummaryButton';
import { TeamSuggestionButton } from '../../assist/components/TeamSuggestionButton';
import { HandoffKindChoice } from './HandoffKindChoice';
import { TeamPicker } from './TeamPicker';

/** As the schema allows (`createHandoffSchema`). */
const NOTE_MAX = 2000;

type TargetType = 'team' | 'user';

interface FormErrors {
  target?: string;
  note?: string;
}

export interface PullInDialogProps {
  conversation: ConversationDto;
  me: UserDto;
  onClose: () => void;
}

/** Validates with the contract's own schema; the messages are the UI's, in the user's language. */
function validate(request: CreateHandoffRequest, t: TFunction): FormErrors {
  const parsed = createHandoffSchema.safeParse(request);
  if (parsed.success) return {};
  const errors: FormErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (field === 'note') {
      errors.note ??=
        issue.code === 'too_big'
          ? t('handoffs.pullIn.noteTooLong', { max: NOTE_MAX })
          : t('handoffs.pullIn.noteTooShort', { min: HANDOFF_NOTE_MIN });
    } else if (field === 'teamId' || field === 'userId') {
      errors.target ??= t('handoffs.pullIn.targetRequired');
    }
  }
  return errors;
}

function PeopleOptions({
  directory,
  exclude,
}: {
  directory: DirectoryDto;
  exclude: (string | undefined)[];
}) {
  const { t } = useTranslation();
  const teamName = (id: string) => directory.teams.find((team) => team.id === id)?.name;
  return (
    <>
      {directory.users
        .filter((user) => !exclude.includes(user.id))
        .map((user) => {
          const teams = user.teamIds.map(teamName).filter(Boolean).join(', ');
          return (
            <option key={user.id} value={user.id}>
              {teams ? t('handoffs.pullIn.personOption', { name: user.name, teams }) : user.name}
            </option>
          );
        })}
    </>
  );
}

/** What the dialog says once the handoff is stored. */
function createdMessage(created: HandoffDto, forced: boolean, t: TFunction): string {
  const target = handoffTarget(created, t);
  if (created.kind === 'consult') return t('handoffs.pullIn.consultRequested', { target });
  if (!forced) return t('handoffs.pullIn.transferRequested', { target });
  return created.team && !created.assignee
    ? t('handoffs.pullIn.transferredToTeam', { target })
    : t('handoffs.pullIn.transferredToPerson', { target });
}

/**
 * "Pull in": ask a team or a person for help (consult; the owner stays) or to take the
 * conversation over (transfer; ownership moves when they accept), with a summary of the case
 * pinned for them. Supervisors and admins may force a transfer: it takes effect at once.
 */
export function PullInDialog({ conversation, me, onClose }: PullInDialogProps) {
  const { t } = useTranslation();
  const create = useCreateHandoff(conversation.id);
  const [kind, setKind] = useState<HandoffKind>('consult');
  const [targetType, setTargetType] = useState<TargetType>('team');
  const [targetId, setTargetId] = useState('');
  const [note, setNote] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [force, setForce] = useState(false);
  const [created, setCreated] = useState<HandoffDto | null>(null);
  const targetTypeName = useId();
  const noteId = useId();
  const noteHintId = useId();
  const noteErrorId = useId();
  const forceTitleId = useId();
  const forceHintId = useId();
  const mayForce = OVERSEEING_ROLES.includes(me.role);
  const forced = mayForce && kind === 'transfer' && force;

  const request: CreateHandoffRequest = {
    kind,
    ...(targetId ? (targetType === 'team' ? { teamId: targetId } : { userId: targetId }) : {}),
    note,
    ...(forced ? { force: true } : {}),
  };
  const errors = submitted ? validate(request, t) : {};

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (create.isPending) return;
    if (Object.keys(validate(request, t)).length > 0) return;
    create.mutate(request, { onSuccess: setCreated });
  };

  if (created) {
    return (
      <Dialog title={t('handoffs.pullIn.title')} onClose={onClose} closeLabel={t('handoffs.close')}>
        <Alert tone="success" data-testid="pull-in-result">
          {createdMessage(created, forced, t)}
        </Alert>
        <div className="tp-dialog__footer">
          <Button onClick={onClose} data-autofocus>
            {t('handoffs.close')}
          </Button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog
      title={t('handoffs.pullIn.title')}
      description={t('handoffs.pullIn.description')}
      onClose={onClose}
      closeLabel={t('handoffs.close')}
      data-testid="pull-in-dialog"
    >
      <form className="tp-pull-in" onSubmit={handleSubmit} noValidate>
        <HandoffKindChoice value={kind} onChange={setKind} texts="handoffs.pullIn" autoFocus />

        {mayForce && kind === 'transfer' ? (
          <label className="tp-choice tp-pull-in__force">
            <input
              type="checkbox"
              checked={force}
              onChange={(event) => setForce(event.target.checked)}
              aria-labelledby={forceTitleId}
              aria-describedby={forceHintId}
              data-testid="pull-in-force"
            />
            <span className="tp-choice__text">
              <span id={forceTitleId} className="tp-choice__title">
                {t('handoffs.pullIn.force')}
              </span>
              <span id={forceHintId} className="tp-choice__hint">
                {t('handoffs.pullIn.forceHint')}
              </span>
            </span>
          </label>
        ) : null}

        <fieldset className="tp-pull-in__target">
          <legend className="tp-field__label">{t('handoffs.pullIn.target')}</legend>
          <div className="tp-segmented">
            {(['team', 'user'] as const).map((option) => (
              <label
                key={option}
                className={`tp-segmented__option${
                  option === targetType ? ' tp-segmented__option--active' : ''
                }`}
              >
                <input
                  type="radio"
                  className="tp-visually-hidden"
                  name={targetTypeName}
                  value={option}
                  checked={option === targetType}
                  onChange={() => {
                    setTargetType(option);
                    setTargetId('');
                  }}
                />
                {option === 'team' ? t('handoffs.pullIn.team') : t('handoffs.pullIn.person')}
              </label>
            ))}
          </div>
          <TeamPicker
            label={
              targetType === 'team'
                ? t('handoffs.pullIn.teamSelect')
                : t('handoffs.pullIn.personSelect')
            }
            placeholder={
              targetType === 'team'
                ? t('handoffs.pullIn.chooseTeam')
                : t('handoffs.pullIn.choosePerson')
            }
            value={targetId}
            onChange={setTargetId}
            error={errors.target}
            options={
              targetType === 'user'
                ? (directory) => (
                    <PeopleOptions
                      directory={directory}
                      exclude={[me.id, conversation.owner?.id]}
                    />
                  )
                : undefined
            }
            data-testid="pull-in-target"
          />
          {targetType === 'team' ? (
            <TeamSuggestionButton conversationId={conversation.id} onSuggest={setTargetId} />
          ) : null}
        </fieldset>

        <div className={`tp-field${errors.note ? ' tp-field--invalid' : ''}`}>
          <label className="tp-field__label" htmlFor={noteId}>
            {t('handoffs.pullIn.note')}
          </label>
          <p id={noteHintId} className="tp-field__hint">
            {t('handoffs.pullIn.noteHint', { min: HANDOFF_NOTE_MIN })}
          </p>
          <textarea
            id={noteId}
            className="tp-field__input tp-pull-in__note"
            rows={4}
            value={note}
            required
            maxLength={NOTE_MAX}
            aria-invalid={errors.note ? true : undefined}
            aria-describedby={errors.note ? `${noteHintId} ${noteErrorId}` : noteHintId}
            onChange={(event) => setNote(event.target.value)}
            data-testid="pull-in-note"
          />
          <DraftSummaryButton conversationId={conversation.id} onText={setNote} />
          {errors.note ? (
            <p id={noteErrorId} className="tp-field__error" data-testid="pull-in-note-error">
              {errors.note}
            </p>
          ) : null}
        </div>

        {create.isError ? (
          <Alert tone="error" data-testid="pull-in-error">
            {apiErrorMessage(create.error, t)}
          </Alert>
        ) : null}

        <div className="tp-dialog__footer">
          <Button variant="ghost" onClick={onClose}>
            {t('inbox.thread.cancel')}
          </Button>
          <Button type="submit" busy={create.isPending} data-testid="pull-in-submit">
            {kind === 'consult'
              ? t('handoffs.pullIn.submitConsult')
              : forced
                ? t('handoffs.pullIn.submitForce')
                : t('handoffs.pullIn.submitTransfer')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
