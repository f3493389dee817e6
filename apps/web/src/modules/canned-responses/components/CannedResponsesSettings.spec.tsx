import { screen, waitFor, within } from '@testing-library/react';
import type { CannedResponseDto, CreateCannedResponseRequest } from '@touchpoint/shared';
import { installApi, type Routes } from '../../../../test/fake-api';
import { apiError, jsonResponse } from '../../../../test/fetch-mock';
import { signIn, userDto, userWithRole } from '../../../../test/fixtures';
import { renderApp } from '../../../../test/render-app';

const SERVICE = { id: '0c7e5f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6', name: 'Service' };

function routes(overrides: Routes = {}): Routes {
  const stored: CannedResponseDto[] = [];
  return {
    'GET /api/me': () => userDto(),
    'GET /api/directory': () => ({ teams: [{ ...SERVICE, receivesLeads: false }], users: [] }),
    'GET /api/labels': () => [],
    'GET /api/canned-responses': () => stored,
    'POST /api/canned-responses': (request) => {
      const body = request.body as CreateCannedResponseRequest;
      const created: CannedResponseDto = {
        id: `00000000-0000-4000-8000-00000000000${stored.length + 1}`,
        scope: body.scope,
        team: body.scope === 'team' ? SERVICE : null,
        ownerId: body.scope === 'personal' ? userDto().id : null,
        shortcut: body.shortcut,
        title: body.title,
        body: body.body,
        language: body.language,
        editable: true,
        updatedAt: '2025-01-01T00:00:00.000Z',
      };
      stored.push(created);
      return jsonResponse(201, created);
    },
    ...overrides,
  };
}

async function renderAccount(routeMap: Routes) {
  signIn();
  const network = installApi(routeMap);
  const app = renderApp('/account');
  const section = await screen.findByTestId('canned-responses-settings');
  return { ...app, network, section };
}

describe('canned responses on the account page', () => {
  it('lets an agent keep personal ones only, and shows what the server refused', async () => {
    const { user, network, section } = await renderAccount(routes());
    expect(
      within(within(section).getByLabelText('For'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Personal']);
    // Labels are for supervisors and admins.
    expect(screen.queryByTestId('labels-settings')).not.toBeInTheDocument();

    await user.type(within(section).getByLabelText('Shortcut'), 'danke');
    await user.type(within(section).getByLabelText('Title'), 'Dank');
    await user.type(within(section).getByLabelText('Text'), 'Danke, {{{{contact.firstName}}!');
    await user.click(within(section).getByTestId('canned-save'));

    await waitFor(() => expect(within(section).getAllByTestId('canned-row')).toHaveLength(1));
    expect(network.to('/api/canned-responses').find((r) => r.method === 'POST')?.body).toEqual({
      scope: 'personal',
      shortcut: 'danke',
      title: 'Dank',
      body: 'Danke, {{contact.firstName}}!',
      language: 'en',
    });
  });

  it('offers the teams to a supervisor, and names an unknown variable', async () => {
    const { user, section } = await renderAccount(
      routes({
        'GET /api/me': () => userWithRole('supervisor'),
        'POST /api/canned-responses': () =>
          apiError(400, 'validation.failed', 'body has unknown variables {{kunde}}'),
      }),
    );
    expect(await screen.findByTestId('labels-settings')).toBeInTheDocument();
    await waitFor(() =>
      expect(
        within(within(section).getByLabelText('For'))
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['Personal', 'Team Service']),
    );
    await user.selectOptions(within(section).getByLabelText('For'), 'Team Service');
    await user.type(within(section).getByLabelText('Shortcut'), 'hallo');
    await user.type(within(section).getByLabelText('Title'), 'Hallo');
    await user.type(within(section).getByLabelText('Text'), 'Hallo {{{{kunde}}');
    await user.click(within(section).getByTestId('canned-save'));
    expect(await within(section).findByRole('alert')).toHaveTextContent('{{kunde}}');
  });
});
