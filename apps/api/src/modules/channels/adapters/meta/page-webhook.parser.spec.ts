import { completePageDraft, readPageWebhook, type PageDraft } from './page-webhook.parser';

const PAGE_ID = '1234567890';
const PSID = '6789012345678901';

/** A webhook as the Messenger Platform's webhook reference shows it, with one event. */
const messenger = (event: Record<string, unknown>, entryId = PAGE_ID) => ({
  object: 'page',
  entry: [
    {
      id: entryId,
      time: 1_458_692_752_478,
      messaging: [
        {
          sender: { id: PSID },
          recipient: { id: PAGE_ID },
          timestamp: 1_458_692_752_478,
          ...event,
        },
      ],
    },
  ],
});
const instagram = (event: Record<string, unknown>) => ({
  object: 'instagram',
  entry: [
    {
      id: '17841400000000000',
      time: 1_569_262_486_134,
      messaging: [
        {
          sender: { id: 'IGSID1' },
          recipient: { id: '17841400000000000' },
          timestamp: 1_569_262_485_349,
          ...event,
        },
      ],
    },
  ],
});

function draftOf(payload: unknown, kind: 'messenger' | 'instagram' = 'messenger'): PageDraft {
  const reading = readPageWebhook(payload, kind, PAGE_ID);
  if (reading.kind !== 'messages') throw new Error(`not messages: ${JSON.stringify(reading)}`);
  return reading.drafts[0];
}

