import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ConversationDto } from '@touchpoint/shared';
import { Alert } from '../../../ui/Alert';
import { Avatar } from '../../../ui/Avatar';
import { Button } from '../../../ui/Button';
import { Icon } from '../../../ui/Icon';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { useClaimConversation } from '../hooks/useClaimConversation';
import { useUpdateConversation } from '../hooks/useUpdateConversation';
import { threadPermissions } from '../format/thread-permissions';
import { ConversationViewers } from './ConversationViewers';
import { LogCallDialog } from './LogCallButton';
import { MergeDialog } from './MergeDialog';
import { MergedAwayNotice } from './MergedAwayNotice';
import { StatusControl } from './StatusControl';
import { contactName } from '../../contacts/contact-name';
import { useMe } from '../../auth/hooks/useMe';
import { ParticipantAvatars } from '../../handoffs/components/ParticipantAvatars';
import { PullInButton } from '../../handoffs/components/PullInButton';
import { LeadBadge } from '../../handoffs/components/LeadBadge';
import { ConversationLabels } from '../../labels/components/ConversationLabels';
import { MarkLeadDialog } from '../../handoffs/components/MarkLeadDialog';
import { MenuButton, type MenuItem } from '../../../ui/MenuButton';
import { SummariseButton } from '../../assist/components/SummariseButton';

export interface ConversationHeaderProps {
  conversation: ConversationDto;
  contactPanelOpen: boolean;
  onToggleContactPanel: () => void;
}

/**
 * Who the conversation is with, who else has it open, its state, who answers it (or a Claim
 * button), who is pulled in, and for the owner (and supervisors) the way to pull in a team or a
 * person and to keep or remove who is pulled in.
 */
export function ConversationHeader({
  conversation,
  contactPanelOpen,
  onToggleContactPanel,
}: ConversationHeaderProps) {
  const { t } = useTranslation();
  const claim = useClaimConversation(conversation.id);
  const update = useUpdateConversation(conversation.id);
  const { data: me } = useMe();
  const owner = conversation.owner;
  // Status and priority of an owned conversation are its owner's (or a supervisor's) call.
  const { mayPullIn, mayManage, readOnly } = threadPermissions(conversation, me);
  // The less frequent actions live in the "…" menu, so the header stays one row beside the thread.
  const [dialog, setDialog] = useState<'lead' | 'merge' | 'call' | null>(null);
  const more: MenuItem[] = [
    ...(mayPullIn
      ? [
          {
            key: 'lead',
            label: t('handoffs.lead.button'),
            hint: t('handoffs.lead.buttonHint'),
            onSelect: () => setDialog('lead'),
            'data-testid': 'mark-lead',
          },
        ]
      : []),
    ...(mayManage && !conversation.mergedIntoId
      ? [
          {
            key: 'merge',
            label: t('inbox.merge.button'),
            hint: t('inbox.merge.buttonHint'),
            onSelect: () => setDialog('merge'),
            'data-testid': 'merge-conversation',
          },
        ]
      : []),
    ...(readOnly
      ? []
      : [
          {
            key: 'call',
            label: t('inbox.logCall.open'),
            icon: 'phone' as const,
            onSelect: () => setDialog('call'),
            'data-testid': 'log-call',
          },
        ]),
  ];

  return (
    <header className="tp-thread__header" data-testid="thread-header">
      <div className="tp-thread__heading">
        <Link to="/inbox" className="tp-thread__back" aria-label={t('inbox.thread.back')}>
          <Icon name="back" size={18} />
        </Link>
        <div className="tp-thread__heading-main">
          <div className="tp-thread__title">
            <h2 id="thread-title" data-testid="thread-contact">
              {contactName(conversation.contact.name, t, conversation.createdAt)}{' '}
              <LeadBadge leadAt={conversation.leadAt} />
            </h2>
            {conversation.subject ? (
              <p className="tp-thread__subject">{conversation.subject}</p>
            ) : null}
            <ConversationLabels conversation={conversation} readOnly={readOnly} />
          </div>
          <ConversationViewers conversationId={conversation.id} />
          <StatusControl conversation={conversation} update={update} readOnly={!mayManage} />
        </div>
        <button
          type="button"
          className="tp-icon-button"
          aria-expanded={contactPanelOpen}
          aria-controls="contact-panel"
          aria-label={t('inbox.thread.contactPanel')}
          title={t('inbox.thread.contactPanel')}
          onClick={onToggleContactPanel}
        >
          <Icon name="user" size={18} />
        </button>
      </div>
      <div className="tp-thread__actions" role="group" aria-label={t('inbox.thread.actions')}>
        <div className="tp-thread__owner">
          {owner ? (
            <span className="tp-owner" data-testid="conversation-owner">
              <Avatar name={owner.name} size="small" />
              <span>{t('inbox.thread.owner', { name: owner.name })}</span>
            </span>
          ) : readOnly ? (
            <span className="tp-owner" data-testid="conversation-owner">
              {t('inbox.thread.noOwner')}
            </span>
          ) : (
            <Button
              onClick={() => claim.mutate()}
              busy={claim.isPending}
              title={t('inbox.thread.claimHint')}
              data-testid="claim"
            >
              {t('inbox.thread.claim')}
            </Button>
          )}
          <ParticipantAvatars
            conversationId={conversation.id}
            ownerId={owner?.id}
            canManage={mayPullIn}
          />
          {mayPullIn && me ? <PullInButton conversation={conversation} me={me} /> : null}
          <SummariseButton conversationId={conversation.id} />
          <MenuButton label={t('inbox.thread.more')} items={more} data-testid="thread-more" />
        </div>
      </div>
      {dialog === 'lead' ? (
        <MarkLeadDialog conversation={conversation} onClose={() => setDialog(null)} />
      ) : null}
      {dialog === 'merge' ? (
        <MergeDialog conversation={conversation} onClose={() => setDialog(null)} />
      ) : null}
      {dialog === 'call' ? (
        <LogCallDialog conversationId={conversation.id} onClose={() => setDialog(null)} />
      ) : null}
      <MergedAwayNotice conversation={conversation} />
      {claim.isError ? (
        <Alert tone="error" data-testid="claim-error">
          {apiErrorMessage(claim.error, t)}
        </Alert>
      ) : null}
      {update.isError ? (
        <Alert tone="error" data-testid="update-error">
          {apiErrorMessage(update.error, t)}
        </Alert>
      ) : null}
    </header>
  );
}
