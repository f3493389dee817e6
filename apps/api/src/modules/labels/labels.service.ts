import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  ConversationSummaryDto,
  CreateLabelRequest,
  LabelDto,
  UpdateLabelRequest,
} from '@touchpoint/shared';
import { DataSource, QueryFailedError } from 'typeorm';
import type { AuthUser } from '../../core/auth/auth-user';
import { DomainEvents } from '../../core/events/domain-events';
import { NotFoundException } from '../../core/errors/app.exception';
import { ConversationAccess } from '../conversations/conversation-access.service';
import { MergedAwayException } from '../conversations/conversation-merge.exception';
import { changeLabel, dropLabel } from '../conversations/conversation-writer';
import { ConversationsService } from '../conversations/conversations.service';
import { Label } from './label.entity';
import { LabelNameTakenException, UnknownLabelException } from './labels.exception';

const toLabelDto = (l: Label): LabelDto => ({ id: l.id, name: l.name, color: l.color });

const isUniqueViolation = (e: unknown) =>
  e instanceof QueryFailedError && (e.driverError as { code?: string }).code === '23505';

/**
 * Workspace labels (supervisors and admins manage them) and labels on conversations: whoever may
 * see a conversation may add or remove its labels, by the conversation writer.
 */
@Injectable()
export class LabelsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: ConversationAccess,
    private readonly conversations: ConversationsService,
    private readonly events: DomainEvents,
  ) {}

  async list(): Promise<LabelDto[]> {
    const labels = await this.db.getRepository(Label).find({ order: { name: 'ASC' } });
    return labels.map(toLabelDto);
  }

  async create(input: CreateLabelRequest): Promise<LabelDto> {
    try {
      return toLabelDto(await this.db.getRepository(Label).save({ ...input }));
    } catch (e) {
      if (isUniqueViolation(e)) throw new LabelNameTakenException(input.name);
      throw e;
    }
  }

  async update(id: string, input: UpdateLabelRequest): Promise<LabelDto> {
    const repo = this.db.getRepository(Label);
    const label = await repo.findOneBy({ id });
    if (!label) throw new NotFoundException('Label', id);
    try {
      return toLabelDto(await repo.save({ ...label, ...input }));
    } catch (e) {
      if (isUniqueViolation(e)) throw new LabelNameTakenException(input.name ?? label.name);
      throw e;
    }
  }

  /** Deletes a label; the conversations that carried it lose it. */
  async remove(id: string): Promise<void> {
    await this.events.transaction(async (m, batch) => {
      const deleted = await m.getRepository(Label).delete(id);
      if (!deleted.affected) throw new NotFoundException('Label', id);
      await dropLabel(m, id, batch);
    });
  }

  /** Adds (`add`) or removes a label of a conversation `user` may see; repeating it changes nothing. */
  async change(
    user: AuthUser,
    conversationId: string,
    labelId: string,
    add: boolean,
  ): Promise<ConversationSummaryDto> {
    await this.access.assertCanSee(user, conversationId);
    const label = await this.db.getRepository(Label).findOneBy({ id: labelId });
    if (!label) {
      if (add) throw new UnknownLabelException(labelId);
      throw new NotFoundException('Label', labelId);
    }
    await this.events.transaction(async (m, batch) => {
      const [c]: { merged_into_id: string | null }[] = await m.query(
        'SELECT merged_into_id FROM conversations WHERE id = $1 FOR UPDATE',
        [conversationId],
      );
      if (c?.merged_into_id) throw new MergedAwayException(c.merged_into_id);
      await changeLabel(m, conversationId, { label, add, actorId: user.id }, batch);
    });
    return this.conversations.summary(conversationId);
  }
}
