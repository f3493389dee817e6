import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  WEBHOOK_EVENT_TYPES,
  createWebhookSchema,
  type WebhookDto,
  type WebhookEventType,
  type WebhookWithSecretDto,
} from '@touchpoint/shared';
import { Alert } from '../../../../ui/Alert';
import { Button } from '../../../../ui/Button';
import { Dialog } from '../../../../ui/Dialog';
import { TextField } from '../../../../ui/TextField';
import { apiErrorMessage } from '../../../../lib/api-error-message';
import { useCreateWebhook } from '../hooks/useCreateWebhook';
import { useUpdateWebhook } from '../hooks/useUpdateWebhook';
import { SecretReveal } from './SecretReveal';

export interface WebhookDialogProps {
  /** Editing this webhook; adding a new one without it. */
  webhook?: WebhookDto;
  onClose: () => void;
}

interface Draft {
  url: string;
  description: string;
  all: boolean;
  events: WebhookEventType[];
  includeNotes: boolean;
  active: boolean;
}

function draftOf(webhook?: WebhookDto): Draft {
  const all = !webhook || webhook.events.includes('*');
  return {
    url: webhook?.url ?? '',
    description: webhook?.description ?? '',
    all,
    events: all ? [] : (webhook?.events.filter((e): e is WebhookEventType => e !== '*') ?? []),
    includeNotes: webhook?.includeNotes ?? false,
    active: webhook?.active ?? true,
  };
}

/**
 * Adds or changes a webhook: where to send, which events, whether internal notes go too. After
 * adding, the dialog shows the signing secret once.
 */
export function WebhookDialog({ webhook, onClose }: WebhookDialogProps) {
  const { t } = useTranslation();
  const create = useCreateWebhook();
  const update = useUpdateWebhook();
  const [draft, setDraft] = useState<Draft>(() => draftOf(webhook));
  const [errors, setErrors] = useState<{ url?: string; events?: string }>({});
  const [created, setCreated] = useState<WebhookWithSecretDto | null>(null);
  const saving = create.isPending || update.isPending;
  const failure = create.error ?? update.error;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      url: draft.url.trim(),
      description: draft.description,
      events: draft.all ? ['*' as const] : draft.events,
      includeNotes: draft.includeNotes,
      active: draft.active,
    };
    const parsed = createWebhookSchema.safeParse(body);
    if (!parsed.success) {
      const next: typeof errors = {};
      for (const issue of parsed.error.issues) {
        if (issue.path[0] === 'url') next.url = t('integrations.webhooks.form.urlInvalid');
        if (issue.path[0] === 'events')
          next.events = t('integrations.webhooks.form.eventsRequired');
      }
      setErrors(next);
      return;
    }
    setErrors({});
    if (webhook) update.mutate({ id: webhook.id, body }, { onSuccess: onClose });
    else create.mutate(body, { onSuccess: setCreated });
  };

  const toggleEvent = (type: WebhookEventType, on: boolean) =>
    setDraft((current) => ({
      ...current,
      events: on ? [...current.events, type] : current.events.filter((e) => e !== type),
    }));

  const title = webhook
    ? t('integrations.webhooks.form.editTitle')
    : t('integrations.webhooks.add');
  return (
    <Dialog
      title={title}
      onClose={onClose}
      closeLabel={t('integrations.close')}
      data-testid="webhook-dialog"
    >
      {created ? (
        <>
          <SecretReveal
            label={t('integrations.webhooks.secret')}
            value={created.secret}
            hint={t('integrations.webhooks.secretHint')}
          />
          <div className="tp-dialog__footer">
            <Button onClick={onClose} data-autofocus data-testid="secret-done">
              {t('integrations.done')}
            </Button>
          </div>
        </>
      ) : (
        <form onSubmit={submit} noValidate data-testid="webhook-form">
          <TextField
            label={t('integrations.webhooks.form.url')}
            name="url"
            type="url"
            value={draft.url}
            placeholder="https://"
            error={errors.url}
            hint={t('integrations.webhooks.form.urlHint')}
            onChange={(e) => setDraft({ ...draft, url: e.target.value })}
            data-autofocus
          />
          <TextField
            label={t('integrations.webhooks.form.description')}
            name="description"
            value={draft.description}
            maxLength={500}
            onChange={(e) => setDraft({ ...draft, description: e.target.value })}
          />
          <fieldset
            className="tp-integrations__choices"
            aria-describedby={errors.events ? 'webhook-events-error' : undefined}
          >
            <legend className="tp-field__label">{t('integrations.webhooks.form.events')}</legend>
            <label className="tp-integrations__choice">
              <input
                type="checkbox"
                checked={draft.all}
                onChange={(e) => setDraft({ ...draft, all: e.target.checked })}
                data-testid="webhook-all-events"
              />
              {t('integrations.webhooks.allEvents')}
            </label>
            {draft.all
              ? null
              : WEBHOOK_EVENT_TYPES.map((type) => (
                  <label key={type} className="tp-integrations__choice">
                    <input
                      type="checkbox"
                      checked={draft.events.includes(type)}
                      onChange={(e) => toggleEvent(type, e.target.checked)}
                    />
                    <code>{type}</code>
                  </label>
                ))}
            {errors.events ? (
              <p id="webhook-events-error" className="tp-field__error">
                {errors.events}
              </p>
            ) : null}
          </fieldset>
          <label className="tp-integrations__choice">
            <input
              type="checkbox"
              checked={draft.includeNotes}
              onChange={(e) => setDraft({ ...draft, includeNotes: e.target.checked })}
              data-testid="webhook-include-notes"
            />
            {t('integrations.webhooks.form.includeNotes')}
          </label>
          <label className="tp-integrations__choice">
            <input
              type="checkbox"
              checked={draft.active}
              onChange={(e) => setDraft({ ...draft, active: e.target.checked })}
            />
            {t('integrations.webhooks.form.active')}
          </label>
          {failure ? (
            <Alert tone="error" title={t('integrations.webhooks.form.failed')}>
              {apiErrorMessage(failure, t)}
            </Alert>
          ) : null}
          <div className="tp-dialog__footer">
            <Button variant="ghost" onClick={onClose}>
              {t('integrations.cancel')}
            </Button>
            <Button type="submit" busy={saving} data-testid="webhook-save">
              {t('integrations.save')}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
