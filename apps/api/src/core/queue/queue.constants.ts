import type { DefaultJobOptions } from 'bullmq';

/**
 * Every queue and job name. Separate queues keep live intake from waiting behind deliveries or bulk
 * work; each job name has exactly one handler.
 */
export const QUEUES = {
  /** Raw provider deliveries waiting to become messages. */
  inbound: 'inbound',
  /** Replies waiting to be sent through their channel. */
  outbound: 'outbound',
  /** Housekeeping on a schedule: sweepers, purges, mailbox polling. */
  maintenance: 'maintenance',
  /**
   * Delayed jobs that fire at a due time: SLA steps of conversations and handoffs, ends of
   * participant access, snooze wake-ups.
   */
  timers: 'timers',
  /** Automatic round-robin assignment runs per team. */
  assignment: 'assignment',
  /** Relaying stored domain events whose process died before publishing: live, so never behind bulk work. */
  outbox: 'outbox',
  /** Recomputing contacts' marketing holds after their conversations or teams changed. */
  marketing: 'marketing',
  /** Outgoing webhook requests: slow receivers never hold up customers' replies. */
  webhooks: 'webhooks',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Parallel jobs per worker process and queue. */
export const QUEUE_CONCURRENCY: Record<QueueName, number> = {
  inbound: 8,
  outbound: 8,
  maintenance: 1,
  timers: 4,
  assignment: 2,
  outbox: 1,
  marketing: 1,
  webhooks: 4,
};

/** Custom job ids join their parts with dots: BullMQ refuses most ids containing a colon. */
export const JOBS = {
  purgeRefreshTokens: 'auth.purge-refresh-tokens',
  processInbound: 'inbound.process',
  sweepInbound: 'inbound.sweep',
  deliverOutbound: 'outbound.deliver',
  sweepOutbound: 'outbound.sweep',
  pollMailboxes: 'email.poll-mailboxes',
  remindHandoff: 'handoff.remind',
  escalateHandoff: 'handoff.escalate',
  sweepHandoffSla: 'handoff.sweep-sla',
  endParticipantAccess: 'participant.end-access',
  sweepParticipantAccess: 'participant.sweep-access',
  wakeSnoozed: 'conversation.wake-snoozed',
  sweepSnoozed: 'conversation.sweep-snoozed',
  slaRisk: 'sla.risk',
  slaBreach: 'sla.breach',
  sweepSla: 'sla.sweep',
  replanTeamSla: 'sla.replan-team',
  replanConversationsSla: 'sla.replan-conversations',
  assignTeam: 'assignment.team',
  sweepAssignment: 'assignment.sweep',
  relayOutbox: 'outbox.relay',
  purgeOutbox: 'outbox.purge',
  recomputeMarketingHolds: 'marketing.recompute-holds',
  sweepMarketingHolds: 'marketing.sweep-holds',
  deliverWebhook: 'webhook.deliver',
  sweepWebhooks: 'webhook.sweep',
  sweepComposerUploads: 'uploads.sweep',
  requestCsat: 'csat.request',
  sweepCsat: 'csat.sweep',
  sendWeeklySummary: 'weekly-summary.send',
  sweepWeeklySummaries: 'weekly-summary.sweep',
} as const;

/** Retries, backoff and retention for every job unless a producer has a documented reason to differ. */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 24 * 3600, count: 5000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/**
 * Queues whose jobs get more tries than the default. A reply is the customer's answer: a provider or
 * receiver down for a few minutes must not fail it for good. Eight tries at the default backoff span
 * about four minutes (2 s doubling) before the reply shows `failed` and staff can send it again.
 */
export const QUEUE_ATTEMPTS: Partial<Record<QueueName, number>> = {
  outbound: 8,
};
