import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { HandlesJob, type JobHandler } from '../../core/queue/job-handler';
import { JOBS, QUEUES } from '../../core/queue/queue.constants';
import { MarketingHoldService, type HoldOutcome } from './marketing-hold.service';

export interface RecomputeHoldsData {
  contactIds: string[];
}

/** Sweep period: a lost recompute is caught within this. */
export const MARKETING_HOLD_SWEEP_MS = 30_000;

/** Brings these contacts' marketing holds in line with their conversations. */
@Injectable()
@HandlesJob(QUEUES.marketing, JOBS.recomputeMarketingHolds)
export class RecomputeMarketingHoldsJob implements JobHandler<RecomputeHoldsData, HoldOutcome> {
  constructor(private readonly holds: MarketingHoldService) {}

  handle(job: Job<RecomputeHoldsData>): Promise<HoldOutcome> {
    return this.holds.recompute(job.data.contactIds);
  }
}

/**
 * Every half minute, and after a team's setting changed: the contacts that should be on hold are
 * compared with the running holds in PostgreSQL, and those that differ are recomputed.
 */
@Injectable()
@HandlesJob(QUEUES.marketing, JOBS.sweepMarketingHolds, {
  everyMs: MARKETING_HOLD_SWEEP_MS,
  attempts: 1,
})
export class SweepMarketingHoldsJob implements JobHandler<unknown, HoldOutcome> {
  constructor(private readonly holds: MarketingHoldService) {}

  handle(): Promise<HoldOutcome & { checked: number }> {
    return this.holds.reconcile();
  }
}
