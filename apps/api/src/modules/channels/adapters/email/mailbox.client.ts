import { Injectable } from '@nestjs/common';
import { ImapFlow } from 'imapflow';
import { OutboundClient } from '../../../../core/net/outbound.client';
import type { MailServerConfig } from './email-channel.config';

/** An open mailbox (INBOX) of one channel, as much of IMAP as polling needs. */
export interface MailboxSession {
  /** UIDs of unread messages, oldest first, at most `limit`. */
  unseen(limit: number): Promise<number[]>;
  /** The raw message, without marking it read; undefined when it vanished meanwhile. */
  source(uid: number): Promise<Buffer | undefined>;
  markSeen(uid: number): Promise<void>;
  close(): Promise<void>;
}

/** Opens mailboxes; an interface so the poll logic is tested without an IMAP server. */
export abstract class MailboxClient {
  abstract open(server: MailServerConfig): Promise<MailboxSession>;
}

/** The IMAP implementation (imapflow). */
@Injectable()
export class ImapMailboxClient extends MailboxClient {
  constructor(private readonly outbound: OutboundClient) {
    super();
  }

  async open(server: MailServerConfig): Promise<MailboxSession> {
    // Refused hosts throw here, before any connection; the client connects to the checked address.
    const target = await this.outbound
      .socketTarget(server.host, server.port)
      .catch((err: Error) => {
        throw new Error(`IMAP ${server.host}:${server.port}: ${err.message}`);
      });
    const client = new ImapFlow({
      host: target.address,
      ...(target.servername && { servername: target.servername }),
      port: server.port,
      secure: server.secure,
      ...(server.user ? { auth: { user: server.user, pass: server.pass ?? '' } } : {}),
      logger: false,
      disableAutoIdle: true,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
    });
    // A connection error after connect() would otherwise be an unhandled 'error' event.
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (err) {
      throw new Error(`IMAP ${server.host}:${server.port}: ${describe(err)}`);
    }
    let lock: { release(): void } | undefined;
    try {
      lock = await client.getMailboxLock('INBOX');
    } catch (err) {
      await client.logout().catch(() => client.close());
      throw err;
    }
    return {
      async unseen(limit) {
        const uids = await client.search({ seen: false }, { uid: true });
        return (uids || []).sort((a, b) => a - b).slice(0, limit);
      },
      async source(uid) {
        // BODY.PEEK[]: fetching does not set \Seen; that happens only after the message is stored.
        const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
        return message ? message.source : undefined;
      },
      async markSeen(uid) {
        await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
      },
      async close() {
        lock?.release();
        await client.logout().catch(() => client.close());
      },
    };
  }
}

/** imapflow's errors say "Command failed"; the server's text or the login refusal says more. */
function describe(err: unknown): string {
  const e = err as { authenticationFailed?: boolean; responseText?: string; message?: string };
  if (e.authenticationFailed) return 'the server refused the login';
  return e.responseText ?? e.message ?? String(err);
}
