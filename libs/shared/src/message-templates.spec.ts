import { renderTemplate, templateVariableCount } from './message-templates';

const body = 'Hallo {{1}}, Ihre Bestellung {{2}} ist unterwegs.';

describe('message templates', () => {
  it('counts the values a body takes by its highest variable', () => {
    expect(templateVariableCount(body)).toBe(2);
    expect(templateVariableCount('Ohne Variablen')).toBe(0);
    expect(templateVariableCount('{{ 1 }} und {{3}}')).toBe(3);
  });

  it('fills the variables in, keeping those without a value', () => {
    expect(renderTemplate(body, ['Jürgen', 'A-1001'])).toBe(
      'Hallo Jürgen, Ihre Bestellung A-1001 ist unterwegs.',
    );
    expect(renderTemplate(body, ['Jürgen'])).toBe(
      'Hallo Jürgen, Ihre Bestellung {{2}} ist unterwegs.',
    );
  });

  it('takes values literally: no second pass, no replacement patterns', () => {
    expect(renderTemplate(body, ['{{2}}', '$& $1'])).toBe(
      'Hallo {{2}}, Ihre Bestellung $& $1 ist unterwegs.',
    );
  });
});
