import { createStore } from '../../../lib/store';

/** A found message to show: the thread opens scrolled to it and marks it for a moment. */
export interface MessageJump {
  conversationId: string;
  messageId: string;
  /** Its position when it was found (a hint: the message id decides). */
  seq: number;
}

/** The message a search hit asked to show, until its thread has shown it. */
export const messageJumpStore = createStore<MessageJump | null>(null);

export function jumpToMessage(target: MessageJump): void {
  // A new object each time: the same hit clicked again shows it again.
  messageJumpStore.set({ ...target });
}

/** The thread showed `target` (or knows it cannot): a later jump stays untouched. */
export function finishJump(target: MessageJump): void {
  messageJumpStore.set((current) => (current === target ? null : current));
}
