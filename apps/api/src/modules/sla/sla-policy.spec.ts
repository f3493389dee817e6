import type { ChannelKind, ConversationPriority, SlaPolicyRule } from '@touchpoint/shared';
import { slaPolicyFor } from './sla-policy';

function policy(
  channelKind: ChannelKind | null,
  priority: ConversationPriority | null,
  firstResponseSeconds: number,
): SlaPolicyRule {
  return {
    channelKind,
    priority,
    firstResponseSeconds,
    nextResponseSeconds: null,
    resolutionSeconds: null,
  };
}

describe('slaPolicyFor', () => {
  const fallback = policy(null, null, 8 * 3600);
  const whatsapp = policy('whatsapp', null, 3600);
  const urgent = policy(null, 'urgent', 900);
  const urgentWhatsapp = policy('whatsapp', 'urgent', 300);
  const all = [fallback, whatsapp, urgent, urgentWhatsapp];

  it('prefers channel kind and priority together', () => {
    expect(slaPolicyFor(all, { channelKind: 'whatsapp', priority: 'urgent' })).toBe(urgentWhatsapp);
  });

  it('then the priority for any channel, before the channel kind for any priority', () => {
    const withoutBoth = [fallback, whatsapp, urgent];
    expect(slaPolicyFor(withoutBoth, { channelKind: 'whatsapp', priority: 'urgent' })).toBe(urgent);
    expect(slaPolicyFor(all, { channelKind: 'email', priority: 'urgent' })).toBe(urgent);
  });

  it('then the channel kind for any priority', () => {
    expect(slaPolicyFor(all, { channelKind: 'whatsapp', priority: 'normal' })).toBe(whatsapp);
  });

  it("falls back to the team's default, and to none without one", () => {
    expect(slaPolicyFor(all, { channelKind: 'email', priority: 'low' })).toBe(fallback);
    expect(slaPolicyFor([whatsapp, urgent], { channelKind: 'email', priority: 'low' })).toBeNull();
    expect(slaPolicyFor([], { channelKind: 'email', priority: 'low' })).toBeNull();
  });

  it('does not depend on the order of the list', () => {
    const reversed = [...all].reverse();
    expect(slaPolicyFor(reversed, { channelKind: 'whatsapp', priority: 'urgent' })).toBe(
      urgentWhatsapp,
    );
    expect(slaPolicyFor(reversed, { channelKind: 'whatsapp', priority: 'high' })).toBe(whatsapp);
  });

  it('matches only the default-like entries for a subject without kind or priority', () => {
    expect(slaPolicyFor(all, { channelKind: null, priority: 'urgent' })).toBe(urgent);
    expect(slaPolicyFor(all, { channelKind: null, priority: null })).toBe(fallback);
  });
});
