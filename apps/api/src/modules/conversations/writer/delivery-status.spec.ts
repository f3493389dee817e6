import { DELIVERY_STATUSES } from '@touchpoint/shared';
import { advanceDelivery } from './messages';

describe('advanceDelivery', () => {
  it.each([
    ['sent', 'delivered', 'delivered'],
    ['sent', 'read', 'read'],
    ['delivered', 'read', 'read'],
    ['sending', 'delivered', 'delivered'],
    ['queued', 'sent', 'sent'],
    ['read', 'delivered', null],
    ['read', 'sent', null],
    ['delivered', 'delivered', null],
    ['delivered', 'sent', null],
    ['sent', 'failed', 'failed'],
    // A bounce may follow an email's "delivered" (the mailbox refused it later).
    ['delivered', 'failed', 'failed'],
    ['read', 'failed', null],
    ['failed', 'delivered', null],
    ['failed', 'read', null],
    ['failed', 'failed', null],
  ] as const)('%s + news %s → %s', (current, news, expected) => {
    expect(advanceDelivery(current, news)).toBe(expected);
  });

  it('leaves messages that are not replies alone', () => {
    expect(advanceDelivery(null, 'read')).toBeNull();
  });

  it('never moves any reply back, whatever the order of news', () => {
    const order = ['queued', 'sending', 'sent', 'delivered', 'read'];
    for (const current of DELIVERY_STATUSES)
      for (const news of ['sent', 'delivered', 'read'] as const) {
        const next = advanceDelivery(current, news);
        if (next && current !== 'failed')
          expect(order.indexOf(next)).toBeGreaterThan(order.indexOf(current));
      }
  });
});
