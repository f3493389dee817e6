import { PermanentDeliveryError, RetryLaterError } from '../../channel-adapter';
import type { Channel } from '../../channel.entity';
import { GraphApiError, GraphUnreachableError } from './graph-api.client';
import { deliveryError, whatsappCodeWords } from './meta-delivery-errors';

const channel = { name: 'WhatsApp Vertrieb' } as Channel;
const graph = (status: number, code?: number, subcode?: number, retryAfterMs?: number) =>
  new GraphApiError(status, 'Meta says no', code, subcode, retryAfterMs);

describe('Meta send errors in words', () => {
  it.each([4, 17, 32, 613, 80007, 130429, 131056])(
    'code %i asks to wait: RetryLaterError',
    (code) => {
      expect(deliveryError(graph(400, code, undefined, 60_000), 'whatsapp', channel)).toEqual(
        expect.objectContaining({ retryAfterMs: 60_000 }),
      );
      expect(deliveryError(graph(400, code), 'messenger', channel)).toBeInstanceOf(RetryLaterError);
    },
  );

  it('429 and 5xx wait; a network failure is retried with backoff', () => {
    expect(deliveryError(graph(429), 'instagram', channel)).toBeInstanceOf(RetryLaterError);
    expect(
      deliveryError(graph(503, undefined, undefined, 5000), 'whatsapp', channel),
    ).toMatchObject({ retryAfterMs: 5000 });
    const outage = deliveryError(
      new GraphUnreachableError('Meta could not be reached: ECONNRESET'),
      'whatsapp',
      channel,
    );
    expect([outage instanceof PermanentDeliveryError, outage instanceof RetryLaterError]).toEqual([
      false,
      false,
    ]);
  });

  it('a token Meta refuses tells the admin to renew it', () => {
    const error = deliveryError(graph(400, 190), 'whatsapp', channel);
    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect(error.message).toBe(
      'Meta does not accept the access token of channel "WhatsApp Vertrieb" (Meta says no): an admin must renew the token in the channel settings',
    );
  });

  it('WhatsApp codes in words the agent can act on, others naming the code', () => {
    expect(deliveryError(graph(400, 131047), 'whatsapp', channel).message).toBe(
      'More than 24 hours since the customer last wrote: outside the 24-hour window, send an approved template (131047)',
    );
    expect(deliveryError(graph(400, 131026), 'whatsapp', channel).message).toMatch(
      /^WhatsApp could not deliver the message \(131026\)/,
    );
    expect(deliveryError(graph(400, 132015), 'whatsapp', channel).message).toMatch(/paused/);
    expect(whatsappCodeWords(132999, 'New template trouble')).toBe(
      'The template could not be sent (132999): New template trouble',
    );
    expect(whatsappCodeWords(139999, undefined)).toBe(
      'WhatsApp could not send the message (139999)',
    );
  });

  it('Messenger and Instagram: outside the window, unreachable customers, unknown ids', () => {
    expect(deliveryError(graph(400, 10, 2018278), 'messenger', channel).message).toBe(
      "Outside Messenger's messaging window: a reply is possible within 24 hours of the customer's last message, and up to 7 days only if the Meta app has the Human Agent permission",
    );
    expect(deliveryError(graph(400, 551, 1545041), 'messenger', channel).message).toMatch(
      /^The customer cannot be reached on Messenger/,
    );
    expect(deliveryError(graph(400, 100, 2534014), 'instagram', channel).message).toMatch(
      /^Instagram does not know this customer/,
    );
    expect(deliveryError(graph(400, 100, 33), 'instagram', channel).message).toBe(
      'Instagram refused the message (100/33): Meta says no',
    );
  });
});
