import { splitMetaWebhook } from './meta-webhook.splitter';

const metadata = { display_phone_number: '15550783881', phone_number_id: '106540352242922' };

describe('splitMetaWebhook', () => {
  it('splits a batched WhatsApp body into one complete webhook per message and status, in order', () => {
    const body = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'WABA',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata,
                contacts: [
                  { profile: { name: 'Anna' }, wa_id: '491511' },
                  { profile: { name: 'Ben' }, wa_id: '491522' },
                ],
                messages: [
                  { from: '491511', id: 'wamid.A', type: 'text', text: { body: 'a' } },
                  { from: '491522', id: 'wamid.B', type: 'text', text: { body: 'b' } },
                ],
                statuses: [{ id: 'wamid.OUT', status: 'delivered', recipient_id: '491533' }],
              },
            },
          ],
        },
        {
          id: 'WABA',
          changes: [
            {
              field: 'messages',
              value: {
                metadata: { phone_number_id: '222' },
                statuses: [{ id: 'wamid.X', status: 'failed', errors: [{ code: 131026 }] }],
              },
            },
            { field: 'account_update', value: { event: 'VERIFIED_ACCOUNT' } },
          ],
        },
      ],
    };
    const items = splitMetaWebhook(body);
    expect(items?.map((i) => [i.key.replace(/:[0-9a-f]{40}$/, ':<digest>'), i.accountId])).toEqual([
      ['msg:wamid.A', '106540352242922'],
      ['msg:wamid.B', '106540352242922'],
      ['status:wamid.OUT:delivered', '106540352242922'],
      ['status:wamid.X:<digest>', '222'],
      ['change:account_update:<digest>', 'WABA'],
    ]);
    // Each item is a webhook of its own, carrying only its sender's profile.
    expect(items?.[1].payload).toEqual({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'WABA',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata,
                contacts: [{ profile: { name: 'Ben' }, wa_id: '491522' }],
                messages: [{ from: '491522', id: 'wamid.B', type: 'text', text: { body: 'b' } }],
              },
            },
          ],
        },
      ],
    });
  });

  it('splits Messenger and Instagram entries per event, naming echoes, deletions and receipts', () => {
    const items = splitMetaWebhook({
      object: 'page',
      entry: [
        {
          id: 'PAGE',
          time: 1,
          messaging: [
            { sender: { id: 'U' }, recipient: { id: 'PAGE' }, message: { mid: 'm_1', text: 'x' } },
            {
              sender: { id: 'PAGE' },
              recipient: { id: 'U' },
              message: { mid: 'm_2', is_echo: true },
            },
            { sender: { id: 'U' }, recipient: { id: 'PAGE' }, read: { watermark: 5 } },
          ],
          standby: [
            {
              sender: { id: 'U' },
              recipient: { id: 'PAGE' },
              message: { mid: 'm_3', is_deleted: true },
            },
          ],
        },
      ],
    });
    expect(items?.map((i) => i.key.replace(/:[0-9a-f]{40}$/, ':<digest>'))).toEqual([
      'msg:m_1',
      'echo:m_2',
      'read:<digest>',
      'deleted:m_3',
    ]);
    expect(items?.[3].payload).toEqual({
      object: 'page',
      entry: [
        {
          id: 'PAGE',
          time: 1,
          standby: [
            {
              sender: { id: 'U' },
              recipient: { id: 'PAGE' },
              message: { mid: 'm_3', is_deleted: true },
            },
          ],
        },
      ],
    });
  });

  it('gives the same keys for the same body, and null for what is not a webhook', () => {
    const body = {
      object: 'page',
      entry: [
        { id: 'P', messaging: [{ sender: { id: 'U' }, reaction: { mid: 'm', action: 'react' } }] },
      ],
    };
    expect(splitMetaWebhook(body)?.[0].key).toBe(splitMetaWebhook(structuredClone(body))?.[0].key);
    expect(splitMetaWebhook({ hello: 'world' })).toBeNull();
    expect(splitMetaWebhook([1])).toBeNull();
    expect(
      splitMetaWebhook({ object: 'page', entry: [{ id: 'P' }] })?.map((i) => i.key.slice(0, 6)),
    ).toEqual(['entry:']);
  });
});
