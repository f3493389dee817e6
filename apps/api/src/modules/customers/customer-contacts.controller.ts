import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  ContactChangeDto,
  ContactDto,
  ContactListDto,
  ContactMergeDto,
  ContactNoteDto as ContactNote,
  MergeSuggestionDto,
} from '@touchpoint/shared';
import type { AuthUser } from '../../core/auth/auth-user';
import { CurrentUser, RequireScopes } from '../../core/auth/auth.decorators';
import { IdParamDto } from '../../core/http/id-param.dto';
import { CustomerContactsService } from './customer-contacts.service';
import {
  AddIdentityDto,
  ContactHistoryQueryDto,
  ContactIdentityParamDto,
  ContactListQueryDto,
  ContactNoteDto,
  ContactNoteParamDto,
  MergeContactsDto,
  RecordConsentDto,
  UpdateContactDto,
} from './customers.dto';

/**
 * Contacts as every team shares them. Whoever may open one of a contact's conversations may read and
 * edit it; supervisors and admins any contact.
 */
@ApiTags('contacts')
@ApiBearerAuth()
@Controller('api/contacts')
export class CustomerContactsController {
  constructor(private readonly contacts: CustomerContactsService) {}

  @Get()
  @RequireScopes('contacts:read')
  @ApiOperation({
    summary: 'Contacts you may see, newest first; q matches name, company and any address',
  })
  list(
    @Query() query: ContactListQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ContactListDto> {
    return this.contacts.list(user, query);
  }

  @Get(':id')
  @RequireScopes('contacts:read')
  @ApiOperation({
    summary:
      'The contact with identities, consent, merges and the story of its conversations you may open',
  })
  get(@Param() { id }: IdParamDto, @CurrentUser() user: AuthUser): Promise<ContactDto> {
    return this.contacts.get(user, id);
  }

  @Patch(':id')
  @RequireScopes('contacts:write')
  @ApiOperation({
    summary:
      'Edit the profile (name, company, language, preferred channel, quiet hours, attributes); recorded in its history',
  })
  update(
    @Param() { id }: IdParamDto,
    @Body() body: UpdateContactDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ContactDto> {
    return this.contacts.update(user, id, body);
  }

  @Post(':id/identities')
  @RequireScopes('contacts:write')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Add an address the customer gave (unverified); 409 naming the contact if it is another contact's",
  })
  addIdentity(
    @Param() { id }: IdParamDto,
    @Body() body: AddIdentityDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ContactDto> {
    return this.contacts.addIdentity(user, id, body);
  }

  @Delete(':id/identities/:identityId')
  @RequireScopes('contacts:write')
  @ApiOperation({ summary: 'Remove an address added by mistake (not one its channel proved)' })
  removeIdentity(
    @Param() { id, identityId }: ContactIdentityParamDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ContactDto> {
    return this.contacts.removeIdentity(user, id, identityId);
  }

  @Post(':id/consents')
  @RequireScopes('contacts:write')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record a consent given or withdrawn, per purpose and channel, with its source',
  })
  recordConsent(
    @Param() { id }: IdParamDto,
    @Body() body: RecordConsentDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ContactDto> {
    return this.contacts.recordConsent(user, id, body);
  }

  @Get(':id/notes')
  @RequireScopes('contacts:read')
  @ApiOperation({ summary: 'Notes on the contact, newest first (shared by every team)' })
  notes(@Param() { id }: IdParamDto, @CurrentUser() user: AuthUser): Promise<ContactNote[]> {
    return this.contacts.notes(user, id);
  }

  @Post(':id/notes')
  @RequireScopes('contacts:write')
  @ApiOperation({ summary: 'Add a note on the contact' })
  addNote(
    @Param() { id }: IdParamDto,
    @Body() body: ContactNoteDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ContactNote> {
    return this.contacts.addNote(user, id, body);
  }

  @Patch(':id/notes/:noteId')
  @RequireScopes('contacts:write')
  @ApiOperation({ summary: 'Edit a note (its author, supervisors and admins)' })
  editNote(
    @Param() { id, noteId }: ContactNoteParamDto,
    @Body() body: ContactNoteDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ContactNote> {
    return this.contacts.editNote(user, id, noteId, body);
  }

  @Delete(':id/notes/:noteId')
  @RequireScopes('contacts:write')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a note (its author, supervisors and admins)' })
  deleteNote(
    @Param() { id, noteId }: ContactNoteParamDto,
    @CurrentUser() user: AuthUser,
  ): Promise<void> {
    return this.contacts.deleteNote(user, id, noteId);
  }

  @Get(':id/history')
  @RequireScopes('contacts:read')
  @ApiOperation({ summary: 'Who changed what on the contact and when, newest first' })
  history(
    @Param() { id }: IdParamDto,
    @Query() { cursor }: ContactHistoryQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<{ changes: ContactChangeDto[]; nextCursor: string | null }> {
    return this.contacts.history(user, id, cursor);
  }

  @Get(':id/merge-suggestions')
  @RequireScopes('contacts:read')
  @ApiOperation({
    summary: 'Contacts that may be the same person, with the evidence (never merged by themselves)',
  })
  suggestions(
    @Param() { id }: IdParamDto,
    @CurrentUser() user: AuthUser,
  ): Promise<MergeSuggestionDto[]> {
    return this.contacts.suggestions(user, id);
  }

  @Post('merge-suggestions/:id/dismiss')
  @RequireScopes('contacts:write')
  @HttpCode(204)
  @ApiOperation({ summary: 'Dismiss a merge suggestion: the two are different people' })
  dismiss(@Param() { id }: IdParamDto, @CurrentUser() user: AuthUser): Promise<void> {
    return this.contacts.dismissSuggestion(user, id);
  }

  @Post(':id/merge')
  @RequireScopes('contacts:write')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Merge otherContactId into this contact, recorded and undoable; basis verified_identifiers (checked) or confirmed_by_staff (with a note); 422 on unverified data',
  })
  merge(
    @Param() { id }: IdParamDto,
    @Body() body: MergeContactsDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ContactMergeDto> {
    return this.contacts.merge(user, id, body);
  }

  @Post('merges/:id/undo')
  @RequireScopes('contacts:write')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Undo a merge: identities, notes, consent and conversations go back, fields the merge set are restored unless changed since',
  })
  undo(@Param() { id }: IdParamDto, @CurrentUser() user: AuthUser): Promise<ContactMergeDto> {
    return this.contacts.undoMerge(user, id);
  }
}
