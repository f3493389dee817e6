import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { auditLogQuerySchema, type AuditLogPageDto } from '@touchpoint/shared';
import { createZodDto } from 'nestjs-zod';
import { Roles } from '../../core/auth/auth.decorators';
import { AuditLog } from './audit-log.service';

class AuditLogQueryDto extends createZodDto(auditLogQuerySchema) {}

@ApiTags('privacy')
@ApiBearerAuth()
@Controller('api/audit-log')
export class AuditLogController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Exports and erasures, newest first: who, what, when, with figures' })
  list(@Query() query: AuditLogQueryDto): Promise<AuditLogPageDto> {
    return this.audit.list({
      cursor: query.cursor,
      limit: query.limit ?? 50,
      subjectId: query.subjectId,
    });
  }
}
