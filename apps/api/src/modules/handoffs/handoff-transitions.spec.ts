import { HANDOFF_KINDS, HANDOFF_STATUSES } from '@touchpoint/shared';
import {
  HANDOFF_ACTIONS,
  HANDOFF_TRANSITIONS,
  nextHandoffStatus,
  type HandoffAction,
  type HandoffState,
} from './handoff-transitions';

describe('handoff transition table', () => {
  it.each([
    ['consult', 'new', 'request', 'requested'],
    ['consult', 'requested', 'accept', 'accepted'],
    ['consult', 'requested', 'decline', 'declined'],
    ['consult', 'requested', 'cancel', 'cancelled'],
    ['consult', 'requested', 'expire', 'expired'],
    ['consult', 'accepted', 'complete', 'completed'],
    ['consult', 'accepted', 'cancel', 'cancelled'],
    ['transfer', 'new', 'request', 'requested'],
    ['transfer', 'new', 'force', 'completed'],
    ['transfer', 'requested', 'accept', 'completed'],
    ['transfer', 'requested', 'decline', 'declined'],
    ['transfer', 'requested', 'cancel', 'cancelled'],
    ['transfer', 'requested', 'expire', 'expired'],
  ] as const)('allows a %s from %s to %s: %s', (kind, from, action, to) => {
    expect(nextHandoffStatus(kind, from, action)).toBe(to);
  });

  it('allows nothing else', () => {
    const allowed = HANDOFF_KINDS.flatMap((kind) =>
      (['new', ...HANDOFF_STATUSES] as HandoffState[]).flatMap((from) =>
        HANDOFF_ACTIONS.filter((action) => nextHandoffStatus(kind, from, action)).map(
          (action) => `${kind} ${from} ${action}`,
        ),
      ),
    );
    expect(allowed).toHaveLength(13);
  });

  it.each([
    ['consult', 'requested', 'complete'],
    ['consult', 'accepted', 'accept'],
    ['consult', 'accepted', 'decline'],
    ['consult', 'accepted', 'expire'],
    ['consult', 'new', 'force'],
    ['consult', 'completed', 'accept'],
    ['consult', 'declined', 'accept'],
    ['consult', 'cancelled', 'accept'],
    ['consult', 'expired', 'cancel'],
    ['transfer', 'requested', 'complete'],
    ['transfer', 'completed', 'cancel'],
    ['transfer', 'completed', 'accept'],
    ['transfer', 'declined', 'cancel'],
  ] as const)('refuses a %s in %s to %s', (kind, from, action) => {
    expect(nextHandoffStatus(kind, from, action)).toBeNull();
  });

  it('keeps every final status final', () => {
    for (const kind of HANDOFF_KINDS)
      for (const from of ['completed', 'declined', 'cancelled', 'expired'] as const)
        expect(HANDOFF_TRANSITIONS[kind][from]).toBeUndefined();
  });

  it('creates only through request or force', () => {
    for (const kind of HANDOFF_KINDS)
      for (const action of HANDOFF_ACTIONS.filter(
        (a): a is HandoffAction => a !== 'request' && a !== 'force',
      ))
        expect(nextHandoffStatus(kind, 'new', action)).toBeNull();
  });
});
