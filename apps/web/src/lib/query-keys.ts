import type {
  JourneyQueryInput,
  ReportQueryInput,
  SatisfactionQueryInput,
  SearchQuery,
} from '@touchpoint/shared';
import type { ConversationFilters } from '../api/conversations.api';
import type { HandoffListFilters } from '../api/handoffs.api';

/** Every TanStack Query key of the app, in one place. */
export const queryKeys = {
  me: () => ['me'] as const,
  /** Presence of colleagues by user id, fed by the socket only. */
  presence: () => ['presence'] as const,
  /** Who has a conversation open (`UserRefDto[]`), fed by the socket only (join answer, events). */
  conversationViewers: (conversationId: string) => ['viewers', conversationId] as const,
  /** Who types in a conversation (`TypingEntry[]`), fed by the socket only. */
  conversationTyping: (conversationId: string) => ['typing', conversationId] as const,
  /** Handoff queues and the handoffs of a conversation. */
  handoffs: () => ['handoffs'] as const,
  /** Every loaded handoff list (`GET /api/handoffs`, one per view and team). */
  handoffLists: () => ['handoffs', 'list'] as const,
  handoffList: (filters: HandoffListFilters) => ['handoffs', 'list', filters] as const,
  /** The handoffs of one conversation, oldest first (`HandoffDto[]`). */
  conversationHandoffs: (conversationId: string) =>
    ['handoffs', 'conversation', conversationId] as const,
  allParticipants: () => ['participants'] as const,
  /** Who is pulled into a conversation (`ParticipantDto[]`). */
  participants: (conversationId: string) => ['participants', conversationId] as const,
  /** Every team with members and policy (`GET /api/teams`, `TeamDto[]`; supervisors, admins). */
  teams: () => ['teams'] as const,
  /** Every user with teams and status (`GET /api/users`, `UserDto[]`; supervisors, admins). */
  users: () => ['users'] as const,
  /** What a one-time link is for (`GET /api/invitations/:token`, `UserLinkInfoDto`; public). */
  userLink: (token: string) => ['user-link', token] as const,
  /** A team's business hours (`TeamBusinessHoursDto`; supervisors, admins). */
  teamBusinessHours: (teamId: string) => ['business-hours', teamId] as const,
  /** A team's SLA policies (`TeamSlaPoliciesDto`; supervisors, admins). */
  teamSlaPolicies: (teamId: string) => ['sla-policies', teamId] as const,
  /** Every channel with masked config (`GET /api/channels`, `ChannelDto[]`; admins). */
  channels: () => ['channels'] as const,
  /** Every webhook (`GET /api/webhooks`, `WebhookDto[]`; admins). */
  webhooks: () => ['webhooks'] as const,
  /** The latest deliveries of one webhook (`WebhookDeliveryDto[]`; admins). */
  webhookDeliveries: (webhookId: string) => ['webhooks', webhookId, 'deliveries'] as const,
  /** Every API token (`GET /api/api-tokens`, `ApiTokenDto[]`; admins). */
  apiTokens: () => ['api-tokens'] as const,
  /** Teams and people to pull in (`GET /api/directory`). */
  directory: () => ['directory'] as const,
  /** Every conversation list and count (views, filters). */
  conversations: () => ['conversations'] as const,
  /** Every loaded conversation list (infinite queries, one per filter set). */
  conversationLists: () => ['conversations', 'list'] as const,
  conversationList: (filters: ConversationFilters) => ['conversations', 'list', filters] as const,
  /** Counts per view for the inbox navigation. */
  conversationCounts: () => ['conversations', 'counts'] as const,
  /** Every loaded conversation detail. */
  conversationDetails: () => ['conversation'] as const,
  /** One conversation with its contact (`ConversationDto`). */
  conversation: (id: string) => ['conversation', id] as const,
  /** The window of a conversation's timeline loaded so far (`LoadedTimeline`, ascending seq). */
  timeline: (conversationId: string) => ['timeline', conversationId] as const,
  replyChannels: (conversationId: string) => ['reply-channels', conversationId] as const,
  /** The contact's other conversations to merge into this one (`MergeCandidateDto[]`). */
  mergeCandidates: (conversationId: string) => ['merge-candidates', conversationId] as const,
  /** My notifications, newest first, with the unread count (`NotificationListDto`). */
  notifications: () => ['notifications'] as const,
  /** The supervisors' live board (`GET /api/supervisor/queues`, `SupervisorBoardDto`). */
  supervisorBoard: () => ['supervisor', 'board'] as const,
  /** A report of a date range with its filters (`GET /api/reports/overview`). */
  report: (query: ReportQueryInput) => ['reports', 'overview', query] as const,
  /** The shared goals with value, trend and breakdown (`GET /api/goals`, `GoalDto[]`; everyone). */
  goals: () => ['goals'] as const,
  /** Satisfaction results of a range with its filters (`GET /api/satisfaction`). */
  satisfaction: (query: SatisfactionQueryInput) => ['satisfaction', 'results', query] as const,
  /** Whether surveys are sent (`GET /api/satisfaction/settings`; admins). */
  satisfactionSettings: () => ['satisfaction', 'settings'] as const,
  /** The journeys of a range with its filters (`GET /api/journeys`, `JourneyOverviewDto`). */
  journeyOverview: (query: JourneyQueryInput) => ['journeys', 'overview', query] as const,
  /** The conversations behind one journey number, paged (`GET /api/journeys/conversations`). */
  journeyConversations: (query: JourneyQueryInput, key: string) =>
    ['journeys', 'conversations', query, key] as const,
  /** Search over every message (`GET /api/search`); read when asked, live events do not patch it. */
  messageSearch: (query: SearchQuery) => ['search', query] as const,
  /** Every contact query: lists, profiles and what hangs off a profile. */
  contacts: () => ['contact'] as const,
  /** Every loaded contact list (`GET /api/contacts`, infinite, one per search). */
  contactLists: () => ['contact', 'list'] as const,
  contactList: (q: string) => ['contact', 'list', q] as const,
  /** A contact's profile (`ContactDto`); its notes, history and merge suggestions below it. */
  contact: (id: string) => ['contact', id] as const,
  contactNotes: (id: string) => ['contact', id, 'notes'] as const,
  contactHistory: (id: string) => ['contact', id, 'history'] as const,
  contactMergeSuggestions: (id: string) => ['contact', id, 'merge-suggestions'] as const,
  /** Every loaded timeline and message search (an erasure empties messages in all of them). */
  timelines: () => ['timeline'] as const,
  messageSearches: () => ['search'] as const,
  /** The audit log of exports and erasures (`AuditLogPageDto` pages), admins only. */
  auditLog: () => ['audit-log'] as const,
  /** Which AI features are usable now (`GET /api/assist/status`, `AssistStatusDto`). */
  assistStatus: () => ['assist', 'status'] as const,
  /** The AI switches and model (`AssistSettingsDto`; admins). */
  assistSettings: () => ['assist', 'settings'] as const,
  /** The latest calls to the model server (`AssistCallDto[]`; admins). */
  assistCalls: () => ['assist', 'calls'] as const,
  /** The workspace labels (`GET /api/labels`, `LabelDto[]`). */
  labels: () => ['labels'] as const,
  /** The canned responses the user may insert (`GET /api/canned-responses`, `CannedResponseDto[]`). */
  cannedResponses: () => ['canned-responses'] as const,
} as const;
