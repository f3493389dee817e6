import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OVERSEEING_ROLES, type ContactDto } from '@touchpoint/shared';
import type { AuthUser } from '../../core/auth/auth-user';
import { CurrentUser } from '../../core/auth/auth.decorators';
import { ForbiddenException } from '../../core/auth/auth.exception';
import { IdParamDto } from '../../core/http/id-param.dto';
import { ConversationAccess } from '../conversations/conversation-access.service';
import { ContactsService } from './contacts.service';

@ApiTags('contacts')
@ApiBearerAuth()
@Controller('api/contacts')
export class ContactsController {
  constructor(
    private readonly contacts: ContactsService,
    private readonly access: ConversationAccess,
  ) {}

  @Get(':id')
  @ApiOperation({
    summary: 'A contact with identities and past conversations (if you may see one of them)',
  })
  async get(@Param() { id }: IdParamDto, @CurrentUser() user: AuthUser): Promise<ContactDto> {
    const contact = await this.contacts.get(id);
    if (OVERSEEING_ROLES.includes(user.role)) return contact;
    const allowed = await this.access.visibleAmong(
      user,
      contact.conversations.map((c) => c.id),
    );
    const visible = contact.conversations.filter((c) => allowed.has(c.id));
    if (visible.length === 0)
      throw new ForbiddenException('You do not have access to this contact');
    return { ...contact, conversations: visible };
  }
}
