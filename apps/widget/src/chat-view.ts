import type { ConnectionStatus } from './chat-connection';
import type { Lang, Texts } from './i18n';
import type { ChatMessage } from './message-list';
import { STYLES } from './styles';

export interface ViewHandlers {
  toggle(open: boolean): void;
  submit(text: string): void;
  typing(): void;
  leaveEmail(email: string): void;
  retry(key: string): void;
  /** The visitor rates the survey `messageId` (1–5) with an optional comment. */
  rate(messageId: string, rating: number, comment: string): void;
}

type Attrs = Record<string, string | boolean | undefined>;

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === true) el.setAttribute(name, '');
    else if (typeof value === 'string') el.setAttribute(name, value);
  }
  el.append(...children);
  return el;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
function icon(path: string): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('fill', 'none');
  svg.setAttribute('stroke', 'currentColor');
  svg.setAttribute('stroke-width', '2');
  svg.setAttribute('stroke-linecap', 'round');
  svg.setAttribute('stroke-linejoin', 'round');
  const p = document.createElementNS(SVG_NS, 'path');
  p.setAttribute('d', path);
  svg.append(p);
  return svg;
}
const CHAT_ICON = 'M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z';
const CLOSE_ICON = 'M6 6l12 12M18 6L6 18';
const SEND_ICON = 'M4 12l16-8-6 16-2.5-6.5L4 12z';

/**
 * The widget's DOM, in an open shadow root: launcher, panel with the thread, the offline email form
 * and the composer. Renders what it is told; every decision is the controller's.
 */
export class ChatView {
  private readonly launcher: HTMLButtonElement;
  private readonly badge: HTMLSpanElement;
  private readonly panel: HTMLElement;
  private readonly presence: HTMLParagraphElement;
  private readonly log: HTMLOListElement;
  private readonly typingLine: HTMLDivElement;
  private readonly status: HTMLDivElement;
  private readonly notice: HTMLDivElement;
  private readonly emailForm: HTMLFormElement;
  private readonly emailInput: HTMLInputElement;
  private readonly emailError: HTMLParagraphElement;
  private readonly input: HTMLTextAreaElement;
  private readonly rendered = new Map<string, { el: HTMLLIElement; signature: string }>();
  private greetingEl: HTMLLIElement | null = null;
  private readonly time: Intl.DateTimeFormat;

