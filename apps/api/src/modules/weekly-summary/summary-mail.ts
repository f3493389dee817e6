import type { ChannelKind, GoalKind, Locale } from '@touchpoint/shared';
import { escapeMarkup } from '../../core/text/escape-markup';

/** One step where customers waited longest or left, with its ends already named. */
export interface SummaryMoment {
  kind: 'first_response' | 'consult' | 'transfer';
  /** Where it starts: a channel kind (first responses) or a team name (null: no team). */
  fromChannel?: ChannelKind | null;
  fromTeam?: string | null;
  /** The team that should have answered (null: no team). */
  toTeam: string | null;
  count: number;
  medianSeconds: number | null;
  /** 0–1. */
  unansweredShare: number;
}

export interface SummaryGoal {
  name: string;
  kind: GoalKind;
  target: number;
  /** The week's value; null when there was nothing to count. */
  value: number | null;
  holds: boolean | null;
}

/** What one summary says: the week before, as the journeys, satisfaction results and goals count it. */
export interface SummaryFigures {
  /** Local dates of the Monday and the Sunday. */
  from: string;
  to: string;
  conversations: number;
  outcomes: { oneTouch: number; afterHandoffs: number; abandoned: number; reopened: number };
  /** Worst first, at most three. */
  moments: SummaryMoment[];
  csat: { requested: number; rated: number; average: number | null; responseRate: number | null };
  goals: SummaryGoal[];
}

export interface SummaryMail {
  subject: string;
  text: string;
  html: string;
}

const CHANNELS: Record<Locale, Record<ChannelKind, string>> = {
  de: {
    email: 'E-Mail',
    form: 'Kontaktformular',
    webchat: 'Website-Chat',
    api: 'API',
    twilio: 'SMS/Telefon',
    whatsapp: 'WhatsApp',
    messenger: 'Messenger',
    instagram: 'Instagram',
    telegram: 'Telegram',
  },
  en: {
    email: 'Email',
    form: 'Contact form',
    webchat: 'Website chat',
    api: 'API',
    twilio: 'SMS/phone',
    whatsapp: 'WhatsApp',
    messenger: 'Messenger',
    instagram: 'Instagram',
    telegram: 'Telegram',
  },
};

