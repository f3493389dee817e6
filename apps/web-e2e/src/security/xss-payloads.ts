/**
 * The stored-XSS corpus: what attackers put into names, subjects, messages and file names, each
 * carrying a script that proves it ran. A script either opens a dialog (alert, confirm, prompt) or
 * calls the loopback beacon (fetch, image, sendBeacon, websocket, a new window); every call carries a
 * numeric code naming the payload and the field it came in through, so a hit says what broke.
 * Scripts quote with backticks only, so a payload may wrap them in '…' or "…".
 */

/** What a payload's script does once it runs, rotated over the corpus. */
export const ACTIONS: readonly ((code: number, beacon: string) => string)[] = [
  (code: number) => `alert(${code})`,
  (code: number, beacon: string) => `fetch(\`${beacon}?p=${code}\`)`,
  (code: number) => `confirm(${code})`,
  (code: number, beacon: string) => `new Image().src=\`${beacon}?p=${code}\``,
  (code: number) => `prompt(${code})`,
  (code: number, beacon: string) => `navigator.sendBeacon(\`${beacon}?p=${code}\`)`,
  (code: number, beacon: string) => `new WebSocket(\`${beacon.replace(/^http/, 'ws')}?p=${code}\`)`,
  (code: number, beacon: string) => `open(\`${beacon}?p=${code}\`)`,
];

/** Each payload wraps a script `js`; `name` says which trick it is. */
interface PayloadTemplate {
  name: string;
  wrap: (js: string) => string;
}

const entities = (s: string) => [...s].map((c) => `&#${c.charCodeAt(0)};`).join('');
const base64 = (s: string) => Buffer.from(s).toString('base64');

const TEMPLATES: PayloadTemplate[] = [
  { name: 'script tag', wrap: (js) => `<script>${js}</script>` },
  { name: 'script tag, mixed case', wrap: (js) => `<ScRiPt>${js}</sCrIpT>` },
  { name: 'img onerror', wrap: (js) => `<img src=x onerror=${js}>` },
  { name: 'img onerror, quoted', wrap: (js) => `<img src="x" onerror="${js}">` },
  { name: 'img onerror, entity-encoded', wrap: (js) => `<img src=x onerror="${entities(js)}">` },
  { name: 'svg onload', wrap: (js) => `<svg onload=${js}>` },
  { name: 'svg with script', wrap: (js) => `<svg><script>${js}</script></svg>` },
  {
    name: 'svg animate href',
    wrap: (js) =>
      `<svg><a><animate attributeName=href values=javascript:${js} /><text y=20>x</text></a></svg>`,
  },
  { name: 'body onload', wrap: (js) => `<body onload=${js}>` },
  {
    name: 'iframe srcdoc',
    wrap: (js) => `<iframe srcdoc="&lt;script&gt;${js}&lt;/script&gt;"></iframe>`,
  },
  { name: 'iframe javascript: src', wrap: (js) => `<iframe src="javascript:${js}"></iframe>` },
  { name: 'a javascript: href', wrap: (js) => `<a href="javascript:${js}">Rechnung</a>` },
  { name: 'a javascript: href, mixed case', wrap: (js) => `<a href="JaVaScRiPt:${js}">x</a>` },
  {
    name: 'a javascript: href, entities',
    wrap: (js) => `<a href="&#106;avascript&colon;${js}">x</a>`,
  },
  {
    name: 'a javascript: href, tab inside',
    wrap: (js) => `<a href="java&#x09;script:${js}">x</a>`,
  },
  {
    name: 'a data:text/html href',
    wrap: (js) => `<a href="data:text/html;base64,${base64(`<script>${js}</script>`)}">x</a>`,
  },
  { name: 'object data javascript:', wrap: (js) => `<object data="javascript:${js}"></object>` },
  { name: 'embed src javascript:', wrap: (js) => `<embed src="javascript:${js}">` },
  { name: 'details ontoggle', wrap: (js) => `<details open ontoggle=${js}>` },
  { name: 'input autofocus onfocus', wrap: (js) => `<input autofocus onfocus=${js}>` },
  { name: 'video source onerror', wrap: (js) => `<video><source onerror=${js}></video>` },
  { name: 'audio onerror', wrap: (js) => `<audio src=x onerror=${js}>` },
  { name: 'marquee onstart', wrap: (js) => `<marquee onstart=${js}>x</marquee>` },
  {
    name: 'custom element onclick',
    wrap: (js) => `<x onclick=${js} style=display:block>Klick</x>`,
  },
  {
    name: 'meta refresh to javascript:',
    wrap: (js) => `<meta http-equiv="refresh" content="0;url=javascript:${js}">`,
  },
  { name: 'base href javascript:', wrap: (js) => `<base href="javascript:${js}//">` },
  {
    name: 'CSS url(javascript:)',
    wrap: (js) => `<div style="background:url(javascript:${js})">x</div>`,
  },
  { name: 'CSS expression()', wrap: (js) => `<div style="width:expression(${js})">x</div>` },
  { name: 'CSS @import javascript:', wrap: (js) => `<style>@import 'javascript:${js}';</style>` },
  {
    name: 'mXSS: math/mglyph/style',
    wrap: (js) => `<math><mtext><table><mglyph><style><img src=x onerror=${js}>`,
  },
  {
    name: 'mXSS: svg/p/style',
    wrap: (js) => `<svg></p><style><a id="</style><img src=1 onerror=${js}>">`,
  },
  {
    name: 'mXSS: noscript title',
    wrap: (js) => `<noscript><p title="</noscript><img src=x onerror=${js}>">`,
  },
  {
    name: 'mXSS: form/math namespace confusion',
    wrap: (js) => `<form><math><mtext></form><form><mglyph><style></math><img src onerror=${js}>`,
  },
  { name: 'attribute breakout, double quote', wrap: (js) => `"><script>${js}</script>` },
  { name: 'attribute breakout, single quote', wrap: (js) => `'><img src=x onerror=${js}>` },
  { name: 'textarea/title breakout', wrap: (js) => `</textarea></title><script>${js}</script>` },
  { name: 'markdown javascript: link', wrap: (js) => `[Rechnung ansehen](javascript:${js})` },
  { name: 'markdown link, encoded colon', wrap: (js) => `[x](javascript&#58;${js})` },
  { name: 'markdown image attribute break', wrap: (js) => `![x](x" onerror="${js})` },
  {
    name: 'template injection (Angular/Vue)',
    wrap: (js) => `{{constructor.constructor('${js}')()}}`,
  },
  { name: 'template literal injection', wrap: (js) => `\${${js}}` },
  { name: 'bare javascript: URL', wrap: (js) => `javascript:${js}` },
  {
    name: 'unicode: fullwidth brackets',
    wrap: (js) => `\uFF1Cscript\uFF1E${js}\uFF1C/script\uFF1E`,
  },
  {
    name: 'unicode: right-to-left override',
    wrap: (js) => `\u202E<img src=x onerror=${js}>\u202C`,
  },
  {
    name: 'unicode: zero-width space in tag',
    wrap: (js) => `<\u200Bimg src=x onerror=${js}>`,
  },
  {
    name: 'polyglot',
    wrap: (js) =>
      `jaVasCript:/*-/*\`/*'/*"/**/(/* */oNcliCk=${js} )//</stYle/</titLe/</teXtarEa/</scRipt/--!><sVg/oNloAd=${js}//>`,
  },
];

