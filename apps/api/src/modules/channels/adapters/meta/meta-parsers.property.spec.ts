import fc from 'fast-check';
import { UnparseablePayloadError } from '../../channel-adapter';
import { splitMetaWebhook } from './meta-webhook.splitter';
import { completePageDraft, readPageWebhook } from './page-webhook.parser';
import { completeWhatsappDraft, readWhatsappWebhook } from './whatsapp-webhook.parser';

/** Any value, or one of the shapes Meta's fields have: parsers must take all of them. */
const loose = <T>(shape: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 3, arbitrary: shape }, { weight: 1, arbitrary: fc.anything() });
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', 'wamid.A', '4915112345678'),
);
const id = fc.oneof(
  fc.constantFrom('4915112345678', '491511', 'm_1', 'PAGE'),
  fc.string(),
  fc.integer(),
);

const whatsappMessage = fc.record(
  {
    from: loose(id),
    id: loose(id),
    timestamp: loose(fc.oneof(fc.integer().map(String), fc.string())),
    type: loose(
      fc.constantFrom(
        'text',
        'image',
        'audio',
        'video',
        'document',
        'sticker',
        'location',
        'contacts',
        'interactive',
        'button',
        'reaction',
        'order',
        'system',
        'unsupported',
        'x',
      ),
    ),
    text: loose(fc.record({ body: loose(text) })),
    image: loose(fc.record({ id: loose(id), mime_type: loose(text), caption: loose(text) })),
    document: loose(fc.record({ id: loose(id), filename: loose(text) })),
    location: loose(
      fc.record({ latitude: loose(fc.double()), longitude: loose(fc.double()), name: loose(text) }),
    ),
    contacts: loose(
      fc.array(
        loose(
          fc.record({
            name: loose(fc.record({ formatted_name: loose(text) })),
            phones: loose(fc.array(fc.anything())),
          }),
        ),
      ),
    ),
    interactive: loose(
      fc.record({
        type: loose(fc.constantFrom('button_reply', 'list_reply', 'nfm_reply')),
        button_reply: fc.anything(),
        list_reply: fc.anything(),
        nfm_reply: loose(fc.record({ response_json: loose(text) })),
      }),
    ),
    reaction: loose(fc.record({ message_id: loose(id), emoji: loose(text) })),
    order: loose(fc.record({ product_items: loose(fc.array(fc.anything())) })),
    context: loose(fc.record({ id: loose(id), forwarded: fc.anything() })),
    referral: fc.anything(),
    errors: loose(
      fc.array(
        loose(
          fc.record({ code: loose(fc.integer()), title: loose(text), error_data: fc.anything() }),
        ),
      ),
    ),
  },
  { requiredKeys: [] },
);

const whatsappBody = fc.record({
  object: loose(fc.constant('whatsapp_business_account')),
  entry: loose(
    fc.array(
      loose(
        fc.record({
          id: loose(id),
          changes: loose(
            fc.array(
              loose(
                fc.record({
                  field: loose(fc.constantFrom('messages', 'account_update')),
                  value: loose(
                    fc.record(
                      {
                        metadata: loose(fc.record({ phone_number_id: loose(fc.constant('PNID')) })),
                        contacts: loose(fc.array(fc.anything())),
                        messages: loose(fc.array(loose(whatsappMessage), { maxLength: 3 })),
                        statuses: loose(
                          fc.array(
                            loose(
                              fc.record({
                                id: loose(id),
                                status: loose(fc.constantFrom('sent', 'read', 'failed', 'deleted')),
                                errors: fc.anything(),
                              }),
                            ),
                            { maxLength: 3 },
                          ),
                        ),
                      },
                      { requiredKeys: [] },
                    ),
                  ),
                }),
              ),
              { maxLength: 3 },
            ),
          ),
        }),
      ),
      { maxLength: 3 },
    ),
  ),
});

