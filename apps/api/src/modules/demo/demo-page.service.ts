import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppException } from '../../core/errors/app.exception';
import { DEMO_CHANNELS } from '../../database/seeds/demo-workspace';

export class DemoPageNotFoundException extends AppException {
  constructor() {
    super(
      'demo.not_found',
      HttpStatus.NOT_FOUND,
      'There is no demo website chat in this workspace (it is seeded into an empty database unless SEED_DEMO=false)',
    );
  }
}

export interface DemoPageChannels {
  webchatChannelId: string;
  formChannelId?: string;
}

/** Finds the demo's website chat and contact form (by kind and seeded name, enabled). */
@Injectable()
export class DemoPageService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The demo page's channels; throws a 404 when the demo website chat does not exist. */
  async channels(): Promise<DemoPageChannels> {
    const found = await this.find();
    if (!found) throw new DemoPageNotFoundException();
    return found;
  }

  async find(): Promise<DemoPageChannels | null> {
    const { website, form } = DEMO_CHANNELS;
    const rows: { id: string; kind: string }[] = await this.db.query(
      `SELECT DISTINCT ON (kind) id, kind FROM channels
        WHERE enabled AND ((kind = $1 AND name = $2) OR (kind = $3 AND name = $4))
        ORDER BY kind, created_at`,
      [website.kind, website.name, form.kind, form.name],
    );
    const webchat = rows.find((r) => r.kind === website.kind);
    if (!webchat) return null;
    const formRow = rows.find((r) => r.kind === form.kind);
    return { webchatChannelId: webchat.id, ...(formRow && { formChannelId: formRow.id }) };
  }
}
