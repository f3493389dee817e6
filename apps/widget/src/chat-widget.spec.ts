import type {
  WidgetHandshake,
  WidgetMessageDto,
  WidgetSessionPayload,
} from '@touchpoint/shared/realtime/widget';
import { ChatWidget } from './chat-widget';

type Handler = (payload: unknown) => void;
type Ack = (event: string, payload: unknown) => Promise<unknown>;

/** Stands in for the socket.io client: records what the widget emits, lets the test play the server. */
class FakeSocket {
  connected = false;
  active = true;
  readonly emitted: { event: string; payload: unknown }[] = [];
  private readonly handlers = new Map<string, Handler[]>();
  ack: Ack = async (event, payload) =>
    event === 'widget.send'
      ? { ok: true, data: echo(payload as { clientMessageId: string; text: string }) }
      : { ok: true };

  constructor(
    readonly url: string,
    readonly opts: { transports: string[]; auth: (cb: (h: WidgetHandshake) => void) => void },
  ) {}

  on(event: string, handler: Handler): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }

  emit(event: string, payload: unknown): void {
    this.emitted.push({ event, payload });
  }

  timeout() {
    return {
      emitWithAck: (event: string, payload: unknown) => {
        this.emitted.push({ event, payload });
        return this.ack(event, payload);
      },
    };
  }

  handshake(): WidgetHandshake {
    let result: WidgetHandshake | undefined;
    this.opts.auth((h) => (result = h));
    if (!result) throw new Error('no handshake');
    return result;
  }

  /** The server accepted the handshake and sent the session. */
  open(session: Partial<WidgetSessionPayload> = {}): void {
    this.connected = true;
    this.server('widget.session', {
      sessionToken: 'v_token.sig',
      visitorName: null,
      email: null,
      agentsOnline: true,
      greeting: null,
      messages: [],
      ...session,
    });
  }

  drop(): void {
    this.connected = false;
    this.server('disconnect', 'transport close');
  }

  server(event: string, payload: unknown): void {
    for (const handler of this.handlers.get(event) ?? []) handler(payload);
  }

  sends(): { clientMessageId: string; text: string }[] {
    return this.emitted
      .filter((e) => e.event === 'widget.send')
      .map((e) => e.payload as { clientMessageId: string; text: string });
  }
}

function echo(p: { clientMessageId: string; text: string }): WidgetMessageDto {
  return {
    id: `event-${p.clientMessageId}`,
    direction: 'in',
    text: p.text,
    authorName: null,
    createdAt: new Date().toISOString(),
    clientMessageId: p.clientMessageId,
    attachments: [],
  };
}

const sockets: FakeSocket[] = [];
jest.mock('socket.io-client', () => ({
  io: (url: string, opts: FakeSocket['opts']) => {
    const socket = new FakeSocket(url, opts);
    sockets.push(socket);
    return socket;
  },
}));

const CHANNEL = '7d2f0f1c-1111-4c2a-9a8e-0d9c3b1e2f3a';
const flush = () => new Promise((r) => setTimeout(r, 0));

function mount(identity = {}) {
  const host = document.createElement('div');
  document.body.append(host);
  new ChatWidget(host, {
    serverUrl: 'https://inbox.example.com',
    channelId: CHANNEL,
    identity,
    lang: 'en',
  });
  const root = host.shadowRoot as ShadowRoot;
  const $ = <T extends Element = HTMLElement>(tp: string) =>
    root.querySelector(`[data-tp="${tp}"]`) as T;
  const messages = () =>
    Array.from(root.querySelectorAll<HTMLElement>('[data-tp="message"]')).map((el) => ({
      direction: el.dataset['direction'],
      status: el.dataset['status'],
      text: el.textContent,
    }));
  const type = (text: string) => {
    const input = $<HTMLTextAreaElement>('input');
    input.value = text;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
  };
  return { root, $, messages, type };
}

