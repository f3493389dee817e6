import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  OVERSEEING_ROLES,
  type AddIdentityRequest,
  type ContactChangeDto,
  type ContactDto,
  type ContactListDto,
  type ContactListParams,
  type ContactMergeDto,
  type ContactNoteDto,
  type ContactNoteRequest,
  type MergeContactsRequest,
  type MergeSuggestionDto,
  type RecordConsentRequest,
  type UpdateContactRequest,
} from '@touchpoint/shared';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../core/auth/auth-user';
import { DomainEvents, type EventBatch } from '../../core/events/domain-events';
import { ContactMergesService } from '../contacts/contact-merges.service';
import { ContactProfileService } from '../contacts/contact-profile.service';
import { IdentityTakenException, NoteForbiddenException } from '../contacts/contacts.exception';
import { ConversationAccess } from '../conversations/conversation-access.service';
import { moveConversationsToContact } from '../conversations/conversation-writer';
import { ContactStoryService } from '../conversations/contact-story.service';
import { listContacts } from './contact-list.query';

/**
 * The contact as staff see and change it, the same for every team: whoever may open one of the
 * contact's conversations (supervisors and admins: any contact) may read and edit its profile,
 * link addresses, and merge it with another contact they may see.
 */
@Injectable()
export class CustomerContactsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: DomainEvents,
    private readonly stories: ContactStoryService,
    private readonly profiles: ContactProfileService,
    private readonly merges: ContactMergesService,
    private readonly access: ConversationAccess,
  ) {}

  async list(user: AuthUser, params: ContactListParams): Promise<ContactListDto> {
    const visibility = await this.access.visibilityFilter(user);
    return listContacts(this.db, visibility, params);
  }

  get(user: AuthUser, id: string): Promise<ContactDto> {
    return this.stories.story(user, id, { requireVisible: true });
  }

  async update(user: AuthUser, id: string, input: UpdateContactRequest): Promise<ContactDto> {
    await this.stories.assertMaySee(user, id);
    await this.write(async (m, batch) => {
      await this.profiles.update(m, id, user.id, input, batch);
      // Conversation summaries carry the contact's name and preferred channel: open threads follow.
      if (input.name !== undefined || input.preferredChannel !== undefined)
        await this.announceConversations(m, id, batch);
    });
    return this.get(user, id);
  }

  async addIdentity(user: AuthUser, id: string, input: AddIdentityRequest): Promise<ContactDto> {
    await this.stories.assertMaySee(user, id);
    try {
      await this.write((m, batch) => this.profiles.addIdentity(m, id, user.id, input, batch));
    } catch (err) {
      // The contact holding the address is named only to those who may see it.
      if (err instanceof IdentityTakenException && !(await this.maySee(user, err.contactId)))
        throw err.redacted();
      throw err;
    }
    return this.get(user, id);
  }

  async removeIdentity(user: AuthUser, id: string, identityId: string): Promise<ContactDto> {
    await this.stories.assertMaySee(user, id);
    await this.write((m, batch) => this.profiles.removeIdentity(m, id, identityId, user.id, batch));
    return this.get(user, id);
  }

  async recordConsent(
    user: AuthUser,
    id: string,
    input: RecordConsentRequest,
  ): Promise<ContactDto> {
    await this.stories.assertMaySee(user, id);
    await this.write((m, batch) => this.profiles.recordConsent(m, id, user.id, input, batch));
    return this.get(user, id);
  }

  async notes(user: AuthUser, id: string): Promise<ContactNoteDto[]> {
    await this.stories.assertMaySee(user, id);
    return this.profiles.notes(id);
  }

  async addNote(user: AuthUser, id: string, input: ContactNoteRequest): Promise<ContactNoteDto> {
    await this.stories.assertMaySee(user, id);
    const noteId = await this.write((m, batch) =>
      this.profiles.addNote(m, id, user.id, input, batch),
    );
    return this.profiles.note(this.db.manager, id, noteId);
  }

  async editNote(
    user: AuthUser,
    id: string,
    noteId: string,
    input: ContactNoteRequest,
  ): Promise<ContactNoteDto> {
    await this.assertMayChangeNote(user, id, noteId);
    await this.write((m, batch) => this.profiles.editNote(m, id, noteId, user.id, input, batch));
    return this.profiles.note(this.db.manager, id, noteId);
  }

  async deleteNote(user: AuthUser, id: string, noteId: string): Promise<void> {
    await this.assertMayChangeNote(user, id, noteId);
    await this.write((m, batch) => this.profiles.deleteNote(m, id, noteId, user.id, batch));
  }

  async history(
    user: AuthUser,
    id: string,
    cursor?: string,
  ): Promise<{ changes: ContactChangeDto[]; nextCursor: string | null }> {
    await this.stories.assertMaySee(user, id);
    return this.profiles.history(id, cursor);
  }

  async suggestions(user: AuthUser, id: string): Promise<MergeSuggestionDto[]> {
    await this.stories.assertMaySee(user, id);
    const rows = await this.merges.suggestions(id);
    if (rows.length === 0) return [];
    const listed = await listContacts(
      this.db,
      await this.access.visibilityFilter(user),
      { limit: 100 },
      rows.map((r) => r.otherContactId),
    );
    const visible = new Map(listed.contacts.map((c) => [c.id, c]));
    // Only contacts the user may see are suggested: a suggestion must not reveal a stranger.
    return rows.flatMap((r) => {
      const contact = visible.get(r.otherContactId);
      return contact
        ? [
            {
              id: r.id,
              contact,
              evidence: r.evidence,
              verified: r.evidence.length > 0 && r.evidence.every((e) => e.verified),
            },
          ]
        : [];
    });
  }

  async dismissSuggestion(user: AuthUser, suggestionId: string): Promise<void> {
    const pair = await this.merges.suggestionPair(suggestionId);
    for (const contactId of pair) await this.stories.assertMaySee(user, contactId);
    await this.merges.dismiss(suggestionId);
  }

  /** Merges `otherContactId` into `id`: both must be contacts the user may see. */
  async merge(user: AuthUser, id: string, input: MergeContactsRequest): Promise<ContactMergeDto> {
    await this.stories.assertMaySee(user, id);
    await this.stories.assertMaySee(user, input.otherContactId);
    const mergeId = await this.write(async (m, batch) => {
      const evidence = await this.merges.prepare(m, id, input);
      const theirs: { id: string }[] = await m.query(
        'SELECT id FROM conversations WHERE contact_id = $1',
        [input.otherContactId],
      );
      const moved = await moveConversationsToContact(
        m,
        theirs.map((c) => c.id),
        input.otherContactId,
        id,
        batch,
      );
      return this.merges.merge(m, id, input, evidence, moved, user.id, batch);
    });
    return this.profiles.merge(this.db.manager, mergeId);
  }

  async undoMerge(user: AuthUser, mergeId: string): Promise<ContactMergeDto> {
    await this.stories.assertMaySee(user, await this.merges.mergeContact(mergeId));
    await this.write(async (m, batch) => {
      const undone = await this.merges.undo(m, mergeId, user.id, batch);
      await moveConversationsToContact(
        m,
        undone.conversationIds,
        undone.contactId,
        undone.restoredContactId,
        batch,
      );
    });
    return this.profiles.merge(this.db.manager, mergeId);
  }

  private async maySee(user: AuthUser, contactId: string): Promise<boolean> {
    try {
      await this.stories.assertMaySee(user, contactId);
      return true;
    } catch {
      return false;
    }
  }

  private async assertMayChangeNote(user: AuthUser, id: string, noteId: string): Promise<void> {
    await this.stories.assertMaySee(user, id);
    const note = await this.profiles.note(this.db.manager, id, noteId);
    if (note.author?.id !== user.id && !OVERSEEING_ROLES.includes(user.role))
      throw new NoteForbiddenException();
  }

  private async announceConversations(
    m: EntityManager,
    contactId: string,
    batch: EventBatch,
  ): Promise<void> {
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM conversations WHERE contact_id = $1 ORDER BY last_activity_at DESC LIMIT 50`,
      [contactId],
    );
    for (const { id } of rows) batch.add('conversation.updated', { conversationId: id });
  }

  private write<T>(work: (m: EntityManager, batch: EventBatch) => Promise<T>): Promise<T> {
    return this.events.transaction(work);
  }
}
