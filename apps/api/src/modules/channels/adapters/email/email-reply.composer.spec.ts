import { PermanentDeliveryError, type OutboundContext } from '../../channel-adapter';
import type { Channel } from '../../channel.entity';
import { composeReplyEmail, textToHtml } from './email-reply.composer';

function context(overrides: Partial<OutboundContext> = {}): OutboundContext {
  return {
    channel: { id: 'c1', name: 'Support', kind: 'email' } as Channel,
    message: {
      id: '11111111-2222-4333-8444-555555555555',
      text: 'Hallo,\n\nIhre Größe ist da.',
      subject: null,
      attachments: [],
    },
    conversation: { id: 'conv1', subject: 'AW: Lieferung', replyToken: 'tok123' },
    contact: { id: 'k1', name: 'Jürgen Müller' },
    recipient: { kind: 'email', address: 'juergen@example.de' },
    author: { id: 'u1', name: 'Anna Meier' },
    threading: {
      inReplyTo: '<c2@example.de>',
      references: ['<c1@example.de>', '<touchpoint.x@touchpoint.test>'],
    },
    ...overrides,
  };
}

describe('composeReplyEmail', () => {
  it('threads the reply and routes the answer back through reply+<token>@', () => {
    const reply = composeReplyEmail(context(), 'support@touchpoint.test');
    expect(reply.messageId).toBe(
      '<touchpoint.11111111-2222-4333-8444-555555555555@touchpoint.test>',
    );
    expect(reply.mail).toMatchObject({
      from: { name: 'Anna Meier via Support', address: 'support@touchpoint.test' },
      to: { name: 'Jürgen Müller', address: 'juergen@example.de' },
      replyTo: { name: 'Support', address: 'reply+tok123@touchpoint.test' },
      subject: 'AW: Lieferung',
      messageId: reply.messageId,
      inReplyTo: '<c2@example.de>',
      references: ['<c1@example.de>', '<touchpoint.x@touchpoint.test>', '<c2@example.de>'],
      text: 'Hallo,\n\nIhre Größe ist da.',
    });
    expect(reply.mail.html).toContain('<p>Hallo,</p>');
  });

  it('starts a thread without In-Reply-To and keeps long reference lists short', () => {
    const refs = Array.from({ length: 30 }, (_, i) => `<r${i}@x>`);
    const reply = composeReplyEmail(
      context({ threading: { inReplyTo: '<r29@x>', references: refs } }),
      'support@touchpoint.test',
    );
    expect(reply.references).toHaveLength(20);
    expect(reply.references[0]).toBe('<r0@x>');
    expect(reply.references.at(-1)).toBe('<r29@x>');

    const first = composeReplyEmail(
      context({ threading: { references: [] } }),
      'support@touchpoint.test',
    );
    expect(first.mail.inReplyTo).toBeUndefined();
    expect(first.mail.references).toBeUndefined();
  });

  it('refuses recipients that are no email address, for good', () => {
    expect(() =>
      composeReplyEmail(
        context({ recipient: { kind: 'phone', address: '+4917012345678' } }),
        'support@touchpoint.test',
      ),
    ).toThrow(PermanentDeliveryError);
  });

  it('escapes the text in the HTML version', () => {
    expect(textToHtml('<b>1 & 2</b>\nzwei')).toContain(
      '<p>&lt;b&gt;1 &amp; 2&lt;/b&gt;<br>zwei</p>',
    );
  });
});
