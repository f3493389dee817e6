import { useId, useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  HANDOFF_NOTE_MIN,
  markLeadSchema,
  type ConversationDto,
  type HandoffDto,
  type HandoffKind,
  type MarkLeadRequest,
} from '@touchpoint/shared';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { useDirectory } from '../hooks/useDirectory';
import { useMarkLead } from '../hooks/useMarkLead';
import { HandoffKindChoice } from './HandoffKindChoice';
import { TeamPicker } from './TeamPicker';

/** As the schema allows (`markLeadSchema`). */
const NOTE_MAX = 2000;

interface FormErrors {
  team?: string;
  note?: string;
}

export interface MarkLeadDialogProps {
  conversation: ConversationDto;
  onClose: () => void;
}

/** Validates with the contract's own schema; the messages are the UI's, in the user's language. */
function validate(request: MarkLeadRequest, t: TFunction): FormErrors {
  const errors: FormErrors = {};
  if (!request.teamId) errors.team = t('handoffs.lead.teamRequired');
  const parsed = markLeadSchema.safeParse(request);
  if (parsed.success) return errors;
  for (const issue of parsed.error.issues) {
    if (issue.path[0] === 'note')
      errors.note ??=
        issue.code === 'too_big'
          ? t('handoffs.pullIn.noteTooLong', { max: NOTE_MAX })
          : t('handoffs.lead.noteTooShort', { min: HANDOFF_NOTE_MIN });
  }
  return errors;
}

/**
 * "Mark as lead": the conversation goes to the team that receives leads (another may be picked) with
 * a qualification of the lead, as a consult (the owner keeps the customer, the default) or a
 * transfer. Sales sees the channel and the whole history; the conversation shows a Lead badge.
 */
export function MarkLeadDialog({ conversation, onClose }: MarkLeadDialogProps) {
  const { t } = useTranslation();
  const directory = useDirectory();
  const mark = useMarkLead(conversation.id);
  const [kind, setKind] = useState<HandoffKind>('consult');
  // '' until the user picks: the team that receives leads.
  const [picked, setPicked] = useState('');
  const [note, setNote] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [created, setCreated] = useState<HandoffDto | null>(null);
  const noteId = useId();
  const noteHintId = useId();
  const noteErrorId = useId();

  const teams = directory.data?.teams ?? [];
  const chosen = picked || teams.find((team) => team.receivesLeads)?.id || '';
  const request: MarkLeadRequest = { kind, note, ...(chosen ? { teamId: chosen } : {}) };
  const errors = submitted ? validate(request, t) : {};

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (mark.isPending || !directory.data) return;
    if (Object.keys(validate(request, t)).length > 0) return;
    mark.mutate(request, { onSuccess: setCreated });
  };

  if (created) {
    const target = created.team?.name ?? '';
    return (
      <Dialog title={t('handoffs.lead.title')} onClose={onClose} closeLabel={t('handoffs.close')}>
        <Alert tone="success" data-testid="mark-lead-result">
          {created.kind === 'consult'
            ? t('handoffs.lead.consultRequested', { target })
            : t('handoffs.lead.transferRequested', { target })}
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
      title={t('handoffs.lead.title')}
      description={t('handoffs.lead.description')}
      onClose={onClose}
      closeLabel={t('handoffs.close')}
      data-testid="mark-lead-dialog"
    >
      <form className="tp-pull-in" onSubmit={handleSubmit} noValidate>
        <HandoffKindChoice
          value={kind}
          onChange={setKind}
          texts="handoffs.lead"
          testIdPrefix="mark-lead"
        />

        <TeamPicker
          label={t('handoffs.lead.team')}
          placeholder={t('handoffs.pullIn.chooseTeam')}
          value={chosen}
          onChange={setPicked}
          error={errors.team}
          teamLabel={(team) =>
            team.receivesLeads
              ? t('handoffs.lead.receivesLeadsOption', { name: team.name })
              : team.name
          }
          data-testid="mark-lead-team"
        />

        <div className={`tp-field${errors.note ? ' tp-field--invalid' : ''}`}>
          <label className="tp-field__label" htmlFor={noteId}>
            {t('handoffs.lead.note')}
          </label>
          <p id={noteHintId} className="tp-field__hint">
            {t('handoffs.lead.noteHint', { min: HANDOFF_NOTE_MIN })}
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
            data-autofocus
            data-testid="mark-lead-note"
          />
          {errors.note ? (
            <p id={noteErrorId} className="tp-field__error" data-testid="mark-lead-note-error">
              {errors.note}
            </p>
          ) : null}
        </div>

        {mark.isError ? (
          <Alert tone="error" data-testid="mark-lead-error">
            {apiErrorMessage(mark.error, t)}
          </Alert>
        ) : null}

        <div className="tp-dialog__footer">
          <Button variant="ghost" onClick={onClose}>
            {t('inbox.thread.cancel')}
          </Button>
          <Button type="submit" busy={mark.isPending} data-testid="mark-lead-submit">
            {t('handoffs.lead.submit')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
