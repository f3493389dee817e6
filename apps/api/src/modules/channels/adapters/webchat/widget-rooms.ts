/** Rooms of the `/widget` namespace; names are built only here. */
export const widgetRooms = {
  /** Every tab of one visitor: replies, echoes of the visitor's own messages, agent typing. */
  visitor: (channelId: string, visitorId: string) => `visitor:${channelId}:${visitorId}`,
  /** Every visitor of a channel: availability of its team. */
  channel: (channelId: string) => `webchat:${channelId}`,
} as const;