describe('ChatWidget', () => {
  beforeEach(() => {
    localStorage.clear();
    sockets.length = 0;
    document.body.replaceChildren();
  });

  it('connects when opened, shows greeting and history, and focuses the input', async () => {
    const w = mount();
    expect(sockets).toHaveLength(0);
    w.$('launcher').click();
    expect(sockets).toHaveLength(1);
    expect(sockets[0].url).toBe('https://inbox.example.com/widget');
    expect(sockets[0].opts.transports).toEqual(['websocket']);
    expect(sockets[0].handshake()).toEqual({ channelId: CHANNEL });
    expect(w.$('panel').hidden).toBe(false);
    expect(w.$('launcher').getAttribute('aria-expanded')).toBe('true');
    expect(w.root.activeElement).toBe(w.$('input'));

    sockets[0].open({
      greeting: 'Hello! How can we help?',
      messages: [
        {
          id: 'm1',
          direction: 'out',
          text: 'Earlier answer',
          authorName: 'Anna',
          createdAt: '2025-01-01T10:00:00Z',
          clientMessageId: null,
          attachments: [],
        },
      ],
    });
    expect(w.$('greeting').textContent).toBe('Hello! How can we help?');
    expect(w.messages()).toEqual([
      { direction: 'out', status: 'sent', text: expect.stringContaining('Earlier answer') },
    ]);
    // The token is kept for the next page and sent on every reconnect.
    expect(sockets[0].handshake()).toEqual({ channelId: CHANNEL, sessionToken: 'v_token.sig' });

    w.$('panel').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(w.$('panel').hidden).toBe(true);
    expect(w.root.activeElement).toBe(w.$('launcher'));
  });

  it('shows a sent message at once as pending and confirms it with the ack', async () => {
    const w = mount();
    w.$('launcher').click();
    sockets[0].open();
    let answer: (ack: unknown) => void = () => undefined;
    sockets[0].ack = (_e, p) =>
      new Promise((resolve) => (answer = () => resolve({ ok: true, data: echo(p as never) })));

    w.type('Where is my parcel?');
    expect(w.messages()).toEqual([
      { direction: 'in', status: 'pending', text: expect.stringContaining('Where is my parcel?') },
    ]);
    expect(w.$<HTMLTextAreaElement>('input').value).toBe('');
    const [sent] = sockets[0].sends();
    expect(sent.clientMessageId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(sent.text).toBe('Where is my parcel?');

    answer(undefined);
    await flush();
    expect(w.messages()[0].status).toBe('sent');
    expect(JSON.parse(localStorage.getItem(`touchpoint-chat:${CHANNEL}`) ?? '{}').outbox).toEqual(
      [],
    );
  });

  it('sends again with the same clientMessageId after a reconnect, and shows it once', async () => {
    const w = mount();
    w.$('launcher').click();
    sockets[0].open();
    sockets[0].ack = () => Promise.reject(new Error('operation has timed out'));
    w.type('Are you there?');
    await flush();
    sockets[0].drop();
    expect(w.$('status').hidden).toBe(false);
    expect(w.messages()[0].status).toBe('pending');

    sockets[0].ack = async (_e, p) => ({ ok: true, data: echo(p as never) });
    sockets[0].open();
    await flush();
    const sends = sockets[0].sends();
    expect(sends).toHaveLength(2);
    expect(sends[1].clientMessageId).toBe(sends[0].clientMessageId);
    expect(w.messages()).toEqual([
      { direction: 'in', status: 'sent', text: expect.stringContaining('Are you there?') },
    ]);
    expect(w.$('status').hidden).toBe(true);
  });

  it('keeps an unsent message across a reload and sends it on the next visit', async () => {
    const first = mount();
    first.$('launcher').click();
    first.type('Sent while offline');
    expect(sockets[0].sends()).toHaveLength(0);
    document.body.replaceChildren();

    const again = mount();
    // A returning visitor with something to send connects without being opened.
    expect(sockets).toHaveLength(2);
    expect(again.messages()).toEqual([
      { direction: 'in', status: 'pending', text: expect.stringContaining('Sent while offline') },
    ]);
    sockets[1].open();
    await flush();
    expect(sockets[1].sends().map((s) => s.text)).toEqual(['Sent while offline']);
    expect(again.messages()[0].status).toBe('sent');
  });

  it('shows agent replies and typing live, with an unread count while closed', async () => {
    const w = mount();
    w.$('launcher').click();
    sockets[0].open();
    w.$('close').click();
    sockets[0].server('widget.typing', { typing: true, authorName: 'Anna' });
    expect(w.$('typing').textContent).toBe('Anna is typing …');
    sockets[0].server('widget.message', {
      id: 'r1',
      direction: 'out',
      text: 'We are on it',
      authorName: 'Anna',
      createdAt: new Date().toISOString(),
      clientMessageId: null,
      attachments: [],
    });
    sockets[0].server('widget.message', {
      id: 'r1',
      direction: 'out',
      text: 'We are on it',
      authorName: 'Anna',
      createdAt: new Date().toISOString(),
      clientMessageId: null,
      attachments: [],
    });
    expect(w.$('typing').textContent).toBe('');
    expect(w.messages()).toHaveLength(1);
    expect(w.$('unread').textContent).toBe('1');
    expect(w.$('launcher').getAttribute('aria-label')).toBe('Open chat (1 new message)');
    w.$('launcher').click();
    expect(w.$('unread').hidden).toBe(true);
  });

  it("shows a reply's image as a preview and other files as download links", () => {
    const w = mount();
    w.$('launcher').click();
    sockets[0].open();
    const url = (id: string) => `https://inbox.example.com/api/attachments/${id}?exp=1&sig=s`;
    sockets[0].server('widget.message', {
      id: 'r2',
      direction: 'out',
      text: 'Here is the label',
      authorName: 'Anna',
      createdAt: new Date().toISOString(),
      clientMessageId: null,
      attachments: [
        { name: 'label.png', contentType: 'image/png', size: 2048, url: url('a1') },
        { name: 'Rechnung.pdf', contentType: 'application/pdf', size: 1_572_864, url: url('a2') },
        { name: 'evil.png', contentType: 'image/png', size: 1, url: 'javascript:alert(1)' },
      ],
    });
    const links = Array.from(w.root.querySelectorAll<HTMLAnchorElement>('[data-tp="attachment"]'));
    expect(links.map((a) => [a.getAttribute('href'), a.getAttribute('aria-label')])).toEqual([
      [url('a1'), 'Download label.png'],
      [url('a2'), 'Download Rechnung.pdf'],
    ]);
    expect(links[0].querySelector('img')?.getAttribute('src')).toBe(url('a1'));
    expect(links[0].querySelector('img')?.getAttribute('alt')).toBe('label.png');
    expect(links[1].querySelector('img')).toBeNull();
    expect(links[1].textContent).toBe('Rechnung.pdf1.5 MB');
    expect(links.every((a) => a.rel === 'noopener noreferrer')).toBe(true);
  });

  it('reports the visitor typing, and stopping when it sends', async () => {
    const w = mount();
    w.$('launcher').click();
    sockets[0].open();
    const input = w.$<HTMLTextAreaElement>('input');
    input.value = 'Hel';
    input.dispatchEvent(new Event('input'));
    expect(sockets[0].emitted.filter((e) => e.event === 'widget.visitor-typing')).toEqual([
      { event: 'widget.visitor-typing', payload: { typing: true } },
    ]);
    w.type('Hello');
    await flush();
    expect(sockets[0].emitted.filter((e) => e.event === 'widget.visitor-typing').pop()).toEqual({
      event: 'widget.visitor-typing',
      payload: { typing: false },
    });
  });

  it('offers the email form while nobody is online and remembers the address', async () => {
    const w = mount();
    w.$('launcher').click();
    sockets[0].open({ agentsOnline: false });
    expect(w.$('email-form').hidden).toBe(false);
    expect(w.$('presence').textContent).toBe('Nobody is online right now');

    w.$<HTMLInputElement>('email-input').value = 'nope';
    w.$('email-submit').click();
    await flush();
    expect(w.root.querySelector('[role="alert"]')?.textContent).toBe(
      'Please enter a valid email address.',
    );
    expect(sockets[0].emitted.some((e) => e.event === 'widget.leave-email')).toBe(false);

    w.$<HTMLInputElement>('email-input').value = 'vera@example.test';
    w.$('email-submit').click();
    await flush();
    expect(sockets[0].emitted.find((e) => e.event === 'widget.leave-email')?.payload).toEqual({
      email: 'vera@example.test',
    });
    expect(w.$('email-form').hidden).toBe(true);
    expect(w.$('notice').textContent).toContain('vera@example.test');
    // Passed again on the next connect, so the server keeps it with the visitor.
    expect(sockets[0].handshake().email).toBe('vera@example.test');

    sockets[0].server('widget.availability', { agentsOnline: true });
    expect(w.$('presence').textContent).toBe('We are online');
    expect(w.$('notice').hidden).toBe(true);
  });

  it('says so when the server refuses the chat', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const w = mount({ identifier: 'cust-1', identifierHash: 'forged' });
    w.$('launcher').click();
    expect(sockets[0].handshake()).toMatchObject({
      identifier: 'cust-1',
      identifierHash: 'forged',
    });
    sockets[0].active = false;
    sockets[0].server('connect_error', new Error('identifierHash does not match identifier'));
    expect(w.$('status').textContent).toBe('The chat is not available right now.');
    expect(warn).toHaveBeenCalledWith('Touchpoint chat: identifierHash does not match identifier');
  });

  describe('satisfaction survey in the chat', () => {
    const LINK = 'https://inbox.example.com/csat/tok123';
    const surveyMessage = (survey: WidgetMessageDto['survey'], id = 's1'): WidgetMessageDto => ({
      id,
      direction: 'out',
      text: `How satisfied were you with our help? Rate us in one click:\n\n${LINK}\n\nThank you!`,
      authorName: null,
      createdAt: new Date().toISOString(),
      clientMessageId: null,
      attachments: [],
      survey,
    });
    const inSevenDays = () => new Date(Date.now() + 7 * 86_400_000).toISOString();
    const buttons = (root: ShadowRoot) =>
      Array.from(root.querySelectorAll<HTMLButtonElement>('[data-tp="rating"]'));
    const rates = () =>
      sockets[0].emitted.filter((e) => e.event === 'widget.rate').map((e) => e.payload);

    it('asks with five labelled buttons and a comment, sends the rating and thanks', async () => {
      const w = mount();
      w.$('launcher').click();
      const closesAt = inSevenDays();
      sockets[0].open({ messages: [surveyMessage({ rating: null, comment: null, closesAt })] });
      const survey = w.$('survey');
      expect(survey.textContent).toContain('How satisfied were you with our help?');
      // The link is for email; the chat shows the prompt.
      expect(survey.closest('li')?.textContent).not.toContain(LINK);
      expect(buttons(w.root).map((b) => [b.textContent, b.getAttribute('aria-label')])).toEqual([
        ['1', '1 of 5: not at all satisfied'],
        ['2', '2 of 5'],
        ['3', '3 of 5'],
        ['4', '4 of 5'],
        ['5', '5 of 5: very satisfied'],
      ]);
      expect(buttons(w.root).every((b) => b.getAttribute('aria-pressed') === 'false')).toBe(true);
      const group = w.root.querySelector('[role="group"]') as HTMLElement;
      expect(w.root.getElementById(group.getAttribute('aria-labelledby') ?? '')?.textContent).toBe(
        'How satisfied were you with our help?',
      );
      const comment = w.$<HTMLTextAreaElement>('survey-comment');
      expect(w.root.querySelector(`label[for="${comment.id}"]`)?.textContent).toBe(
        'Comment (optional)',
      );

      // Sending without a choice asks for one and sends nothing.
      w.$('survey-submit').click();
      await flush();
      expect(rates()).toEqual([]);
      expect(w.$('survey-status').textContent).toBe('Please choose a rating from 1 to 5.');
      expect(w.root.activeElement).toBe(buttons(w.root)[0]);

      let answer: (ack: unknown) => void = () => undefined;
      sockets[0].ack = () => new Promise((resolve) => (answer = resolve));
      buttons(w.root)[3].click();
      expect(buttons(w.root).map((b) => b.getAttribute('aria-pressed'))).toEqual([
        'false',
        'false',
        'false',
        'true',
        'false',
      ]);
      comment.value = '  Quick and friendly ';
      w.$('survey-submit').click();
      expect(rates()).toEqual([{ messageId: 's1', rating: 4, comment: 'Quick and friendly' }]);
      expect(w.$('survey-status').textContent).toBe('Sending …');
      expect(w.$<HTMLButtonElement>('survey-submit').disabled).toBe(true);

      answer({
        ok: true,
        data: { messageId: 's1', survey: { rating: 4, comment: 'Quick and friendly', closesAt } },
      });
      await flush();
      expect(w.$('survey-status').textContent).toBe('Thank you for your rating!');
      expect(buttons(w.root)[3].getAttribute('aria-pressed')).toBe('true');
      expect(w.$<HTMLTextAreaElement>('survey-comment').value).toBe('Quick and friendly');
      // Still open: the visitor may change it, and the keyboard stays in the survey.
      expect(w.$('survey-submit').textContent).toBe('Change rating');
      expect(w.root.activeElement).toBe(w.$('survey-submit'));
    });

    it('says so when the rating was not kept, and lets the visitor send again', async () => {
      const w = mount();
      w.$('launcher').click();
      sockets[0].open({
        messages: [surveyMessage({ rating: null, comment: null, closesAt: inSevenDays() })],
      });
      sockets[0].ack = async () => ({
        ok: false,
        error: 'This survey has closed: ratings are taken for 7 days after it was sent',
      });
      buttons(w.root)[1].click();
      w.$('survey-submit').click();
      await flush();
      expect(w.$('survey-status').textContent).toBe('This survey has closed.');
      sockets[0].ack = () => Promise.reject(new Error('operation has timed out'));
      w.$('survey-submit').click();
      await flush();
      expect(w.$('survey-status').textContent).toBe('The rating was not sent. Please try again.');
      expect(w.$<HTMLButtonElement>('survey-submit').disabled).toBe(false);
      expect(rates()).toHaveLength(2);
    });

    it('shows the rating after a reload, a rating given in another tab, and a closed survey without a form', async () => {
      const w = mount();
      w.$('launcher').click();
      sockets[0].open({
        messages: [
          surveyMessage(
            {
              rating: 2,
              comment: 'Took long',
              closesAt: new Date(Date.now() - 1000).toISOString(),
            },
            'old',
          ),
          surveyMessage({ rating: 5, comment: 'Great', closesAt: inSevenDays() }, 'new'),
        ],
      });
      const [closed, open] = Array.from(w.root.querySelectorAll<HTMLElement>('[data-tp="survey"]'));
      const pressed = (el: HTMLElement) =>
        Array.from(el.querySelectorAll('[data-tp="rating"]')).map(
          (b) => b.getAttribute('aria-pressed') === 'true',
        );
      expect(pressed(closed)).toEqual([false, true, false, false, false]);
      expect(closed.querySelector('[data-tp="survey-status"]')?.textContent).toBe(
        'Thank you for your rating! This survey has closed.',
      );
      expect(closed.querySelector('[data-tp="survey-submit"]')).toBeNull();
      expect(
        Array.from(closed.querySelectorAll<HTMLButtonElement>('[data-tp="rating"]')).every(
          (b) => b.disabled,
        ),
      ).toBe(true);
      expect(pressed(open)).toEqual([false, false, false, false, true]);
      expect(open.querySelector<HTMLTextAreaElement>('[data-tp="survey-comment"]')?.value).toBe(
        'Great',
      );

      sockets[0].server('widget.survey', {
        messageId: 'new',
        survey: { rating: 3, comment: null, closesAt: inSevenDays() },
      });
      const updated = Array.from(w.root.querySelectorAll<HTMLElement>('[data-tp="survey"]'))[1];
      expect(pressed(updated)).toEqual([false, false, true, false, false]);
      expect(updated.querySelector<HTMLTextAreaElement>('[data-tp="survey-comment"]')?.value).toBe(
        '',
      );
    });
  });
});