describe('readPageWebhook', () => {
  it('reads a Messenger text: the mid, the PSID as verified identity, the time', () => {
    expect(
      draftOf(
        messenger({
          message: { mid: 'm_1', text: 'Grüße aus Köln 🙂', quick_reply: { payload: 'X' } },
        }),
      ),
    ).toEqual({
      providerMessageId: 'm_1',
      customerId: PSID,
      contact: { identities: [{ kind: 'messenger', address: PSID, verified: true }] },
      text: 'Grüße aus Köln 🙂',
      files: [],
      sentAt: new Date(1_458_692_752_478),
    });
  });

  it('names attachments to fetch and writes the rest out in words', () => {
    const draft = draftOf(
      messenger({
        message: {
          mid: 'm_2',
          attachments: [
            {
              type: 'image',
              payload: { url: 'https://scontent.xx.fbcdn.net/v/t1/12345_n.jpg?oh=1' },
            },
            { type: 'file', payload: { url: 'https://cdn.fbsbx.com/v/t59/Rechnung.pdf?x=1' } },
            { type: 'fallback', payload: { url: 'https://example.com/a' }, title: 'Ein Link' },
            { type: 'location', payload: { coordinates: { lat: 52.5, long: 13.4 } } },
          ],
        },
      }),
    );
    expect(draft.text).toBe(
      '[Photo]\n[File: Rechnung.pdf]\n[Link] Ein Link\nhttps://example.com/a\n[Location]\n52.5, 13.4',
    );
    expect(draft.files).toEqual([
      {
        url: 'https://scontent.xx.fbcdn.net/v/t1/12345_n.jpg?oh=1',
        filename: '12345_n.jpg',
        contentType: 'image/jpeg',
      },
      {
        url: 'https://cdn.fbsbx.com/v/t59/Rechnung.pdf?x=1',
        filename: 'Rechnung.pdf',
        contentType: 'application/octet-stream',
      },
    ]);
    expect(
      draftOf(
        messenger({
          message: {
            mid: 'm_3',
            attachments: [
              {
                type: 'image',
                payload: { url: 'https://x.fbcdn.net/s.png', sticker_id: 369239263222822 },
              },
            ],
          },
        }),
      ).text,
    ).toBe('👍');
  });

  it('reads postbacks, reactions, replies and edits with their references', () => {
    expect(
      draftOf(messenger({ postback: { mid: 'm_pb', title: 'Termin buchen', payload: 'BOOK' } })),
    ).toMatchObject({
      providerMessageId: 'm_pb',
      text: '[Button] Termin buchen',
    });
    const reaction = draftOf(
      messenger({ reaction: { mid: 'm_ours', action: 'react', reaction: 'love', emoji: '❤️' } }),
    );
    expect(reaction.providerMessageId).toBe('m_ours:reaction:1458692752478:❤️');
    expect(completePageDraft(reaction, 'Bis morgen!').text).toBe('[Reaction] ❤️ to "Bis morgen!"');
    const unreact = draftOf(
      messenger({ reaction: { mid: 'm_ours', action: 'unreact', reaction: 'love' } }),
    );
    expect(completePageDraft(unreact, undefined).text).toBe(
      '[Reaction removed] from an earlier message',
    );
    const reply = draftOf(
      messenger({ message: { mid: 'm_r', text: 'Ja', reply_to: { mid: 'm_ours' } } }),
    );
    expect(completePageDraft(reply, 'Passt Montag?')).toEqual({
      text: 'Ja',
      quoted: 'Passt Montag?',
    });
    const edit = draftOf(
      messenger({ message_edit: { mid: 'm_r', text: 'Ja, gern', num_edit: 1 } }),
    );
    expect([edit.providerMessageId, completePageDraft(edit, 'Ja')]).toEqual([
      'm_r:edit:1',
      { text: '[Edited message] Ja, gern', quoted: 'Original message:\nJa' },
    ]);
  });

  it('reads receipts: delivery mids and the read watermark', () => {
    expect(
      readPageWebhook(
        messenger({ delivery: { mids: ['m_a', 'm_b'], watermark: 1_458_668_856_253 } }),
        'messenger',
        PAGE_ID,
      ),
    ).toEqual({
      kind: 'receipts',
      receipts: [
        {
          status: 'delivered',
          customerId: PSID,
          mids: ['m_a', 'm_b'],
          watermark: new Date(1_458_668_856_253),
        },
      ],
    });
    expect(
      readPageWebhook(messenger({ read: { watermark: 1_458_668_856_253 } }), 'messenger', PAGE_ID),
    ).toEqual({
      kind: 'receipts',
      receipts: [
        { status: 'read', customerId: PSID, mids: [], watermark: new Date(1_458_668_856_253) },
      ],
    });
    expect(
      readPageWebhook(instagram({ read: { mid: 'aWdf_ours' } }), 'instagram', PAGE_ID),
    ).toEqual({
      kind: 'receipts',
      receipts: [{ status: 'read', customerId: 'IGSID1', mids: ['aWdf_ours'] }],
    });
  });

  it("reads the page's own messages as echoes, addressed to the customer", () => {
    expect(
      readPageWebhook(
        {
          object: 'page',
          entry: [
            {
              id: PAGE_ID,
              messaging: [
                {
                  sender: { id: PAGE_ID },
                  recipient: { id: PSID },
                  timestamp: 1,
                  message: {
                    is_echo: true,
                    app_id: 1517776481860111,
                    mid: 'm_echo',
                    text: 'Hallo',
                  },
                },
              ],
            },
          ],
        },
        'messenger',
        PAGE_ID,
      ),
    ).toEqual({ kind: 'echoes', echoes: [{ mid: 'm_echo', customerId: PSID }] });
  });

  it('reads Instagram story mentions, story replies, deletions and unsupported messages', () => {
    const mention = draftOf(
      instagram({
        message: {
          mid: 'aWdf_1',
          attachments: [
            {
              type: 'story_mention',
              payload: { url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1' },
            },
          ],
        },
      }),
      'instagram',
    );
    expect([mention.text, mention.files]).toEqual([
      '[Mentioned you in their story]',
      [
        {
          url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1',
          filename: 'story_mention-aWdf_1-1.jpg',
          contentType: 'image/jpeg',
        },
      ],
    ]);
    const storyReply = draftOf(
      instagram({
        message: {
          mid: 'aWdf_2',
          text: 'Wie schön! 😍',
          reply_to: { story: { url: 'https://lookaside.fbsbx.com/s', id: '1' } },
        },
      }),
      'instagram',
    );
    expect([storyReply.text, storyReply.quoted]).toEqual([
      '[Reply to your story]\nWie schön! 😍',
      'Story: https://lookaside.fbsbx.com/s',
    ]);
    const deleted = draftOf(
      instagram({ message: { mid: 'aWdf_1', is_deleted: true } }),
      'instagram',
    );
    expect([deleted.providerMessageId, completePageDraft(deleted, 'Hallo').text]).toEqual([
      'aWdf_1:deleted',
      '[The customer deleted a message] "Hallo"',
    ]);
    expect(
      draftOf(instagram({ message: { mid: 'aWdf_3', is_unsupported: true } }), 'instagram').text,
    ).toBe('[Instagram: a message type the API does not show]');
  });

  it('ignores other pages, kinds and events with the reason; refuses what is not a webhook', () => {
    expect(
      readPageWebhook(messenger({ message: { mid: 'm', text: 'x' } }, '555'), 'messenger', PAGE_ID),
    ).toEqual({
      kind: 'ignored',
      reason: `For Facebook page 555, not this channel's (${PAGE_ID}): add a Messenger channel for that page`,
    });
    expect(
      readPageWebhook(instagram({ message: { mid: 'm', text: 'x' } }), 'messenger', PAGE_ID),
    ).toMatchObject({ kind: 'ignored' });
    expect(readPageWebhook(messenger({ optin: { ref: 'x' } }), 'messenger', PAGE_ID)).toEqual({
      kind: 'ignored',
      reason: "Messenger event 'optin' is not a customer message",
    });
    expect(readPageWebhook(null, 'instagram', PAGE_ID)).toEqual({
      kind: 'invalid',
      reason: 'Not a webhook of Instagram: no entry list',
    });
  });
});
