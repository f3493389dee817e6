/** Every TanStack Query key of the app, in one place. */
export const queryKeys = {
  me: () => ['me'] as const,
  /** Presence of colleagues by user id, fed by the socket only. */
  presence: () => ['presence'] as const,
  /** Every conversation list and count (views, filters). */
  conversations: () => ['conversations'] as const,
  conversation: (id: string) => ['conversation', id] as const,
  timeline: (conversationId: string) => ['timeline', conversationId] as const,
} as const;
