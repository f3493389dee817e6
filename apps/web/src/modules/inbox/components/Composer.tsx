import { useId, useRef, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  ConversationDto,
  ReplyChannelOptionDto,
  SendMessageRequest,
} from '@touchpoint/shared';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { Icon } from '../../../ui/Icon';
import { apiErrorMessage } from '../format/api-error-message';
import { useDraft } from '../hooks/useDraft';
import { useReplyChannels } from '../hooks/useReplyChannels';
import { useSendMessage } from '../hooks/useSendMessage';
import { draftsStore, updateDraft, type ComposerMode } from '../states/drafts.store';
import { contactName } from '../../contacts/contact-name';

const MODES: readonly ComposerMode[] = ['reply', 'note'];

function defaultChannel(options: ReplyChannelOptionDto[] | undefined): string | null {
  if (!options || options.length === 0) return null;
  return (options.find((option) => option.isDefault) ?? options[0])?.channel.id ?? null;
}

/**
 * Where the agent writes: a reply to the customer (on the channel picked, preset to the one
 * they wrote on last) or an internal note (yellow, never leaves Touchpoint). The draft lives
 * in the drafts store, so it survives switching conversations. Ctrl/Cmd+Enter sends.
 */
export function Composer({ conversation }: { conversation: ConversationDto }) {
  const { t } = useTranslation();
  const conversationId = conversation.id;
  const draft = useDraft(conversationId);
  const replyChannels = useReplyChannels(conversationId);
  const send = useSendMessage();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const textareaId = useId();
  const channelSelectId = useId();
  const hintId = useId();

  const mode: ComposerMode = draft?.mode ?? 'reply';
  const isNote = mode === 'note';
  const options = replyChannels.data;
  const channelId = draft?.channelId ?? defaultChannel(options);
  const noChannel = !isNote && replyChannels.isSuccess && options?.length === 0;
  const body = draft?.body ?? '';

  const submit = () => {
    // The store, not the render: two clicks in one frame must see the same draft.
    const current = draftsStore.get()[conversationId];
    if (!current || current.body.trim() === '' || noChannel) return;
    const request: SendMessageRequest = {
      type: current.mode,
      body: current.body,
      clientMessageId: current.clientMessageId,
    };
    const pickedChannel = current.channelId ?? defaultChannel(options);
    if (current.mode === 'reply' && pickedChannel) request.channelId = pickedChannel;
    if (send.send({ conversationId, body: request })) textarea.current?.focus();
  };

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    submit();
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  };

  return (
    <form
      className={`tp-composer${isNote ? ' tp-composer--note' : ''}`}
      onSubmit={handleSubmit}
      aria-label={t('inbox.composer.label')}
      data-testid="composer"
      data-mode={mode}
    >
      <div className="tp-composer__toolbar">
        <fieldset className="tp-segmented">
          <legend className="tp-visually-hidden">{t('inbox.composer.mode')}</legend>
          {MODES.map((option) => (
            <label
              key={option}
              className={`tp-segmented__option tp-segmented__option--${option}${
                option === mode ? ' tp-segmented__option--active' : ''
              }`}
            >
              <input
                type="radio"
                className="tp-visually-hidden"
                name={`composer-mode-${conversationId}`}
                value={option}
                checked={option === mode}
                onChange={() => updateDraft(conversationId, { mode: option })}
              />
              <Icon name={option === 'note' ? 'lock' : 'send'} size={14} />
              {t(`inbox.composer.${option}`)}
            </label>
          ))}
        </fieldset>
        {!isNote && options && options.length > 0 ? (
          <div className="tp-composer__channel">
            <label htmlFor={channelSelectId}>{t('inbox.composer.channel')}</label>
            <select
              id={channelSelectId}
              className="tp-select"
              value={channelId ?? ''}
              onChange={(event) => updateDraft(conversationId, { channelId: event.target.value })}
              data-testid="reply-channel"
            >
              {options.map((option) => (
                <option key={option.channel.id} value={option.channel.id}>
                  {t('inbox.composer.channelOption', {
                    channel: option.channel.name,
                    address: option.address,
                  })}
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </div>
      {isNote ? (
        <p id={hintId} className="tp-composer__note-hint" data-testid="note-hint">
          <Icon name="lock" size={14} />
          {t('inbox.composer.noteHint')}
        </p>
      ) : null}
      {noChannel ? (
        <p className="tp-composer__no-channel" role="status">
          {t('inbox.composer.noChannel')}
        </p>
      ) : null}
      <label htmlFor={textareaId} className="tp-visually-hidden">
        {isNote ? t('inbox.composer.note') : t('inbox.composer.reply')}
      </label>
      <textarea
        ref={textarea}
        id={textareaId}
        className="tp-composer__input"
        rows={3}
        value={body}
        readOnly={send.isPending}
        aria-describedby={isNote ? hintId : undefined}
        placeholder={
          isNote
            ? t('inbox.composer.notePlaceholder')
            : t('inbox.composer.replyPlaceholder', {
                name: contactName(conversation.contact.name, t),
              })
        }
        onChange={(event) => updateDraft(conversationId, { body: event.target.value })}
        onKeyDown={handleKeyDown}
        data-testid="composer-input"
      />
      {send.isError ? (
        <Alert tone="error" data-testid="composer-error">
          {t('inbox.composer.sendFailed', { reason: apiErrorMessage(send.error, t) })}
        </Alert>
      ) : null}
      <div className="tp-composer__footer">
        <span className="tp-composer__shortcut">{t('inbox.composer.shortcut')}</span>
        <Button
          type="submit"
          busy={send.isPending}
          disabled={body.trim() === '' || noChannel}
          icon={<Icon name={isNote ? 'note' : 'send'} size={16} />}
          className={isNote ? 'tp-button--note' : undefined}
          data-testid="composer-send"
        >
          {isNote ? t('inbox.composer.addNote') : t('inbox.composer.sendReply')}
        </Button>
      </div>
    </form>
  );
}
