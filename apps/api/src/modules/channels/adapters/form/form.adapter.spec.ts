import type { DataSource } from 'typeorm';
import { UnparseablePayloadError } from '../../channel-adapter';
import type { Channel } from '../../channel.entity';
import type { InboundEvent } from '../../../intake/inbound-event.entity';
import type { EmailSender } from '../email';
import { FormAdapter } from './form.adapter';
import { pickLocale } from './form-page.renderer';
import { toE164 } from './phone-number';

const channel = { id: 'f1', kind: 'form', inboxAddress: 'kontakt@touchpoint.test' } as Channel;
const event = (payload: unknown, raw: Buffer | null = null) =>
  ({ id: 'e1', providerMessageId: 'p-1', payload, raw }) as InboundEvent;
// parse needs neither the sender nor the database.
const adapter = new FormAdapter({} as EmailSender, {} as DataSource);

describe('FormAdapter.parse', () => {
  it('turns a stored submission into a message from the email and E.164 phone identities', async () => {
    const result = await adapter.parse(
      event({
        name: ' Jürgen Müller ',
        email: 'Juergen@Example.de',
        phone: '0171 1234567',
        subject: 'Größe',
        message: 'Übermorgen?',
        submittedAt: '2025-03-03T10:00:00.000Z',
        ip: '192.0.2.1',
      }),
      channel,
    );
    expect(result).toEqual({
      kind: 'messages',
      messages: [
        {
          providerMessageId: 'p-1',
          contact: {
            identities: [
              { kind: 'email', address: 'juergen@example.de' },
              { kind: 'phone', address: '+491711234567' },
            ],
            name: 'Jürgen Müller',
          },
          subject: 'Größe',
          text: 'Übermorgen?',
          attachments: [],
          sentAt: new Date('2025-03-03T10:00:00.000Z'),
        },
      ],
    });
  });

  it('leaves out a phone number that is none, and a missing subject', async () => {
    const result = await adapter.parse(
      event({ email: 'a@b.de', phone: 'call me', message: 'Hi' }),
      channel,
    );
    expect(result.kind === 'messages' && result.messages[0]).toMatchObject({
      contact: { identities: [{ kind: 'email', address: 'a@b.de' }] },
    });
    expect(result.kind === 'messages' && result.messages[0].subject).toBeUndefined();
  });

  it('parses an email sent to the form’s reply address as an email', async () => {
    const raw = Buffer.from(
      'From: Kunde <kunde@example.de>\r\nTo: reply+tok9@touchpoint.test\r\nSubject: Re: Größe\r\nMessage-ID: <r1@example.de>\r\n\r\nDanke!\r\n',
    );
    const result = await adapter.parse(
      event({ envelope: { from: 'kunde@example.de', to: ['reply+tok9@touchpoint.test'] } }, raw),
      channel,
    );
    expect(result.kind === 'messages' && result.messages[0]).toMatchObject({
      providerMessageId: '<r1@example.de>',
      text: 'Danke!',
      email: { replyToken: 'tok9' },
    });
  });

  it('refuses a payload that is no submission', async () => {
    await expect(adapter.parse(event({ hello: 'world' }), channel)).rejects.toBeInstanceOf(
      UnparseablePayloadError,
    );
  });
});

describe('form helpers', () => {
  it('normalises German and international phone numbers to E.164', () => {
    expect(toE164('0171 1234567')).toBe('+491711234567');
    expect(toE164('(030) 1234567')).toBe('+49301234567');
    expect(toE164('+43 1 234567')).toBe('+431234567');
    expect(toE164('12')).toBeUndefined();
  });

  it('picks the page language from ?lang=, then Accept-Language q-values, else English', () => {
    expect(pickLocale('de', 'en')).toBe('de');
    expect(pickLocale(undefined, 'fr-FR,fr;q=0.9,de;q=0.8,en;q=0.7')).toBe('de');
    expect(pickLocale(undefined, 'en;q=0.5,de;q=0.9')).toBe('de');
    expect(pickLocale(undefined, 'de;q=0,en')).toBe('en');
    expect(pickLocale('xx', undefined)).toBe('en');
  });
});
