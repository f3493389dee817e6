import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  ConversationDto,
  ReplyChannelOptionDto,
  SendMessageRequest,
} from '@touchpoint/shared';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { Icon, type IconName } from '../../../ui/Icon';
import { useMe } from '../../auth/hooks/useMe';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { composerModesFor, effectiveMode } from '../format/composer-modes';
import { replyWindowState, templateRequest } from '../format/reply-window';
import { useDraft } from '../hooks/useDraft';
import { useNow } from '../hooks/useNow';
import { useReplyChannels } from '../hooks/useReplyChannels';
import { replyChannelLabel } from '../format/reply-channel-label';
import { useSendMessage } from '../hooks/useSendMessage';
import { loadedTimelineSeq } from '../cache/inbox-cache';
import { useSendSuggestion } from '../hooks/useSendSuggestion';
import { useTypingSignal } from '../hooks/useTypingSignal';
import {
  discardSuggestionEdit,
  draftsStore,
  updateDraft,
  type ComposerMode,
  type Draft,
} from '../states/drafts.store';
import { contactName } from '../../contacts/contact-name';
import { useContact } from '../../contacts/hooks/useContact';
import { PhonePreferenceHint } from './PhonePreferenceHint';
import { ReplyWindowNotice, windowRefusedText } from './ReplyWindowNotice';
import { TemplatePicker } from './TemplatePicker';
import { ComposerAssist } from '../../assist/components/ComposerAssist';
import { unfilledCannedVariables } from '@touchpoint/shared';
import { CannedPlaceholderHint } from '../../canned-responses/components/CannedPlaceholderHint';
import { cannedValuesOf } from '../../canned-responses/format/canned-values';
import { useCannedResponsePicker } from '../../canned-responses/hooks/useCannedResponsePicker';
import { useComposerUploads } from '../hooks/useComposerUploads';
import { readyUploadIds, uploadsHoldSend } from '../states/composer-uploads.store';
import { ComposerAttachments, useFileDrop } from './ComposerAttachments';

const MODE_ICONS: Record<ComposerMode, IconName> = {
  reply: 'send',
  note: 'lock',
  suggestion: 'sparkle',
};

const SEND_ICONS: Record<ComposerMode, IconName> = {
  reply: 'send',
  note: 'note',
  suggestion: 'sparkle',
};

/** The composer's text field, for whoever wants to put the cursor there (Edit on a suggestion). */
export function composerInputId(conversationId: string): string {
  return `composer-input-${conversationId}`;
}

function defaultChannel(options: ReplyChannelOptionDto[] | undefined): string | null {
  if (!options || options.length === 0) return null;
  return (options.find((option) => option.isDefault) ?? options[0])?.channel.id ?? null;
}

/** The channel the draft picked while it is still offered, else the default one. */
function replyChannelOf(
  picked: string | null | undefined,
  options: ReplyChannelOptionDto[] | undefined,
): string | null {
  if (picked && (!options || options.some((option) => option.channel.id === picked))) return picked;
  return defaultChannel(options);
}

const REPLIED_MEANWHILE = 'messages.replied_meanwhile';
const WINDOW_CLOSED = 'messages.reply_window_closed';

/**
 * Where the agent writes: a reply to the customer (on the channel picked, preset to the one
 * they prefer or wrote on last), an internal note (yellow, never leaves Touchpoint), or, for
 * colleagues who do not own the conversation, a reply suggested to the owner. The draft lives in
 * the drafts store, so it survives switching conversations. Ctrl/Cmd+Enter sends. A suggested
 * reply put here with "Edit" is sent as that suggestion, with the edited text. Colleagues in the
 * conversation see that the agent is typing (throttled, see `useTypingSignal`).
 *
 * On channels whose provider limits replies to a window after the customer's last message it says
 * whether a free reply is possible. On WhatsApp (24 hours) the text box gives way to the channel's
 * approved templates once the window is closed, which the agent may also choose while it is open.
 * Messenger and Instagram (7 days) have no templates: once closed, nothing can be sent until the
 * customer writes again, so Send stays disabled. A contact who prefers a call is shown with their
 * number and "Log call".
 */
