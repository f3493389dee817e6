import { ApiTokensSettings } from './ApiTokensSettings';
import { WebhooksSettings } from './WebhooksSettings';
import './integrations.css';

/** Settings → Integrations: webhooks that tell other systems what happens, and API tokens. */
export function IntegrationsSettings() {
  return (
    <div className="tp-integrations" data-testid="settings-integrations">
      <WebhooksSettings />
      <ApiTokensSettings />
    </div>
  );
}
