import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SuppressionPageDto } from '@touchpoint/shared';
import { RequireScopes, Roles } from '../../core/auth/auth.decorators';
import { SuppressionsQueryDto } from './suppressions.dto';
import { SuppressionsService } from './suppressions.service';

@ApiTags('marketing')
@ApiBearerAuth()
@Controller('api/marketing/suppressions')
export class SuppressionsController {
  constructor(private readonly suppressions: SuppressionsService) {}

  @Get()
  @RequireScopes('marketing:read')
  @Roles('supervisor', 'admin')
  @ApiOperation({
    summary: 'Contacts marketing must leave alone while a support conversation of theirs is open',
    description: [
      'For marketing tools that poll. Without `since`: the contacts suppressed now, by contact id,',
      '`limit` per page (default 100, at most 1000); `cursor` is the `nextCursor` of the page before',
      '(null after the last page). Every page also carries `since`: keep the first page’s and poll',
      'with `?since=<it>` to receive every change after the list (a contact put on hold,',
      '`suppressed: true`, or released, `suppressed: false`) in the order they happened; each',
      'answer’s `nextCursor` is the `since` of the next poll (`hasMore`: poll again at once). No',
      'change is ever skipped, also when changes commit concurrently.',
      'Each entry: `contactId`, `suppressed`, `reason` (`support_open`), `since` (when the hold',
      'began), `changedAt`, and the addresses to match on: `email`, `phone`, and `identities`',
      '(`kind` + `address`: WhatsApp ids, Messenger ids, ...). A `since` or `cursor` not handed out',
      'by this endpoint, or both at once, is a 400 naming the field.',
    ].join(' '),
  })
  @ApiOkResponse({
    description:
      '{ items: [{ contactId, suppressed, reason, since, changedAt, email, phone, identities: [{ kind, address }] }], nextCursor, since, hasMore }',
  })
  list(@Query() query: SuppressionsQueryDto): Promise<SuppressionPageDto> {
    return this.suppressions.read(query);
  }
}
