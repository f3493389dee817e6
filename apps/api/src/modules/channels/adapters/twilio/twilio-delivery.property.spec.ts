import fc from 'fast-check';
import { readTwilioWebhook } from './twilio-webhook.parser';

/** Names an object has without being given them: a table lookup must not find these. */
const INHERITED = [
  'constructor',
  '__proto__',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
];

describe('Twilio status callbacks (properties)', () => {
  it('any MessageStatus is news with one of our four statuses, or no news', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constantFrom(...INHERITED, 'delivered', 'UNDELIVERED', 'read', 'sent', 'received'),
          fc.string(),
        ),
        fc.option(fc.string(), { nil: undefined }),
        (status, code) => {
          const reading = readTwilioWebhook({
            MessageSid: 'SM0123456789abcdef0123456789abcdef',
            MessageStatus: status,
            ...(code !== undefined && { ErrorCode: code }),
          });
          if (reading.kind === 'delivery')
            expect(['sent', 'delivered', 'read', 'failed']).toContain(reading.update.status);
          else expect(['ignored', 'message', 'invalid']).toContain(reading.kind);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a status named like an object's own property is ignored (found by the webhook fuzz)", () => {
    // Was news with the status Object (or Object.prototype): the database refused it, the batch
    // of events it came with was rolled back, and the event failed after every retry.
    for (const status of ['constructor', '__proto__'])
      expect(readTwilioWebhook({ MessageSid: 'SM1', MessageStatus: status })).toEqual({
        kind: 'ignored',
        reason: `Twilio status '${status}' says nothing about delivery`,
      });
  });
});
