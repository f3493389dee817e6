import type { Channel } from '../../channel.entity';
import type { InboundIntakeService, IntakeInput } from '../../../intake/inbound-intake.service';
import type { MailServerConfig } from './email-channel.config';
import { MailboxClient, type MailboxSession } from './mailbox.client';
import { MailboxPoller, POLL_BATCH } from './mailbox.poller';

/** An in-memory mailbox standing in for IMAP: UIDs with raw sources and a \Seen flag. */
class FakeMailbox extends MailboxClient {
  readonly seen = new Set<number>();
  opened: MailServerConfig[] = [];
  closed = 0;
  constructor(readonly messages: Map<number, Buffer>) {
    super();
  }
  async open(server: MailServerConfig): Promise<MailboxSession> {
    this.opened.push(server);
    return {
      unseen: async (limit) =>
        [...this.messages.keys()].filter((u) => !this.seen.has(u)).slice(0, limit),
      source: async (uid) => this.messages.get(uid),
      markSeen: async (uid) => void this.seen.add(uid),
      close: async () => void this.closed++,
    };
  }
}

/** Records accepted deliveries like the intake's table would: one per provider id. */
class RecordingIntake {
  readonly stored = new Map<string, IntakeInput>();
  failOn?: string;
  async accept(_channel: unknown, input: IntakeInput) {
    if (input.providerMessageId === this.failOn) throw new Error('database is down');
    const duplicate = this.stored.has(input.providerMessageId);
    this.stored.set(input.providerMessageId, input);
    return { eventId: input.providerMessageId, duplicate };
  }
}

const raw = (id: string, returnPath = 'sender@example.com') =>
  Buffer.from(
    `Return-Path: <${returnPath}>\r\nMessage-ID: <${id}@example.com>\r\nFrom: a@example.com\r\n\r\nHi\r\n`,
  );

const imap = { host: 'imap.example.com', port: 993, secure: true, user: 'u', pass: 'p' };
const channel = {
  id: 'ch1',
  config: {
    address: 'support@touchpoint.test',
    smtp: { host: 'smtp', port: 25, secure: false },
    imap,
  },
} as Pick<Channel, 'id' | 'config'>;

function setup(messages: [number, Buffer][]) {
  const mailbox = new FakeMailbox(new Map(messages));
  const intake = new RecordingIntake();
  const poller = new MailboxPoller(mailbox, intake as unknown as InboundIntakeService);
  return { mailbox, intake, poller };
}

describe('MailboxPoller', () => {
  it('stores each unread message with its Message-ID and envelope, then marks it read', async () => {
    const { mailbox, intake, poller } = setup([
      [1, raw('one')],
      [2, raw('two', '')],
    ]);
    expect(await poller.poll(channel)).toEqual({ fetched: 2, stored: 2 });
    expect(mailbox.opened).toEqual([imap]);
    expect([...mailbox.seen]).toEqual([1, 2]);
    expect(mailbox.closed).toBe(1);
    expect(intake.stored.get('<one@example.com>')).toMatchObject({
      raw: raw('one'),
      payload: {
        envelope: { from: 'sender@example.com', to: ['support@touchpoint.test'] },
        source: 'imap',
      },
    });
    // "Return-Path: <>" is the null sender of bounces and auto-replies.
    expect(intake.stored.get('<two@example.com>')?.payload).toMatchObject({
      envelope: { from: '' },
    });
    expect(await poller.poll(channel)).toEqual({ fetched: 0, stored: 0 });
  });

  it('leaves a message unread when storing it fails, and stops there', async () => {
    const { mailbox, intake, poller } = setup([
      [1, raw('one')],
      [2, raw('two')],
      [3, raw('three')],
    ]);
    intake.failOn = '<two@example.com>';
    await expect(poller.poll(channel)).rejects.toThrow('database is down');
    expect([...mailbox.seen]).toEqual([1]);
    expect(mailbox.closed).toBe(1);

    intake.failOn = undefined;
    expect(await poller.poll(channel)).toEqual({ fetched: 2, stored: 2 });
    expect([...intake.stored.keys()]).toEqual([
      '<one@example.com>',
      '<two@example.com>',
      '<three@example.com>',
    ]);
  });

  it('takes at most one batch per run', async () => {
    const many = Array.from({ length: POLL_BATCH + 5 }, (_, i): [number, Buffer] => [
      i + 1,
      raw(`m${i}`),
    ]);
    const { poller } = setup(many);
    expect(await poller.poll(channel)).toEqual({ fetched: POLL_BATCH, stored: POLL_BATCH });
    expect(await poller.poll(channel)).toEqual({ fetched: 5, stored: 5 });
  });

  it('does nothing for a channel without IMAP', async () => {
    const { mailbox, poller } = setup([[1, raw('one')]]);
    const noImap = { ...channel, config: { ...channel.config, imap: undefined } };
    expect(await poller.poll(noImap)).toEqual({ fetched: 0, stored: 0 });
    expect(mailbox.opened).toEqual([]);
  });
});
