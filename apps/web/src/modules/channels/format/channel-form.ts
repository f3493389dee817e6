import type { TFunction } from 'i18next';
import {
  channelConfigSchemas,
  createChannelSchema,
  SECRET_MASK,
  updateChannelSchema,
  type ChannelDto,
  type ChannelKind,
  type CreateChannelRequest,
  type UpdateChannelRequest,
} from '@touchpoint/shared';
import type { z } from 'zod';
import type { ApiError } from '../../../api/http';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { KIND_SPECS, placedFields, type PlacedField } from './channel-kinds';

type Config = Record<string, unknown>;

/** One item of a `list` field, by its keys, as typed. */
export type ListRow = Readonly<Record<string, string>>;

/** A value as typed: text, a checkbox, or the items of a list. */
export type DraftValue = string | boolean | readonly ListRow[];

/** A text or checkbox value (a list has none). */
export function scalarValue(value: DraftValue | undefined): string | boolean {
  return typeof value === 'string' || typeof value === 'boolean' ? value : '';
}

/** The form as the admin edits it: every value as typed (checkboxes as booleans). */
export interface ChannelDraft {
  kind: ChannelKind;
  name: string;
  /** '' until a team is chosen. */
  teamId: string;
  /** By dotted config path (`smtp.host`). */
  values: Record<string, DraftValue>;
  /** Optional groups (`imap`) by key: on when the config has them. */
  groups: Record<string, boolean>;
  /** Secret paths the server holds a value for: left empty, they keep it. */
  savedSecrets: readonly string[];
}

/** A field of the form: `name`, `teamId`, or `config.<path>`, as the API names them. */
export type FieldKey = string;
export type FieldErrors = Partial<Record<FieldKey, string>>;

export const configKey = (path: string): FieldKey => `config.${path}`;

function getPath(config: Config, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        value && typeof value === 'object' && !Array.isArray(value)
          ? (value as Config)[key]
          : undefined,
      config,
    );
}

