import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SatisfactionSettingsDto as CsatSettings } from '@touchpoint/shared';
import { DataSource } from 'typeorm';

const DEFAULTS: CsatSettings = { enabled: true, delaySeconds: 600 };

/**
 * The workspace's switch for surveys (on by default; off, resolutions plan none and planned ones are
 * skipped) and their delay after the resolution (applies to resolutions from then on).
 */
@Injectable()
export class SatisfactionSettingsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async get(): Promise<CsatSettings> {
    const [row]: { enabled: boolean; delay_seconds: number }[] = await this.db.query(
      'SELECT enabled, delay_seconds FROM csat_settings',
    );
    return row ? { enabled: row.enabled, delaySeconds: row.delay_seconds } : DEFAULTS;
  }

  /** Changes what is given and keeps the rest; one statement, so two admins never half-apply. */
  async set(changes: Partial<CsatSettings>): Promise<CsatSettings> {
    const [row]: { enabled: boolean; delay_seconds: number }[] = await this.db.query(
      `INSERT INTO csat_settings (id, enabled, delay_seconds)
       VALUES (true, COALESCE($1::boolean, $3::boolean), COALESCE($2::int, $4::int))
       ON CONFLICT (id) DO UPDATE
         SET enabled = COALESCE($1::boolean, csat_settings.enabled),
             delay_seconds = COALESCE($2::int, csat_settings.delay_seconds),
             updated_at = now()
       RETURNING enabled, delay_seconds`,
      [
        changes.enabled ?? null,
        changes.delaySeconds ?? null,
        DEFAULTS.enabled,
        DEFAULTS.delaySeconds,
      ],
    );
    return { enabled: row!.enabled, delaySeconds: row!.delay_seconds };
  }
}
