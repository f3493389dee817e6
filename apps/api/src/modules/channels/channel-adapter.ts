import type {
  CallDetailsDto,
  ChannelKind,
  IdentityKind,
  MessageTemplate,
} from '@touchpoint/shared';
import type { InboundIdentity } from '../contacts/identity-address';
import type { InboundEvent } from '../intake/inbound-event.entity';
import type { Channel } from './channel.entity';

export type { InboundIdentity };

export interface InboundAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
  /** `cid:` reference of an inline email image. */
  contentId?: string;
  inline?: boolean;
}

/** One customer message, provider-neutral. */
export interface NormalizedMessage {
  /** Unique per channel; the second delivery of the same id is a duplicate. */
  providerMessageId: string;
  contact: { identities: InboundIdentity[]; name?: string };
  subject?: string;
  text: string;
  /** Sanitised HTML without quoted history. */
  html?: string;
  /** Quoted history (kept, shown collapsed). */
  quoted?: string;
  /** HTML exactly as received, never rendered. */
  htmlOriginal?: string;
  attachments: InboundAttachment[];
  /** Attachments that were not taken (refused address, too large), each as "name: reason". */
  droppedAttachments?: string[];
  /** Email threading: Message-ID, In-Reply-To, References, and the token of a `reply+<token>@` recipient. */
  email?: { messageId?: string; inReplyTo?: string[]; references?: string[]; replyToken?: string };
  sentAt?: Date;
  /** A phone call rather than a written message: `text` is its voicemail transcript, if any. */
  call?: CallDetailsDto;
  /**
   * Set when a provider reports one call in several pieces (ended, voicemail recorded, transcript
   * ready): the first piece stored makes the call entry and later ones complete it.
   */
  callReport?: CallReport;
  /** Set by the inbound pipeline: NUL or unpaired surrogates were replaced by U+FFFD. */
  charactersReplaced?: boolean;
}

/** What a piece of news about a call can tell; `transcript` is the message's text. */
export type CallReportField =
  'outcome' | 'durationSeconds' | 'startedAt' | 'recordingUrl' | 'transcript';

/**
 * One piece of news about a call: for each field it knows, how much it knows of it (a rank). A field
 * takes the value of the highest-ranked news that knows it, whatever order they arrive in (a
 * voicemail outranks "the call was completed", which Twilio also says of a call its voicemail took).
 */
export type CallReport = Partial<Record<CallReportField, number>>;

/** Delivery news about an outbound message (provider status callback, bounce). */
export interface DeliveryUpdate {
  /** Our message id when known (e.g. from a bounce's original headers) ... */
  messageId?: string;
  /** ... or the provider's id we recorded when sending. */
  providerMessageId?: string;
  /** Out of order or repeated news is fine: a reply's status never moves back. */
  status: 'sent' | 'delivered' | 'read' | 'failed';
  /** Why it failed, in words an agent can act on. */
  error?: string;
}

export type ParseResult =
  | { kind: 'messages'; messages: NormalizedMessage[] }
  /** Nothing for the inbox (auto-reply, typing notice, unsupported event); kept as `ignored` with the reason. */
  | { kind: 'ignored'; reason: string }
  | { kind: 'delivery'; updates: DeliveryUpdate[] };

/** Everything an adapter needs to send one reply. */
export interface OutboundContext {
  channel: Channel;
  message: {
    id: string;
    text: string;
    subject: string | null;
    attachments: {
      filename: string;
      contentType: string;
      content: Buffer;
      size: number;
      /**
       * A signed link that serves the file without a session, absolute under PUBLIC_URL and valid
       * for 12 hours, for providers that fetch media by URL (Twilio, WhatsApp).
       */
      url: string;
    }[];
  };
  conversation: { id: string; subject: string | null; replyToken: string };
  contact: { id: string; name: string };
  /** The identity the reply goes to (picked from the contact's identities for this channel kind). */
  recipient: InboundIdentity;
  author: { id: string | null; name: string };
  /** Email threading of this conversation: the latest Message-ID and every earlier one. */
  threading: { inReplyTo?: string; references: string[] };
}

