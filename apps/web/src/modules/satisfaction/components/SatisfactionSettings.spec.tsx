import { screen, waitFor, within } from '@testing-library/react';
import { installApi } from '../../../../test/fake-api';
import { apiError } from '../../../../test/fetch-mock';
import { signIn, userWithRole } from '../../../../test/fixtures';
import { renderApp } from '../../../../test/render-app';

function renderSettings(refuse = false) {
  signIn();
  let enabled = true;
  const puts: unknown[] = [];
  const network = installApi({
    'GET /api/me': () => userWithRole('admin'),
    'GET /api/satisfaction/settings': () => ({ enabled }),
    'PUT /api/satisfaction/settings': (request) => {
      puts.push(request.body);
      if (refuse) return apiError(409, 'busy', 'Another admin is changing this');
      enabled = (request.body as { enabled: boolean }).enabled;
      return { enabled };
    },
  });
  const app = renderApp('/settings/satisfaction');
  return { ...app, network, puts };
}

describe('Settings → Satisfaction', () => {
  it('has its own area and switches the surveys off and on again', async () => {
    const { user, puts } = renderSettings();
    const section = await screen.findByTestId('satisfaction-settings');
    expect(screen.getByTestId('settings-area-satisfaction')).toHaveAttribute(
      'aria-current',
      'page',
    );
    const toggle = await within(section).findByTestId('satisfaction-enabled');
    expect(toggle).toBeChecked();
    expect(section).toHaveTextContent('Each conversation is asked once, ever.');
    expect(section).toHaveTextContent('quiet hours are respected');

    await user.click(toggle);
    await waitFor(() => expect(toggle).not.toBeChecked());
    expect(puts).toEqual([{ enabled: false }]);
    expect(section).toHaveTextContent('Off: no survey is sent');

    await user.click(toggle);
    await waitFor(() => expect(toggle).toBeChecked());
    expect(puts).toEqual([{ enabled: false }, { enabled: true }]);
  });

  it('says so when the change was refused, and keeps the switch as it was', async () => {
    const { user, puts } = renderSettings(true);
    const toggle = await screen.findByTestId('satisfaction-enabled');
    await user.click(toggle);
    expect(await screen.findByTestId('satisfaction-settings-error')).toHaveTextContent(
      'Another admin is changing this',
    );
    expect(puts).toEqual([{ enabled: false }]);
    expect(toggle).toBeChecked();
  });
});
