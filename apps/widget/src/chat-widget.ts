import type { WidgetHandshake, WidgetSessionPayload } from '@touchpoint/shared/realtime/widget';
import {
  WIDGET_ERRORS,
  WIDGET_SEND_LIMIT,
  WIDGET_TEXT_MAX_LENGTH,
} from '@touchpoint/shared/realtime/widget-payloads';
import { ChatConnection, type ConnectionStatus } from './chat-connection';
import { ChatView } from './chat-view';
import type { EmbedConfig } from './embed-config';
import { pickLang, textsFor, type Texts } from './i18n';
import { fromServer, MessageList, pendingMessage, type ChatMessage } from './message-list';
import { newClientMessageId } from './client-message-id';
import { VisitorStorage, type OutboxEntry } from './visitor-storage';

/** Agent typing is shown this long after the last notice (the server may never say "stopped"). */
const TYPING_SHOWN_MS = 6000;
/** The visitor's typing is reported at most this often, and "stopped" after this much quiet. */
const TYPING_REPEAT_MS = 2000;
const TYPING_IDLE_MS = 3000;
/** A send that got no usable answer is tried again after this long (if still connected). */
const RETRY_MS = 3000;

/**
 * The website chat: connects (at once for a returning visitor, else when first opened), keeps the
 * thread, sends the visitor's messages through an outbox (each with a clientMessageId that stays the
 * same across retries and reloads, so the server stores it once) and tells the view what to show.
 */
