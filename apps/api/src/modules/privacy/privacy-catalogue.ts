/**
 * What data protection does with each table: whether its rows about a contact go into the export,
 * and what an erasure does to them. Rows belong to a contact through a `contact_id`,
 * `conversation_id` (of the contact's conversations) or `message_id` (of their messages) column,
 * found in the schema itself, so a new table with one of them is exported without further ado;
 * `also` adds other ways. Every table of the schema needs its entry: a test compares them with
 * the database, so nobody adds a table without deciding.
 */
export type EraseAction =
  /** Its rows of the contact are deleted. */
  | { do: 'delete' }
  /** These columns of its rows get these SQL values. */
  | { do: 'blank'; set: Record<string, string> }
  /** These jsonb columns lose the keys that carry personal data (`PERSONAL_DATA_KEYS`). */
  | { do: 'scrub'; columns: string[] }
  /** Every text and json column is emptied (null, its default, or empty) but these. */
  | { do: 'anonymise'; keep: string[] }
  /** Erased by its owner: the conversation writer (messages, their attachments, the timeline). */
  | { do: 'owner' }
  | { do: 'keep'; why: string };

export interface TableDecision {
  /**
   * More rows of the contact: an SQL condition on the row `t`, with $1 the contact's id, $2 their
   * conversations' ids, $3 their messages' ids, $4 their addresses (email and identities).
   */
  also?: string;
  /** `true`: its rows of the contact are exported; otherwise why not. */
  export: true | string;
  erase: EraseAction;
}

const STAFF = 'staff, teams and settings: nothing about customers';

/** Rows that carry a provider message id of one of the contact's messages. */
const PROVIDER_COPY = `(t.channel_id, t.provider_message_id) IN (
  SELECT channel_id, provider_message_id FROM messages
   WHERE id = ANY($3::uuid[]) AND provider_message_id IS NOT NULL)`;

