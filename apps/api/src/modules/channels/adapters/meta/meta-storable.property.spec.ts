import fc from 'fast-check';
import { findIllFormedText } from '../../../../core/text/well-formed-text';
import { normalizeAddress } from '../../../contacts/identity-address';
import { readPageWebhook, type PageDraft } from './page-webhook.parser';
import { readWhatsappWebhook, type WhatsappDraft } from './whatsapp-webhook.parser';

/**
 * What the store needs of a Meta message beyond its shape (meta-parsers.property.spec.ts): a provider
 * id that fits its column (500 characters) and a sender identity it can find or create a contact by.
 * Ids here are anything a JSON body can hold where Meta puts its ids.
 */
const id = fc.oneof(
  fc.constantFrom('4915112345678', '1254477777772919', 'm_AbC-123', 'wamid.HBgL'),
  fc.string(),
  fc.string({ unit: 'binary', minLength: 400, maxLength: 700 }),
  fc.constantFrom(' ', '\t', '\u0000', 'x'.repeat(256), 'y'.repeat(100_000)),
  fc.integer(),
);

const whatsapp = fc
  .record({ from: fc.oneof(id, fc.constant('4915112345678')), msg: id, replied: id, emoji: id })
  .map(({ from, msg, replied, emoji }) => ({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'WABA',
        changes: [
          {
            field: 'messages',
            value: {
              metadata: { phone_number_id: 'PNID' },
              messages: [
                { from, id: msg, type: 'text', text: { body: 'Hallo' }, context: { id: replied } },
                { from, id: msg, type: 'image', image: { id: replied, caption: 'Bild' } },
                { from, id: msg, type: 'reaction', reaction: { message_id: replied, emoji } },
              ],
            },
          },
        ],
      },
    ],
  }));

const page = fc
  .record({ sender: id, mid: id, emoji: id, edits: id, timestamp: id })
  .map(({ sender, mid, emoji, edits, timestamp }) => ({
    object: 'page',
    entry: [
      {
        id: 'PAGE',
        messaging: [
          {
            sender: { id: sender },
            timestamp,
            message: { mid, text: 'Hallo', reply_to: { mid: edits } },
          },
          { sender: { id: sender }, timestamp, reaction: { mid, action: 'react', emoji } },
          {
            sender: { id: sender },
            timestamp,
            message_edit: { mid, text: 'neu', num_edit: edits },
          },
          { sender: { id: sender }, timestamp, postback: { title: 'Start', payload: 'x' } },
        ],
      },
    ],
  }));

function expectStorable(draft: WhatsappDraft | PageDraft): void {
  expect(draft.providerMessageId.length).toBeGreaterThan(0);
  expect(draft.providerMessageId.length).toBeLessThanOrEqual(500);
  // The id of the message replied or reacted to is looked up in PostgreSQL, which refuses a NUL.
  // (The message's own id is cleaned with the rest of it before it is stored.)
  const ref = draft.reference;
  if (ref) expect(findIllFormedText('mid' in ref ? ref.mid : ref.messageId)).toBeNull();
  for (const identity of draft.contact.identities)
    expect(normalizeAddress(identity.kind, identity.address)).not.toBeNull();
}

describe('Meta messages are storable (properties)', () => {
  it('WhatsApp: any ids give drafts with a storable provider id and sender', () => {
    fc.assert(
      fc.property(whatsapp, (body) => {
        const reading = readWhatsappWebhook(body, 'PNID');
        if (reading.kind === 'messages') reading.drafts.forEach(expectStorable);
      }),
      { numRuns: 300 },
    );
  });

  it('Messenger and Instagram: any ids give drafts with a storable provider id and sender', () => {
    fc.assert(
      fc.property(
        page,
        fc.constantFrom('messenger' as const, 'instagram' as const),
        (body, kind) => {
          const reading = readPageWebhook(body, kind, 'PAGE');
          if (reading.kind === 'messages') reading.drafts.forEach(expectStorable);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('WhatsApp statuses (properties)', () => {
  it("any status is news with one of our four statuses, or skipped, also one named like an object's property", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constantFrom(
            'constructor',
            '__proto__',
            'toString',
            'valueOf',
            'sent',
            'read',
            'failed',
          ),
          fc.string(),
        ),
        (status) => {
          const reading = readWhatsappWebhook(
            {
              object: 'whatsapp_business_account',
              entry: [
                {
                  id: 'WABA',
                  changes: [
                    {
                      field: 'messages',
                      value: {
                        metadata: { phone_number_id: 'PNID' },
                        statuses: [{ id: 'w1', status }],
                      },
                    },
                  ],
                },
              ],
            },
            'PNID',
          );
          if (reading.kind === 'delivery')
            for (const update of reading.updates)
              expect(['sent', 'delivered', 'read', 'failed']).toContain(update.status);
        },
      ),
      { numRuns: 200 },
    );
  });
});

/** Counterexamples the webhook fuzz found, kept as plain cases. */
describe('Meta ids the store could not take (found by the webhook fuzz)', () => {
  it('a message id over 500 characters is stored by its digest (was: value too long, retried, failed)', () => {
    const reading = readPageWebhook(
      {
        object: 'page',
        entry: [
          {
            id: 'PAGE',
            messaging: [{ sender: { id: '1' }, message: { mid: 'm'.repeat(600), text: 'x' } }],
          },
        ],
      },
      'messenger',
      'PAGE',
    );
    expect(reading.kind === 'messages' && reading.drafts[0].providerMessageId).toMatch(
      /^sha256:[0-9a-f]{64}$/,
    );
  });

  it('ids with a NUL are read well-formed (was: the lookup of the message replied to failed, retried, failed)', () => {
    const reading = readPageWebhook(
      {
        object: 'page',
        entry: [
          {
            id: 'PAGE',
            messaging: [
              {
                sender: { id: '1' },
                message: { mid: 'm\u0000', text: 'x', reply_to: { mid: 'r\u0000' } },
              },
            ],
          },
        ],
      },
      'messenger',
      'PAGE',
    );
    expect(reading.kind === 'messages' && reading.drafts[0]).toMatchObject({
      providerMessageId: 'm\ufffd',
      reference: { kind: 'reply', mid: 'r\ufffd' },
    });
  });

  it('a sender id the inbox cannot hold is invalid (was: a plain Error in the store, retried, failed)', () => {
    const reading = readPageWebhook(
      {
        object: 'page',
        entry: [
          {
            id: 'PAGE',
            messaging: [{ sender: { id: 'x'.repeat(300) }, message: { mid: 'm', text: 'x' } }],
          },
        ],
      },
      'messenger',
      'PAGE',
    );
    expect(reading).toEqual({
      kind: 'invalid',
      reason: `A Messenger event whose sender id is not an id (${'x'.repeat(39)}…)`,
    });
  });
});
