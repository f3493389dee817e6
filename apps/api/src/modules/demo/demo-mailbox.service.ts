import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { simpleParser, type AddressObject } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import { DataSource } from 'typeorm';
import { AppException, NotFoundException } from '../../core/errors/app.exception';
import { toWellFormedText } from '../../core/text/well-formed-text';
import { EmailRecipientRouter, emailProviderMessageId } from '../channels/adapters/email';
import { InboundIntakeService } from '../intake/inbound-intake.service';

/** Newest mails kept; older ones are dropped as new ones arrive. */
export const DEMO_MAILBOX_KEEP = 200;
/** Newest mails shown on the demo page. */
export const DEMO_MAILBOX_SHOWN = 20;
const BODY_MAX_CHARS = 20_000;

export interface DemoMail {
  id: string;
  receivedAt: Date;
  from: string;
  replyTo: string;
  to: string[];
  subject: string;
  body: string;
  attachments: string[];
  answeredAt: Date | null;
}

export class DemoMailboxOffException extends AppException {
  constructor() {
    super(
      'demo.mailbox_off',
      HttpStatus.NOT_FOUND,
      "The demo customers' mailbox is off (production, SEED_DEMO=false, DEMO_MAILBOX=false, or a relay on another machine)",
    );
  }
}

export class DemoMailNotAnswerableException extends AppException {
  constructor(address: string) {
    super(
      'demo.mail_not_answerable',
      HttpStatus.UNPROCESSABLE_ENTITY,
      `No channel of this workspace receives mail for ${address} any more`,
    );
  }
}

function firstAddress(field: AddressObject | AddressObject[] | undefined): string | undefined {
  const objects = Array.isArray(field) ? field : field ? [field] : [];
  return objects.flatMap((o) => o.value).find((a) => a.address)?.address;
}

/**
 * The demo customers' mailbox: what the demo's mail channels send is caught here instead of
 * leaving the machine, shown on /demo, and answered from there as the customer's mail program
 * would: a reply with In-Reply-To, taken in like mail from the SMTP intake.
 */
@Injectable()
export class DemoMailboxService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly router: EmailRecipientRouter,
    private readonly intake: InboundIntakeService,
  ) {}

  /** Keeps a sent mail; the same Message-ID again (a repeated send) is kept once. */
  async capture(raw: Buffer, envelope: { from: string; to: string[] }): Promise<void> {
    const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
    const from = firstAddress(mail.from) ?? envelope.from;
    const body = (mail.text ?? '').slice(0, BODY_MAX_CHARS);
    await this.db.transaction(async (m) => {
      await m.query(
        `INSERT INTO demo_mails (message_id, mail_from, reply_to, recipients, subject, body, attachments)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (message_id) DO NOTHING`,
        [
          emailProviderMessageId(raw),
          toWellFormedText(from),
          toWellFormedText(firstAddress(mail.replyTo) ?? from),
          envelope.to.map(toWellFormedText),
          toWellFormedText(mail.subject ?? ''),
          toWellFormedText(body),
          mail.attachments.map((a) => toWellFormedText(a.filename ?? 'attachment')),
        ],
      );
      await m.query(
        `DELETE FROM demo_mails WHERE id IN (
           SELECT id FROM demo_mails ORDER BY received_at DESC OFFSET ${DEMO_MAILBOX_KEEP})`,
      );
    });
  }

  async newest(limit = DEMO_MAILBOX_SHOWN): Promise<DemoMail[]> {
    const rows: (Omit<DemoMail, 'to'> & { to: string[] })[] = await this.db.query(
      `SELECT id, received_at AS "receivedAt", mail_from AS "from", reply_to AS "replyTo",
              recipients AS "to", subject, body, attachments, answered_at AS "answeredAt"
         FROM demo_mails ORDER BY received_at DESC LIMIT $1`,
      [limit],
    );
    return rows;
  }

  /**
   * The customer answers a caught mail: from the address it was sent to, to its Reply-To, in its
   * thread. `replyKey` comes with the page's form, so a form sent twice is one answer.
   */
  async answer(mailId: string, text: string, replyKey: string): Promise<void> {
    const [mail]: {
      message_id: string;
      reply_to: string;
      recipients: string[];
      subject: string;
    }[] = await this.db.query(
      'SELECT message_id, reply_to, recipients, subject FROM demo_mails WHERE id = $1',
      [mailId],
    );
    if (!mail) throw new NotFoundException('Demo mail', mailId);
    const route = await this.router.route(mail.reply_to);
    if (!route) throw new DemoMailNotAnswerableException(mail.reply_to);
    const customer = mail.recipients[0] ?? 'kunde@example.org';
    const subject = /^(re|aw):/i.test(mail.subject) ? mail.subject : `Re: ${mail.subject}`;
    const raw = await new MailComposer({
      from: customer,
      to: mail.reply_to,
      subject,
      text,
      messageId: `<demo-answer-${replyKey}@customer.touchpoint.invalid>`,
      // A mail sent without a Message-ID is kept under its hash: then the address alone threads.
      ...(mail.message_id.startsWith('<') && {
        inReplyTo: mail.message_id,
        references: mail.message_id,
      }),
    })
      .compile()
      .build();
    await this.intake.accept(
      { id: route.channelId },
      {
        providerMessageId: emailProviderMessageId(raw),
        raw,
        payload: { envelope: { from: customer, to: [mail.reply_to] } },
      },
    );
    await this.db.query(
      'UPDATE demo_mails SET answered_at = COALESCE(answered_at, now()) WHERE id = $1',
      [mailId],
    );
  }

  /** A fresh key for an answer form. */
  static replyKey(): string {
    return randomUUID();
  }
}
