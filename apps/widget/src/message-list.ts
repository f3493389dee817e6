import type {
  WidgetAttachmentDto,
  WidgetMessageDto,
  WidgetSurveyDto,
} from '@touchpoint/shared/realtime/widget';

export type MessageStatus = 'pending' | 'sent' | 'failed';

/** A message as the widget shows it: the visitor's own ones start `pending` until the server acks. */
export interface ChatMessage {
  /** Stable key: the clientMessageId of the visitor's messages, the message id of replies. */
  key: string;
  id: string | null;
  clientMessageId: string | null;
  direction: 'in' | 'out';
  text: string;
  authorName: string | null;
  createdAt: string;
  status: MessageStatus;
  attachments: WidgetAttachmentDto[];
  /** A satisfaction survey the visitor rates in the chat. */
  survey?: WidgetSurveyDto;
}

function keyOf(m: Pick<WidgetMessageDto, 'id' | 'direction' | 'clientMessageId'>): string {
  return m.direction === 'in' && m.clientMessageId ? `c:${m.clientMessageId}` : `m:${m.id}`;
}

export function fromServer(m: WidgetMessageDto): ChatMessage {
  return { ...m, attachments: m.attachments ?? [], key: keyOf(m), status: 'sent' };
}

export function pendingMessage(
  clientMessageId: string,
  text: string,
  createdAt: string,
): ChatMessage {
  return {
    key: `c:${clientMessageId}`,
    id: null,
    clientMessageId,
    direction: 'in',
    text,
    authorName: null,
    createdAt,
    status: 'pending',
    attachments: [],
  };
}

/**
 * The thread, in order, without duplicates: a message arriving twice (ack and echo, live and in the
 * history after a reconnect) replaces the earlier copy in place.
 */
export class MessageList {
  private items: ChatMessage[] = [];

  get all(): readonly ChatMessage[] {
    return this.items;
  }

  /**
   * After (re)connecting: the server's history, then the visitor's messages the server acked but has
   * not stored as messages yet (newer than the history), then what is still waiting to be sent.
   */
  reset(history: readonly WidgetMessageDto[], unsent: readonly ChatMessage[]): void {
    const next = history.map(fromServer);
    const known = new Set(next.map((m) => m.key));
    const latest = next.length ? next[next.length - 1].createdAt : '';
    const acked = this.items.filter(
      (m) =>
        m.direction === 'in' && m.status === 'sent' && !known.has(m.key) && m.createdAt > latest,
    );
    this.items = [...next, ...acked];
    for (const m of unsent) this.upsert(m);
  }

  /** Adds or replaces by key; returns true when the message is new. */
  upsert(message: ChatMessage): boolean {
    const index = this.items.findIndex((m) => m.key === message.key);
    if (index >= 0) {
      // A confirmed copy is never downgraded to pending by a late local update.
      const current = this.items[index];
      const status =
        current.status === 'sent' && message.status === 'pending' ? 'sent' : message.status;
      this.items[index] = { ...current, ...message, id: message.id ?? current.id, status };
      return false;
    }
    this.items.push(message);
    return true;
  }

  /** A survey message's rating changed (in this tab or another); false when it is not shown. */
  setSurvey(messageId: string, survey: WidgetSurveyDto): boolean {
    const index = this.items.findIndex((m) => m.key === `m:${messageId}` && m.survey);
    if (index < 0) return false;
    this.items[index] = { ...this.items[index], survey };
    return true;
  }

  setStatus(key: string, status: MessageStatus): void {
    const message = this.items.find((m) => m.key === key);
    if (message) message.status = status;
  }
}
