import { screen, waitFor, within } from '@testing-library/react';
import { installApi } from '../../../../test/fake-api';
import { apiError } from '../../../../test/fetch-mock';
import { signIn, userWithRole } from '../../../../test/fixtures';
import { renderApp } from '../../../../test/render-app';

function renderSettings(refuse = false) {
  signIn();
  let settings = { enabled: true, delaySeconds: 600 };
  const puts: unknown[] = [];
  const network = installApi({
    'GET /api/me': () => userWithRole('admin'),
    'GET /api/satisfaction/settings': () => settings,
    'PUT /api/satisfaction/settings': (request) => {
      puts.push(request.body);
      if (refuse) return apiError(409, 'busy', 'Another admin is changing this');
      const body = request.body as Partial<typeof settings>;
      if (body.delaySeconds === 3600)
        return apiError(400, 'validation_failed', 'Validation failed', {
          details: [{ path: 'delaySeconds', message: 'is too long for this workspace' }],
        });
      settings = { ...settings, ...body };
      return settings;
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

  it('sets how long after the resolution the survey goes out, in minutes', async () => {
    const { user, puts } = renderSettings();
    const section = await screen.findByTestId('satisfaction-settings');
    const delay = await within(section).findByTestId('satisfaction-delay');
    expect(section).toHaveTextContent(
      'The survey goes out 10 min after a conversation is resolved',
    );
    expect(delay).toHaveValue('10');

    await user.clear(delay);
    await user.type(delay, 'soon');
    await user.click(within(section).getByTestId('satisfaction-delay-save'));
    expect(delay).toHaveAttribute('aria-invalid', 'true');
    expect(delay.closest('.tp-field')).toHaveTextContent('Enter whole minutes from 0 to 10080.');
    expect(puts).toEqual([]);

    await user.clear(delay);
    await user.type(delay, '60');
    await user.click(within(section).getByTestId('satisfaction-delay-save'));
    await waitFor(() =>
      expect(delay.closest('.tp-field')).toHaveTextContent('is too long for this workspace'),
    );
    expect(puts).toEqual([{ delaySeconds: 3600 }]);

    await user.clear(delay);
    await user.type(delay, '30');
    await user.click(within(section).getByTestId('satisfaction-delay-save'));
    await waitFor(() =>
      expect(section).toHaveTextContent('The survey goes out 30 min after a conversation'),
    );
    expect(puts).toEqual([{ delaySeconds: 3600 }, { delaySeconds: 1800 }]);
    expect(within(section).getByTestId('satisfaction-delay')).toHaveValue('30');
  });
});
