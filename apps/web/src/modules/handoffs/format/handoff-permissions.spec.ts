import { userDto, userWithRole } from '../../../../test/fixtures';
import {
  ANNA_REF,
  BEN_REF,
  SALES,
  SERVICE,
  SVEN,
  SVEN_REF,
  handoffDto,
} from '../../../../test/handoff-fixtures';
import { handoffPermissions } from './handoff-permissions';

const ANNA = userDto(); // agent in Service
const NONE = { take: false, complete: false, cancel: false };

describe('handoff permissions', () => {
  it('a member of the asked team may take a requested handoff; others may not', () => {
    const toSales = handoffDto({ team: SALES, requestedBy: BEN_REF });
    expect(handoffPermissions(toSales, SVEN)).toEqual({ ...NONE, take: true });
    expect(handoffPermissions(toSales, ANNA)).toEqual(NONE);
  });

  it('the touchpoint manager takes no step, also for a team they belong to', () => {
    const toSales = handoffDto({ team: SALES, requestedBy: BEN_REF });
    expect(handoffPermissions(toSales, { ...SVEN, role: 'manager' })).toEqual(NONE);
  });

  it('a person asked by name may take it, a teammate of theirs may not', () => {
    const toSven = handoffDto({ team: null, assignee: SVEN_REF, requestedBy: BEN_REF });
    expect(handoffPermissions(toSven, SVEN).take).toBe(true);
    expect(handoffPermissions(toSven, userDto({ id: 'other', teams: [SALES] })).take).toBe(false);
  });

  it('the requester withdraws, but does not answer their own request', () => {
    const mine = handoffDto({ team: SERVICE, requestedBy: ANNA_REF });
    expect(handoffPermissions(mine, ANNA)).toEqual({ ...NONE, cancel: true });
    expect(handoffPermissions({ ...mine, status: 'accepted' }, ANNA)).toEqual({
      ...NONE,
      cancel: true,
    });
    expect(handoffPermissions({ ...mine, status: 'completed' }, ANNA)).toEqual(NONE);
  });

  it('only the accepter completes a consult', () => {
    const accepted = handoffDto({
      team: SALES,
      status: 'accepted',
      assignee: SVEN_REF,
      requestedBy: BEN_REF,
    });
    expect(handoffPermissions(accepted, SVEN)).toEqual({ ...NONE, complete: true });
    expect(handoffPermissions(accepted, userDto({ id: 'x', teams: [SALES] }))).toEqual(NONE);
  });

  it('supervisors may take any request and withdraw any open handoff', () => {
    const supervisor = userWithRole('supervisor');
    const toSales = handoffDto({ team: SALES, requestedBy: BEN_REF });
    expect(handoffPermissions(toSales, { ...supervisor, teams: [] })).toEqual({
      take: true,
      complete: false,
      cancel: true,
    });
  });
});