const TEXTS = {
  de: {
    subject: (from: string, to: string) => `Touchpoint: Ihre Woche vom ${from} bis ${to}`,
    greeting: (name: string) => `Guten Morgen ${name},`,
    intro: (from: string, to: string) => `so lief die Woche vom ${from} bis ${to}.`,
    conversations: 'Begonnene Gespräche',
    outcomes: 'Ausgang',
    oneTouch: 'mit einer Antwort gelöst',
    afterHandoffs: 'nach Übergaben gelöst',
    abandoned: 'ohne Antwort aufgegeben',
    reopened: 'wieder geöffnet',
    moments: 'Wo Kunden am längsten warteten',
    noMoments: 'Keine Wartezeiten in dieser Woche.',
    firstResponse: (from: string, to: string) => `Erste Antwort: ${from} → ${to}`,
    consult: (from: string, to: string) => `Rückfrage: ${from} → ${to}`,
    transfer: (from: string, to: string) => `Übergabe: ${from} → ${to}`,
    moment: (median: string, unanswered: string, count: number) =>
      `Median ${median}, ${unanswered} unbeantwortet (von ${count})`,
    noTeam: 'ohne Team',
    noChannel: 'ohne Kanal',
    csat: 'Zufriedenheit',
    csatLine: (average: string, rate: string, rated: number, requested: number) =>
      `Durchschnitt ${average} von 5, Rücklauf ${rate} (${rated} von ${requested} Umfragen)`,
    noCsat: 'Keine Umfragen in dieser Woche.',
    goals: 'Ziele',
    noGoals: 'Noch keine gemeinsamen Ziele.',
    goalLine: (value: string, target: string) => `${value} (Ziel ${target})`,
    holds: 'erreicht',
    misses: 'verfehlt',
    nothing: 'nichts zu zählen',
    journeys: 'Kundenwege ansehen',
    goalsLink: 'Ziele ansehen',
    footer:
      'Sie erhalten diese Zusammenfassung jeden Montag um 7 Uhr, weil Sie sie in Ihrem Konto eingeschaltet haben. Dort schalten Sie sie auch wieder aus.',
  },
  en: {
    subject: (from: string, to: string) => `Touchpoint: your week from ${from} to ${to}`,
    greeting: (name: string) => `Good morning ${name},`,
    intro: (from: string, to: string) => `this is how the week from ${from} to ${to} went.`,
    conversations: 'Conversations begun',
    outcomes: 'Outcomes',
    oneTouch: 'resolved with one answer',
    afterHandoffs: 'resolved after handoffs',
    abandoned: 'abandoned without an answer',
    reopened: 'reopened',
    moments: 'Where customers waited longest',
    noMoments: 'No waits this week.',
    firstResponse: (from: string, to: string) => `First response: ${from} → ${to}`,
    consult: (from: string, to: string) => `Consult: ${from} → ${to}`,
    transfer: (from: string, to: string) => `Transfer: ${from} → ${to}`,
    moment: (median: string, unanswered: string, count: number) =>
      `median ${median}, ${unanswered} unanswered (of ${count})`,
    noTeam: 'no team',
    noChannel: 'no channel',
    csat: 'Satisfaction',
    csatLine: (average: string, rate: string, rated: number, requested: number) =>
      `average ${average} of 5, response rate ${rate} (${rated} of ${requested} surveys)`,
    noCsat: 'No surveys this week.',
    goals: 'Goals',
    noGoals: 'No shared goals yet.',
    goalLine: (value: string, target: string) => `${value} (target ${target})`,
    holds: 'met',
    misses: 'missed',
    nothing: 'nothing to count',
    journeys: 'See the journeys',
    goalsLink: 'See the goals',
    footer:
      'You get this summary every Monday at 07:00 because you turned it on in your account; turn it off there too.',
  },
} as const;

export const summaryLocale = (locale: string | null | undefined): Locale =>
  locale === 'en' ? 'en' : 'de';

