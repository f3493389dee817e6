import {
  completeWhatsappDraft,
  readWhatsappWebhook,
  type WhatsappDraft,
} from './whatsapp-webhook.parser';

const PHONE_NUMBER_ID = '106540352242922';

/** A webhook as Meta's messages reference shows it, with one message or status. */
function webhook(value: Record<string, unknown>) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_NUMBER_ID },
              ...value,
            },
          },
        ],
      },
    ],
  };
}

const contacts = [{ profile: { name: 'Jürgen Müller' }, wa_id: '4915112345678' }];
const message = (fields: Record<string, unknown>) =>
  webhook({
    contacts,
    messages: [
      {
        from: '4915112345678',
        id: 'wamid.HBgLNDkxNTExMjM0NTY3OBUCABIYFDNBMDE=',
        timestamp: '1749416383',
        ...fields,
      },
    ],
  });

function draftOf(payload: unknown): WhatsappDraft {
  const reading = readWhatsappWebhook(payload, PHONE_NUMBER_ID);
  if (reading.kind !== 'messages') throw new Error(`not messages: ${JSON.stringify(reading)}`);
  return reading.drafts[0];
}

describe('readWhatsappWebhook', () => {
  it('reads a text: the wamid, the sender as whatsapp and phone identity in E.164, the profile name', () => {
    expect(
      draftOf(message({ type: 'text', text: { body: 'Grüß Gott 👋 gibt es das in Blau?' } })),
    ).toEqual({
      providerMessageId: 'wamid.HBgLNDkxNTExMjM0NTY3OBUCABIYFDNBMDE=',
      contact: {
        identities: [
          { kind: 'whatsapp', address: '+4915112345678', verified: true },
          { kind: 'phone', address: '+4915112345678', verified: true },
        ],
        name: 'Jürgen Müller',
      },
      text: 'Grüß Gott 👋 gibt es das in Blau?',
      sentAt: new Date(1_749_416_383_000),
    });
  });

  it('names media for the adapter to fetch, with the caption or a placeholder as text', () => {
    const image = draftOf(
      message({
        type: 'image',
        image: {
          caption: 'Kaputt 😢',
          mime_type: 'image/jpeg',
          sha256: 'x',
          id: '1003383421387256',
        },
      }),
    );
    expect([image.text, image.media]).toEqual([
      'Kaputt 😢',
      {
        mediaId: '1003383421387256',
        contentType: 'image/jpeg',
        filename: 'photo-CABIYFDNBMDE.jpg',
      },
    ]);
    const voice = draftOf(
      message({
        type: 'audio',
        audio: { mime_type: 'audio/ogg; codecs=opus', id: 'a1', voice: true },
      }),
    );
    expect([voice.text, voice.media?.contentType, voice.media?.filename]).toEqual([
      '[Voice message]',
      'audio/ogg',
      'audio-CABIYFDNBMDE.ogg',
    ]);
    const document = draftOf(
      message({
        type: 'document',
        document: { filename: 'Rechnung März.pdf', mime_type: 'application/pdf', id: 'd1' },
      }),
    );
    expect([document.text, document.media?.filename]).toEqual([
      '[File: Rechnung März.pdf]',
      'Rechnung März.pdf',
    ]);
    expect(
      draftOf(
        message({
          type: 'sticker',
          sticker: { mime_type: 'image/webp', id: 's1', animated: true },
        }),
      ).text,
    ).toBe('[Animated sticker]');
  });

  it('writes places, contact cards, buttons, list choices and flow answers out in words', () => {
    expect(
      draftOf(
        message({
          type: 'location',
          location: {
            latitude: 52.52,
            longitude: 13.405,
            name: 'Filiale Mitte',
            address: 'Alexanderplatz 1',
          },
        }),
      ).text,
    ).toBe(
      '[Location] Filiale Mitte, Alexanderplatz 1\n52.52, 13.405\nhttps://www.openstreetmap.org/?mlat=52.52&mlon=13.405#map=17/52.52/13.405',
    );
    expect(
      draftOf(
        message({
          type: 'contacts',
          contacts: [
            {
              name: { formatted_name: 'Erika Mustermann', first_name: 'Erika' },
              phones: [{ phone: '+49 30 1234567', wa_id: '49301234567', type: 'WORK' }],
              emails: [{ email: 'erika@example.com', type: 'WORK' }],
            },
          ],
        }),
      ).text,
    ).toBe('[Contact] Erika Mustermann, +49 30 1234567, erika@example.com');
    expect(
      draftOf(
        message({
          type: 'interactive',
          interactive: { type: 'button_reply', button_reply: { id: 'y', title: 'Ja, bitte' } },
        }),
      ).text,
    ).toBe('[Button] Ja, bitte');
    expect(
      draftOf(
        message({
          type: 'interactive',
          interactive: {
            type: 'list_reply',
            list_reply: { id: 'l', title: 'Größe M', description: 'Passt für 38–40' },
          },
        }),
      ).text,
    ).toBe('[List choice] Größe M – Passt für 38–40');
    expect(
      draftOf(
        message({
          type: 'interactive',
          interactive: {
            type: 'nfm_reply',
            nfm_reply: {
              name: 'flow',
              body: 'Sent',
              response_json: '{"flow_token":"t","termin":"Montag"}',
            },
          },
        }),
      ).text,
    ).toBe('[Form reply] Sent\ntermin: Montag');
    expect(
      draftOf(message({ type: 'button', button: { payload: 'STOP', text: 'Stopp' } })).text,
    ).toBe('[Button] Stopp');
  });

  it('keeps what it cannot show as a readable placeholder, with the errors WhatsApp attached', () => {
    expect(
      draftOf(
        message({
          type: 'unsupported',
          errors: [
            {
              code: 131051,
              title: 'Message type unknown',
              message: 'Message type unknown',
              error_data: { details: 'Message type is currently not supported.' },
            },
          ],
          unsupported: { type: 'edit' },
        }),
      ).text,
    ).toBe(
      "[WhatsApp: unsupported message type 'unsupported']\n[WhatsApp: WhatsApp does not support this type of message (131051)]",
    );
    expect(draftOf(message({ type: 'hologram', hologram: {} })).text).toBe(
      "[WhatsApp: unsupported message type 'hologram']",
    );
  });

  it('reads a reply and a reaction as references, completed with the stored text', () => {
    const reply = draftOf(
      message({
        type: 'text',
        text: { body: 'Genau das' },
        context: { from: '15550783881', id: 'wamid.ours' },
      }),
    );
    expect(reply.reference).toEqual({ kind: 'reply', messageId: 'wamid.ours' });
    expect(completeWhatsappDraft(reply, 'Ihr Paket kommt Montag.')).toEqual({
      text: 'Genau das',
      quoted: 'Ihr Paket kommt Montag.',
    });
    const reaction = draftOf(
      message({ type: 'reaction', reaction: { message_id: 'wamid.ours', emoji: '❤️' } }),
    );
    expect(completeWhatsappDraft(reaction, 'Ihr Paket kommt Montag.').text).toBe(
      '[Reaction] ❤️ to "Ihr Paket kommt Montag."',
    );
    const removed = draftOf(message({ type: 'reaction', reaction: { message_id: 'wamid.ours' } }));
    expect(completeWhatsappDraft(removed, undefined).text).toBe(
      '[Reaction removed] from an earlier message',
    );
  });

  it('marks forwarded messages and says when the customer came from an ad', () => {
    expect(
      draftOf(
        message({
          type: 'text',
          text: { body: 'Schau mal' },
          context: { forwarded: true },
          referral: { source_url: 'https://fb.me/abc', source_type: 'ad', headline: 'Sommer-Sale' },
        }),
      ).text,
    ).toBe('[Forwarded]\nSchau mal\n[From ad: Sommer-Sale] https://fb.me/abc');
  });

  it('reads statuses as delivery news, with failures in words', () => {
    const status = (fields: Record<string, unknown>) =>
      webhook({
        statuses: [
          { id: 'wamid.out', timestamp: '1750263773', recipient_id: '4915112345678', ...fields },
        ],
      });
    expect(readWhatsappWebhook(status({ status: 'read' }), PHONE_NUMBER_ID)).toEqual({
      kind: 'delivery',
      updates: [{ providerMessageId: 'wamid.out', status: 'read' }],
    });
    expect(readWhatsappWebhook(status({ status: 'played' }), PHONE_NUMBER_ID)).toMatchObject({
      updates: [{ status: 'read' }],
    });
    expect(
      readWhatsappWebhook(
        status({
          status: 'failed',
          errors: [
            { code: 131047, title: 'Re-engagement message', message: 'Re-engagement message' },
          ],
        }),
        PHONE_NUMBER_ID,
      ),
    ).toEqual({
      kind: 'delivery',
      updates: [
        {
          providerMessageId: 'wamid.out',
          status: 'failed',
          error:
            'More than 24 hours since the customer last wrote: outside the 24-hour window, send an approved template (131047)',
        },
      ],
    });
    expect(
      readWhatsappWebhook(
        status({ status: 'failed', errors: [{ code: 135000, title: 'Generic user error' }] }),
        PHONE_NUMBER_ID,
      ),
    ).toMatchObject({
      updates: [{ error: 'WhatsApp could not send the message (135000): Generic user error' }],
    });
  });

  it('ignores what is not a customer message or for another number, and refuses what is not WhatsApp', () => {
    expect(
      readWhatsappWebhook(
        {
          object: 'whatsapp_business_account',
          entry: [{ id: '1', changes: [{ field: 'account_update', value: {} }] }],
        },
        PHONE_NUMBER_ID,
      ),
    ).toEqual({
      kind: 'ignored',
      reason: "WhatsApp webhook field 'account_update' is not a customer message",
    });
    expect(readWhatsappWebhook(message({ type: 'text', text: { body: 'x' } }), '999')).toEqual({
      kind: 'ignored',
      reason: `For WhatsApp phone number id ${PHONE_NUMBER_ID}, not this channel's (999): add a WhatsApp channel for that number`,
    });
    expect(readWhatsappWebhook({ object: 'page', entry: [] }, PHONE_NUMBER_ID)).toMatchObject({
      kind: 'ignored',
    });
    expect(readWhatsappWebhook('x', PHONE_NUMBER_ID)).toEqual({
      kind: 'invalid',
      reason: 'Not a WhatsApp webhook: no entry list',
    });
    expect(
      readWhatsappWebhook(
        message({ from: 'nobody', type: 'text', text: { body: 'x' } }),
        PHONE_NUMBER_ID,
      ),
    ).toEqual({
      kind: 'invalid',
      reason: 'The WhatsApp sender nobody is not a phone number',
    });
  });
});