function isObject(value: unknown): value is Config {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function initialValue(field: PlacedField): DraftValue {
  if (field.input === 'list') return [];
  return field.initial ?? (field.input === 'checkbox' ? false : '');
}

/** A new channel of `kind`: the spec's starting values, the only team if there is one. */
export function emptyDraft(kind: ChannelKind, teamIds: readonly string[]): ChannelDraft {
  const values: ChannelDraft['values'] = {};
  for (const field of placedFields(kind)) values[field.path] = initialValue(field);
  return {
    kind,
    name: '',
    teamId: teamIds.length === 1 ? (teamIds[0] ?? '') : '',
    values,
    groups: {},
    savedSecrets: [],
  };
}

function draftValue(field: PlacedField, value: unknown): DraftValue {
  switch (field.input) {
    case 'list':
      return Array.isArray(value)
        ? value.map((item: unknown) =>
            Object.fromEntries(
              (field.item ?? []).map((sub) => {
                const text = isObject(item) ? item[sub.key] : undefined;
                return [sub.key, typeof text === 'string' ? text : ''];
              }),
            ),
          )
        : [];
    case 'checkbox':
      return value === true;
    case 'secret':
      return ''; // saved secrets come masked: the field stays empty and keeps them
    case 'lines':
      return Array.isArray(value) ? value.map(String).join('\n') : '';
    case 'number':
      return typeof value === 'number' ? String(value) : '';
    default:
      return typeof value === 'string' ? value : '';
  }
}

/** The form of a saved channel: its config, secrets empty but remembered as saved. */
export function channelDraft(channel: ChannelDto): ChannelDraft {
  const values: ChannelDraft['values'] = {};
  const groups: ChannelDraft['groups'] = {};
  const savedSecrets: string[] = [];
  for (const field of placedFields(channel.kind)) {
    const value = getPath(channel.config, field.path);
    values[field.path] =
      field.group && !isObject(channel.config[field.group.key])
        ? initialValue(field)
        : draftValue(field, value);
    if (field.input === 'secret' && value === SECRET_MASK) savedSecrets.push(field.path);
  }
  for (const group of KIND_SPECS[channel.kind].groups)
    if (group.toggle) groups[group.key] = isObject(channel.config[group.key]);
  return {
    kind: channel.kind,
    name: channel.name,
    teamId: channel.teamId,
    values,
    groups,
    savedSecrets,
  };
}

/** Whether a field counts: top-level fields always, grouped ones while their group is on. */
export function isActive(draft: ChannelDraft, field: PlacedField): boolean {
  return !field.group?.toggle || draft.groups[field.group.key] === true;
}

/** A value for the config, or undefined to leave it out. */
function configValue(draft: ChannelDraft, field: PlacedField): unknown {
  const raw = draft.values[field.path];
  if (field.input === 'checkbox') return raw === true;
  if (field.input === 'list') {
    const rows = Array.isArray(raw) ? (raw as readonly ListRow[]) : [];
    if (rows.length === 0 && field.optional) return undefined;
    return rows.map((row) =>
      Object.fromEntries((field.item ?? []).map((sub) => [sub.key, (row[sub.key] ?? '').trim()])),
    );
  }
  const text = typeof raw === 'string' ? raw : '';
  switch (field.input) {
    case 'secret':
      // Secrets are sent as typed; an empty one keeps what the server holds.
      if (text === '' && draft.savedSecrets.includes(field.path)) return SECRET_MASK;
      return text === '' && field.optional ? undefined : text;
    case 'number':
      return text.trim() === '' ? Number.NaN : Number(text);
    case 'lines':
      return text
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
    default: {
      const trimmed = text.trim();
      return trimmed === '' && field.optional ? undefined : trimmed;
    }
  }
}

/**
 * The config to send. It starts from the saved one (`base`), so keys this form does not know
 * are kept as they are, and overlays every field; groups switched off are left out.
 */
export function draftConfig(draft: ChannelDraft, base: Config = {}): Config {
  const config = JSON.parse(JSON.stringify(base)) as Config; // a copy: configs are plain JSON
  const spec = KIND_SPECS[draft.kind];
  for (const group of spec.groups) {
    const saved = config[group.key];
    if (group.toggle && !draft.groups[group.key]) delete config[group.key];
    else config[group.key] = isObject(saved) ? { ...saved } : {};
  }
  for (const field of placedFields(draft.kind)) {
    if (!isActive(draft, field)) continue;
    const target = field.group ? (config[field.group.key] as Config) : config;
    const value = configValue(draft, field);
    if (value === undefined) delete target[field.key];
    else target[field.key] = value;
  }
  return config;
}

export function createRequest(draft: ChannelDraft): CreateChannelRequest {
  return {
    kind: draft.kind,
    name: draft.name.trim(),
    teamId: draft.teamId,
    config: draftConfig(draft),
  };
}

/** The same JSON, whatever the key order. */
function sameJson(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b))
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, index) => sameJson(item, b[index]))
    );
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => sameJson(a[key], b[key]));
  }
  return Object.is(a, b);
}

/** The `PATCH` body: only what changed; the whole config when any of it did. */
export function updateRequest(draft: ChannelDraft, channel: ChannelDto): UpdateChannelRequest {
  const changes: UpdateChannelRequest = {};
  const name = draft.name.trim();
  if (name !== channel.name) changes.name = name;
  if (draft.teamId !== channel.teamId) changes.teamId = draft.teamId;
  const config = draftConfig(draft, channel.config);
  if (!sameJson(config, channel.config)) changes.config = config;
  return changes;
}

export function hasChanges(changes: UpdateChannelRequest): boolean {
  return Object.keys(changes).length > 0;
}

type Issue = z.core.$ZodIssue;

/**
 * The shared schema's patterns, by their source, with what they say in the user's language. A
 * pattern not listed here (or changed there) shows the schema's own message.
 */
const PATTERN_MESSAGES: Record<
  string,
  'tokenCharacters' | 'templateName' | 'languageCode' | 'phoneNumber' | 'voiceLanguage'
