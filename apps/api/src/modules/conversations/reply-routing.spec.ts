import {
  defaultReplyChannelId,
  replyOptions,
  routeReply,
  type RoutableChannel,
  type RoutingFacts,
} from './reply-routing';

const email: RoutableChannel = {
  id: 'email-1',
  kind: 'email',
  name: 'Support mail',
  enabled: true,
  reaches: ['email'],
  canReply: true,
};
const chat: RoutableChannel = {
  id: 'chat-1',
  kind: 'webchat',
  name: 'Website',
  enabled: true,
  reaches: ['webchat', 'email'],
  canReply: true,
};
const api: RoutableChannel = {
  id: 'api-1',
  kind: 'api',
  name: 'App',
  enabled: true,
  reaches: ['api'],
  canReply: true,
};

const facts = (over: Partial<RoutingFacts> = {}): RoutingFacts => ({
  lastInboundChannelId: 'chat-1',
  identities: [
    { kind: 'email', address: 'new@example.test' },
    { kind: 'webchat', address: 'visitor-1' },
    { kind: 'email', address: 'old@example.test' },
  ],
  lastAddressOn: {},
  ...over,
});

const route = (f: RoutingFacts, channels: RoutableChannel[], channelId?: string) =>
  routeReply(f, channels, { type: 'reply', channelId });

describe('reply routing', () => {
  it('answers on the channel the customer last wrote on, at the kind that channel prefers', () => {
    expect(route(facts(), [email, chat])).toEqual({
      kind: 'route',
      route: { channel: chat, address: 'visitor-1' },
    });
  });

  it('goes through the channel the agent picked instead', () => {
    expect(route(facts(), [email, chat], 'email-1')).toMatchObject({
      kind: 'route',
      route: { channel: { id: 'email-1' }, address: 'new@example.test' },
    });
  });

  it('keeps the address the customer last wrote from on that channel, or the one asked for', () => {
    const f = facts({ lastAddressOn: { 'email-1': 'old@example.test' } });
    expect(route(f, [email], 'email-1')).toMatchObject({ route: { address: 'old@example.test' } });
    expect(
      routeReply(f, [email], { type: 'reply', channelId: 'email-1', address: 'new@example.test' }),
    ).toMatchObject({ route: { address: 'new@example.test' } });
    // An address the contact no longer has is not used.
    expect(
      routeReply(facts(), [email], {
        type: 'reply',
        channelId: 'email-1',
        address: 'gone@example.test',
      }),
    ).toMatchObject({ route: { address: 'new@example.test' } });
  });

  it('refuses a disabled, removed, unsupported or unconfigured channel', () => {
    expect(route(facts(), [{ ...chat, enabled: false }])).toEqual({
      kind: 'refused',
      reason: 'This channel does not exist or is disabled',
    });
    expect(route(facts(), [email])).toMatchObject({ kind: 'refused' });
    expect(route(facts(), [{ ...chat, reaches: null }])).toMatchObject({
      reason: 'Replies through webchat channels are not supported yet',
    });
    expect(route(facts(), [{ ...chat, canReply: false }])).toMatchObject({
      reason: 'The channel Website cannot send replies: check its settings',
    });
  });

  it('refuses when the customer never wrote and no channel was picked', () => {
    expect(route(facts({ lastInboundChannelId: null }), [chat])).toMatchObject({
      kind: 'refused',
      reason: 'The customer has not written on any channel yet: pick a channel',
    });
  });

  it('refuses a channel that reaches none of the contact identities', () => {
    expect(route(facts(), [email, chat, api], 'api-1')).toEqual({
      kind: 'refused',
      reason: 'The contact has no address this api channel can reach',
    });
  });

  it('never routes notes or suggestions anywhere', () => {
    for (const type of ['note', 'suggestion'] as const)
      expect(routeReply(facts(), [chat], { type, channelId: 'chat-1' })).toEqual({
        kind: 'internal',
      });
  });

  it('lists exactly the channels sending accepts, the default first', () => {
    const channels = [email, { ...chat }, api, { ...email, id: 'email-2', enabled: false }];
    const options = replyOptions(facts(), channels);
    expect(options.map((o) => [o.channel.id, o.address, o.isDefault])).toEqual([
      ['chat-1', 'visitor-1', true],
      ['email-1', 'new@example.test', false],
    ]);
    for (const c of channels)
      expect(options.some((o) => o.channel.id === c.id)).toBe(
        route(facts(), channels, c.id).kind === 'route',
      );
  });

  describe("the contact's preferred channel", () => {
    const mail2: RoutableChannel = { ...email, id: 'email-2', name: 'Sales mail' };
    const listed = (f: RoutingFacts, channels: RoutableChannel[]) =>
      replyOptions(f, channels).map((o) => [o.channel.id, o.isDefault]);

    it('puts the channels of the preferred kind first, one of them the default', () => {
      const f = facts({ preferredChannel: 'email' });
      expect(listed(f, [chat, email, mail2])).toEqual([
        ['email-2', true],
        ['email-1', false],
        ['chat-1', false],
      ]);
      // Sending without a pick goes where the list preselects.
      expect(route(f, [chat, email, mail2])).toMatchObject({
        route: { channel: { id: 'email-2' } },
      });
    });

    it('prefers, among them, the one the customer wrote on', () => {
      const wroteOn = facts({
        preferredChannel: 'email',
        lastAddressOn: { 'email-1': 'old@example.test' },
      });
      expect(defaultReplyChannelId(wroteOn, [chat, email, mail2])).toBe('email-1');
      const lastOn = facts({ preferredChannel: 'email', lastInboundChannelId: 'email-1' });
      expect(defaultReplyChannelId(lastOn, [chat, email, mail2])).toBe('email-1');
    });

    it('keeps the latest channel when the preferred kind cannot reach the contact, or is a call', () => {
      expect(listed(facts({ preferredChannel: 'api' }), [chat, email, api])).toEqual([
        ['chat-1', true],
        ['email-1', false],
      ]);
      expect(listed(facts({ preferredChannel: 'phone' }), [chat, email])).toEqual([
        ['chat-1', true],
        ['email-1', false],
      ]);
      expect(
        defaultReplyChannelId(facts({ preferredChannel: 'email' }), [
          chat,
          { ...email, enabled: false },
        ]),
      ).toBe('chat-1');
    });
  });
});
