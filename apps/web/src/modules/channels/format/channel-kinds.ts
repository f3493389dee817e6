import type { ChannelDto, ChannelKind } from '@touchpoint/shared';
import type en from '../../../lib/locales/en.json';
import type { IconName } from '../../../ui/Icon';
import { CHANNEL_ICONS } from '../../inbox/format/channels';

type ChannelTexts = (typeof en)['channels'];
export type FieldLabel = keyof ChannelTexts['fields'];
export type FieldHint = keyof ChannelTexts['hints'];
export type GroupId = keyof ChannelTexts['groups'];
export type OptionalGroupId = keyof ChannelTexts['groupToggles'];
export type ListTexts = keyof ChannelTexts['lists'];

/** How a config value is entered; `list` is a list of objects, item by item. */
export type FieldInput =
  'text' | 'email' | 'url' | 'number' | 'secret' | 'checkbox' | 'lines' | 'list';

/** A text of one item of a `list` field (a WhatsApp template's name). */
export interface ListItemField {
  key: string;
  label: FieldLabel;
  multiline?: boolean;
}

/** One value of a kind's config schema (`channelConfigSchemas`), as the form shows it. */
export interface ConfigField {
  /** Key in the config, or in its group's object. */
  key: string;
  input: FieldInput;
  label: FieldLabel;
  hint?: FieldHint;
  /** The schema lets it out (or has a default): marked "optional", left out when empty. */
  optional?: boolean;
  /** A shared secret the admin makes up rather than copies from a provider: can be generated. */
  generate?: boolean;
  /** What a new channel starts with. */
  initial?: string | boolean;
  /** For `list` fields: the texts of one item, and the words for adding and removing one. */
  item?: readonly ListItemField[];
  list?: ListTexts;
}

/** A nested object of the config (`smtp`, `imap`): its fields as one group. */
export interface ConfigGroup {
  key: string;
  id: GroupId;
  /** Set when the whole object may be left out; the admin switches it on. */
  toggle?: OptionalGroupId;
  fields: readonly ConfigField[];
}

export interface KindSpec {
  icon: IconName;
  fields: readonly ConfigField[];
  groups: readonly ConfigGroup[];
}

/** A config field with its dotted path (`smtp.host`) and the group it belongs to. */
export interface PlacedField extends ConfigField {
  path: string;
  group?: ConfigGroup;
}

function mailServer(port: string, secure: boolean): ConfigField[] {
  return [
    { key: 'host', input: 'text', label: 'host' },
    { key: 'port', input: 'number', label: 'port', initial: port },
    { key: 'secure', input: 'checkbox', label: 'secure', hint: 'secure', initial: secure },
    { key: 'user', input: 'text', label: 'user', optional: true },
    { key: 'pass', input: 'secret', label: 'pass', optional: true },
  ];
}

const apiBaseUrl: ConfigField = {
  key: 'apiBaseUrl',
  input: 'url',
  label: 'apiBaseUrl',
  hint: 'apiBaseUrl',
  optional: true,
};

const metaSecrets: ConfigField[] = [
  { key: 'appSecret', input: 'secret', label: 'appSecret', hint: 'appSecret' },
  {
    key: 'verifyToken',
    input: 'secret',
    label: 'verifyToken',
    hint: 'verifyToken',
    generate: true,
  },
  apiBaseUrl,
];

/**
 * The form of each kind, field by field as in `channelConfigSchemas` (a test keeps the two in
 * step): order, input type, texts, and which values the admin invents rather than copies.
 */
