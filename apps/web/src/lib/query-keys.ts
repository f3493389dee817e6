/** Every TanStack Query key of the app, in one place. */
export const queryKeys = {
  me: () => ['me'] as const,
  /** Presence of colleagues by user id, fed by the socket only. */
  presence: () => ['presence'] as const,
} as const;
