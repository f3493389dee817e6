import { createHash } from 'node:crypto';
import { recordingUrlSchema, type CallDetailsDto, type ChannelConfig } from '@touchpoint/shared';
import { escapeMarkup } from '../../../../core/text/escape-markup';
import { normalizeAddress } from '../../../contacts/identity-address';
import type { CallReport, InboundIdentity, NormalizedMessage } from '../../channel-adapter';
import type { TwilioParams } from './twilio-signature';
import { isForm, param } from './twilio-webhook.parser';

/**
 * Where Twilio tells us about a call, each a webhook of its own under `/webhooks/twilio/:id/voice`:
 * `incoming` (the number's "A call comes in" URL, answered with TwiML), `status` ("Call status
 * changes"), `dialed` (the forwarded call ended), `voicemail` (a message was recorded) and
 * `transcription` (its text is ready).
 */
export const VOICE_ROUTES = ['incoming', 'status', 'dialed', 'voicemail', 'transcription'] as const;
export type VoiceRoute = (typeof VOICE_ROUTES)[number];

/**
 * How much each report knows of how a call ended. "Completed" in a status callback only says that
 * something answered, Touchpoint's voicemail included; a forwarded call's own status says whether a
 * person picked up; a recorded voicemail settles it.
 */
const RANK: Record<VoiceRoute, number> = {
  status: 1,
  incoming: 2,
  dialed: 3,
  voicemail: 4,
  transcription: 5,
};

/** Statuses a call ends with, in our words; the others say it is still going. */
const ENDED: Record<string, CallDetailsDto['outcome']> = {
  completed: 'answered',
  busy: 'busy',
  'no-answer': 'missed',
  canceled: 'missed',
  failed: 'failed',
};

const SID = /^CA[A-Za-z0-9]{16,62}$/;
const KEY = /^call:(CA[A-Za-z0-9]{16,62}):([a-z]+)(:.*)?$/;

/** A parameter's value without the blanks around it. */
const value = (params: Record<string, unknown>, name: string) => param(params, name)?.trim();

/**
 * The key a voice webhook is stored under: one per call and report (and status, which Twilio may
 * report several of), so Twilio's retries are duplicates and every report of a call is kept.
 * Without a call SID, the bytes decide.
 */
export function voiceKey(route: VoiceRoute, params: TwilioParams, raw: Buffer | undefined): string {
  const sid = value(params, 'CallSid');
  if (sid && SID.test(sid)) {
    const status = (value(params, 'CallStatus') ?? '').toLowerCase().replace(/[^a-z-]/g, '');
    return `call:${sid}:${route}${route === 'status' ? `:${status.slice(0, 40)}` : ''}`;
  }
  return `body:${createHash('sha256')
    .update(raw ?? '')
    .digest('hex')}`;
}

/** Whether a stored event is a report about a call (its key says so). */
export const isVoiceKey = (providerMessageId: string) => providerMessageId.startsWith('call:');

export type VoiceReading =
  | { kind: 'call'; message: NormalizedMessage }
  | { kind: 'ignored'; reason: string }
  | { kind: 'invalid'; reason: string };

/**
 * Reads one stored voice webhook as news about its call: the call entry's message, keyed by the
 * call SID, with what this report knows (`callReport`). Pure; `receivedAt` is when it came.
 */
