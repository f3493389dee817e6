import { OutboxEvent } from '../core/events/outbox-event.entity';
import { RefreshToken } from '../modules/users/refresh-token.entity';
import { Channel } from '../modules/channels/channel.entity';
import { Contact, ContactIdentity } from '../modules/contacts/contact.entity';
import { Conversation } from '../modules/conversations/conversation.entity';
import { TimelineEvent } from '../modules/conversations/timeline-event.entity';
import { ConversationParticipant } from '../modules/conversations/conversation-participant.entity';
import { Handoff } from '../modules/handoffs/handoff.entity';
import { InboundEvent } from '../modules/intake/inbound-event.entity';
import { Notification } from '../modules/notifications/notification.entity';
import { Attachment, Message } from '../modules/conversations/messages/message.entity';
import { SlaPolicy } from '../modules/sla/sla-policy.entity';
import { Team, TeamMembership } from '../modules/users/team.entity';
import { User } from '../modules/users/user.entity';
import { Workspace } from '../modules/workspace/workspace.entity';
import { MarketingHold } from '../modules/marketing/marketing-hold.entity';
import { SuppressionChange } from '../modules/marketing/suppression-change.entity';
import { ApiToken } from '../modules/integrations/api-tokens/api-token.entity';
import { WebhookDelivery } from '../modules/integrations/webhooks/webhook-delivery.entity';
import { WebhookSubscription } from '../modules/integrations/webhooks/webhook-subscription.entity';
import { AuditLogEntry } from '../modules/privacy/audit-log.entity';
import { AssistCall } from '../modules/assist/assist-call.entity';
import { AssistSwitch } from '../modules/assist/assist-switch.entity';
import { CannedResponse } from '../modules/canned-responses/canned-response.entity';
import { Label } from '../modules/labels/label.entity';
import { ComposerUpload } from '../modules/conversations/messages/composer-upload.entity';
import { SharedGoal } from '../modules/goals/shared-goal.entity';

/** Every entity of the schema, registered once for the data source. */
export const entities = [
  Workspace,
  User,
  Team,
  TeamMembership,
  RefreshToken,
  Channel,
  Contact,
  ContactIdentity,
  Conversation,
  TimelineEvent,
  Message,
  Attachment,
  InboundEvent,
  Handoff,
  ConversationParticipant,
  Notification,
  OutboxEvent,
  SlaPolicy,
  MarketingHold,
  SuppressionChange,
  WebhookSubscription,
  WebhookDelivery,
  ApiToken,
  AuditLogEntry,
  AssistSwitch,
  AssistCall,
  Label,
  CannedResponse,
  ComposerUpload,
  SharedGoal,
];