export const PRIVACY_CATALOGUE: Readonly<Record<string, TableDecision>> = {
  contacts: {
    also: 't.id = $1',
    export: true,
    erase: { do: 'anonymise', keep: [] },
  },
  contact_identities: { export: true, erase: { do: 'delete' } },
  contact_notes: { export: true, erase: { do: 'delete' } },
  contact_consents: { export: true, erase: { do: 'delete' } },
  contact_changes: { export: true, erase: { do: 'delete' } },
  contact_merges: { also: 't.merged_contact_id = $1', export: true, erase: { do: 'delete' } },
  contact_merge_suggestions: {
    also: '$1 IN (t.contact_a_id, t.contact_b_id)',
    export: true,
    erase: { do: 'delete' },
  },
  marketing_holds: {
    export: true,
    erase: { do: 'keep', why: 'ids and times: when marketing was held back, nothing said' },
  },
  marketing_suppression_changes: {
    export: true,
    erase: { do: 'keep', why: 'ids and times of the marketing stop' },
  },
  conversations: { export: true, erase: { do: 'owner' } },
  messages: { export: true, erase: { do: 'owner' } },
  attachments: { export: true, erase: { do: 'owner' } },
  timeline_events: { export: true, erase: { do: 'owner' } },
  handoffs: {
    export: true,
    erase: { do: 'blank', set: { note: `''`, summary: 'NULL', decline_reason: 'NULL' } },
  },
  notifications: {
    export: "staff's notifications: their excerpts quote the conversation the export holds",
    erase: { do: 'blank', set: { text: `''` } },
  },
  conversation_participants: {
    export: true,
    erase: { do: 'keep', why: 'which staff took part, and until when' },
  },
  sla_clocks: { export: true, erase: { do: 'keep', why: 'figures of the SLA targets' } },
  team_moves: { export: true, erase: { do: 'keep', why: 'figures: moves between teams' } },
  conversation_merges: {
    also: 't.target_conversation_id = ANY($2::uuid[]) OR t.source_conversation_id = ANY($2::uuid[])',
    export: true,
    erase: { do: 'scrub', columns: ['source_state', 'target_state'] },
  },
  conversation_merge_entries: {
    also: 't.original_conversation_id = ANY($2::uuid[])',
    export: true,
    erase: { do: 'keep', why: 'positions of merged entries' },
  },
  inbound_events: {
    also: PROVIDER_COPY,
    export: true,
    erase: { do: 'blank', set: { payload: 'NULL', raw: 'NULL', last_error: 'NULL' } },
  },
  delivery_news: {
    also: PROVIDER_COPY,
    export: 'delivery statuses the messages carry already',
    erase: { do: 'keep', why: 'delivery statuses and provider errors' },
  },
  demo_mails: {
    also: 't.recipients && $4::text[] OR t.mail_from = ANY($4::text[])',
    export: true,
    erase: { do: 'delete' },
  },
  webhook_deliveries: {
    also: `t.payload::text LIKE '%' || $1::text || '%'
      OR EXISTS (SELECT 1 FROM unnest($2::uuid[]) AS c(id) WHERE t.payload::text LIKE '%' || c.id::text || '%')`,
    export: 'copies of events sent to integrations',
    erase: { do: 'blank', set: { payload: `'{"erased": true}'::jsonb` } },
  },
  outbox_events: {
    export: 'ids of changes, relayed to listeners',
    erase: { do: 'keep', why: 'ids only' },
  },
  audit_log: {
    export: 'who exported or erased: proof kept without personal data',
    erase: { do: 'keep', why: 'ids and figures only' },
  },
  file_removals: { export: 'storage keys waiting for removal', erase: { do: 'keep', why: 'keys' } },
  users: { export: STAFF, erase: { do: 'keep', why: STAFF } },
  teams: { export: STAFF, erase: { do: 'keep', why: STAFF } },
  team_memberships: { export: STAFF, erase: { do: 'keep', why: STAFF } },
  channels: { export: STAFF, erase: { do: 'keep', why: STAFF } },
  sla_policies: { export: STAFF, erase: { do: 'keep', why: STAFF } },
  workspace: { export: STAFF, erase: { do: 'keep', why: STAFF } },
  refresh_tokens: { export: STAFF, erase: { do: 'keep', why: STAFF } },
  user_tokens: { export: STAFF, erase: { do: 'keep', why: STAFF } },
  api_tokens: { export: STAFF, erase: { do: 'keep', why: STAFF } },
  webhook_subscriptions: { export: STAFF, erase: { do: 'keep', why: STAFF } },
  assist_calls: {
    export: true,
    erase: { do: 'keep', why: 'sizes, times and outcomes of AI assistance, no content' },
  },
  assist_switches: { export: STAFF, erase: { do: 'keep', why: STAFF } },
  composer_uploads: {
    export: "a staff member's files for a reply not yet sent",
    erase: {
      do: 'keep',
      why: 'unsent uploads expire within 24 hours and are then removed with their files',
    },
  },
  labels: { export: STAFF, erase: { do: 'keep', why: STAFF } },
  canned_responses: { export: STAFF, erase: { do: 'keep', why: STAFF } },
  // Targets between teams and their figures: no personal data.
  shared_goals: { export: STAFF, erase: { do: 'keep', why: STAFF } },
  csat_surveys: {
    export: true,
    erase: { do: 'blank', set: { comment: 'NULL', address: 'NULL', token_hash: 'NULL' } },
  },
  csat_settings: { export: STAFF, erase: { do: 'keep', why: STAFF } },
  // Which staff member got the summary of which week: figures only, never a customer's words.
  weekly_summaries: { export: STAFF, erase: { do: 'keep', why: STAFF } },
  migrations: { export: 'the schema version', erase: { do: 'keep', why: 'the schema version' } },
};

/** Columns through which rows belong to a contact without an `also`. */
export const LINK_COLUMNS = {
  contact_id: 't.contact_id = $1',
  conversation_id: 't.conversation_id = ANY($2::uuid[])',
  message_id: 't.message_id = ANY($3::uuid[])',
} as const;
