import type { EntityManager } from 'typeorm';
import { Message } from './message.entity';

/** A reply with everything its delivery needs: channel, conversation and contact, author, files. */
export function findReplyToDeliver(m: EntityManager, messageId: string): Promise<Message | null> {
  return m.getRepository(Message).findOne({
    where: { id: messageId },
    relations: {
      channel: true,
      conversation: { contact: true },
      authorUser: true,
      attachments: true,
    },
  });
}
