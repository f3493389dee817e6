import {
  emailProviderMessageId,
  messageIdOfOurs,
  messageIdsIn,
  ourMessageId,
  replySubject,
  replyTokenOf,
} from './email-address';

describe('email addresses and headers', () => {
  it('adds exactly one reply prefix (German "AW:" counts)', () => {
    expect(replySubject('Lieferung', 'Support')).toBe('Re: Lieferung');
    expect(replySubject('Re: Lieferung', 'Support')).toBe('Re: Lieferung');
    expect(replySubject('RE:Lieferung', 'Support')).toBe('RE:Lieferung');
    expect(replySubject('AW: Lieferung', 'Support')).toBe('AW: Lieferung');
    expect(replySubject('Re[2]: Lieferung', 'Support')).toBe('Re[2]: Lieferung');
    expect(replySubject('Fwd: Lieferung', 'Support')).toBe('Re: Fwd: Lieferung');
    expect(replySubject('  ', 'Support')).toBe('Re: Support');
    expect(replySubject(null, 'Kontaktformular')).toBe('Re: Kontaktformular');
  });

  it('reads reply tokens, optionally only at our domains', () => {
    expect(replyTokenOf('reply+abc_DEF-12@touchpoint.test')).toBe('abc_DEF-12');
    expect(replyTokenOf('Reply+abc@Touchpoint.Test', ['touchpoint.test'])).toBe('abc');
    expect(replyTokenOf('reply+abc@other.test', ['touchpoint.test'])).toBeUndefined();
    expect(replyTokenOf('support@touchpoint.test')).toBeUndefined();
    expect(replyTokenOf('reply+@touchpoint.test')).toBeUndefined();
    expect(replyTokenOf('noreply+abc@touchpoint.test')).toBeUndefined();
  });

  it('lists message ids with brackets, without duplicates', () => {
    expect(messageIdsIn('<a@x> <b@y>\r\n <a@x>')).toEqual(['<a@x>', '<b@y>']);
    expect(messageIdsIn('bare@id.example')).toEqual(['<bare@id.example>']);
    expect(messageIdsIn(['<a@x>', '<c@z>'])).toEqual(['<a@x>', '<c@z>']);
    expect(messageIdsIn(undefined)).toEqual([]);
  });

  it('recognises our own Message-IDs', () => {
    const id = '0c2f4a6e-2222-4b3c-8d4e-abcdefabcdef';
    expect(ourMessageId(id, 'touchpoint.test')).toBe(`<touchpoint.${id}@touchpoint.test>`);
    expect(messageIdOfOurs(ourMessageId(id, 'touchpoint.test'))).toBe(id);
    expect(messageIdOfOurs('<CAF123@mail.gmail.com>')).toBeUndefined();
  });

  it('derives the dedup key from the folded Message-ID header of the raw bytes', () => {
    const raw = Buffer.from(
      'Subject: x\r\nMessage-ID:\r\n <folded.1@example.com>\r\n\r\nMessage-ID: <body@x>\r\n',
    );
    expect(emailProviderMessageId(raw)).toBe('<folded.1@example.com>');
    expect(emailProviderMessageId(Buffer.from('Subject: x\r\n\r\nbody'))).toMatch(/^sha256:/);
  });
});
