import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ContactDto } from '@touchpoint/shared';
import type { AuthUser } from '../../core/auth/auth-user';
import { CurrentUser } from '../../core/auth/auth.decorators';
import { IdParamDto } from '../../core/http/id-param.dto';
import { UpdateContactDto } from '../contacts/contacts.dto';
import { ConversationsService } from './conversations.service';

/** A contact with the history of its conversations: served here, as conversations decide access. */
@ApiTags('contacts')
@ApiBearerAuth()
@Controller('api/contacts')
export class ContactHistoryController {
  constructor(private readonly conversations: ConversationsService) {}

  @Get(':id')
  @ApiOperation({
    summary: 'A contact with identities and past conversations (if you may see one of them)',
  })
  get(@Param() { id }: IdParamDto, @CurrentUser() user: AuthUser): Promise<ContactDto> {
    return this.conversations.contactHistory(user, id, { requireVisible: true });
  }

  @Patch(':id')
  @ApiOperation({
    summary:
      'Set how the contact prefers to be reached (a channel kind, phone, or null) if you may see one of its conversations',
  })
  update(
    @Param() { id }: IdParamDto,
    @Body() body: UpdateContactDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ContactDto> {
    return this.conversations.updateContact(user, id, body);
  }
}
