import { screen, waitFor, within } from '@testing-library/react';
import type {
  AssistCallDto,
  AssistSettingsDto,
  UpdateAssistSettingsRequest,
} from '@touchpoint/shared';
import { installApi, type Routes } from '../../../../test/fake-api';
import { signIn, userWithRole } from '../../../../test/fixtures';
import { renderApp } from '../../../../test/render-app';

const CALL: AssistCallDto = {
  id: '1b2c3d4e-0000-4000-8000-000000000001',
  user: { id: '7f0b1d9a-2c3e-4f5a-8b6c-1d2e3f4a5b6c', name: 'Anna Agent' },
  conversationId: 'c0000000-0000-4000-8000-000000000001',
  feature: 'reply_draft',
  inputChars: 1200,
  outputChars: 240,
  durationMs: 1500,
  outcome: 'completed',
  createdAt: '2026-12-07T10:00:00.000Z',
};

function routes(configured: boolean, calls: AssistCallDto[] = [CALL]): Routes {
  let settings: AssistSettingsDto = {
    configured,
    model: configured ? 'mistral-small' : null,
    switches: {
      handoff_summary: true,
      summary: true,
      reply_draft: true,
      translate: true,
      team_suggestion: true,
    },
  };
  return {
    'GET /api/me': () => userWithRole('admin'),
    'GET /api/assist/settings': () => settings,
    'PATCH /api/assist/settings': (request) => {
      const body = request.body as UpdateAssistSettingsRequest;
      settings = { ...settings, switches: { ...settings.switches, ...body.switches } };
      return settings;
    },
    'GET /api/assist/calls': () => calls,
  };
}

async function renderAiSettings(r: Routes) {
  signIn();
  const network = installApi(r);
  const app = renderApp('/settings/ai');
  const section = await screen.findByTestId('assist-settings');
  return { ...app, network, section };
}

describe('Settings → AI assistance', () => {
  it('switches a feature off for the workspace', async () => {
    const { user, network, section } = await renderAiSettings(routes(true));
    expect(await within(section).findByTestId('assist-model')).toHaveTextContent(
      'Model: mistral-small',
    );
    const drafts = within(section).getByRole('checkbox', { name: /Reply drafts/ });
    expect(drafts).toBeChecked();
    await user.click(drafts);
    await waitFor(() => expect(drafts).not.toBeChecked());
    expect(
      network
        .to('/api/assist/settings')
        .filter((r) => r.method === 'PATCH')
        .map((r) => r.body),
    ).toEqual([{ switches: { reply_draft: false } }]);
  });

  it('lists the latest calls with sizes and outcome, never content', async () => {
    await renderAiSettings(routes(true));
    const [row] = await screen.findAllByTestId('assist-call');
    expect(row).toHaveTextContent('Anna Agent');
    expect(row).toHaveTextContent('Reply drafts');
    expect(row).toHaveTextContent('1200 characters sent, 240 received, 1.5 s');
    expect(row).toHaveTextContent('Completed');
  });

  it('says how to switch AI on while it is not configured', async () => {
    const { section } = await renderAiSettings(routes(false, []));
    expect(await within(section).findByTestId('assist-off-hint')).toHaveTextContent(
      'AI assistance is off: set AI_BASE_URL, AI_API_KEY and AI_MODEL',
    );
    expect(await screen.findByText('No AI calls yet')).toBeInTheDocument();
  });
});
