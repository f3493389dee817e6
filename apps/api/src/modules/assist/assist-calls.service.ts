import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AssistCallDto, AssistFeature, AssistOutcome } from '@touchpoint/shared';
import { DataSource } from 'typeorm';
import { AssistCall } from './assist-call.entity';

export interface AssistCallRecord {
  userId: string;
  conversationId: string;
  feature: AssistFeature;
  inputChars: number;
  outputChars: number;
  durationMs: number;
  outcome: AssistOutcome;
}

/** The audit of calls to the model server: sizes and outcomes, never content. Owns `assist_calls`. */
@Injectable()
export class AssistCallsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(call: AssistCallRecord): Promise<void> {
    await this.db.getRepository(AssistCall).insert(call);
  }

  async latest(limit: number): Promise<AssistCallDto[]> {
    const rows: {
      id: string;
      user_id: string | null;
      user_name: string | null;
      conversation_id: string | null;
      feature: AssistFeature;
      input_chars: number;
      output_chars: number;
      duration_ms: number;
      outcome: AssistOutcome;
      created_at: Date;
    }[] = await this.db.query(
      `SELECT a.id, a.user_id, u.name AS user_name, a.conversation_id, a.feature, a.input_chars,
              a.output_chars, a.duration_ms, a.outcome, a.created_at
         FROM assist_calls a LEFT JOIN users u ON u.id = a.user_id
        ORDER BY a.created_at DESC, a.id DESC
        LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({
      id: r.id,
      user: r.user_id ? { id: r.user_id, name: r.user_name ?? '' } : null,
      conversationId: r.conversation_id,
      feature: r.feature,
      inputChars: r.input_chars,
      outputChars: r.output_chars,
      durationMs: r.duration_ms,
      outcome: r.outcome,
      createdAt: r.created_at.toISOString(),
    }));
  }
}
