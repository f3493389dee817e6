import { findTemplate, templateReplyOf } from './whatsapp-template';

const template = {
  name: 'order_update',
  language: 'de',
  body: 'Hallo {{1}}, Ihre Bestellung {{2}} ist unterwegs.',
};

describe('WhatsApp templates', () => {
  it('reads the template a reply names from its metadata', () => {
    expect(
      templateReplyOf({
        templateName: 'order_update',
        templateLanguage: 'de',
        templateVariables: ['a', 'b'],
      }),
    ).toEqual({
      name: 'order_update',
      language: 'de',
      variables: ['a', 'b'],
    });
    expect(templateReplyOf({ address: '+4915112345678' })).toBeNull();
  });

  it("finds the channel's template, or says why it cannot be sent", () => {
    expect(
      findTemplate([template], { name: 'order_update', language: 'de', variables: ['a', 'b'] }),
    ).toBe(template);
    expect(
      findTemplate([template], { name: 'order_update', language: 'en', variables: ['a', 'b'] }),
    ).toBe(
      "The template order_update (en) is not among this channel's templates: an admin must add it in the channel settings",
    );
    expect(
      findTemplate([template], { name: 'order_update', language: 'de', variables: ['a'] }),
    ).toBe('The template order_update takes 2 values, 1 given');
    expect(
      findTemplate([template], { name: 'order_update', language: 'de', variables: ['a', ' '] }),
    ).toBe('Every value of the template order_update must be filled in');
  });
});
