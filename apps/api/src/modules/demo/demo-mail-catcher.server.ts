import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { MESSAGE_ATTACHMENTS_MAX_BYTES } from '@touchpoint/shared';
import { AppConfig } from '../../config/app-config';
import { listenOrStandBy } from '../../core/net/standby-listen';
import { DemoMailboxService } from './demo-mailbox.service';

/**
 * Catches the demo's outgoing mail on DEMO_MAIL_RELAY (worker role, outside production only, on
 * this machine's loopback address): every recipient is accepted and the mail is kept in the demo
 * customers' mailbox instead of being delivered anywhere.
 */
@Injectable()
export class DemoMailCatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DemoMailbox');
  private server?: SMTPServer;
  private retryTimer?: NodeJS.Timeout;
  private boundPort?: number;

  constructor(
    private readonly config: AppConfig,
    private readonly mailbox: DemoMailboxService,
  ) {}

  get port(): number | undefined {
    return this.boundPort;
  }

  async onApplicationBootstrap(): Promise<void> {
    const box = this.config.demoMailbox;
    if (!box) return;
    const server = new SMTPServer({
      banner: 'Touchpoint demo mailbox',
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      size: MESSAGE_ATTACHMENTS_MAX_BYTES,
      rejectOversized: true,
      logger: false,
      // The demo's sender keeps its connection open; a stop does not wait for it to hang up.
      closeTimeout: 2_000,
      onData: (stream, session, callback) => this.onData(stream, session, callback),
    });
    server.on('error', (err: Error) => this.logger.warn(`Demo mailbox: ${err.message}`));
    this.server = server;
    await listenOrStandBy({
      target: server,
      port: box.port,
      host: '127.0.0.1',
      logger: this.logger,
      busyMessage: `Port ${box.port} of DEMO_MAIL_RELAY is in use (a mail catcher, or another worker on this machine?): the demo's mail goes there`,
      onListening: (port) => {
        this.boundPort = port;
        this.logger.log(`Catching the demo's outgoing mail on 127.0.0.1:${port} (shown on /demo)`);
      },
      stopped: () => this.server !== server,
      onRetry: (timer) => (this.retryTimer = timer),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const server = this.server;
    this.server = undefined;
    if (!server || this.boundPort === undefined) return;
    this.boundPort = undefined;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private onData(
    stream: SMTPServerDataStream,
    session: SMTPServerSession,
    callback: (err?: Error | null) => void,
  ): void {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => {
      if (!stream.sizeExceeded) chunks.push(chunk);
    });
    stream.once('error', (err: Error) => callback(err));
    stream.once('end', () => {
      if (stream.sizeExceeded)
        return callback(Object.assign(new Error('5.3.4 Message too big'), { responseCode: 552 }));
      const { mailFrom, rcptTo } = session.envelope;
      this.mailbox
        .capture(Buffer.concat(chunks), {
          from: mailFrom ? mailFrom.address : '',
          to: rcptTo.map((r) => r.address),
        })
        .then(
          () => callback(),
          (err: Error) => {
            this.logger.warn(`Could not keep a demo mail: ${err.message}`);
            // The sender tries again later, as with any mail server that is briefly unwell.
            callback(Object.assign(new Error('4.3.0 Try again later'), { responseCode: 451 }));
          },
        );
    });
  }
}
