import {
  firstNameOf,
  type CannedResponseValues,
  type ConversationSummaryDto,
} from '@touchpoint/shared';

/**
 * What a canned response's variables stand for in this conversation, written by this agent. A
 * contact without a name (an anonymous visitor) gives no value: the variable stays for the agent.
 */
export function cannedValuesOf(
  conversation: Pick<ConversationSummaryDto, 'contact' | 'subject'>,
  agent: { name: string } | undefined,
): CannedResponseValues {
  return {
    'contact.firstName': firstNameOf(conversation.contact.name),
    'contact.name': conversation.contact.name,
    'agent.firstName': firstNameOf(agent?.name),
    'agent.name': agent?.name ?? null,
    'conversation.subject': conversation.subject,
  };
}
