import { screen, within } from '@testing-library/react';
import type { AuditLogEntryDto, AuditLogPageDto } from '@touchpoint/shared';
import { installApi } from '../../../../test/fake-api';
import { signIn, userWithRole } from '../../../../test/fixtures';
import { inboxRoutes } from '../../../../test/inbox-app';
import { renderApp } from '../../../../test/render-app';
import { CONTACT_ID, minutesAgo, uuid } from '../../../../test/inbox-fixtures';

const ADA = userWithRole('admin');

function entry(overrides: Partial<AuditLogEntryDto>): AuditLogEntryDto {
  return {
    id: uuid(1, 'ad000000'),
    actor: { id: ADA.id, name: ADA.name },
    action: 'contact.exported',
    subjectType: 'contact',
    subjectId: CONTACT_ID,
    details: { conversations: 2, messages: 9, attachments: 1 },
    createdAt: minutesAgo(10),
    ...overrides,
  };
}

describe('Settings: audit log', () => {
  it('lists exports and erasures with who did them and their figures', async () => {
    const page: AuditLogPageDto = {
      items: [
        entry({ id: uuid(2, 'ad000000'), action: 'contact.erased', createdAt: minutesAgo(1) }),
        entry({ actor: null, details: { conversations: 1, messages: 1, attachments: 0 } }),
      ],
      nextCursor: null,
    };
    signIn();
    installApi(inboxRoutes({ 'GET /api/teams': () => [], 'GET /api/audit-log': () => page }, ADA));
    const { user } = renderApp('/settings');
    await user.click(await screen.findByRole('link', { name: 'Audit log' }));
    const rows = await screen.findAllByTestId('audit-entry');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('Personal data erased');
    expect(rows[0]).toHaveTextContent('Ada Admin');
    expect(rows[0]).toHaveTextContent('2 conversations, 9 messages, 1 attachment');
    expect(rows[1]).toHaveTextContent('Contact data exported');
    expect(rows[1]).toHaveTextContent('A former user');
    expect(rows[1]).toHaveTextContent('1 conversation, 1 message, 0 attachments');
    expect(within(rows[0] as HTMLElement).getByRole('link', { name: 'Contact' })).toHaveAttribute(
      'href',
      `/contacts/${CONTACT_ID}`,
    );
  });

  it('shows who agreed, moved and removed a shared goal, linking to the goals', async () => {
    const goal = (
      action: AuditLogEntryDto['action'],
      details: Record<string, unknown>,
      n: number,
    ) =>
      entry({ id: uuid(n, 'ad000000'), action, subjectType: 'goal', subjectId: uuid(9), details });
    const definition = { name: 'One touch', kind: 'one_touch_rate', params: {}, target: 0.7 };
    const page: AuditLogPageDto = {
      items: [
        goal('goal.changed', { ...definition, before: { ...definition, target: 0.6 } }, 3),
        goal('goal.created', { ...definition, target: 0.6 }, 4),
      ],
      nextCursor: null,
    };
    signIn();
    installApi(inboxRoutes({ 'GET /api/teams': () => [], 'GET /api/audit-log': () => page }, ADA));
    const { user } = renderApp('/settings');
    await user.click(await screen.findByRole('link', { name: 'Audit log' }));
    const rows = await screen.findAllByTestId('audit-entry');
    expect(rows[0]).toHaveTextContent('Goal changed');
    expect(rows[0]).toHaveTextContent('One touch, target 60% → 70%');
    expect(rows[1]).toHaveTextContent('Goal agreed');
    expect(rows[1]).toHaveTextContent('One touch, target 60%');
    expect(within(rows[1] as HTMLElement).getByRole('link', { name: 'Goal' })).toHaveAttribute(
      'href',
      '/goals',
    );
  });
});