/** The summary of one week for one person, as plain text and simple HTML (every value escaped). */
export function composeSummary(
  figures: SummaryFigures,
  person: { name: string; locale: Locale },
  publicUrl: string,
): SummaryMail {
  const lang = person.locale;
  const t = TEXTS[lang];
  const tag = lang === 'de' ? 'de-DE' : 'en-GB';
  const date = (iso: string) =>
    new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${iso}T00:00:00Z`),
    );
  const percent = (share: number) =>
    new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 }).format(share);
  const decimal = (n: number) =>
    new Intl.NumberFormat(tag, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);
  const duration = (seconds: number | null) => {
    if (seconds === null) return '–';
    if (seconds < 3600) return `${Math.max(1, Math.round(seconds / 60))} min`;
    if (seconds < 86_400) return `${decimal(seconds / 3600)} ${lang === 'de' ? 'Std.' : 'h'}`;
    return `${decimal(seconds / 86_400)} ${lang === 'de' ? 'Tage' : 'days'}`;
  };
  const goalValue = (kind: GoalKind, v: number) =>
    kind === 'csat_average' ? decimal(v) : percent(v);

  const from = date(figures.from);
  const to = date(figures.to);
  const o = figures.outcomes;
  const outcomes: [string, number][] = [
    [t.oneTouch, o.oneTouch],
    [t.afterHandoffs, o.afterHandoffs],
    [t.abandoned, o.abandoned],
    [t.reopened, o.reopened],
  ];
  const moments = figures.moments.map((m) => {
    const start =
      m.kind === 'first_response'
        ? m.fromChannel
          ? CHANNELS[lang][m.fromChannel]
          : t.noChannel
        : (m.fromTeam ?? t.noTeam);
    const end = m.toTeam ?? t.noTeam;
    const title =
      m.kind === 'first_response'
        ? t.firstResponse(start, end)
        : m.kind === 'consult'
          ? t.consult(start, end)
          : t.transfer(start, end);
    return {
      title,
      detail: t.moment(duration(m.medianSeconds), percent(m.unansweredShare), m.count),
    };
  });
  const c = figures.csat;
  const csat =
    c.requested === 0
      ? t.noCsat
      : t.csatLine(
          c.average === null ? '–' : decimal(c.average),
          c.responseRate === null ? '–' : percent(c.responseRate),
          c.rated,
          c.requested,
        );
  const goals = figures.goals.map((g) => ({
    name: g.name,
    line: t.goalLine(
      g.value === null ? t.nothing : goalValue(g.kind, g.value),
      goalValue(g.kind, g.target),
    ),
    verdict: g.holds === null ? null : g.holds ? t.holds : t.misses,
  }));
  const journeysUrl = `${publicUrl}/journeys`;
  const goalsUrl = `${publicUrl}/goals`;

  const text = [
    t.greeting(person.name),
    t.intro(from, to),
    '',
    `${t.conversations}: ${figures.conversations}`,
    '',
    `${t.outcomes}:`,
    ...outcomes.map(([label, n]) => `- ${n} ${label}`),
    '',
    `${t.moments}:`,
    ...(moments.length
      ? moments.map((m, i) => `${i + 1}. ${m.title}: ${m.detail}`)
      : [t.noMoments]),
    '',
    `${t.csat}: ${csat}`,
    '',
    `${t.goals}:`,
    ...(goals.length
      ? goals.map((g) => `- ${g.name}: ${g.line}${g.verdict ? `, ${g.verdict}` : ''}`)
      : [t.noGoals]),
    '',
    `${t.journeys}: ${journeysUrl}`,
    `${t.goalsLink}: ${goalsUrl}`,
    '',
    '-- ',
    t.footer,
    '',
  ].join('\n');

  const e = escapeMarkup;
  const h2 = (s: string) => `<h2 style="font-size:16px;margin:20px 0 6px">${e(s)}</h2>`;
  const list = (items: string[], ordered = false) =>
    `<${ordered ? 'ol' : 'ul'} style="margin:0;padding-left:20px">${items.map((i) => `<li>${i}</li>`).join('')}</${ordered ? 'ol' : 'ul'}>`;
  const html = [
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${e(t.subject(from, to))}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;color:#1f2328;max-width:640px">',
    `<p>${e(t.greeting(person.name))}<br>${e(t.intro(from, to))}</p>`,
    h2(t.conversations),
    `<p style="font-size:24px;font-weight:bold;margin:0">${figures.conversations}</p>`,
    h2(t.outcomes),
    list(outcomes.map(([label, n]) => `<strong>${n}</strong> ${e(label)}`)),
    h2(t.moments),
    moments.length
      ? list(
          moments.map((m) => `<strong>${e(m.title)}</strong>: ${e(m.detail)}`),
          true,
        )
      : `<p>${e(t.noMoments)}</p>`,
    h2(t.csat),
    `<p>${e(csat)}</p>`,
    h2(t.goals),
    goals.length
      ? list(
          goals.map(
            (g) =>
              `<strong>${e(g.name)}</strong>: ${e(g.line)}${g.verdict ? `, <strong>${e(g.verdict)}</strong>` : ''}`,
          ),
        )
      : `<p>${e(t.noGoals)}</p>`,
    `<p style="margin-top:20px"><a href="${e(journeysUrl)}">${e(t.journeys)}</a> · <a href="${e(goalsUrl)}">${e(t.goalsLink)}</a></p>`,
    `<p style="color:#59636e;font-size:12px">${e(t.footer)}</p>`,
    '</body></html>',
  ].join('\n');

  return { subject: t.subject(from, to), text, html };
}