> = {
  [String(/^[A-Za-z0-9_-]+$/)]: 'tokenCharacters',
  [String(/^[a-z0-9_]+$/)]: 'templateName',
  [String(/^[a-z]{2,3}(_[A-Za-z]{2,4})?$/)]: 'languageCode',
  [String(/^\+[1-9]\d{6,14}$/)]: 'phoneNumber',
  [String(/^[a-z]{2,3}-[A-Z]{2}$/)]: 'voiceLanguage',
};

/** The field an issue's path points into (`allowedOrigins.2` → `allowedOrigins`). */
function fieldOfPath(kind: ChannelKind, path: readonly PropertyKey[]): PlacedField | undefined {
  const dotted = path.map(String).join('.');
  return placedFields(kind).find(
    (field) => dotted === field.path || dotted.startsWith(`${field.path}.`),
  );
}

/**
 * Where a complaint about `path` shows: at its field, or for an item of a list at that item's
 * text (`config.templates.2.name`).
 */
function errorKeyOf(field: PlacedField, path: readonly PropertyKey[]): FieldKey {
  const depth = field.path.split('.').length;
  const [index, sub] = path.slice(depth).map(String);
  if (field.input === 'list' && index !== undefined && sub !== undefined)
    return listKey(field, Number(index), sub);
  return configKey(field.path);
}

/** The key of one text of one item of a list field. */
export const listKey = (field: PlacedField, index: number, sub: string): FieldKey =>
  `${configKey(field.path)}.${index}.${sub}`;

/**
 * The schema's complaint in the user's language. The English texts are the schema's own words
 * (what the server would answer); anything unforeseen shows the schema's message as it is.
 */
export function issueMessage(issue: Issue, empty: boolean, t: TFunction): string {
  if (empty) return t('settings.validation.required');
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? t('settings.validation.required')
          : t('channels.validation.minLength', { min: Number(issue.minimum) });
      return t('settings.validation.min', { min: Number(issue.minimum) });
    case 'too_big':
      return issue.origin === 'string'
        ? t('settings.validation.tooLong', { max: Number(issue.maximum) })
        : t('settings.validation.max', { max: Number(issue.maximum) });
    case 'invalid_type':
      if (issue.expected === 'int') return t('settings.validation.whole');
      if (issue.expected === 'number') return t('settings.validation.number');
      return issue.message;
    case 'invalid_format':
      if (issue.format === 'email') return t('channels.validation.email');
      if (issue.format === 'url') return t('channels.validation.url');
      if (issue.format === 'regex') {
        const text = PATTERN_MESSAGES[String(issue.pattern)];
        if (text) return t(`channels.validation.${text}`);
      }
      return issue.message;
    default:
      return issue.message;
  }
}

export interface Validation {
  fields: FieldErrors;
  /** Problems of no field of the form (a key the form does not know). */
  other: string[];
}

