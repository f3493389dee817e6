import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { NotFoundException } from '../../../../core/errors/app.exception';
import { InboundIntakeService } from '../../../intake/inbound-intake.service';
import type { Channel } from '../../channel.entity';
import { ChannelsService } from '../../channels.service';
import type { FormSubmission, StoredFormSubmission } from './form-submission.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Printable ASCII, as Idempotency-Key values are. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

export interface SubmissionContext {
  ip?: string;
  userAgent?: string;
  idempotencyKey?: string;
}

/** Stores contact form posts durably; the inbound worker turns them into conversations. */
@Injectable()
export class FormSubmissionService {
  constructor(
    private readonly channels: ChannelsService,
    private readonly intake: InboundIntakeService,
  ) {}

  /** The enabled form channel `id`; anything else (unknown, disabled, another kind) is a 404. */
  async findForm(id: string): Promise<Channel> {
    const channel = UUID.test(id) ? await this.channels.cached(id) : null;
    if (!channel || channel.kind !== 'form' || !channel.enabled)
      throw new NotFoundException('Form', id);
    return channel;
  }

  async submit(channel: Channel, form: FormSubmission, ctx: SubmissionContext): Promise<void> {
    const key = ctx.idempotencyKey?.trim();
    // A client that retries with the same Idempotency-Key gets one conversation message, not two.
    const providerMessageId = key && IDEMPOTENCY_KEY.test(key) ? `key:${key}` : randomUUID();
    const payload: StoredFormSubmission = {
      name: form.name,
      email: form.email,
      ...(form.phone ? { phone: form.phone } : {}),
      ...(form.subject ? { subject: form.subject } : {}),
      message: form.message,
      ...(form.lang ? { locale: form.lang } : {}),
      ...(ctx.ip ? { ip: ctx.ip } : {}),
      ...(ctx.userAgent ? { userAgent: ctx.userAgent.slice(0, 500) } : {}),
      submittedAt: new Date().toISOString(),
    };
    await this.intake.accept(channel, { providerMessageId, payload });
  }
}
