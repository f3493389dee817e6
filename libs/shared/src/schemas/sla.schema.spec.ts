import {
  ALWAYS_OPEN_CALENDAR,
  businessCalendarSchema,
  clockMinutes,
  isTimeZone,
  teamSlaPoliciesSchema,
} from './sla.schema';

const closedWeek = { '1': [], '2': [], '3': [], '4': [], '5': [], '6': [], '7': [] };

function problems(result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) {
  return Object.fromEntries(
    (result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]),
  );
}

describe('business calendar schema', () => {
  it('takes the always-open calendar, and defaults zone and holidays', () => {
    expect(businessCalendarSchema.parse(ALWAYS_OPEN_CALENDAR)).toEqual(ALWAYS_OPEN_CALENDAR);
    expect(
      businessCalendarSchema.parse({
        week: { ...closedWeek, '1': [{ from: '09:00', to: '17:00' }] },
      }),
    ).toEqual({
      timeZone: 'Europe/Berlin',
      week: { ...closedWeek, '1': [{ from: '09:00', to: '17:00' }] },
      holidays: [],
    });
  });

  it('accepts adjacent intervals and 24:00, and writes zones as the runtime does', () => {
    const parsed = businessCalendarSchema.parse({
      timeZone: 'america/new_york',
      week: {
        ...closedWeek,
        '6': [
          { from: '00:00', to: '06:00' },
          { from: '06:00', to: '24:00' },
        ],
      },
    });
    expect(parsed.timeZone).toBe('America/New_York');
  });

  it('names each problem by its path', () => {
    expect(
      problems(
        businessCalendarSchema.safeParse({
          timeZone: '+01:00',
          week: {
            ...closedWeek,
            '2': [{ from: '10:00', to: '10:00' }],
            '3': [{ from: '24:00', to: '24:00' }],
          },
          holidays: ['2026-13-01', '2026-12-24', '2026-12-24'],
        }),
      ),
    ).toEqual({
      timeZone: 'must be a time zone such as Europe/Berlin',
      'week.2.0.to': 'must be after the opening time',
      'week.3.0.from': 'must be a time from 00:00 to 23:59 (HH:mm)',
      'holidays.0': 'must be a date as YYYY-MM-DD',
      'holidays.2': 'repeats holidays.1 (2026-12-24)',
    });
    expect(problems(businessCalendarSchema.safeParse({ week: closedWeek }))).toEqual({
      week: 'must be open at some time of the week',
    });
  });

  it('reads clock times and zones', () => {
    expect(clockMinutes('00:00')).toBe(0);
    expect(clockMinutes('24:00')).toBe(1440);
    expect(clockMinutes('24:01')).toBeNaN();
    expect(clockMinutes('9:00')).toBeNaN();
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});

describe('SLA policies schema', () => {
  it('fills in any channel, any priority and no targets', () => {
    expect(teamSlaPoliciesSchema.parse({ policies: [{ firstResponseSeconds: 600 }] })).toEqual({
      policies: [
        {
          channelKind: null,
          priority: null,
          firstResponseSeconds: 600,
          nextResponseSeconds: null,
          resolutionSeconds: null,
          consultAcceptSeconds: null,
          consultAnswerSeconds: null,
        },
      ],
    });
  });

  it("holds consult targets to the same ranges as the team's own", () => {
    const policy = (consultAcceptSeconds: number, consultAnswerSeconds: number) =>
      problems(
        teamSlaPoliciesSchema.safeParse({
          policies: [{ priority: 'urgent', consultAcceptSeconds, consultAnswerSeconds }],
        }),
      );
    expect(policy(60, 30 * 24 * 3600)).toEqual({});
    expect(policy(7 * 24 * 3600, 60)).toEqual({});
    expect(policy(59, 30 * 24 * 3600 + 1)).toEqual({
      'policies.0.consultAcceptSeconds': 'must be at least 60 seconds',
      'policies.0.consultAnswerSeconds': 'must be at most 2592000 seconds',
    });
    expect(policy(7 * 24 * 3600 + 1, 90.5)).toEqual({
      'policies.0.consultAcceptSeconds': 'must be at most 604800 seconds',
      'policies.0.consultAnswerSeconds': 'must be a whole number of seconds',
    });
  });

  it('refuses a second policy for the same channel and priority, naming the entry', () => {
    expect(
      problems(
        teamSlaPoliciesSchema.safeParse({
          policies: [
            { channelKind: 'email', priority: 'high' },
            {},
            { channelKind: 'email', priority: 'high', resolutionSeconds: 3600 },
            { channelKind: null, priority: null },
          ],
        }),
      ),
    ).toEqual({
      'policies.2': 'has the same channel and priority as policies.0',
      'policies.3': 'has the same channel and priority as policies.1',
    });
  });
});
