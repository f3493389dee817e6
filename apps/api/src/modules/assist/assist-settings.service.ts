import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ASSIST_FEATURES,
  type AssistFeature,
  type AssistSettingsDto,
  type AssistStatusDto,
  type UpdateAssistSettingsRequest,
} from '@touchpoint/shared';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../core/auth/auth-user';
import { AssistProviderClient } from './assist-provider.client';
import { AssistSwitch } from './assist-switch.entity';
import { AssistFeatureOffException, AssistNotConfiguredException } from './assist.exception';

/** How a feature is named in messages to staff. */
export const FEATURE_LABELS: Record<AssistFeature, string> = {
  handoff_summary: 'Drafting handoff summaries',
  summary: 'Summarising conversations',
  reply_draft: 'Drafting replies',
  translate: 'Translation',
  team_suggestion: 'Suggesting teams',
};

/** The admin's switch per feature (no row: on) and what is usable now. Owns `assist_switches`. */
@Injectable()
export class AssistSettingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly provider: AssistProviderClient,
  ) {}

  async switches(): Promise<Record<AssistFeature, boolean>> {
    const rows = await this.db.getRepository(AssistSwitch).find();
    const off = new Set(rows.filter((r) => !r.enabled).map((r) => r.feature));
    return Object.fromEntries(ASSIST_FEATURES.map((f) => [f, !off.has(f)])) as Record<
      AssistFeature,
      boolean
    >;
  }

  async status(): Promise<AssistStatusDto> {
    const switches = await this.switches();
    const configured = this.provider.configured;
    return {
      configured,
      features: Object.fromEntries(
        ASSIST_FEATURES.map((f) => [f, configured && switches[f]]),
      ) as Record<AssistFeature, boolean>,
    };
  }

  async settings(): Promise<AssistSettingsDto> {
    return {
      configured: this.provider.configured,
      model: this.provider.model,
      switches: await this.switches(),
    };
  }

  async update(user: AuthUser, body: UpdateAssistSettingsRequest): Promise<AssistSettingsDto> {
    const changes = Object.entries(body.switches).filter(
      (e): e is [AssistFeature, boolean] => typeof e[1] === 'boolean',
    );
    if (changes.length)
      await this.db.getRepository(AssistSwitch).upsert(
        changes.map(([feature, enabled]) => ({ feature, enabled, updatedBy: user.id })),
        ['feature'],
      );
    return this.settings();
  }

  /** 409 unless the model server is configured and `feature` switched on. */
  async assertUsable(feature: AssistFeature): Promise<void> {
    if (!this.provider.configured) throw new AssistNotConfiguredException();
    if (!(await this.switches())[feature])
      throw new AssistFeatureOffException(FEATURE_LABELS[feature]);
  }
}