/** The dialog actions only: short enough to pack several payloads into a name or an address. */
const DIALOG_ACTIONS = [ACTIONS[0], ACTIONS[2], ACTIONS[4]];

export interface Payload {
  /** Index in the corpus. */
  index: number;
  name: string;
  /** The hostile text for field `fieldIndex`, its script reporting `codeOf(fieldIndex, index)`. */
  text: (fieldIndex: number) => string;
  /** The same trick with a dialog for its script: for names and addresses, which are short. */
  short: (fieldIndex: number) => string;
}

/** The code a payload's script reports: which field (hundreds) and which payload (ones, tens). */
export function codeOf(fieldIndex: number, payloadIndex: number): number {
  return (fieldIndex + 1) * 100 + payloadIndex;
}

/** Which field and payload a reported code stands for. */
export function decodeCode(code: number): { fieldIndex: number; payloadIndex: number } {
  return { fieldIndex: Math.floor(code / 100) - 1, payloadIndex: code % 100 };
}

/** The corpus, each payload's script aimed at `beacon` (`http://127.0.0.1:<port>/hit`). */
export function xssPayloads(beacon: string): Payload[] {
  return TEMPLATES.map((template, index) => ({
    index,
    name: template.name,
    text: (fieldIndex) =>
      template.wrap(ACTIONS[index % ACTIONS.length](codeOf(fieldIndex, index), beacon)),
    short: (fieldIndex) =>
      template.wrap(
        DIALOG_ACTIONS[index % DIALOG_ACTIONS.length](codeOf(fieldIndex, index), beacon),
      ),
  }));
}

export const PAYLOAD_COUNT = TEMPLATES.length;

/**
 * `texts` packed into values of at most `limit` characters, joined by a space, in order; a text
 * longer than `limit` is a value of its own (the intake refuses it, which is a result too).
 */
export function pack(texts: string[], limit: number): string[] {
  const values: string[] = [];
  for (const text of texts) {
    const last = values.length - 1;
    if (last >= 0 && values[last].length + 1 + text.length <= limit) values[last] += ` ${text}`;
    else values.push(text);
  }
  return values;
}

/** `0..count-1` cut into `parts` runs of (nearly) equal length. */
export function split(count: number, parts: number): number[][] {
  return Array.from({ length: parts }, (_, part) =>
    Array.from({ length: count }, (_, i) => i).filter(
      (i) => Math.floor((i * parts) / count) === part,
    ),
  );
}
