import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { inboundEventListQuerySchema, type InboundEventDto } from '@touchpoint/shared';
import { createZodDto } from 'nestjs-zod';
import { DataSource } from 'typeorm';
import { Roles } from '../../core/auth/auth.decorators';
import { NotFoundException } from '../../core/errors/app.exception';
import { IdParamDto } from '../../core/http/id-param.dto';
import { InboundEvent } from './inbound-event.entity';
import { InboundIntakeService } from './inbound-intake.service';

class InboundEventListQueryDto extends createZodDto(inboundEventListQuerySchema) {}

function toDto(e: InboundEvent): InboundEventDto {
  return {
    id: e.id,
    channelId: e.channelId,
    providerMessageId: e.providerMessageId,
    status: e.status,
    attempts: e.attempts,
    lastError: e.lastError,
    createdAt: e.createdAt.toISOString(),
    processedAt: e.processedAt?.toISOString() ?? null,
  };
}

/** Admins see deliveries that could not be turned into messages, and send them through again. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin/inbound-events')
export class InboundAdminController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly intake: InboundIntakeService,
  ) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Raw inbound events, newest first (e.g. ?status=failed)' })
  async list(@Query() query: InboundEventListQueryDto): Promise<InboundEventDto[]> {
    const events = await this.db.getRepository(InboundEvent).find({
      where: {
        ...(query.status && { status: query.status }),
        ...(query.channelId && { channelId: query.channelId }),
      },
      order: { createdAt: 'DESC' },
      take: query.limit,
    });
    return events.map(toDto);
  }

  @Post(':id/retry')
  @Roles('admin')
  @HttpCode(202)
  @ApiOperation({ summary: 'Process a failed or ignored event again' })
  async retry(@Param() { id }: IdParamDto): Promise<InboundEventDto> {
    const event = await this.db.getRepository(InboundEvent).findOne({ where: { id } });
    if (!event) throw new NotFoundException('Inbound event', id);
    if (event.status !== 'processed') {
      await this.db
        .getRepository(InboundEvent)
        .update(id, { status: 'pending', processedAt: null });
      await this.intake.enqueue(id, `${id}.retry.${event.attempts}`);
    }
    return toDto(await this.db.getRepository(InboundEvent).findOneByOrFail({ id }));
  }
}
