import { Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventBatch } from '../../core/events/domain-events';

/** Work a module does inside the transaction that resolves a conversation. */
export type ResolveHook = (
  m: EntityManager,
  conversationId: string,
  batch: EventBatch,
) => Promise<void>;

/**
 * Work a module does inside the transaction that moved timeline entries between conversations (a
 * merge or its undo): what hangs on those entries follows them.
 */
export type ThreadMoveHook = (
  m: EntityManager,
  conversationIds: string[],
  batch: EventBatch,
) => Promise<void>;

/**
 * Modules that hang state on a conversation (handoffs) register what resolving it, or moving its
 * entries to another, means for them,
 * so the conversations module runs it in the same transaction without importing them.
 */
@Injectable()
export class ConversationHooks {
  private readonly resolveHooks: ResolveHook[] = [];
  private readonly threadMoveHooks: ThreadMoveHook[] = [];

  onResolve(hook: ResolveHook): void {
    this.resolveHooks.push(hook);
  }

  async resolved(m: EntityManager, conversationId: string, batch: EventBatch): Promise<void> {
    for (const hook of this.resolveHooks) await hook(m, conversationId, batch);
  }

  onThreadMove(hook: ThreadMoveHook): void {
    this.threadMoveHooks.push(hook);
  }

  async threadMoved(m: EntityManager, conversationIds: string[], batch: EventBatch): Promise<void> {
    for (const hook of this.threadMoveHooks) await hook(m, conversationIds, batch);
  }
}

@Module({ providers: [ConversationHooks], exports: [ConversationHooks] })
export class ConversationHooksModule {}