export interface SendResult {
  providerMessageId: string;
  /** Kept on the message (e.g. the Message-ID header we generated). */
  metadata?: Record<string, string | string[] | number | boolean>;
}

/** Sending failed in a way retrying cannot fix (invalid recipient, rejected credentials): no more attempts. */
export class PermanentDeliveryError extends Error {}

/**
 * The provider asked us to slow down or is briefly unavailable (429, 503 with Retry-After): the reply
 * is tried again after `retryAfterMs` (the provider's own figure when it gave one), and the wait does
 * not use up one of its attempts.
 */
export class RetryLaterError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/**
 * A provider behind one interface. Verification of authenticity happens where the provider reaches
 * us (webhook controller, SMTP server) before `InboundIntakeService.accept`; the worker calls `parse`;
 * the outbound worker calls `send`. A provider's quirks stay in its adapter folder.
 */
export interface ChannelAdapter {
  readonly kind: ChannelKind;
  /** Identity kinds this channel can reach, best first. */
  readonly reaches: readonly IdentityKind[];
  parse(event: InboundEvent, channel: Channel): Promise<ParseResult>;
  send(ctx: OutboundContext): Promise<SendResult>;
  /** False when this channel's settings leave no way to answer (e.g. no callback URL): it is not offered. */
  canReply?(channel: Channel): boolean;
  /**
   * The provider's sending limit per channel (e.g. 80 messages a second per WhatsApp number): replies
   * beyond it wait their turn instead of being refused.
   */
  sendRate?(channel: Channel): { limit: number; windowMs: number };
  /**
   * Tells the provider where to deliver (e.g. registers the webhook), after an enabled channel was
   * created, enabled or given new settings. Throws ChannelConnectError with words for the admin.
   */
  connect?(channel: Channel): Promise<void>;
  /**
   * Tells the provider to stop delivering (e.g. removes the webhook), after an enabled channel was
   * disabled or deleted. Best effort: the channel stops taking deliveries either way.
   */
  disconnect?(channel: Channel): Promise<void>;
  /**
   * Asks the provider whether the channel's settings work, sending nothing to any customer. Answers
   * what was found to work, in words for the admin; throws ChannelConnectError saying what is wrong.
   */
  check?(channel: Channel): Promise<string>;
  /**
   * The provider's customer-service window for replies to this contact on this channel, for
   * providers that have one (WhatsApp: free replies only within 24 hours of the customer's last
   * message). Shown to the composer; a reply while it is closed is refused before it is stored.
   */
  replyWindow?(channel: Channel, contactId: string): Promise<ReplyWindow>;
}

/** When a provider lets a free reply go out, and what may be sent while it does not. */
export interface ReplyWindow {
  open: boolean;
  /** When it closes (or closed); null when the customer never wrote on this channel. */
  closesAt: Date | null;
  /** Approved templates, which may be sent whether the window is open or not. */
  templates: MessageTemplate[];
  /** Why a reply is refused while the window is closed, in words for the agent. */
  closedReason: string;
}

/** The provider refused the channel's settings, or (`unavailable`) could not be asked right now. */
export class ChannelConnectError extends Error {
  constructor(
    message: string,
    readonly unavailable = false,
  ) {
    super(message);
  }
}

/** Thrown by `parse` when the payload can never be understood: the event is kept as `failed` with the reason. */
export class UnparseablePayloadError extends Error {}

export const CHANNEL_ADAPTER_METADATA = 'channels:adapter';

/** Marks a provider class as the adapter of its kind; the channel registry finds it at start. */
export const RegisterChannelAdapter = (): ClassDecorator => (target) => {
  Reflect.defineMetadata(CHANNEL_ADAPTER_METADATA, true, target);
};
