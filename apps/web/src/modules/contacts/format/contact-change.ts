import type { TFunction } from 'i18next';
import {
  CONSENT_CHANNELS,
  CONSENT_PURPOSES,
  PREFERRED_CHANNELS,
  type ConsentChannel,
  type ConsentPurpose,
  type ContactChangeDto,
  type PreferredChannel,
} from '@touchpoint/shared';
import { changeValueText, consentChannelLabel, preferredChannelLabel } from './contact-format';

/** One line of a history entry: what changed, from what, to what. */
export interface ChangeLine {
  key: string;
  label: string;
  before: string;
  after: string;
}

const FIELD_LABELS = [
  'name',
  'company',
  'language',
  'preferredChannel',
  'quietHours',
  'email',
  'phone',
  'body',
] as const;

const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The lines of a history entry as a person reads them: profile fields by their names, each custom
 * attribute on its own line, a consent as "Marketing · Email: Given → Withdrawn".
 */
export function changeLines(change: ContactChangeDto, t: TFunction): ChangeLine[] {
  const lines: ChangeLine[] = [];
  for (const [field, [before, after]] of Object.entries(change.changes)) {
    if (field === 'attributes' && (isRecord(before) || before === null) && isRecord(after)) {
      const old = before ?? {};
      for (const key of new Set([...Object.keys(old), ...Object.keys(after)])) {
        if (JSON.stringify(old[key] ?? null) === JSON.stringify(after[key] ?? null)) continue;
        lines.push({
          key: `attributes.${key}`,
          label: key,
          before: changeValueText(old[key], t),
          after: changeValueText(after[key], t),
        });
      }
      continue;
    }
    const [purpose, channel] = field.split(':');
    if (
      change.kind === 'consent' &&
      isOneOf<ConsentPurpose>(CONSENT_PURPOSES, purpose) &&
      isOneOf<ConsentChannel>(CONSENT_CHANNELS, channel)
    ) {
      const state = (value: unknown) =>
        value === true
          ? t('contacts.consents.granted')
          : value === false
            ? t('contacts.consents.withdrawn')
            : t('contacts.history.none');
      lines.push({
        key: field,
        label: `${t(`contacts.consents.purposes.${purpose}`)} · ${consentChannelLabel(channel, t)}`,
        before: state(before),
        after: state(after),
      });
      continue;
    }
    const value = (v: unknown) =>
      field === 'preferredChannel' && isOneOf<PreferredChannel>(PREFERRED_CHANNELS, v)
        ? preferredChannelLabel(v, t)
        : changeValueText(v, t);
    lines.push({
      key: field,
      label: isOneOf(FIELD_LABELS, field) ? t(`contacts.fields.${field}`) : field,
      before: value(before),
      after: value(after),
    });
  }
  return lines;
}

/** What the entry is about besides its changes: the address, the consent's source, the merge's basis. */
export function changeFacts(change: ContactChangeDto, t: TFunction): string[] {
  const data = change.data;
  const facts: string[] = [];
  const text = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : null);
  const address = text('address');
  if (address) facts.push(address);
  const source = text('source');
  if (source) facts.push(`${t('contacts.fields.source')}: ${source}`);
  const basis = data['basis'];
  if (basis === 'verified_identifiers' || basis === 'confirmed_by_staff')
    facts.push(t(`contacts.merge.basis.${basis}`));
  const note = text('note');
  if (note) facts.push(note);
  const action = data['action'];
  if (action === 'added' || action === 'edited' || action === 'deleted')
    facts.push(t(`contacts.history.noteActions.${action}`));
  return facts;
}