export const KIND_SPECS: Record<ChannelKind, KindSpec> = {
  email: {
    icon: CHANNEL_ICONS.email,
    fields: [{ key: 'address', input: 'email', label: 'address', hint: 'emailAddress' }],
    groups: [
      { key: 'smtp', id: 'emailSmtp', fields: mailServer('587', false) },
      { key: 'imap', id: 'emailImap', toggle: 'emailImap', fields: mailServer('993', true) },
    ],
  },
  form: {
    icon: CHANNEL_ICONS.form,
    fields: [{ key: 'replyFrom', input: 'email', label: 'replyFrom', hint: 'formReplyFrom' }],
    groups: [{ key: 'smtp', id: 'formSmtp', toggle: 'formSmtp', fields: mailServer('587', false) }],
  },
  webchat: {
    icon: CHANNEL_ICONS.webchat,
    fields: [
      { key: 'secret', input: 'secret', label: 'secret', hint: 'webchatSecret', generate: true },
      {
        key: 'allowedOrigins',
        input: 'lines',
        label: 'allowedOrigins',
        hint: 'allowedOrigins',
        optional: true,
      },
      { key: 'greeting', input: 'text', label: 'greeting', hint: 'greeting', optional: true },
      {
        key: 'replyFrom',
        input: 'email',
        label: 'replyFrom',
        hint: 'webchatReplyFrom',
        optional: true,
      },
    ],
    groups: [],
  },
  api: {
    icon: CHANNEL_ICONS.api,
    fields: [
      { key: 'secret', input: 'secret', label: 'secret', hint: 'apiSecret', generate: true },
      {
        key: 'callbackUrl',
        input: 'url',
        label: 'callbackUrl',
        hint: 'callbackUrl',
        optional: true,
      },
    ],
    groups: [],
  },
  twilio: {
    icon: CHANNEL_ICONS.twilio,
    fields: [
      { key: 'accountSid', input: 'text', label: 'accountSid', hint: 'accountSid' },
      { key: 'authToken', input: 'secret', label: 'authToken', hint: 'authToken' },
      {
        key: 'phoneNumber',
        input: 'text',
        label: 'phoneNumber',
        hint: 'phoneNumber',
        optional: true,
      },
      {
        key: 'messagingServiceSid',
        input: 'text',
        label: 'messagingServiceSid',
        hint: 'messagingServiceSid',
        optional: true,
      },
      {
        key: 'voiceForwardTo',
        input: 'text',
        label: 'voiceForwardTo',
        hint: 'voiceForwardTo',
        optional: true,
      },
      // One spoken text (a string, not a list): `lines` would send an array.
      {
        key: 'voiceGreeting',
        input: 'text',
        label: 'voiceGreeting',
        hint: 'voiceGreeting',
        optional: true,
      },
      {
        key: 'voiceLanguage',
        input: 'text',
        label: 'voiceLanguage',
        hint: 'voiceLanguage',
        optional: true,
      },
      apiBaseUrl,
    ],
    groups: [],
  },
  whatsapp: {
    icon: CHANNEL_ICONS.whatsapp,
    fields: [
      { key: 'phoneNumberId', input: 'text', label: 'phoneNumberId', hint: 'phoneNumberId' },
      {
        key: 'accessToken',
        input: 'secret',
        label: 'accessToken',
        hint: 'whatsappAccessToken',
      },
      ...metaSecrets,
      {
        key: 'templates',
        input: 'list',
        label: 'templates',
        hint: 'templates',
        optional: true,
        list: 'templates',
        item: [
          { key: 'name', label: 'templateName' },
          { key: 'language', label: 'templateLanguage' },
          { key: 'body', label: 'templateBody', multiline: true },
        ],
      },
    ],
    groups: [],
  },
  messenger: {
    icon: CHANNEL_ICONS.messenger,
    fields: [
      { key: 'pageId', input: 'text', label: 'pageId', hint: 'messengerPageId' },
      {
        key: 'pageAccessToken',
        input: 'secret',
        label: 'pageAccessToken',
        hint: 'messengerPageAccessToken',
      },
      ...metaSecrets,
    ],
    groups: [],
  },
  instagram: {
    icon: CHANNEL_ICONS.instagram,
    fields: [
      { key: 'pageId', input: 'text', label: 'pageId', hint: 'instagramPageId' },
      {
        key: 'pageAccessToken',
        input: 'secret',
        label: 'pageAccessToken',
        hint: 'instagramPageAccessToken',
      },
      ...metaSecrets,
    ],
    groups: [],
  },
  telegram: {
    icon: CHANNEL_ICONS.telegram,
    fields: [
      { key: 'botToken', input: 'secret', label: 'botToken', hint: 'botToken' },
      {
        key: 'secretToken',
        input: 'secret',
        label: 'secretToken',
        hint: 'secretToken',
        generate: true,
      },
      apiBaseUrl,
    ],
    groups: [],
  },
};

/** Every field of a kind, top-level first, then group by group, each with its dotted path. */
export function placedFields(kind: ChannelKind): PlacedField[] {
  const spec = KIND_SPECS[kind];
  return [
    ...spec.fields.map((field) => ({ ...field, path: field.key })),
    ...spec.groups.flatMap((group) =>
      group.fields.map((field) => ({ ...field, path: `${group.key}.${field.key}`, group })),
    ),
  ];
}

/** Name order, as the server lists channels. */
export function byName(a: ChannelDto, b: ChannelDto): number {
  return a.name.localeCompare(b.name);
}