export function readVoiceWebhook(
  providerMessageId: string,
  payload: unknown,
  receivedAt: Date,
): VoiceReading {
  const match = KEY.exec(providerMessageId);
  const route = match?.[2] as VoiceRoute | undefined;
  if (!match || !route || !Object.hasOwn(RANK, route) || !isForm(payload))
    return { kind: 'invalid', reason: 'Not a Twilio call webhook: no CallSid' };
  const callSid = match[1];
  const rank = RANK[route];

  const direction = value(payload, 'Direction')?.toLowerCase() ?? 'inbound';
  // Our own forwarding leg (to the team's phone) is not a call with the customer.
  if (direction === 'outbound-dial')
    return { kind: 'ignored', reason: 'The forwarded leg of a call, not a call with a customer' };
  const inbound = !direction.startsWith('outbound');
  const from = value(payload, 'From') || null;
  const to = value(payload, 'To') || null;

  const news = reportOf(route, payload, receivedAt);
  if ('ignored' in news) return { kind: 'ignored', reason: news.ignored };
  const call: CallDetailsDto = {
    direction: inbound ? 'inbound' : 'outbound',
    outcome: news.outcome ?? 'missed',
    startedAt: news.startedAt ?? null,
    durationSeconds: news.durationSeconds ?? 0,
    from: from?.slice(0, 100) ?? null,
    to: to?.slice(0, 100) ?? null,
    recordingUrl: news.recordingUrl ?? null,
  };
  const report: CallReport = {};
  for (const field of news.knows) report[field] = rank;
  return {
    kind: 'call',
    message: {
      providerMessageId: `call:${callSid}`,
      contact: callerOf(inbound ? from : to, callSid),
      text: news.transcript ?? '',
      attachments: [],
      call,
      callReport: report,
    },
  };
}

interface News {
  outcome?: CallDetailsDto['outcome'];
  durationSeconds?: number;
  startedAt?: string;
  recordingUrl?: string;
  transcript?: string;
  knows: (keyof CallReport)[];
}

function reportOf(
  route: VoiceRoute,
  p: Record<string, unknown>,
  receivedAt: Date,
): News | { ignored: string } {
  switch (route) {
    case 'incoming':
      // Nobody has picked up yet: missed, unless a later report says otherwise.
      return {
        outcome: 'missed',
        durationSeconds: 0,
        startedAt: receivedAt.toISOString(),
        knows: ['outcome', 'durationSeconds', 'startedAt'],
      };
    case 'status': {
      const status = value(p, 'CallStatus')?.toLowerCase() ?? '';
      const outcome = Object.hasOwn(ENDED, status) ? ENDED[status] : undefined;
      if (!outcome)
        return { ignored: `Twilio call status '${status.slice(0, 40)}': the call is not over yet` };
      const duration = outcome === 'answered' ? seconds(value(p, 'CallDuration')) : 0;
      const endedAt = Date.parse(value(p, 'Timestamp') ?? '');
      const recordingUrl = httpsUrl(value(p, 'RecordingUrl'));
      return {
        outcome,
        durationSeconds: duration,
        ...(Number.isFinite(endedAt) && {
          startedAt: new Date(endedAt - duration * 1000).toISOString(),
        }),
        ...(recordingUrl && { recordingUrl }),
        knows: [
          'outcome',
          'durationSeconds',
          ...(Number.isFinite(endedAt) ? (['startedAt'] as const) : []),
          ...(recordingUrl ? (['recordingUrl'] as const) : []),
        ],
      };
    }
    case 'dialed': {
      const status = value(p, 'DialCallStatus')?.toLowerCase();
      const answered = status === 'completed' || status === 'answered';
      return {
        outcome: answered ? 'answered' : 'missed',
        durationSeconds: answered ? seconds(value(p, 'DialCallDuration')) : 0,
        knows: ['outcome', 'durationSeconds'],
      };
    }
    case 'voicemail': {
      const recordingUrl = httpsUrl(value(p, 'RecordingUrl'));
      if (!recordingUrl) return { ignored: 'The caller left no voicemail' };
      return {
        outcome: 'voicemail',
        durationSeconds: 0,
        recordingUrl,
        knows: ['outcome', 'durationSeconds', 'recordingUrl'],
      };
    }
    case 'transcription': {
      const status = value(p, 'TranscriptionStatus')?.toLowerCase();
      const recordingUrl = httpsUrl(value(p, 'RecordingUrl'));
      const text = value(p, 'TranscriptionText');
      return {
        outcome: 'voicemail',
        durationSeconds: 0,
        ...(recordingUrl && { recordingUrl }),
        transcript:
          status === 'completed' && text
            ? text.slice(0, 20_000)
            : '[Twilio could not transcribe the voicemail: listen to the recording]',
        knows: [
          'outcome',
          'durationSeconds',
          'transcript',
          ...(recordingUrl ? (['recordingUrl'] as const) : []),
        ],
      };
    }
  }
}

