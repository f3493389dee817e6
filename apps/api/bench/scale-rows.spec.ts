import {
  bigThreadMessage,
  COLUMNS,
  contactRows,
  conversationRows,
  copyValue,
  emptyLines,
  mostUrgent,
  random,
  uuidOf,
  type ScaleWorld,
} from './scale-rows';

const world: ScaleWorld = {
  now: Date.parse('2026-12-07T12:00:00Z'),
  days: 90,
  conversations: 3000,
  contacts: 500,
  meanMessages: 10,
  teams: [
    { id: 'team-a', sla: { first: 3600, next: 14_400, resolution: 72_000 }, agents: ['a1', 'a2'] },
    { id: 'team-b', sla: null, agents: ['b1'] },
  ],
  channels: [
    { id: 'ch-email', kind: 'email', team: 0, share: 0.6 },
    { id: 'ch-chat', kind: 'webchat', team: 1, share: 0.4 },
  ],
  bigThread: { index: 1000, messages: 200 },
};

const fields = (line: string) => line.replace(/\n$/, '').split('\t');

describe('scale rows', () => {
  it('draws the same numbers for the same seed', () => {
    const a = random(42);
    const b = random(42);
    const drawn = Array.from({ length: 5 }, () => a());
    expect(drawn).toEqual(Array.from({ length: 5 }, () => b()));
    expect(drawn.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('makes valid UUIDs that sort as their numbers do', () => {
    const ids = [0, 1, 15, 16, 255, 1e6, 1e12].map((n) => uuidOf(3, n));
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("escapes what COPY's text format treats specially", () => {
    expect(copyValue(null)).toBe('\\N');
    expect(copyValue('a\tb\nc\\d\r')).toBe('a\\tb\\nc\\\\d\\r');
    expect(copyValue(new Date(0))).toBe('1970-01-01T00:00:00.000Z');
    expect(copyValue(3)).toBe('3');
  });

  it('keeps last_seq, seq and the reply figures of a conversation consistent', () => {
    for (let i = 0; i < 300; i++) {
      const out = emptyLines();
      const count = conversationRows(world, i, out);
      const conversation = fields(out.conversations[0]);
      const col = (name: (typeof COLUMNS.conversations)[number]) =>
        conversation[COLUMNS.conversations.indexOf(name)];
      expect(out.messages).toHaveLength(count);
      expect(Number(col('last_seq'))).toBe(count);
      const seqs = out.messages.map((m) => Number(fields(m)[2]));
      expect(seqs).toEqual(Array.from({ length: count }, (_, k) => k + 1));
      const types = out.messages.map((m) => fields(m)[3]);
      expect(types[0]).toBe('inbound');
      expect(Number(col('replies_count'))).toBe(types.filter((t) => t === 'outbound').length);
      const times = out.messages.map((m) => Date.parse(fields(m)[9]));
      expect(Math.max(...times)).toBe(Date.parse(col('last_activity_at')));
      expect(Math.max(...times)).toBeLessThanOrEqual(world.now);
      const status = col('status');
      expect(['open', 'pending', 'resolved']).toContain(status);
      expect(col('resolved_at') !== '\\N').toBe(status === 'resolved');
      if (status === 'open') expect(types[count - 1]).toBe('inbound');
      // Clocks only for open work in a team with an SLA, and the row copies the most urgent.
      const team = world.teams.find((t) => t.id === col('team_id'));
      if (status === 'resolved' || !team?.sla) expect(out.sla_clocks).toHaveLength(0);
      else expect(out.sla_clocks.length).toBeGreaterThan(0);
      for (const h of out.handoffs) expect(fields(h)[1]).toBe(conversation[0]);
    }
  });

  it('gives the long thread exactly its messages, numbered in time order', () => {
    const out = emptyLines();
    expect(conversationRows(world, world.bigThread.index, out)).toBe(200);
    expect(out.messages).toHaveLength(0);
    const lines = Array.from({ length: 200 }, (_, k) => fields(bigThreadMessage(world, k)));
    expect(lines.map((l) => Number(l[2]))).toEqual(Array.from({ length: 200 }, (_, k) => k + 1));
    expect(lines.every((l) => l[1] === uuidOf(3, world.bigThread.index))).toBe(true);
    const times = lines.map((l) => Date.parse(l[9]));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(new Set(lines.map((l) => l[0])).size).toBe(200);
  });

  it('picks the most urgent clock: a breach first, then the nearest deadline', () => {
    const clocks = [
      { name: 'later', dueAt: 300, breachedAt: null },
      { name: 'paused', dueAt: null, breachedAt: null },
      { name: 'sooner', dueAt: 200, breachedAt: null },
    ];
    expect(mostUrgent(clocks)?.name).toBe('sooner');
    expect(mostUrgent([...clocks, { name: 'breached', dueAt: 900, breachedAt: 900 }])?.name).toBe(
      'breached',
    );
    expect(mostUrgent([{ name: 'paused', dueAt: null, breachedAt: null }])).toBeNull();
  });

  it('gives every contact one identity with a unique address', () => {
    const at = new Date(0);
    const addresses = Array.from({ length: 100 }, (_, n) => {
      const identity = fields(contactRows(n, at).identity);
      return `${identity[2]}/${identity[3]}`;
    });
    expect(new Set(addresses).size).toBe(100);
  });
});
