import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  SMTPServer,
  type SMTPServerAddress,
  type SMTPServerDataStream,
  type SMTPServerError,
  type SMTPServerSession,
} from 'smtp-server';
import { MESSAGE_ATTACHMENTS_MAX_BYTES } from '@touchpoint/shared';
import { AppConfig } from '../../../../config/app-config';
import { listenOrStandBy } from '../../../../core/net/standby-listen';
import { InboundIntakeService } from '../../../intake/inbound-intake.service';
import { emailProviderMessageId } from './email-address';
import type { EmailEnvelope } from './email-message.parser';
import { EmailRecipientRouter, type MailRoute } from './email-recipient.router';

/** Largest message accepted, 25 MB; bigger ones are refused with 552 (the sender tells its user). */
export const SMTP_MAX_MESSAGE_BYTES = MESSAGE_ATTACHMENTS_MAX_BYTES;
const MAX_RECIPIENTS = 50;

function smtpError(responseCode: number, message: string): SMTPServerError {
  return Object.assign(new Error(message), { responseCode });
}

/**
 * The MX-style inbound SMTP server (worker role). The recipient picks the channel; a message is stored
 * durably through the intake before the sender hears 250, and a storage failure answers 451 so the
 * sending server retries. Parsing and threading happen later in the inbound worker, never here.
 */
@Injectable()
export class SmtpIntakeServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SmtpIntake');
  private server?: SMTPServer;
  private boundPort?: number;
  private rebindTimer?: NodeJS.Timeout;
  /** The route each accepted RCPT TO resolved to; keyed by the envelope's address objects, so it ends with them. */
  private readonly routes = new WeakMap<SMTPServerAddress, MailRoute>();

  constructor(
    private readonly config: AppConfig,
    private readonly router: EmailRecipientRouter,
    private readonly intake: InboundIntakeService,
  ) {}

  /** The port the server listens on (SMTP_PORT=0 picks a free one), undefined while not listening. */
  get port(): number | undefined {
    return this.boundPort;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.server = new SMTPServer({
      banner: 'Touchpoint',
      // MX-style: anyone may deliver to our addresses; nobody may relay. No certificate is configured,
      // so STARTTLS is not offered (the library's built-in key is public and would only pretend).
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      size: SMTP_MAX_MESSAGE_BYTES,
      rejectOversized: true,
      maxRecipients: MAX_RECIPIENTS,
      logger: false,
      socketTimeout: 60_000,
      closeTimeout: 10_000,
      onRcptTo: (address, session, callback) => this.onRcptTo(address, session, callback),
      onData: (stream, session, callback) => this.onData(stream, session, callback),
    });
    this.server.on('error', (err: Error) => this.logger.warn(`SMTP: ${err.message}`));
    await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.rebindTimer) clearTimeout(this.rebindTimer);
    const server = this.server;
    this.server = undefined;
    if (!server || this.boundPort === undefined) return;
    this.boundPort = undefined;
    // Lets transactions in progress finish (up to closeTimeout) before the sockets are cut.
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async listen(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await listenOrStandBy({
      target: server,
      port: this.config.smtp.port,
      host: this.config.http.host,
      logger: this.logger,
      // Two workers on one machine: the first one receives mail; this one stands by.
      busyMessage: `SMTP port ${this.config.smtp.port} is in use (another worker on this machine?)`,
      onListening: (port) => {
        this.boundPort = port;
        this.logger.log(`Receiving mail on SMTP port ${port}`);
      },
      stopped: () => this.server !== server,
      onRetry: (timer) => (this.rebindTimer = timer),
    });
  }

  private onRcptTo(
    address: SMTPServerAddress,
    _session: SMTPServerSession,
    callback: (err?: Error | null) => void,
  ): void {
    this.router.route(address.address).then(
      (route) => {
        if (!route)
          return callback(smtpError(550, `5.1.1 <${address.address}>: no such mailbox here`));
        this.routes.set(address, route);
        callback();
      },
      (err: Error) => {
        this.logger.warn(`Could not look up recipient ${address.address}: ${err.message}`);
        callback(smtpError(451, '4.3.0 Temporary failure, please try again later'));
      },
    );
  }

  private onData(
    stream: SMTPServerDataStream,
    session: SMTPServerSession,
    callback: (err?: Error | null, message?: string) => void,
  ): void {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => {
      // Past the limit the rest is only drained; the server answers 552 (rejectOversized).
      if (!stream.sizeExceeded) chunks.push(chunk);
    });
    stream.once('error', (err: Error) => callback(smtpError(451, `4.3.0 ${err.message}`)));
    stream.once('end', () => {
      if (stream.sizeExceeded) return callback(smtpError(552, '5.3.4 Message too big'));
      this.store(Buffer.concat(chunks), session).then(
        (ids) => callback(null, `2.0.0 Stored as ${ids.join(', ')}`),
        (err: Error) => {
          this.logger.error(`Could not store an inbound email: ${err.message}`);
          callback(smtpError(451, '4.3.0 Temporary failure storing the message, please try again'));
        },
      );
    });
  }

  /** One intake per channel the recipients route to, each with the recipients that chose it. */
  private async store(raw: Buffer, session: SMTPServerSession): Promise<string[]> {
    const mailFrom = session.envelope.mailFrom;
    const from = mailFrom ? mailFrom.address : '';
    const byChannel = new Map<string, string[]>();
    for (const rcpt of session.envelope.rcptTo) {
      const route = this.routes.get(rcpt);
      if (!route) continue;
      byChannel.set(route.channelId, [...(byChannel.get(route.channelId) ?? []), rcpt.address]);
    }
    const providerMessageId = emailProviderMessageId(raw);
    const ids: string[] = [];
    for (const [channelId, to] of byChannel) {
      const envelope: EmailEnvelope = { from, to };
      const result = await this.intake.accept(
        { id: channelId },
        { providerMessageId, raw, payload: { envelope } },
      );
      ids.push(result.eventId);
    }
    return ids;
  }
}