const pageEvent = fc.record(
  {
    sender: loose(fc.record({ id: loose(id) })),
    recipient: loose(fc.record({ id: loose(id) })),
    timestamp: loose(fc.integer()),
    message: loose(
      fc.record(
        {
          mid: loose(id),
          text: loose(text),
          is_echo: fc.anything(),
          is_deleted: fc.anything(),
          reply_to: loose(fc.record({ mid: loose(id), story: fc.anything() })),
          attachments: loose(
            fc.array(
              loose(
                fc.record({
                  type: loose(
                    fc.constantFrom(
                      'image',
                      'file',
                      'fallback',
                      'location',
                      'story_mention',
                      'ig_reel',
                      'x',
                    ),
                  ),
                  payload: loose(
                    fc.record({
                      url: loose(fc.oneof(fc.webUrl(), text)),
                      sticker_id: fc.anything(),
                      coordinates: fc.anything(),
                    }),
                  ),
                }),
              ),
            ),
          ),
        },
        { requiredKeys: [] },
      ),
    ),
    reaction: loose(
      fc.record({
        mid: loose(id),
        action: loose(fc.constantFrom('react', 'unreact')),
        emoji: loose(text),
      }),
    ),
    read: loose(fc.record({ watermark: loose(fc.integer()), mid: loose(id) })),
    delivery: loose(
      fc.record({ mids: loose(fc.array(loose(id))), watermark: loose(fc.integer()) }),
    ),
    postback: loose(fc.record({ title: loose(text), mid: loose(id) })),
    message_edit: fc.anything(),
  },
  { requiredKeys: [] },
);

const pageBody = fc.record({
  object: loose(fc.constantFrom('page', 'instagram')),
  entry: loose(
    fc.array(
      loose(
        fc.record(
          {
            id: loose(fc.constant('PAGE')),
            messaging: loose(fc.array(loose(pageEvent), { maxLength: 3 })),
            standby: fc.anything(),
            changes: fc.anything(),
          },
          { requiredKeys: [] },
        ),
      ),
      { maxLength: 3 },
    ),
  ),
});

/** Runs `f`; anything it throws must be an UnparseablePayloadError. */
function onlyUnparseable(f: () => unknown): void {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(UnparseablePayloadError);
  }
}

describe('Meta parsers take any input', () => {
  it('name an `object` that cannot be turned into text instead of throwing (found by the property below)', () => {
    // `String()` throws for this value: its `toString` is not a function.
    const body = { object: { toString: false }, entry: [] };
    expect(readWhatsappWebhook(body, 'PNID')).toEqual({
      kind: 'ignored',
      reason: expect.stringContaining("A webhook for 'an object', not WhatsApp"),
    });
    expect(readPageWebhook(body, 'messenger', 'PAGE')).toMatchObject({ kind: 'ignored' });
    expect(
      readPageWebhook({ object: 'x'.repeat(500), entry: [] }, 'instagram', 'PAGE'),
    ).toMatchObject({
      kind: 'ignored',
      reason: expect.not.stringContaining('x'.repeat(100)),
    });
  });

  it('WhatsApp: any body reads as messages, delivery news, ignored or invalid', () => {
    fc.assert(
      fc.property(
        fc.oneof(whatsappBody, fc.anything()),
        fc.option(text, { nil: undefined }),
        (body, earlier) =>
          onlyUnparseable(() => {
            const reading = readWhatsappWebhook(body, 'PNID');
            expect(['messages', 'delivery', 'ignored', 'invalid']).toContain(reading.kind);
            if (reading.kind === 'messages')
              for (const draft of reading.drafts) {
                expect(typeof completeWhatsappDraft(draft, earlier).text).toBe('string');
                expect(draft.contact.identities.length).toBe(2);
              }
          }),
      ),
      { numRuns: 400 },
    );
  });

  it('Messenger and Instagram: any body reads as one kind of reading', () => {
    fc.assert(
      fc.property(
        fc.oneof(pageBody, fc.anything()),
        fc.constantFrom('messenger' as const, 'instagram' as const),
        fc.option(text, { nil: undefined }),
        (body, kind, earlier) =>
          onlyUnparseable(() => {
            const reading = readPageWebhook(body, kind, 'PAGE');
            expect(['messages', 'receipts', 'echoes', 'ignored', 'invalid']).toContain(
              reading.kind,
            );
            if (reading.kind === 'messages')
              for (const draft of reading.drafts)
                expect(typeof completePageDraft(draft, earlier).text).toBe('string');
          }),
      ),
      { numRuns: 400 },
    );
  });

  it('the splitter: any body splits into items that each read again, or is not a webhook', () => {
    fc.assert(
      fc.property(fc.oneof(whatsappBody, pageBody, fc.anything()), (body) =>
        onlyUnparseable(() => {
          const items = splitMetaWebhook(body);
          for (const item of items ?? []) {
            expect(item.key.length).toBeGreaterThan(0);
            readWhatsappWebhook(item.payload, 'PNID');
            readPageWebhook(item.payload, 'messenger', 'PAGE');
          }
        }),
      ),
      { numRuns: 400 },
    );
  });
});
