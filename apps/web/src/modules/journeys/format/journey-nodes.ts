import type { TFunction } from 'i18next';
import type { JourneyNodeDto, JourneyOutcome } from '@touchpoint/shared';

export type NodeIndex = ReadonlyMap<string, JourneyNodeDto>;

export const indexNodes = (nodes: readonly JourneyNodeDto[]): NodeIndex =>
  new Map(nodes.map((node) => [node.key, node]));

/** The type of a node key (`entry:…`, `team:…`, `outcome:…`). */
export function nodeType(key: string): JourneyNodeDto['type'] {
  return key.startsWith('entry:') ? 'entry' : key.startsWith('team:') ? 'team' : 'outcome';
}

const rest = (key: string) => key.slice(key.indexOf(':') + 1);

/** What a person reads for a stop: the channel, the team's name or the outcome. */
export function nodeLabel(key: string, nodes: NodeIndex, t: TFunction): string {
  const node = nodes.get(key);
  switch (nodeType(key)) {
    case 'entry': {
      const kind = node?.channelKind ?? (rest(key) === 'none' ? null : rest(key));
      return kind ? t(`inbox.channelKinds.${kind}`, { defaultValue: kind }) : t('journeys.noEntry');
    }
    case 'team':
      return node?.team?.name ?? t('supervisor.teams.noTeam');
    default:
      return t(`journeys.outcomes.${node?.outcome ?? (rest(key) as JourneyOutcome)}`);
  }
}

/** The same for a CSV: channel kinds and outcomes as the API spells them, teams by name. */
export function nodeName(key: string, nodes: NodeIndex): string {
  const node = nodes.get(key);
  if (nodeType(key) === 'team') return node?.team?.name ?? '(none)';
  const value = rest(key);
  return value === 'none' ? '(none)' : value;
}

/** The outcome a node stands for, if it is an outcome. */
export function nodeOutcome(key: string): JourneyOutcome | null {
  return nodeType(key) === 'outcome' ? (rest(key) as JourneyOutcome) : null;
}
