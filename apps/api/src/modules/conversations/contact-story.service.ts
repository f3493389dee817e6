import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  SEES_ALL_ROLES,
  type ChannelKind,
  type ContactConversationDto,
  type ContactDto,
  type HandoffKind,
  type HandoffStatus,
} from '@touchpoint/shared';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../core/auth/auth-user';
import { ForbiddenException } from '../../core/auth/auth.exception';
import { ContactProfileService } from '../contacts/contact-profile.service';
import { MarketingHoldService } from '../marketing/marketing-hold.service';
import { ConversationAccess } from './conversation-access.service';

/** How many of a contact's conversations its story shows, newest first. */
const STORY_CONVERSATIONS = 50;

/**
 * The contact's whole story as one user may see it: the profile every team shares, and the
 * conversations this user may open, each with its channels, team, owner and the consults and
 * transfers it went through. Served here, as conversations decide access.
 */
@Injectable()
export class ContactStoryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: ConversationAccess,
    private readonly profiles: ContactProfileService,
    private readonly marketingHolds: MarketingHoldService,
  ) {}

  /**
   * With `requireVisible`, an agent who may open none of the contact's conversations may not see the
   * contact either (403); supervisors and admins see every contact. A conversation merged into
   * another is left out: its messages are in that one's thread.
   */
  async story(
    user: AuthUser,
    contactId: string,
    { requireVisible = false } = {},
  ): Promise<ContactDto> {
    const profile = await this.profiles.profile(contactId);
    const rows: ConversationRow[] = await this.db.query(
      `SELECT c.id, c.status, c.subject, c.preview_text, c.last_activity_at, c.created_at, c.channel_kinds,
              t.id AS team_id, t.name AS team_name, u.id AS owner_id, u.name AS owner_name
         FROM conversations c
         LEFT JOIN teams t ON t.id = c.team_id
         LEFT JOIN users u ON u.id = c.owner_id
        WHERE c.contact_id = $1 AND c.merged_into_id IS NULL
        ORDER BY c.last_activity_at DESC LIMIT $2`,
      [contactId, STORY_CONVERSATIONS],
    );
    const visible = await this.access.visibleAmong(
      user,
      rows.map((c) => c.id),
    );
    const shown = rows.filter((c) => visible.has(c.id));
    if (requireVisible && shown.length === 0 && !SEES_ALL_ROLES.includes(user.role))
      throw new ForbiddenException('You do not have access to this contact');
    return {
      ...profile,
      marketingHold: await this.marketingHolds.holdOf(contactId),
      conversations: await this.withStory(shown),
    };
  }

  /** Throws unless `user` may see the contact (as `story` decides). */
  async assertMaySee(user: AuthUser, contactId: string): Promise<void> {
    await this.story(user, contactId, { requireVisible: true });
  }

  private async withStory(rows: ConversationRow[]): Promise<ContactConversationDto[]> {
    const ids = rows.map((r) => r.id);
    if (ids.length === 0) return [];
    const handoffs: {
      id: string;
      conversation_id: string;
      kind: HandoffKind;
      status: HandoffStatus;
      note: string;
      summary: string | null;
      decline_reason: string | null;
      created_at: Date;
      team_id: string | null;
      team_name: string | null;
      assignee_id: string | null;
      assignee_name: string | null;
    }[] = await this.db.query(
      `SELECT h.id, h.conversation_id, h.kind, h.status, h.note, h.summary, h.decline_reason,
              h.created_at, t.id AS team_id, t.name AS team_name, u.id AS assignee_id,
              u.name AS assignee_name
         FROM handoffs h
         LEFT JOIN teams t ON t.id = h.team_id
         LEFT JOIN users u ON u.id = h.assignee_id
        WHERE h.conversation_id = ANY($1::uuid[])
        ORDER BY h.created_at`,
      [ids],
    );
    return rows.map((r) => ({
      id: r.id,
      status: r.status,
      subject: r.subject,
      preview: r.preview_text,
      lastActivityAt: r.last_activity_at.toISOString(),
      createdAt: r.created_at.toISOString(),
      channels: r.channel_kinds,
      team: r.team_id ? { id: r.team_id, name: r.team_name ?? '' } : null,
      owner: r.owner_id ? { id: r.owner_id, name: r.owner_name ?? '' } : null,
      handoffs: handoffs
        .filter((h) => h.conversation_id === r.id)
        .map((h) => ({
          id: h.id,
          kind: h.kind,
          status: h.status,
          team: h.team_id ? { id: h.team_id, name: h.team_name ?? '' } : null,
          assignee: h.assignee_id ? { id: h.assignee_id, name: h.assignee_name ?? '' } : null,
          note: h.note,
          outcome: h.summary ?? h.decline_reason,
          createdAt: h.created_at.toISOString(),
        })),
    }));
  }
}

interface ConversationRow {
  id: string;
  status: ContactConversationDto['status'];
  subject: string | null;
  preview_text: string | null;
  last_activity_at: Date;
  created_at: Date;
  /** Kept by the conversation writer: the channel kinds its messages came through, first first. */
  channel_kinds: ChannelKind[];
  team_id: string | null;
  team_name: string | null;
  owner_id: string | null;
  owner_name: string | null;
}
