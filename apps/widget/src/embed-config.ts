import type { WidgetHandshake } from '@touchpoint/shared/realtime/widget';

/** What the embedding `<script>` tells the widget. */
export interface EmbedConfig {
  /** Origin of the Touchpoint server, taken from the script's own src. */
  serverUrl: string;
  channelId: string;
  identity: Pick<WidgetHandshake, 'identifier' | 'identifierHash' | 'name' | 'email'>;
  lang: string | null;
}

/** The `<script data-channel>` that loaded us: `document.currentScript`, else the first matching tag. */
export function findEmbedScript(doc: Document): HTMLScriptElement | null {
  const current = doc.currentScript;
  if (current instanceof HTMLScriptElement && current.dataset['channel']) return current;
  return doc.querySelector<HTMLScriptElement>('script[data-channel][src*="widget.js"]');
}

export function readEmbedConfig(script: HTMLScriptElement): EmbedConfig | null {
  const data = script.dataset;
  const channelId = data['channel']?.trim();
  if (!channelId || !script.src) return null;
  const attr = (name: string) => data[name]?.trim() || undefined;
  const identity: EmbedConfig['identity'] = {};
  for (const key of ['identifier', 'identifierHash', 'name', 'email'] as const) {
    const value = attr(key);
    if (value) identity[key] = value;
  }
  return {
    serverUrl: new URL(script.src, script.ownerDocument.baseURI).origin,
    channelId,
    identity,
    lang: attr('lang') ?? null,
  };
}
