import { QueryClient } from '@tanstack/react-query';
import type { HandoffDto } from '@touchpoint/shared';
import { queryKeys } from '../../../lib/query-keys';
import { BEN_REF, SVEN_REF, handoffDto } from '../../../../test/handoff-fixtures';
import { uuid } from '../../../../test/inbox-fixtures';
import { applyHandoff, upsertHandoff } from './handoff-cache';

const REQUESTED = handoffDto({ id: uuid(1, 'ab000000'), createdAt: '2025-05-01T10:00:00.000Z' });
const ACCEPTED: HandoffDto = { ...REQUESTED, status: 'accepted', assignee: SVEN_REF };

describe('handoff cache', () => {
  it('adds by creation time and replaces in place', () => {
    const earlier = handoffDto({ id: uuid(2, 'ab000000'), createdAt: '2025-05-01T09:00:00.000Z' });
    expect(upsertHandoff([REQUESTED], earlier).map((h) => h.id)).toEqual([
      earlier.id,
      REQUESTED.id,
    ]);
    expect(upsertHandoff([REQUESTED], ACCEPTED)).toEqual([ACCEPTED]);
  });

  it('never goes back: an older copy arriving late is ignored', () => {
    const list = [ACCEPTED];
    expect(upsertHandoff(list, REQUESTED)).toBe(list);
    const completed = { ...ACCEPTED, status: 'completed' as const, summary: 'Done' };
    expect(upsertHandoff([completed], ACCEPTED)).toEqual([completed]);
  });

  it('patches the lists: out of the queue once accepted, into nothing it was not in', () => {
    const queryClient = new QueryClient();
    const queue = queryKeys.handoffList({ view: 'queue' });
    const mine = queryKeys.handoffList({ view: 'mine' });
    const requested = queryKeys.handoffList({ view: 'requested' });
    queryClient.setQueryData(queue, [REQUESTED]);
    queryClient.setQueryData(mine, []);
    queryClient.setQueryData(requested, [REQUESTED]);
    queryClient.setQueryData(queryKeys.conversationHandoffs(REQUESTED.conversationId), [REQUESTED]);

    applyHandoff(queryClient, ACCEPTED);

    expect(queryClient.getQueryData(queue)).toEqual([]);
    expect(queryClient.getQueryData(mine)).toEqual([]); // the server says whose it is
    expect(queryClient.getQueryData(requested)).toEqual([ACCEPTED]);
    expect(queryClient.getQueryState(mine)?.isInvalidated).toBe(true);
    expect(
      queryClient.getQueryData(queryKeys.conversationHandoffs(REQUESTED.conversationId)),
    ).toEqual([ACCEPTED]);
  });

  it('refreshes the owner after an accepted transfer, and the participants', () => {
    const queryClient = new QueryClient();
    const id = REQUESTED.conversationId;
    queryClient.setQueryData(queryKeys.conversation(id), { id, owner: BEN_REF });
    queryClient.setQueryData(queryKeys.participants(id), []);

    applyHandoff(queryClient, { ...REQUESTED, kind: 'transfer', status: 'completed' });

    expect(queryClient.getQueryState(queryKeys.conversation(id))?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(queryKeys.participants(id))?.isInvalidated).toBe(true);
  });

  it('refreshes the conversation after any change of a consult: who may reply depends on it', () => {
    const queryClient = new QueryClient();
    const id = REQUESTED.conversationId;
    queryClient.setQueryData(queryKeys.conversation(id), { id, owner: BEN_REF, mayReply: false });

    applyHandoff(queryClient, ACCEPTED);

    expect(queryClient.getQueryState(queryKeys.conversation(id))?.isInvalidated).toBe(true);
  });
});
