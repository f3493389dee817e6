import { splitQuotedText } from './email-quote-splitter';

describe('splitQuotedText', () => {
  it.each([
    [
      'Outlook English header block',
      'Sounds good.\n\nFrom: Support <s@x.test>\nSent: Monday, March 3, 2025 5:15 PM\nTo: Me <me@y.test>\nSubject: Order\n\nOld text',
    ],
    ['Outlook separator', 'Sounds good.\n\n-----Original Message-----\nFrom: Support\nOld text'],
    ['German separator', 'Passt.\n\n-----Ursprüngliche Nachricht-----\nVon: Support\nAlter Text'],
    [
      'German Gmail attribution',
      'Passt.\n\nAm Mo., 3. März 2025 um 17:15 Uhr schrieb Anna <a@x.test>:\n> Alter Text',
    ],
    [
      'French attribution',
      'Parfait.\n\nLe lun. 3 mars 2025 à 17:15, Anna <a@x.test> a écrit :\n> Ancien texte',
    ],
    ['trailing "> " block without attribution', 'Sounds good.\n\n> Old text\n> more\n\n'],
  ])('%s', (_name, text) => {
    const split = splitQuotedText(text);
    expect(split.visible).toMatch(/^(Sounds good\.|Passt\.|Parfait\.)$/);
    expect(split.quoted).toBeDefined();
    expect(split.quoted).toMatch(/(Old|Alter|Ancien) [Tt]ext/);
  });

  it('keeps answers written between quoted lines visible', () => {
    const text = '> Can you come Monday?\nYes, Monday works.\n> And bring the invoice?\nSure.';
    expect(splitQuotedText(text)).toEqual({ visible: text });
  });

  it('never hides everything: a message that is only a quote stays visible', () => {
    const text = 'On Mon, Mar 3, 2025 at 5:15 PM Anna wrote:\n> Hello';
    expect(splitQuotedText(text)).toEqual({ visible: text });
  });

  it('does not mistake a sentence for an attribution line', () => {
    const text = 'On Monday I wrote to you about the delivery.\nAny news?';
    expect(splitQuotedText(text)).toEqual({ visible: text });
  });

  it('normalises CRLF', () => {
    expect(splitQuotedText('Hi\r\n\r\n> old\r\n')).toEqual({ visible: 'Hi', quoted: '> old' });
  });
});