function isEmptyValue(value: unknown): boolean {
  return value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** Nothing typed where the issue points (a number left empty is sent as NaN, but is "required"). */
function isEmptyAt(draft: ChannelDraft, field: PlacedField, path: readonly PropertyKey[]): boolean {
  const value = draft.values[field.path];
  if (field.input !== 'list' || !Array.isArray(value)) return isEmptyValue(value);
  const [index, sub] = path.slice(field.path.split('.').length).map(String);
  const row = index === undefined ? undefined : (value as readonly ListRow[])[Number(index)];
  return sub !== undefined && isEmptyValue(row?.[sub]);
}

/**
 * Checks name, team and config with the contract's schemas before anything is sent: one message
 * per field. Kept secrets are sent as the mask, which the schema cannot judge: they are skipped.
 */
export function validateDraft(
  draft: ChannelDraft,
  body: CreateChannelRequest | UpdateChannelRequest,
  t: TFunction,
): Validation {
  const fields: FieldErrors = {};
  const other: string[] = [];
  const top =
    'kind' in body ? createChannelSchema.safeParse(body) : updateChannelSchema.safeParse(body);
  if (!top.success) {
    for (const issue of top.error.issues) {
      const field = issue.path[0];
      if (field === 'name' || field === 'teamId') {
        const empty = isEmptyValue(body[field]);
        fields[field] ??= issueMessage(issue, empty, t);
      }
    }
  }
  const config = body.config;
  if (config === undefined) return { fields, other };
  const parsed = channelConfigSchemas[draft.kind].safeParse(config);
  if (parsed.success) return { fields, other };
  for (const issue of parsed.error.issues) {
    const field = fieldOfPath(draft.kind, issue.path);
    if (!field) {
      other.push(
        issue.path.length ? `${issue.path.map(String).join('.')} ${issue.message}` : issue.message,
      );
      continue;
    }
    if (getPath(config, field.path) === SECRET_MASK) continue;
    fields[errorKeyOf(field, issue.path)] ??= issueMessage(
      issue,
      isEmptyAt(draft, field, issue.path),
      t,
    );
  }
  return { fields, other };
}

export interface ServerErrors {
  fields: FieldErrors;
  /** Shown above the buttons: what belongs to no field. */
  other: string[];
}

/** `config.smtp.host is required; config.botToken must be …` → field messages and the rest. */
function splitConfigMessages(kind: ChannelKind, message: string, into: ServerErrors): void {
  for (const part of message.split('; ')) {
    const [, path, text] = /^config\.([\w.]+) (.+)$/.exec(part) ?? [];
    const field = path ? fieldOfPath(kind, path.split('.')) : undefined;
    if (field && path && text) into.fields[errorKeyOf(field, path.split('.'))] ??= text;
    else into.other.push(part);
  }
}

/**
 * Where the server's 4xx belongs. Validation errors name their fields (`details[]` or, for the
 * config, `config.<path> <message>` parts); a taken inbox address belongs to the address field,
 * an unknown team to the team field. Anything else is left for the general alert.
 */
export function serverErrors(error: ApiError, kind: ChannelKind, t: TFunction): ServerErrors {
  const result: ServerErrors = { fields: {}, other: [] };
  if (error.code === 'validation.failed') {
    for (const detail of error.details) {
      const [head, ...rest] = detail.path.split('.');
      if (head === 'name' || head === 'teamId') result.fields[head] ??= detail.message;
      else if (head === 'config' && rest.length) {
        const field = fieldOfPath(kind, rest);
        if (field) result.fields[errorKeyOf(field, rest)] ??= detail.message;
        else result.other.push(`${detail.path} ${detail.message}`);
      } else result.other.push(detail.path ? `${detail.path} ${detail.message}` : detail.message);
    }
    return result;
  }
  if (error.code === 'channels.invalid_config') {
    splitConfigMessages(kind, error.message, result);
    return result;
  }
  if (error.code === 'channels.refused_address') {
    // The parts name the refused fields; the closing advice is the operator's, said in our words.
    splitConfigMessages(kind, error.message, result);
    result.other = [t('channels.errors.refusedAddress')];
    return result;
  }
  if (error.code === 'channels.address_taken') {
    const field = kind === 'email' ? 'address' : kind === 'form' ? 'replyFrom' : undefined;
    if (field) result.fields[configKey(field)] = error.message;
    else result.other.push(error.message);
    return result;
  }
  if (isNotConnected(error)) {
    // The provider's reason names the field it is about (`check config.botToken`), if any.
    const named = /\bconfig\.([\w.]*\w)/.exec(error.message)?.[1];
    const field = named ? fieldOfPath(kind, named.split('.')) : undefined;
    if (field) result.fields[configKey(field.path)] = error.message;
    else result.other.push(error.message);
    return result;
  }
  if (error.code === 'team.not_found') {
    result.fields['teamId'] = t('channels.errors.teamGone');
    return result;
  }
  return result;
}

/**
 * The provider refused the settings (Telegram did not take the webhook) or could not be asked:
 * nothing was saved, and the message says why, in words for the admin.
 */
export function isNotConnected(error: ApiError): boolean {
  return error.code === 'channels.not_connected';
}

/** A failed change of a channel, in words: the provider's reason when it refused the settings. */
export function channelErrorMessage(error: ApiError, t: TFunction): string {
  return isNotConnected(error) ? error.message : apiErrorMessage(error, t);
}
