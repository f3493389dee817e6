import { CHANNEL_KINDS, CONVERSATION_PRIORITIES, type SlaPolicyDto } from '@touchpoint/shared';
import type { SlaPolicy } from './sla-policy.entity';

export function toSlaPolicyDto(policy: SlaPolicy): SlaPolicyDto {
  return {
    id: policy.id,
    channelKind: policy.channelKind,
    priority: policy.priority,
    firstResponseSeconds: policy.firstResponseSeconds,
    nextResponseSeconds: policy.nextResponseSeconds,
    resolutionSeconds: policy.resolutionSeconds,
    consultAcceptSeconds: policy.consultAcceptSeconds,
    consultAnswerSeconds: policy.consultAnswerSeconds,
  };
}

/** The default first, then by how specific, then channel kinds and priorities in their order. */
export function compareSlaPolicies(
  a: Pick<SlaPolicyDto, 'channelKind' | 'priority'>,
  b: Pick<SlaPolicyDto, 'channelKind' | 'priority'>,
): number {
  const specificity = (p: typeof a) => Number(p.channelKind !== null) + Number(p.priority !== null);
  const kind = (p: typeof a) => (p.channelKind ? CHANNEL_KINDS.indexOf(p.channelKind) : -1);
  const level = (p: typeof a) => (p.priority ? CONVERSATION_PRIORITIES.indexOf(p.priority) : -1);
  return specificity(a) - specificity(b) || kind(a) - kind(b) || level(a) - level(b);
}