/**
 * The customer's number. Caller ids can be forged, so it is not marked verified. A caller who
 * withholds the number becomes a contact of their own for this call, never someone else's.
 */
function callerOf(number: string | null, callSid: string): NormalizedMessage['contact'] {
  const phone = number ? normalizeAddress('phone', number.replace(/^[a-z]+:/i, '')) : null;
  const identities: InboundIdentity[] = phone
    ? [{ kind: 'phone', address: phone }]
    : [{ kind: 'api', address: `anonymous-call:${callSid}` }];
  return phone ? { identities } : { identities, name: 'Anonymous caller' };
}

function seconds(value: string | undefined): number {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) && n > 0 ? Math.min(n, 24 * 3600) : 0;
}

/** A recording link is shown to agents: web addresses only, as for a call logged through the API. */
function httpsUrl(link: string | undefined): string | undefined {
  return link && recordingUrlSchema.safeParse(link).success ? link : undefined;
}

/** What a caller hears before the tone, in the channel's language unless the admin wrote it. */
const GREETINGS: Record<string, string> = {
  de: 'Bitte hinterlassen Sie nach dem Signalton eine Nachricht.',
  en: 'Please leave a message after the tone.',
};
const NOTHING_RECORDED: Record<string, string> = {
  de: 'Es wurde keine Nachricht aufgenommen. Auf Wiederhören.',
  en: 'No message was recorded. Goodbye.',
};

/** Twilio transcribes voicemails of up to two minutes. */
const VOICEMAIL_MAX_SECONDS = 120;
/** How long a forwarded call rings before the caller reaches the voicemail. */
const FORWARD_RING_SECONDS = 20;

const twiml = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`;

/** The TwiML that answers a call, given the channel's settings and its voice webhooks' base URL. */
export function answerCallTwiml(config: ChannelConfig<'twilio'>, base: string): string {
  const forwardTo = config.voiceForwardTo?.trim();
  if (!forwardTo) return voicemailTwiml(config, base);
  return twiml(
    `<Dial action="${escapeMarkup(`${base}/dialed`)}" method="POST" timeout="${FORWARD_RING_SECONDS}" answerOnBridge="true">` +
      `<Number>${escapeMarkup(forwardTo)}</Number></Dial>`,
  );
}

/** After a forwarded call: done if someone picked up, else the voicemail. */
export function afterDialTwiml(
  config: ChannelConfig<'twilio'>,
  base: string,
  params: TwilioParams,
): string {
  const status = value(params, 'DialCallStatus')?.toLowerCase();
  return status === 'completed' || status === 'answered'
    ? twiml('<Hangup/>')
    : voicemailTwiml(config, base);
}

/** The greeting, the tone and a recording (transcribed by Twilio when it is in English). */
export function voicemailTwiml(config: ChannelConfig<'twilio'>, base: string): string {
  const language = config.voiceLanguage ?? 'en-US';
  const short = language.slice(0, 2);
  const greeting = config.voiceGreeting?.trim() || GREETINGS[short] || GREETINGS.en;
  const say = (text: string) =>
    `<Say language="${escapeMarkup(language)}">${escapeMarkup(text)}</Say>`;
  return twiml(
    say(greeting) +
      `<Record action="${escapeMarkup(`${base}/voicemail`)}" method="POST" maxLength="${VOICEMAIL_MAX_SECONDS}" playBeep="true"` +
      // Twilio transcribes English voicemails only; others are listened to.
      (short === 'en'
        ? ` transcribe="true" transcribeCallback="${escapeMarkup(`${base}/transcription`)}"/>`
        : '/>') +
      say(NOTHING_RECORDED[short] ?? NOTHING_RECORDED.en) +
      '<Hangup/>',
  );
}

/** The end of a call once its voicemail is recorded. */
export const HANG_UP_TWIML = twiml('<Hangup/>');
