import { z } from 'zod';
import { CHANNEL_KINDS, type ChannelKind } from '../constants/channels';
import { emailSchema, uuidSchema } from './common.schema';

/** Secret config values come back as this mask; sending the mask back keeps the stored value. */
export const SECRET_MASK = '********';

const secret = (min = 8) =>
  z
    .string()
    .min(min, { message: `must be at least ${min} characters` })
    .max(500);
const httpUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' });
const host = z.string().trim().min(1, { message: 'is required' }).max(255);
const port = z.number().int().min(1).max(65535);

const mailServer = z
  .object({
    host,
    port,
    secure: z.boolean().default(false),
    user: z.string().max(255).optional(),
    pass: z.string().max(500).optional(),
  })
  .strict();

/**
 * A message template approved by the provider (WhatsApp), as the admin copies it from WhatsApp
 * Manager: its name, its language code and its body text with `{{1}}`, `{{2}}`... for the variables.
 */
export const messageTemplateSchema = z
  .object({
    name: z
      .string()
      .max(512)
      .regex(/^[a-z0-9_]+$/, { message: 'may only contain a-z, 0-9 and _ (as WhatsApp names it)' }),
    language: z.string().regex(/^[a-z]{2,3}(_[A-Za-z]{2,4})?$/, {
      message: 'must be a language code such as de or en_US',
    }),
    body: z.string().trim().min(1, { message: 'is required' }).max(1024),
  })
  .strict();
export type MessageTemplate = z.output<typeof messageTemplateSchema>;

export const channelConfigSchemas = {
  email: z.object({ address: emailSchema, smtp: mailServer, imap: mailServer.optional() }).strict(),
  form: z.object({ replyFrom: emailSchema, smtp: mailServer.optional() }).strict(),
  webchat: z
    .object({
      secret: secret(16),
      allowedOrigins: z.array(z.string().max(255)).max(50).default([]),
      greeting: z.string().max(500).optional(),
      replyFrom: emailSchema.optional(),
    })
    .strict(),
  api: z.object({ secret: secret(16), callbackUrl: httpUrl.optional() }).strict(),
  twilio: z
    .object({
      accountSid: z.string().min(1),
      authToken: secret(8),
      phoneNumber: z.string().optional(),
      messagingServiceSid: z.string().optional(),
      /** Calls to the number ring here first (international format); unanswered ones reach the voicemail. */
      voiceForwardTo: z
        .string()
        .trim()
        .regex(/^\+[1-9]\d{6,14}$/, { message: 'must be a phone number such as +4930123456' })
        .optional(),
      /** What a caller hears before the voicemail's tone. */
      voiceGreeting: z.string().trim().max(500).optional(),
      /** The language the greeting is spoken in, as Twilio's voices name it. */
      voiceLanguage: z
        .string()
        .regex(/^[a-z]{2,3}-[A-Z]{2}$/, { message: 'must be a language such as de-DE or en-US' })
        .optional(),
      apiBaseUrl: httpUrl.optional(),
    })
    .strict(),
  whatsapp: z
    .object({
      phoneNumberId: z.string().min(1),
      accessToken: secret(8),
      appSecret: secret(8),
      verifyToken: secret(8),
      apiBaseUrl: httpUrl.optional(),
      /** Templates approved in WhatsApp Manager: what may still be sent 24 hours after the customer last wrote. */
      templates: z.array(messageTemplateSchema).max(250).optional(),
    })
    .strict(),
  messenger: z
    .object({
      pageId: z.string().min(1),
      pageAccessToken: secret(8),
      appSecret: secret(8),
      verifyToken: secret(8),
      apiBaseUrl: httpUrl.optional(),
    })
    .strict(),
  instagram: z
    .object({
      pageId: z.string().min(1),
      pageAccessToken: secret(8),
      appSecret: secret(8),
      verifyToken: secret(8),
      apiBaseUrl: httpUrl.optional(),
    })
    .strict(),
  telegram: z
    .object({
      botToken: secret(8),
      // Telegram echoes it in X-Telegram-Bot-Api-Secret-Token and takes only these characters.
      secretToken: z
        .string()
        .min(8, { message: 'must be at least 8 characters' })
        .max(256)
        .regex(/^[A-Za-z0-9_-]+$/, { message: 'may only contain A-Z, a-z, 0-9, _ and -' }),
      apiBaseUrl: httpUrl.optional(),
    })
    .strict(),
} satisfies Record<ChannelKind, z.ZodType>;

export type ChannelConfig<K extends ChannelKind = ChannelKind> = z.output<
  (typeof channelConfigSchemas)[K]
>;

/** Keys of each kind's config whose values are secrets (masked in answers). */
export const CHANNEL_SECRET_KEYS: Record<ChannelKind, string[]> = {
  email: ['smtp.pass', 'imap.pass'],
  form: ['smtp.pass'],
  webchat: ['secret'],
  api: ['secret'],
  twilio: ['authToken'],
  whatsapp: ['accessToken', 'appSecret', 'verifyToken'],
  messenger: ['pageAccessToken', 'appSecret', 'verifyToken'],
  instagram: ['pageAccessToken', 'appSecret', 'verifyToken'],
  telegram: ['botToken', 'secretToken'],
};

const channelName = z.string().trim().min(1, { message: 'is required' }).max(120);

/** Create: `config` is validated against the schema of `kind` by the api. */
export const createChannelSchema = z
  .object({
    kind: z.enum(CHANNEL_KINDS, { message: `must be one of ${CHANNEL_KINDS.join(', ')}` }),
    name: channelName,
    teamId: uuidSchema,
    config: z.record(z.string(), z.unknown()),
    enabled: z.boolean().default(true),
  })
  .strict();
export type CreateChannelRequest = z.input<typeof createChannelSchema>;

export const updateChannelSchema = z
  .object({
    name: channelName,
    teamId: uuidSchema,
    config: z.record(z.string(), z.unknown()),
    enabled: z.boolean(),
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to update' });
export type UpdateChannelRequest = z.input<typeof updateChannelSchema>;

/** What a connection check found: `message` says what works, or what is wrong and where. */
export interface ChannelCheckDto {
  ok: boolean;
  message: string;
}

export interface ChannelDto {
  id: string;
  kind: ChannelKind;
  name: string;
  teamId: string;
  enabled: boolean;
  /** Secrets replaced by SECRET_MASK. */
  config: Record<string, unknown>;
  /** Where the provider must send events (webhook URL, form URL, SMTP address), for the set-up screen. */
  endpoints: Record<string, string>;
  createdAt: string;
}

/** A channel as agents see it (no config). */
export interface ChannelRefDto {
  id: string;
  kind: ChannelKind;
  name: string;
}
