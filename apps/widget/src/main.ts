import { ChatWidget } from './chat-widget';
import { findEmbedScript, readEmbedConfig } from './embed-config';

/**
 * Entry of widget.js: `<script src="https://<touchpoint>/widget.js" data-channel="<id>" async>`
 * (optional data-identifier, data-identifier-hash, data-name, data-email, data-lang="de|en").
 */
function start(script: HTMLScriptElement): void {
  const config = readEmbedConfig(script);
  if (!config) {
    console.warn('Touchpoint chat: the script tag needs data-channel="<channel id>"');
    return;
  }
  const marker = `touchpoint-chat-${config.channelId}`;
  if (document.getElementById(marker)) return; // embedded twice
  const host = document.createElement('div');
  host.id = marker;
  document.body.append(host);
  new ChatWidget(host, config);
}

// currentScript is only set while the script first runs: capture it before waiting for the body.
const script = findEmbedScript(document);
if (script) {
  if (document.body) start(script);
  else document.addEventListener('DOMContentLoaded', () => start(script), { once: true });
}
