import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface CsatSettings {
  enabled: boolean;
}

/** The workspace's switch for surveys (on by default): off, resolutions plan none and planned ones are skipped. */
@Injectable()
export class SatisfactionSettingsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async get(): Promise<CsatSettings> {
    const [row]: { enabled: boolean }[] = await this.db.query('SELECT enabled FROM csat_settings');
    return { enabled: row?.enabled ?? true };
  }

  async set(enabled: boolean): Promise<CsatSettings> {
    await this.db.query(
      `INSERT INTO csat_settings (id, enabled) VALUES (true, $1)
       ON CONFLICT (id) DO UPDATE SET enabled = $1, updated_at = now()`,
      [enabled],
    );
    return { enabled };
  }
}
