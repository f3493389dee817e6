import {
  cannedVariablesIn,
  firstNameOf,
  renderCannedResponse,
  unfilledCannedVariables,
  unknownCannedVariables,
} from './canned-responses';
import { createCannedResponseSchema } from './schemas/canned-response.schema';

describe('canned response variables', () => {
  const body =
    'Hallo {{contact.firstName}}, zu "{{ conversation.subject }}" meldet sich {{agent.name}}.';

  it('fills every variable that has a value', () => {
    expect(
      renderCannedResponse(body, {
        'contact.firstName': 'Maria',
        'conversation.subject': 'Lieferung',
        'agent.name': 'Eva Berger',
      }),
    ).toEqual({ text: 'Hallo Maria, zu "Lieferung" meldet sich Eva Berger.', missing: [] });
  });

  it('leaves a variable without a value visible, never silently empty', () => {
    const rendered = renderCannedResponse(body, {
      'contact.firstName': '  ',
      'conversation.subject': null,
      'agent.name': 'Eva Berger',
    });
    expect(rendered.text).toBe(
      'Hallo {{contact.firstName}}, zu "{{conversation.subject}}" meldet sich Eva Berger.',
    );
    expect(rendered.missing).toEqual(['contact.firstName', 'conversation.subject']);
    expect(unfilledCannedVariables(rendered.text)).toEqual([
      'contact.firstName',
      'conversation.subject',
    ]);
  });

  it('tells unknown variables apart', () => {
    expect(cannedVariablesIn('{{a}} {{a}} {{contact.name}}')).toEqual(['a', 'contact.name']);
    expect(unknownCannedVariables('Hi {{contact.fullName}} {{agent.firstName}}')).toEqual([
      'contact.fullName',
    ]);
    const parsed = createCannedResponseSchema.safeParse({
      scope: 'personal',
      shortcut: 'hi',
      title: 'Hi',
      body: 'Hi {{contact.fullName}}',
      language: 'en',
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({
      path: ['body'],
      message: expect.stringContaining('{{contact.fullName}}'),
    });
  });

  it('takes the first word of a name', () => {
    expect(firstNameOf(' Maria  Schmidt ')).toBe('Maria');
    expect(firstNameOf(null)).toBe('');
  });
});
