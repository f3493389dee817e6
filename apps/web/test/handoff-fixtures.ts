import type { DirectoryDto, HandoffDto, UserDto } from '@touchpoint/shared';
import { userDto } from './fixtures';
import { CONVERSATION_ID, minutesAgo, uuid } from './inbox-fixtures';

/** Teams of the fixtures: Anna (the signed-in agent) is in Service. */
export const SERVICE = { id: '0c7e5f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6', name: 'Service' };
export const SALES = { id: uuid(2, 'fa000000'), name: 'Sales' };

export const ANNA_REF = { id: '7f0b1d9a-2c3e-4f5a-8b6c-1d2e3f4a5b6c', name: 'Anna Agent' };
export const BEN_REF = { id: uuid(8, 'ee000000'), name: 'Ben Busy' };
export const SVEN_REF = { id: uuid(9, 'ee000000'), name: 'Sven Sales' };

/** Sven, a specialist of Sales. */
export const SVEN: UserDto = userDto({
  id: SVEN_REF.id,
  name: SVEN_REF.name,
  email: 'sven@example.com',
  teams: [SALES],
});

export const minutesFromNow = (minutes: number) =>
  new Date(Date.now() + minutes * 60_000).toISOString();

export function handoffDto(overrides: Partial<HandoffDto> = {}): HandoffDto {
  return {
    id: uuid(1, 'ab000000'),
    conversationId: CONVERSATION_ID,
    conversation: { contactName: 'Clara Customer', subject: 'Offer for 20 chairs', channel: null },
    kind: 'consult',
    lead: false,
    status: 'requested',
    note: 'Customer wants 20 chairs with a 10% discount; I promised an answer by Friday.',
    team: SALES,
    assignee: null,
    requestedBy: ANNA_REF,
    declineReason: null,
    summary: null,
    acceptDueAt: minutesFromNow(12.5),
    answerDueAt: null,
    breached: false,
    createdAt: minutesAgo(3),
    acceptedAt: null,
    completedAt: null,
    ...overrides,
  };
}

export function directoryDto(): DirectoryDto {
  return {
    teams: [
      { ...SERVICE, receivesLeads: false },
      { ...SALES, receivesLeads: true },
    ],
    users: [
      { ...ANNA_REF, role: 'agent', teamIds: [SERVICE.id] },
      { ...BEN_REF, role: 'agent', teamIds: [SERVICE.id] },
      { ...SVEN_REF, role: 'agent', teamIds: [SALES.id] },
    ],
  };
}