export function Composer({ conversation }: { conversation: ConversationDto }) {
  const { t } = useTranslation();
  const conversationId = conversation.id;
  const { data: me } = useMe();
  const draft = useDraft(conversationId);
  const replyChannels = useReplyChannels(conversationId);
  const send = useSendMessage();
  const queryClient = useQueryClient();
  const sendSuggestion = useSendSuggestion();
  const typing = useTypingSignal(conversationId);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const channelSelectId = useId();
  const hintId = useId();
  const windowId = useId();
  const now = useNow();
  const { data: contact = conversation.contactDetails } = useContact(
    conversation.contactDetails.id,
    conversation.contactDetails,
  );

  const modes = composerModesFor(conversation, me);
  const mode = effectiveMode(draft?.mode, modes);
  const isReply = mode === 'reply';
  const editedSuggestion = isReply ? (draft?.suggestion ?? null) : null;
  const options = replyChannels.data;
  const channelId = replyChannelOf(draft?.channelId, options);
  const noChannel = isReply && replyChannels.isSuccess && options?.length === 0;
  const body = draft?.body ?? '';
  // `/` opens the canned responses; one inserted with a variable left unfilled waits for the agent.
  const canned = useCannedResponsePicker({
    text: body,
    values: cannedValuesOf(conversation, me),
    onText: (text) => updateDraft(conversationId, { body: text, mode }),
    textarea,
  });
  const unfilled = (text: string) => unfilledCannedVariables(text).length > 0;
  const pending = send.isPending || sendSuggestion.isPending;
  const failure = send.isError ? send.error : sendSuggestion.isError ? sendSuggestion.error : null;
  const ownerName = conversation.owner?.name ?? t('inbox.composer.theOwner');

  const pickedOption = options?.find((o) => o.channel.id === channelId);
  const channelWindow = replyWindowState(pickedOption, now);
  const replyWindow = isReply ? channelWindow : ({ kind: 'none' } as const);
  const channelKind = pickedOption?.channel.kind;
  const templates = pickedOption?.templates ?? [];
  // WhatsApp takes approved templates (an admin may not have added any yet); Messenger and
  // Instagram have none.
  const takesTemplates = channelKind === 'whatsapp' || templates.length > 0;
  // Outside the window only a template goes; inside it the agent may choose one. An edited
  // suggestion is sent as written.
  const sendsTemplate = (d: Draft | undefined, m: ComposerMode) =>
    m === 'reply' &&
    channelWindow.kind !== 'none' &&
    takesTemplates &&
    !d?.suggestion &&
    (channelWindow.kind === 'closed' || Boolean(d?.useTemplate));
  // Free text the provider would refuse: the notice says why Send is disabled.
  const freeTextClosed = (m: ComposerMode) => m === 'reply' && channelWindow.kind === 'closed';
  const templateMode = sendsTemplate(draft, mode);
  // Files go with a reply to the customer (every channel carries them), never with a note.
  const uploads = useComposerUploads(conversationId);
  const attachBlocked = !isReply || editedSuggestion ? t('inbox.attachments.repliesOnly') : null;
  const drop = useFileDrop(uploads, attachBlocked);
  const withFiles = attachBlocked === null && uploads.readyIds.length > 0;
  const canSend =
    (attachBlocked !== null || !uploadsHoldSend(conversationId)) &&
    (templateMode
      ? templateRequest(templates, draft?.template ?? null) !== null
      : !freeTextClosed(mode) && (body.trim() !== '' || withFiles) && !unfilled(body));

  // A colleague answered the customer while this reply was written: warn, show their reply, confirm.
  const collision = send.error?.code === REPLIED_MEANWHILE ? send.error : null;

  const submit = (force = false) => {
    // The store, not the render: two clicks in one frame must see the same draft.
    const current = draftsStore.get()[conversationId];
    if (!current || noChannel) return;
    const currentMode = effectiveMode(current.mode, modes);
    const withTemplate = sendsTemplate(current, currentMode);
    const currentTemplate = withTemplate ? templateRequest(templates, current.template) : null;
    const files = attachBlocked === null ? readyUploadIds(conversationId) : [];
    if (attachBlocked === null && uploadsHoldSend(conversationId)) return;
    if (
      withTemplate
        ? !currentTemplate
        : freeTextClosed(currentMode) ||
          (current.body.trim() === '' && files.length === 0) ||
          unfilled(current.body)
    )
      return;
    const pickedChannel = replyChannelOf(current.channelId, options);
    typing.stopped();
    let started: boolean;
    if (currentMode === 'reply' && current.suggestion) {
      send.reset();
      started = sendSuggestion.send({
        conversationId,
        suggestionId: current.suggestion.id,
        body: {
          body: current.body,
          clientMessageId: current.clientMessageId,
          ...(pickedChannel ? { channelId: pickedChannel } : {}),
        },
      });
    } else {
      const request: SendMessageRequest = currentTemplate
        ? { type: 'reply', template: currentTemplate, clientMessageId: current.clientMessageId }
        : { type: currentMode, body: current.body, clientMessageId: current.clientMessageId };
      if (currentMode === 'reply' && pickedChannel) request.channelId = pickedChannel;
      if (files.length) {
        request.attachmentIds = files;
        if (request.body?.trim() === '') delete request.body;
      }
      if (currentMode === 'reply') {
        const seen = loadedTimelineSeq(queryClient, conversationId);
        if (seen !== undefined) request.lastSeenSeq = seen;
        if (force) request.force = true;
      }
      sendSuggestion.reset();
      started = send.send({ conversationId, body: request });
    }
    if (started) textarea.current?.focus();
  };

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    submit();
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    } else if (event.key === 'Enter' && event.target instanceof HTMLInputElement) {
      // Enter in a template value must not send the form on its own: Ctrl+Enter sends, as above.
      event.preventDefault();
    }
  };

  const placeholder = {
    reply: () =>
      t('inbox.composer.replyPlaceholder', {
        name: contactName(conversation.contact.name, t, conversation.createdAt),
      }),
    note: () => t('inbox.composer.notePlaceholder'),
    suggestion: () =>
      t('inbox.composer.suggestionPlaceholder', {
        owner: ownerName,
        name: contactName(conversation.contact.name, t, conversation.createdAt),
      }),
  }[mode]();

  return (
    <form
      className={`tp-composer${mode === 'note' ? ' tp-composer--note' : ''}${
        mode === 'suggestion' ? ' tp-composer--suggestion' : ''
      }${drop.dropping ? ' tp-composer--dropping' : ''}`}
      {...drop.props}
      onSubmit={handleSubmit}
      aria-label={t('inbox.composer.label')}
      data-testid="composer"
      data-mode={mode}
    >
      <div className="tp-composer__toolbar">
        <fieldset className="tp-segmented">
          <legend className="tp-visually-hidden">{t('inbox.composer.mode')}</legend>
          {modes.map((option) => (
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
              <Icon name={MODE_ICONS[option]} size={14} />
              {t(`inbox.composer.${option}`)}
            </label>
          ))}
        </fieldset>
        {isReply && options && options.length > 0 ? (
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
                  {replyChannelLabel(option, t)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </div>
      {mode === 'note' ? (
        <p id={hintId} className="tp-composer__note-hint" data-testid="note-hint">
          <Icon name="lock" size={14} />
          {t('inbox.composer.noteHint')}
        </p>
      ) : null}
      {mode === 'suggestion' ? (
        <p
          id={hintId}
          className="tp-composer__note-hint tp-composer__suggestion-hint"
          data-testid="suggestion-hint"
        >
          <Icon name="lock" size={14} />
          {t('inbox.composer.suggestionHint', { owner: ownerName })}
        </p>
      ) : null}
      {editedSuggestion ? (
        <p id={hintId} className="tp-composer__editing" data-testid="suggestion-edit">
          <Icon name="sparkle" size={14} />
          <span>
            {t('inbox.composer.editingSuggestion', { name: editedSuggestion.authorName })}
          </span>
          <Button
            variant="ghost"
            className="tp-composer__discard"
            onClick={() => discardSuggestionEdit(conversationId)}
          >
            {t('inbox.composer.discardSuggestion')}
          </Button>
        </p>
      ) : null}
      {noChannel ? (
        <p className="tp-composer__no-channel" role="status">
          {t('inbox.composer.noChannel')}
        </p>
      ) : null}
      {isReply && contact.preferredChannel === 'phone' ? (
        <PhonePreferenceHint conversationId={conversationId} contact={contact} />
      ) : null}
      {replyWindow.kind !== 'none' && channelKind ? (
        <div className="tp-composer__window">
          <ReplyWindowNotice
            id={windowId}
            state={replyWindow}
            channelKind={channelKind}
            now={now}
          />
          {replyWindow.kind === 'open' && templates.length > 0 && !editedSuggestion ? (
            <label className="tp-composer__use-template">
              <input
                type="checkbox"
                checked={Boolean(draft?.useTemplate)}
                onChange={(event) =>
                  updateDraft(conversationId, { useTemplate: event.target.checked })
                }
                data-testid="use-template"
              />
              {t('inbox.composer.useTemplate')}
            </label>
          ) : null}
        </div>
      ) : null}
      {templateMode ? (
        <TemplatePicker
          templates={templates}
          value={draft?.template ?? null}
          onChange={(next) => updateDraft(conversationId, { template: next, mode })}
          readOnly={pending}
          describedBy={windowId}
          onKeyDown={handleKeyDown}
        />
      ) : (
        <>
          <label htmlFor={composerInputId(conversationId)} className="tp-visually-hidden">
            {t(`inbox.composer.${mode}`)}
          </label>
          <textarea
            ref={textarea}
            id={composerInputId(conversationId)}
            className="tp-composer__input"
            rows={3}
            value={body}
            readOnly={pending}
            aria-describedby={
              [
                mode !== 'reply' || editedSuggestion ? hintId : null,
                replyWindow.kind !== 'none' ? windowId : null,
              ]
                .filter(Boolean)
                .join(' ') || undefined
            }
            placeholder={placeholder}
            // The draft keeps the mode it was written in, even if what is offered changes meanwhile.
            {...canned.fieldProps}
            onSelect={(event) => canned.track(event.currentTarget)}
            onChange={(event) => {
              const value = event.target.value;
              canned.track(event.target, true);
              updateDraft(conversationId, { body: value, mode });
              if (value.trim() === '') typing.stopped();
              else typing.typed(mode);
            }}
            onKeyDown={(event) => canned.onKeyDown(event) || handleKeyDown(event)}
            data-testid="composer-input"
          />
          {canned.list}
          <CannedPlaceholderHint text={body} />
        </>
      )}
      {collision ? (
        <Alert
          tone="info"
          data-testid="composer-collision"
          action={
            <Button
              variant="secondary"
              onClick={() => submit(true)}
              data-testid="composer-send-anyway"
            >
              {t('inbox.composer.sendAnyway')}
            </Button>
          }
        >
          {t('inbox.composer.repliedMeanwhile')}
        </Alert>
      ) : failure ? (
        <Alert tone="error" data-testid="composer-error">
          {t('inbox.composer.sendFailed', {
            // Said in the agent's language, by the provider's rules: the composer now offers the
            // templates instead (WhatsApp), or waits for the customer (Messenger, Instagram).
            reason:
              failure.code === WINDOW_CLOSED
                ? windowRefusedText(channelKind, t)
                : apiErrorMessage(failure, t),
          })}
        </Alert>
      ) : null}
      <div className="tp-composer__footer">
        <ComposerAttachments uploads={uploads} blockedReason={attachBlocked} />
        {mode !== 'note' && !templateMode ? (
          <ComposerAssist
            conversationId={conversationId}
            channelId={isReply ? channelId : null}
            text={body}
            onText={(text) => updateDraft(conversationId, { body: text, mode })}
          />
        ) : null}
        <div className="tp-composer__send">
          <span className="tp-composer__shortcut">{t('inbox.composer.shortcut')}</span>
          <Button
            type="submit"
            busy={pending}
            disabled={!canSend || noChannel}
            icon={<Icon name={SEND_ICONS[mode]} size={16} />}
            className={
              mode === 'note'
                ? 'tp-button--note'
                : mode === 'suggestion'
                  ? 'tp-button--suggestion'
                  : undefined
            }
            data-testid="composer-send"
          >
            {
              {
                reply: templateMode
                  ? t('inbox.composer.sendTemplate')
                  : t('inbox.composer.sendReply'),
                note: t('inbox.composer.addNote'),
                suggestion: t('inbox.composer.addSuggestion'),
              }[mode]
            }
          </Button>
        </div>
      </div>
    </form>
  );
}
