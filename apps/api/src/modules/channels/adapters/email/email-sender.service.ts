import { createHash } from 'node:crypto';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, {
  type NodemailerError,
  type SendMailOptions,
  type Transporter,
} from 'nodemailer';
import { OutboundClient, type CheckedTarget } from '../../../../core/net/outbound.client';
import { OutboundRefusedError } from '../../../../core/net/outbound.errors';
import {
  PermanentDeliveryError,
  type OutboundContext,
  type SendResult,
} from '../../channel-adapter';
import type { MailServerConfig } from './email-channel.config';
import { composeReplyEmail } from './email-reply.composer';

/** Pooled connections to a relay nobody used for this long are closed. */
const IDLE_MS = 10 * 60 * 1000;

interface CachedTransport {
  transport: Transporter;
  lastUsed: number;
}

/** Where a reply goes out: the SMTP relay and the address it is sent from. */
export interface ReplyVia {
  smtp: MailServerConfig;
  address: string;
}

/**
 * Sends mail through a channel's SMTP relay. One pooled transport per relay config is kept and reused
 * (not one connection per message); failures come out classified: `PermanentDeliveryError` when
 * retrying cannot help (5xx, rejected credentials), a plain Error for the outbound worker to retry.
 * Used by the email and form channels and anything else that answers by email.
 */
@Injectable()
export class EmailSender implements OnApplicationShutdown {
  private readonly logger = new Logger('EmailSender');
  private readonly transports = new Map<string, CachedTransport>();

  constructor(private readonly outbound: OutboundClient) {}

  /** Sends an agent's reply as an email from `via.address`; the result carries our Message-ID. */
  async sendReply(ctx: OutboundContext, via: ReplyVia): Promise<SendResult> {
    const reply = composeReplyEmail(ctx, via.address);
    await this.send(via.smtp, reply.mail);
    return {
      providerMessageId: reply.messageId,
      metadata: {
        emailMessageId: reply.messageId,
        ...(reply.inReplyTo ? { inReplyTo: [reply.inReplyTo] } : {}),
        references: reply.references,
        address: ctx.recipient.address,
      },
    };
  }

  async send(smtp: MailServerConfig, mail: SendMailOptions): Promise<void> {
    let target: CheckedTarget;
    try {
      target = await this.outbound.socketTarget(smtp.host, smtp.port);
    } catch (err) {
      if (err instanceof OutboundRefusedError)
        throw new PermanentDeliveryError(
          `SMTP relay ${smtp.host}:${smtp.port} refused: ${err.message}`,
        );
      throw new Error(
        `SMTP relay ${smtp.host}:${smtp.port} could not be resolved (will retry): ${(err as Error).message}`,
      );
    }
    try {
      await this.transportFor(smtp, target).sendMail(mail);
    } catch (err) {
      throw classify(err as NodemailerError, smtp);
    }
  }

  /**
   * Connects to the relay and signs in as a send would, sending nothing. Answers a problem in words
   * for the admin, or null when the relay takes us.
   */
  async verify(smtp: MailServerConfig): Promise<string | null> {
    const where = `SMTP relay ${smtp.host}:${smtp.port}`;
    let target: CheckedTarget;
    try {
      target = await this.outbound.socketTarget(smtp.host, smtp.port);
    } catch (err) {
      return `${where} cannot be used: ${(err as Error).message}`;
    }
    try {
      await this.transportFor(smtp, target).verify();
      return null;
    } catch (err) {
      const e = err as NodemailerError;
      if (e.code === 'EAUTH')
        return `${where} refused the user name or password: ${e.response ?? e.message}`;
      return `${where} could not be reached or refused us: ${e.response ?? e.message}`;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    for (const { transport } of this.transports.values()) transport.close();
    this.transports.clear();
  }

  /** Checked on every send; the pool connects to the checked address (TLS still verifies the name). */
  private transportFor(smtp: MailServerConfig, target: CheckedTarget): Transporter {
    const now = Date.now();
    for (const [key, cached] of this.transports) {
      if (now - cached.lastUsed > IDLE_MS) {
        cached.transport.close();
        this.transports.delete(key);
      }
    }
    // The key includes a hash of the password: a changed config gets a new transport.
    const key = [
      smtp.host,
      target.address,
      smtp.port,
      smtp.secure,
      smtp.user ?? '',
      createHash('sha256')
        .update(smtp.pass ?? '')
        .digest('hex'),
    ].join('|');
    let cached = this.transports.get(key);
    if (!cached) {
      this.logger.debug(`Opening SMTP pool to ${smtp.host}:${smtp.port}`);
      cached = {
        transport: nodemailer.createTransport({
          pool: true,
          maxConnections: 3,
          host: target.address,
          ...(target.servername && { servername: target.servername }),
          port: smtp.port,
          secure: smtp.secure,
          ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.pass ?? '' } } : {}),
          connectionTimeout: 15_000,
          greetingTimeout: 15_000,
          socketTimeout: 60_000,
        }),
        lastUsed: now,
      };
      this.transports.set(key, cached);
    }
    cached.lastUsed = now;
    return cached.transport;
  }
}

/**
 * 5xx replies (except 503, a session hiccup) and rejected credentials will fail again: permanent.
 * Connection problems, timeouts and 4xx replies are temporary: the worker retries with backoff.
 */
function classify(err: NodemailerError, smtp: MailServerConfig): Error {
  const code = err.responseCode;
  const where = `${smtp.host}:${smtp.port}`;
  const detail = err.response ?? err.message;
  const permanent =
    err.permanent === true ||
    (code !== undefined && code >= 500 && code !== 503) ||
    (err.code === 'EAUTH' && (code === undefined || code >= 500)) ||
    err.code === 'ENOAUTH' ||
    err.code === 'ECONFIG' ||
    (err.code === 'EENVELOPE' && code === undefined);
  if (permanent)
    return new PermanentDeliveryError(`SMTP relay ${where} refused the message: ${detail}`);
  return new Error(`SMTP relay ${where} could not take the message (will retry): ${detail}`);
}