export class ChatWidget {
  private readonly t: Texts;
  private readonly storage: VisitorStorage;
  private readonly connection: ChatConnection;
  private readonly view: ChatView;
  private readonly list = new MessageList();
  private session: WidgetSessionPayload | null = null;
  private agentsOnline = false;
  private open = false;
  private unread = 0;
  private flushing = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private agentTypingTimer: ReturnType<typeof setTimeout> | undefined;
  private typingSentAt = 0;
  private typingIdleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    host: HTMLElement,
    private readonly config: EmbedConfig,
  ) {
    const lang = pickLang(config.lang, navigator.languages ?? [navigator.language]);
    this.t = textsFor(lang);
    this.storage = new VisitorStorage(config.channelId);
    this.connection = new ChatConnection(config.serverUrl, () => this.handshake(), {
      session: (s) => this.onSession(s),
      message: (m) => this.onMessage(fromServer(m)),
      typing: (p) => this.showAgentTyping(p.typing ? p.authorName : undefined),
      availability: (p) => this.setAvailability(p.agentsOnline),
      survey: (u) => {
        if (this.list.setSurvey(u.messageId, u.survey)) this.render();
      },
      status: (s, reason) => this.onStatus(s, reason),
    });
    this.view = new ChatView(host, this.t, lang, {
      toggle: (open) => this.toggle(open),
      submit: (text) => this.submit(text),
      typing: () => this.visitorTyping(),
      leaveEmail: (email) => void this.leaveEmail(email),
      retry: (key) => this.retry(key),
      rate: (messageId, rating, comment) => void this.rate(messageId, rating, comment),
    });
    this.list.reset([], this.storage.outbox.map(toPending));
    this.render();
    // A returning visitor (or one with unsent messages) reconnects at once to get replies live.
    if (this.storage.sessionToken || this.storage.outbox.length) this.connection.connect();
  }

  private handshake(): WidgetHandshake {
    return {
      channelId: this.config.channelId,
      ...this.config.identity,
      ...(this.storage.sessionToken && { sessionToken: this.storage.sessionToken }),
      // An address the visitor left here wins over the one the page passed.
      ...(this.storage.email && { email: this.storage.email }),
    };
  }

  private toggle(open: boolean): void {
    this.open = open;
    if (open) {
      this.unread = 0;
      this.view.setUnread(0);
      this.connection.connect();
    }
    this.view.setOpen(open);
  }

  private onSession(session: WidgetSessionPayload): void {
    this.session = session;
    this.storage.sessionToken = session.sessionToken;
    if (session.email) this.storage.email = session.email;
    this.list.reset(session.messages, this.storage.outbox.map(toPending));
    this.setAvailability(session.agentsOnline);
    this.render();
    void this.flush();
  }

  private onMessage(message: ChatMessage): void {
    const added = this.list.upsert(message);
    if (message.direction === 'out') {
      this.showAgentTyping(undefined);
      if (added && !this.open) this.view.setUnread(++this.unread);
    }
    this.render();
  }

  private onStatus(status: ConnectionStatus, reason?: string): void {
    this.view.setStatus(status);
    if (status === 'unavailable' && reason) console.warn(`Touchpoint chat: ${reason}`);
  }

  private submit(text: string): void {
    if (text.length > WIDGET_TEXT_MAX_LENGTH) {
      this.view.setNotice(this.t.tooLong);
      return;
    }
    const entry: OutboxEntry = {
      clientMessageId: newClientMessageId(),
      text,
      createdAt: new Date().toISOString(),
    };
    this.storage.outbox = [...this.storage.outbox, entry];
    this.list.upsert(toPending(entry));
    this.stopTyping();
    this.render();
    if (!this.connection.started) this.connection.connect();
    else void this.flush();
  }

  private retry(key: string): void {
    const message = this.list.all.find((m) => m.key === key);
    if (!message?.clientMessageId) return;
    this.storage.outbox = [
      ...this.storage.outbox,
      {
        clientMessageId: message.clientMessageId,
        text: message.text,
        createdAt: message.createdAt,
      },
    ];
    this.list.setStatus(key, 'pending');
    this.render();
    void this.flush();
  }

  /** Sends the outbox in order; stops at the first message that could not be sent and tries again later. */
  private async flush(): Promise<void> {
    if (this.flushing || !this.session) return;
    this.flushing = true;
    clearTimeout(this.retryTimer);
    try {
      for (;;) {
        const [entry] = this.storage.outbox;
        if (!entry || !this.connection.connected) return;
        const ack = await this.connection.send({
          clientMessageId: entry.clientMessageId,
          text: entry.text,
        });
        if (ack?.ok) {
          this.dequeue(entry.clientMessageId);
          if (ack.data) this.list.upsert(fromServer(ack.data));
          this.view.setNotice(null);
        } else if (ack && ack.error === WIDGET_ERRORS.invalidMessage) {
          this.dequeue(entry.clientMessageId);
          this.list.setStatus(`c:${entry.clientMessageId}`, 'failed');
        } else {
          const limited = ack?.error === WIDGET_ERRORS.rateLimited;
          if (limited) this.view.setNotice(this.t.rateLimited);
          this.retryTimer = setTimeout(
            () => void this.flush(),
            limited ? WIDGET_SEND_LIMIT.windowMs : RETRY_MS,
          );
          return;
        }
        this.render();
      }
    } finally {
      this.flushing = false;
      this.render();
    }
  }

  private dequeue(clientMessageId: string): void {
    this.storage.outbox = this.storage.outbox.filter((e) => e.clientMessageId !== clientMessageId);
  }

  /** Sends the visitor's rating of a survey; the thanks show once the server kept it. */
  private async rate(messageId: string, rating: number, comment: string): Promise<void> {
    const ack = await this.connection.rate({ messageId, rating, ...(comment && { comment }) });
    if (ack?.ok && ack.data) {
      this.list.setSurvey(ack.data.messageId, ack.data.survey);
      this.render();
      return;
    }
    const error = ack && !ack.ok ? ack.error : null;
    this.view.surveyFailed(
      messageId,
      error === WIDGET_ERRORS.surveyClosed
        ? this.t.surveyClosed
        : error === WIDGET_ERRORS.rateLimited
          ? this.t.rateLimited
          : this.t.surveyFailed,
    );
  }

  private async leaveEmail(email: string): Promise<void> {
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      this.view.setEmailError(this.t.emailInvalid);
      return;
    }
    const ack = await this.connection.leaveEmail({ email });
    if (!ack?.ok) {
      this.view.setEmailError(
        ack?.error === WIDGET_ERRORS.invalidEmail ? this.t.emailInvalid : this.t.unavailable,
      );
      return;
    }
    this.view.setEmailError(null);
    this.storage.email = email;
    this.setAvailability(this.agentsOnline);
  }

  private setAvailability(agentsOnline: boolean): void {
    this.agentsOnline = agentsOnline;
    this.view.setPresence(agentsOnline);
    const email = this.storage.email ?? null;
    this.view.setEmailOffer(!agentsOnline && !email, agentsOnline ? null : email);
  }

  private showAgentTyping(name: string | null | undefined): void {
    clearTimeout(this.agentTypingTimer);
    if (name === undefined) return this.view.setTyping(null);
    this.view.setTyping(this.t.typing(name));
    this.agentTypingTimer = setTimeout(() => this.view.setTyping(null), TYPING_SHOWN_MS);
  }

  private visitorTyping(): void {
    const now = Date.now();
    if (now - this.typingSentAt >= TYPING_REPEAT_MS) {
      this.typingSentAt = now;
      this.connection.typing({ typing: true });
    }
    clearTimeout(this.typingIdleTimer);
    this.typingIdleTimer = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  private stopTyping(): void {
    clearTimeout(this.typingIdleTimer);
    if (!this.typingSentAt) return;
    this.typingSentAt = 0;
    this.connection.typing({ typing: false });
  }

  private render(): void {
    this.view.renderMessages(this.list.all, this.session?.greeting ?? null);
  }
}

function toPending(entry: OutboxEntry): ChatMessage {
  return pendingMessage(entry.clientMessageId, entry.text, entry.createdAt);
}
