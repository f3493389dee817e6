import { teamPolicySchema, updateTeamSchema, type TeamDto } from '@touchpoint/shared';
import { ApiError } from '../../../api/http';
import { createI18n } from '../../../lib/i18n';
import { draftSeconds, durationDraft } from './team-durations';
import { serverErrors, teamChanges, teamDraft, validateChanges } from './team-form';
import { teamPolicySummary } from './team-summary';

const SALES_ID = '2b1c0a9e-8d7f-4e6d-9c5b-4a3f2e1d0c9b';

function team(overrides: Partial<TeamDto> = {}): TeamDto {
  return {
    id: '0c7e5f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6',
    name: 'Service',
    description: 'Orders and deliveries',
    consultAcceptSeconds: 900,
    consultAnswerSeconds: 7200,
    participantGraceSeconds: 3600,
    specialistsMayReply: false,
    fallbackTeamId: null,
    autoAssign: false,
    maxOpenPerAgent: 10,
    receivesLeads: false,
    holdsMarketing: 'open_and_pending',
    members: [],
    createdAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

function english() {
  jest.spyOn(window.navigator, 'languages', 'get').mockReturnValue(['en-GB']);
  return createI18n().t;
}

function german() {
  jest.spyOn(window.navigator, 'languages', 'get').mockReturnValue(['de-DE']);
  return createI18n().t;
}

/** The shared schema's own message for one policy field and value. */
function schemaMessage(field: keyof typeof teamPolicySchema.shape, value: unknown): string {
  const parsed = teamPolicySchema.shape[field].safeParse(value);
  if (parsed.success) throw new Error(`${String(value)} is valid for ${field}`);
  return parsed.error.issues[0]?.message ?? '';
}

describe('team durations', () => {
  it('shows seconds in the largest unit that fits and converts back exactly', () => {
    expect(durationDraft('consultAnswerSeconds', 7200)).toEqual({ amount: '2', unit: 'hours' });
    expect(durationDraft('consultAnswerSeconds', 5400)).toEqual({ amount: '90', unit: 'minutes' });
    expect(durationDraft('consultAcceptSeconds', 7200)).toEqual({ amount: '120', unit: 'minutes' });
    expect(durationDraft('participantGraceSeconds', 0)).toEqual({ amount: '0', unit: 'minutes' });
    expect(durationDraft('consultAcceptSeconds', 90)).toEqual({ amount: '1.5', unit: 'minutes' });
    // A value set through the API that is no whole minute survives a round trip unchanged.
    expect(draftSeconds(durationDraft('consultAcceptSeconds', 61))).toBe(61);
    expect(draftSeconds(durationDraft('consultAnswerSeconds', 3601))).toBe(3601);
  });

  it('turns typed amounts into whole seconds, and nothing typed into NaN', () => {
    expect(draftSeconds({ amount: '15', unit: 'minutes' })).toBe(900);
    expect(draftSeconds({ amount: '1.5', unit: 'hours' })).toBe(5400);
    expect(draftSeconds({ amount: '', unit: 'minutes' })).toBeNaN();
    expect(draftSeconds({ amount: 'abc', unit: 'minutes' })).toBeNaN();
  });
});

describe('team form', () => {
  it('sends only what changed, in seconds', () => {
    const saved = team();
    const draft = {
      ...teamDraft(saved),
      consultAcceptSeconds: { amount: '20', unit: 'minutes' as const },
      consultAnswerSeconds: { amount: '45', unit: 'minutes' as const },
      fallbackTeamId: SALES_ID,
    };
    expect(teamChanges(teamDraft(saved), saved)).toEqual({});
    expect(teamChanges(draft, saved)).toEqual({
      consultAcceptSeconds: 1200,
      consultAnswerSeconds: 2700,
      fallbackTeamId: SALES_ID,
    });
  });

  it('trims names, clears the fallback team with null and leaves capacity out while auto-assign is off', () => {
    const saved = team({ fallbackTeamId: SALES_ID, autoAssign: true, maxOpenPerAgent: 8 });
    const draft = {
      ...teamDraft(saved),
      name: '  Customer Service ',
      fallbackTeamId: '',
      autoAssign: false,
      maxOpenPerAgent: '3',
    };
    const changes = teamChanges(draft, saved);
    expect(changes).toEqual({ name: 'Customer Service', fallbackTeamId: null, autoAssign: false });
    expect(updateTeamSchema.safeParse(changes).success).toBe(true);
  });

  it("checks with the shared schema and says what the server would say, in the user's language", () => {
    const saved = team({ autoAssign: true });
    const draft = {
      ...teamDraft(saved),
      name: ' ',
      consultAcceptSeconds: { amount: '0', unit: 'minutes' as const },
      consultAnswerSeconds: { amount: '', unit: 'hours' as const },
      participantGraceSeconds: { amount: '100000', unit: 'minutes' as const },
      maxOpenPerAgent: '2.5',
    };
    const changes = teamChanges(draft, saved);

    const errors = validateChanges(changes, english());
    expect(errors.name).toBe('is required');
    expect(errors.consultAcceptSeconds).toBe(`${schemaMessage('consultAcceptSeconds', 0)} (1 min)`);
    expect(errors.consultAnswerSeconds).toBe(schemaMessage('consultAnswerSeconds', Number.NaN));
    expect(errors.participantGraceSeconds).toBe(
      `${schemaMessage('participantGraceSeconds', 6_000_000)} (30 d)`,
    );
    expect(errors.maxOpenPerAgent).toBe(schemaMessage('maxOpenPerAgent', 2.5));

    const deutsch = validateChanges(changes, german());
    expect(deutsch.consultAcceptSeconds).toBe('muss mindestens 60 Sekunden betragen (1 Min.)');
    expect(deutsch.maxOpenPerAgent).toBe('muss eine ganze Zahl sein');
  });

  it('puts the server’s field errors at their fields, and the rest aside', () => {
    const validation = new ApiError({
      status: 400,
      code: 'validation.failed',
      message: 'consultAnswerSeconds must be at most 2592000 seconds; x y',
      details: [
        { path: 'consultAnswerSeconds', message: 'must be at most 2592000 seconds' },
        { path: 'x', message: 'y' },
      ],
    });
    expect(serverErrors(validation)).toEqual({
      fields: { consultAnswerSeconds: 'must be at most 2592000 seconds' },
      other: ['x y'],
    });

    const fallback = new ApiError({
      status: 400,
      code: 'teams.invalid_fallback',
      message: 'fallbackTeamId: a team cannot be its own fallback',
    });
    expect(serverErrors(fallback).fields).toEqual({
      fallbackTeamId: 'a team cannot be its own fallback',
    });

    const taken = new ApiError({
      status: 409,
      code: 'teams.name_taken',
      message: 'A team named "Sales" exists already',
    });
    expect(serverErrors(taken).fields).toEqual({ name: 'A team named "Sales" exists already' });

    expect(serverErrors(new ApiError({ status: 500, message: 'boom' }))).toEqual({
      fields: {},
      other: [],
    });
  });

  it('sums a policy up in a line', () => {
    const t = english();
    expect(teamPolicySummary(team(), t)).toBe(
      'Accept within 15 min · answer within 2 h · assigned by hand',
    );
    expect(teamPolicySummary(team({ autoAssign: true, maxOpenPerAgent: 5 }), t)).toBe(
      'Accept within 15 min · answer within 2 h · automatic assignment, up to 5 each',
    );
  });
});