  constructor(
    host: HTMLElement,
    private readonly t: Texts,
    lang: Lang,
    private readonly handlers: ViewHandlers,
  ) {
    this.time = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' });
    const shadow = host.attachShadow({ mode: 'open' });
    const style = h('style');
    style.textContent = STYLES;

    this.badge = h('span', { class: 'badge', hidden: true, 'data-tp': 'unread' });
    this.launcher = h(
      'button',
      {
        type: 'button',
        class: 'launcher',
        'data-tp': 'launcher',
        'aria-label': t.open,
        'aria-expanded': 'false',
        'aria-controls': 'tp-panel',
      },
      icon(CHAT_ICON),
      this.badge,
    );
    this.launcher.addEventListener('click', () =>
      handlers.toggle(this.launcher.getAttribute('aria-expanded') !== 'true'),
    );

    const close = h(
      'button',
      { type: 'button', class: 'close', 'data-tp': 'close', 'aria-label': t.close },
      icon(CLOSE_ICON),
    );
    close.addEventListener('click', () => handlers.toggle(false));
    this.presence = h('p', { class: 'presence', 'data-tp': 'presence' });
    this.presence.style.margin = '0';
    const header = h(
      'div',
      { class: 'header' },
      h('div', { class: 'titles' }, h('h2', { id: 'tp-title' }, t.title), this.presence),
      close,
    );

    this.status = h('div', { class: 'status', role: 'status', hidden: true, 'data-tp': 'status' });
    this.log = h('ol', {
      class: 'log',
      role: 'log',
      'aria-live': 'polite',
      'aria-label': t.messages,
      'data-tp': 'messages',
    });
    this.typingLine = h('div', { class: 'typing', 'aria-live': 'polite', 'data-tp': 'typing' });
    this.notice = h('div', { class: 'notice', role: 'status', hidden: true, 'data-tp': 'notice' });

    this.emailInput = h('input', {
      id: 'tp-email',
      type: 'email',
      required: true,
      autocomplete: 'email',
      maxlength: '254',
      placeholder: t.emailLabel,
      'data-tp': 'email-input',
    });
    this.emailError = h('p', { class: 'error', role: 'alert', hidden: true });
    this.emailForm = h(
      'form',
      { class: 'email', hidden: true, novalidate: true, 'data-tp': 'email-form' },
      h('p', { id: 'tp-email-prompt' }, t.emailPrompt),
      h('label', { class: 'sr', for: 'tp-email' }, t.emailLabel),
      h(
        'div',
        { class: 'row' },
        this.emailInput,
        h('button', { type: 'submit', class: 'button', 'data-tp': 'email-submit' }, t.emailSubmit),
      ),
      this.emailError,
    );
    this.emailInput.setAttribute('aria-describedby', 'tp-email-prompt');
    this.emailForm.addEventListener('submit', (e) => {
      e.preventDefault();
      handlers.leaveEmail(this.emailInput.value.trim());
    });

    this.input = h('textarea', {
      rows: '1',
      placeholder: t.placeholder,
      'aria-label': t.input,
      'data-tp': 'input',
    });
    const send = h(
      'button',
      { type: 'submit', class: 'button send', 'aria-label': t.send, 'data-tp': 'send' },
      icon(SEND_ICON),
    );
    const composer = h('form', { class: 'composer' }, this.input, send);
    composer.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        this.submit();
      }
    });
    this.input.addEventListener('input', () => {
      this.autosize();
      if (this.input.value.trim()) handlers.typing();
    });

    this.panel = h(
      'section',
      {
        class: 'panel',
        id: 'tp-panel',
        role: 'dialog',
        'aria-labelledby': 'tp-title',
        hidden: true,
        'data-tp': 'panel',
      },
      header,
      this.status,
      this.log,
      this.typingLine,
      this.notice,
      this.emailForm,
      composer,
    );
    this.panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') handlers.toggle(false);
    });

    const root = h('div', { class: 'root', lang }, this.panel, this.launcher);
    shadow.append(style, root);
  }

  setOpen(open: boolean): void {
    this.panel.hidden = !open;
    this.launcher.setAttribute('aria-expanded', String(open));
    this.launcher.setAttribute('aria-label', open ? this.t.close : this.t.open);
    if (open) {
      this.input.focus();
      this.scrollToEnd();
    } else this.launcher.focus();
  }

  setUnread(count: number): void {
    this.badge.hidden = count === 0;
    this.badge.textContent = count > 9 ? '9+' : String(count);
    this.launcher.setAttribute(
      'aria-label',
      count ? `${this.t.open} (${this.t.unread(count)})` : this.t.open,
    );
  }

  renderMessages(messages: readonly ChatMessage[], greeting: string | null): void {
    const stick = this.nearEnd();
    let position: ChildNode | null = this.log.firstChild;
    if (greeting) {
      if (!this.greetingEl) {
        this.greetingEl = h('li', { class: 'bubble out', 'data-tp': 'greeting' });
        this.log.prepend(this.greetingEl);
      }
      this.greetingEl.textContent = greeting;
      position = this.greetingEl.nextSibling;
    } else if (this.greetingEl) {
      this.greetingEl.remove();
      this.greetingEl = null;
      position = this.log.firstChild;
    }
    const keep = new Set<string>();
    for (const m of messages) {
      keep.add(m.key);
      const el = this.messageElement(m);
      if (el !== position) this.log.insertBefore(el, position);
      position = el.nextSibling;
    }
    for (const [key, { el }] of this.rendered) {
      if (keep.has(key)) continue;
      el.remove();
      this.rendered.delete(key);
    }
    if (stick || messages[messages.length - 1]?.status === 'pending') this.scrollToEnd();
  }

  setTyping(text: string | null): void {
    this.typingLine.textContent = text ?? '';
  }

  setPresence(agentsOnline: boolean): void {
    this.presence.textContent = agentsOnline ? this.t.online : this.t.offline;
  }

  /** The email form while nobody is online and the visitor left no address; the address once it did. */
  setEmailOffer(show: boolean, savedEmail: string | null): void {
    this.emailForm.hidden = !show;
    this.setNotice(savedEmail ? this.t.emailSaved(savedEmail) : null);
  }

  setEmailError(text: string | null): void {
    this.emailError.hidden = !text;
    this.emailError.textContent = text ?? '';
    this.emailInput.setAttribute('aria-invalid', String(Boolean(text)));
    if (text) this.emailInput.focus();
  }

  setNotice(text: string | null): void {
    this.notice.hidden = !text;
    this.notice.textContent = text ?? '';
  }

  setStatus(status: ConnectionStatus): void {
    const text =
      status === 'connecting'
        ? this.t.connecting
        : status === 'reconnecting'
          ? this.t.reconnecting
          : status === 'unavailable'
            ? this.t.unavailable
            : null;
    this.status.hidden = !text;
    this.status.textContent = text ?? '';
  }

  private submit(): void {
    const text = this.input.value.trim();
    if (!text) return;
    this.input.value = '';
    this.autosize();
    this.handlers.submit(text);
  }

  private messageElement(m: ChatMessage): HTMLLIElement {
    const signature = [
      m.id,
      m.text,
      m.status,
      m.authorName,
      m.createdAt,
      ...m.attachments.map((a) => a.url),
      ...(m.survey ? [m.survey.rating, m.survey.comment, m.survey.closesAt] : []),
    ].join('\u0000');
    const known = this.rendered.get(m.key);
    if (known && known.signature === signature) return known.el;
    const el = known?.el ?? h('li', { 'data-tp': 'message' });
    // A rebuilt survey keeps the keyboard where it was.
    const hadFocus = Boolean(known && el.contains(this.focused()));
    el.className = `bubble ${m.direction}${m.survey ? ' survey' : ''}`;
    el.dataset['direction'] = m.direction;
    el.dataset['status'] = m.status;
    if (m.id) el.dataset['id'] = m.id;
    el.replaceChildren();
    if (m.direction === 'out' && m.authorName)
      el.append(h('span', { class: 'author' }, m.authorName));
    if (m.survey && m.id) el.append(this.surveyForm(m.id, m.survey, hadFocus));
    else el.append(m.text);
    const files = m.attachments.filter((a) => /^https?:\/\//.test(a.url));
    if (files.length) el.append(h('span', { class: 'files' }, ...files.map((a) => this.file(a))));
    const meta = h('span', { class: 'meta' });
    if (m.status === 'pending') meta.textContent = this.t.pending;
    else if (m.status === 'failed') {
      const retry = h(
        'button',
        { type: 'button', class: 'retry', 'data-tp': 'retry' },
        this.t.retry,
      );
      retry.addEventListener('click', () => this.handlers.retry(m.key));
      meta.append(this.t.failed, retry);
    } else {
      const at = new Date(m.createdAt);
      meta.textContent = Number.isNaN(at.getTime()) ? '' : this.time.format(at);
    }
    el.append(meta);
    this.rendered.set(m.key, { el, signature });
    return el;
  }

  /** The survey's result could not be kept: says why, and lets the visitor send again. */
  surveyFailed(messageId: string, text: string): void {
    const el = this.rendered.get(`m:${messageId}`)?.el;
    const status = el?.querySelector<HTMLElement>('[data-tp="survey-status"]');
    const submit = el?.querySelector<HTMLButtonElement>('[data-tp="survey-submit"]');
    if (status) {
      status.textContent = text;
      status.classList.add('error');
    }
    if (submit) submit.disabled = false;
  }

  /**
   * The rating prompt of a survey: five buttons (1–5, the chosen one pressed), an optional comment
   * and a send button; after a rating the thanks, and the form again to change it until it closes.
   */
  private surveyForm(
    messageId: string,
    survey: NonNullable<ChatMessage['survey']>,
    focus: boolean,
  ): HTMLFormElement {
    const open = Date.parse(survey.closesAt) > Date.now();
    const id = `tp-survey-${messageId}`;
    let chosen = survey.rating;
    const status = h('p', {
      class: 'survey-status',
      role: 'status',
      'data-tp': 'survey-status',
    });
    status.textContent = [
      survey.rating !== null ? this.t.surveyThanks : '',
      open ? '' : this.t.surveyClosed,
    ]
      .filter(Boolean)
      .join(' ');
    const buttons = [1, 2, 3, 4, 5].map((n) => {
      const button = h(
        'button',
        {
          type: 'button',
          class: 'rating',
          'data-tp': 'rating',
          'aria-label': this.t.surveyRating(n),
          'aria-pressed': String(n === chosen),
          disabled: !open,
        },
        String(n),
      );
      button.addEventListener('click', () => {
        chosen = n;
        for (const [i, b] of buttons.entries()) b.setAttribute('aria-pressed', String(i + 1 === n));
        status.classList.remove('error');
        if (status.textContent === this.t.surveyPick) status.textContent = '';
      });
      return button;
    });
    const form = h(
      'form',
      { class: 'survey-form', novalidate: true, 'data-tp': 'survey' },
      h('p', { class: 'question', id: `${id}-q` }, this.t.surveyQuestion),
      h(
        'div',
        {
          class: 'ratings',
          role: 'group',
          'aria-labelledby': `${id}-q`,
          'aria-describedby': `${id}-s`,
        },
        ...buttons,
      ),
      h('p', { class: 'scale', id: `${id}-s` }, this.t.surveyScale),
    );
    let submit: HTMLButtonElement | null = null;
    if (open) {
      const comment = h('textarea', {
        id: `${id}-c`,
        rows: '2',
        maxlength: '1000',
        'data-tp': 'survey-comment',
      });
      comment.value = survey.comment ?? '';
      submit = h(
        'button',
        { type: 'submit', class: 'button', 'data-tp': 'survey-submit' },
        survey.rating === null ? this.t.surveySubmit : this.t.surveyChange,
      );
      form.append(h('label', { for: `${id}-c` }, this.t.surveyComment), comment, submit);
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        if (chosen === null) {
          status.textContent = this.t.surveyPick;
          status.classList.add('error');
          buttons[0].focus();
          return;
        }
        status.classList.remove('error');
        status.textContent = this.t.pending;
        if (submit) submit.disabled = true;
        this.handlers.rate(messageId, chosen, comment.value.trim());
      });
    }
    form.append(status);
    if (focus) queueMicrotask(() => (submit ?? buttons[(chosen ?? 1) - 1]).focus());
    return form;
  }

  private focused(): Element | null {
    const root = this.log.getRootNode() as ShadowRoot | Document;
    return root.activeElement ?? null;
  }

  /** An image as a preview opening full size, any other file as a download link with its size. */
  private file(a: ChatMessage['attachments'][number]): HTMLAnchorElement {
    const link = h('a', {
      class: 'file',
      href: a.url,
      target: '_blank',
      rel: 'noopener noreferrer',
      'data-tp': 'attachment',
      'aria-label': this.t.download(a.name),
    });
    if (/^image\/(png|jpe?g|gif|webp)$/.test(a.contentType))
      link.append(h('img', { src: a.url, alt: a.name, loading: 'lazy' }));
    else link.append(a.name, h('span', { class: 'size' }, formatSize(a.size)));
    return link;
  }

  private nearEnd(): boolean {
    return this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < 60;
  }

  private scrollToEnd(): void {
    this.log.scrollTop = this.log.scrollHeight;
  }

  private autosize(): void {
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight, 120)}px`;
  }
}
