import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { IdentityKind } from '@touchpoint/shared';
import { DataSource } from 'typeorm';
import { toAuthUser, type AuthUser } from '../../core/auth/auth-user';
import { DEMO_CHANNELS, DEMO_USERS } from '../../database/seeds/demo-workspace';
import { emailProviderMessageId } from '../channels/adapters/email/email-address';
import type { EmailEnvelope } from '../channels/adapters/email/email-message.parser';
import type { StoredFormSubmission } from '../channels/adapters/form/form-submission.dto';
import {
  webchatProviderMessageId,
  type WebchatInboundPayload,
} from '../channels/adapters/webchat/webchat-payload';
import { Channel } from '../channels/channel.entity';
import { ConversationsService } from '../conversations/conversations.service';
import { HandoffLifecycle } from '../handoffs/handoff-lifecycle.service';
import { HandoffQueries } from '../handoffs/handoff-queries.service';
import { InboundIntakeService } from '../inbound/inbound-intake.service';
import { MessagesService } from '../messages/messages.service';
import { Team } from '../teams/team.entity';
import { User } from '../users/user.entity';
import { DEMO_CONTENT } from './demo-content';

/** How long to wait for the inbound worker to turn Kim's chat message into a conversation. */
const CONVERSATION_WAIT_MS = 60_000;
const POLL_MS = 250;

type DemoChannels = Record<keyof typeof DEMO_CHANNELS, Channel>;

/**
 * Fills the freshly seeded demo workspace with three sample conversations through the real pipeline:
 * the customers' messages enter by the intake the widget, the SMTP server and the form post use (the
 * inbound worker threads them), then Eva claims Kim's chat, answers her and pulls in Service and
 * Sales through the same services the inbox calls. Runs once, in the background, only right after the
 * demo seed (see `startInBackground`); a failure is logged and never stops the server.
 */
@Injectable()
export class DemoContentSeeder implements OnApplicationShutdown {
  private readonly logger = new Logger('DemoContent');
  private stopped = false;
  private running?: Promise<void>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly intake: InboundIntakeService,
    private readonly conversations: ConversationsService,
    private readonly messages: MessagesService,
    private readonly handoffQueries: HandoffQueries,
    private readonly handoffs: HandoffLifecycle,
  ) {}

  /** Starts the seeding without waiting for it; the promise never rejects. */
  startInBackground(): Promise<void> {
    this.running ??= this.seed().then(
      () => this.logger.log('Sample conversations of the demo workspace are ready'),
      (err: Error) => {
        if (!this.stopped)
          this.logger.warn(`Could not add the demo's sample conversations: ${err.message}`);
      },
    );
    return this.running;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  async seed(): Promise<void> {
    const channels = await this.demoChannels();
    await this.postCustomerMessages(channels);
    const kim = await this.waitForConversation('webchat', DEMO_CONTENT.kim.visitorId);
    await this.answerKim(kim);
  }

  private async demoChannels(): Promise<DemoChannels> {
    const repo = this.db.getRepository(Channel);
    const entries = await Promise.all(
      Object.entries(DEMO_CHANNELS).map(async ([key, spec]) => {
        const channel = await repo.findOne({
          where: { kind: spec.kind, name: spec.name },
          order: { createdAt: 'ASC' },
        });
        if (!channel) throw new Error(`The demo channel "${spec.name}" is missing`);
        return [key, channel] as const;
      }),
    );
    return Object.fromEntries(entries) as DemoChannels;
  }

  /** What the widget gateway, the SMTP intake and the form endpoint would store. */
  private async postCustomerMessages(channels: DemoChannels): Promise<void> {
    const { kim, jonas, form } = DEMO_CONTENT;
    const chat: WebchatInboundPayload = {
      visitorId: kim.visitorId,
      clientMessageId: kim.clientMessageId,
      text: kim.text,
      name: kim.name,
      identities: [{ kind: 'webchat', address: kim.visitorId }],
      sentAt: new Date().toISOString(),
    };
    await this.intake.accept(channels.website, {
      providerMessageId: webchatProviderMessageId(kim.visitorId, kim.clientMessageId),
      payload: chat,
    });

    const raw = Buffer.from(
      [
        `From: ${jonas.from.name} <${jonas.from.address}>`,
        `To: ${DEMO_CHANNELS.mailbox.name} <${DEMO_CHANNELS.mailbox.address}>`,
        `Subject: ${jonas.subject}`,
        `Date: ${new Date().toUTCString()}`,
        `Message-ID: ${jonas.messageId}`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
        '',
        jonas.text,
      ].join('\r\n'),
      'utf8',
    );
    const envelope: EmailEnvelope = {
      from: jonas.from.address,
      to: [DEMO_CHANNELS.mailbox.address],
    };
    await this.intake.accept(channels.mailbox, {
      providerMessageId: emailProviderMessageId(raw),
      raw,
      payload: { envelope },
    });

    const submission: StoredFormSubmission = {
      name: form.name,
      email: form.email,
      subject: form.subject,
      message: form.message,
      locale: 'de',
      submittedAt: new Date().toISOString(),
    };
    await this.intake.accept(channels.form, {
      providerMessageId: `key:${form.idempotencyKey}`,
      payload: submission,
    });
  }

  /** The conversation of the contact with this identity, once the inbound worker created it. */
  private async waitForConversation(kind: IdentityKind, address: string): Promise<string> {
    const deadline = Date.now() + CONVERSATION_WAIT_MS;
    for (;;) {
      if (this.stopped) throw new Error('The server is shutting down');
      const [row]: { id: string }[] = await this.db.query(
        `SELECT c.id FROM conversations c
           JOIN contact_identities i ON i.contact_id = c.contact_id
          WHERE i.kind = $1 AND i.address = $2
          ORDER BY c.created_at LIMIT 1`,
        [kind, address],
      );
      if (row) return row.id;
      if (Date.now() > deadline)
        throw new Error(
          `no conversation for ${kind}:${address} after ${CONVERSATION_WAIT_MS / 1000} s (is a worker running?)`,
        );
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /** Eva claims the chat, answers Kim and pulls in Service and Sales; both consults stay requested. */
  private async answerKim(conversationId: string): Promise<void> {
    const eva = await this.demoUser('eva@example.com');
    const { reply, consults } = DEMO_CONTENT.kim;
    await this.conversations.claim(eva, conversationId);
    await this.messages.send(eva, conversationId, {
      type: 'reply',
      body: reply.text,
      clientMessageId: reply.clientMessageId,
    });
    const open = await this.handoffQueries.listOfConversation(eva, conversationId);
    for (const consult of consults) {
      const team = await this.db.getRepository(Team).findOneByOrFail({ name: consult.team });
      if (open.some((h) => h.kind === 'consult' && h.team?.id === team.id)) continue;
      await this.handoffs.request(eva, conversationId, {
        kind: 'consult',
        teamId: team.id,
        note: consult.note,
      });
    }
  }

  private async demoUser(email: (typeof DEMO_USERS)[number]['email']): Promise<AuthUser> {
    return toAuthUser(
      await this.db.getRepository(User).findOneOrFail({ where: { email, active: true } }),
    );
  }
}
