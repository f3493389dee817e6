import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Channels, contacts and identities, conversations, messages, attachments, timeline and durable intake. */
export class ConversationCore1763840000000 implements MigrationInterface {
  name = 'ConversationCore1763840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "channels" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "kind" varchar(20) NOT NULL CONSTRAINT "channels_kind_check"
        CHECK ("kind" IN ('email','form','webchat','api','twilio','whatsapp','messenger','instagram','telegram')),
      "name" varchar(120) NOT NULL,
      "team_id" uuid NOT NULL CONSTRAINT "channels_team_fk" REFERENCES "teams" ("id") ON DELETE RESTRICT,
      "config" jsonb NOT NULL DEFAULT '{}',
      "inbox_address" varchar(254),
      "enabled" boolean NOT NULL DEFAULT true,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX "channels_team_idx" ON "channels" ("team_id")`);
    await q.query(`CREATE INDEX "channels_inbox_address_idx" ON "channels" ("inbox_address")`);

    await q.query(`CREATE TABLE "contacts" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "name" varchar(200) NOT NULL DEFAULT '',
      "email" varchar(254),
      "phone" varchar(20),
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE "contact_identities" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "contact_id" uuid NOT NULL CONSTRAINT "contact_identities_contact_fk" REFERENCES "contacts" ("id") ON DELETE CASCADE,
      "kind" varchar(20) NOT NULL CONSTRAINT "contact_identities_kind_check"
        CHECK ("kind" IN ('email','phone','whatsapp','messenger','instagram','telegram','webchat','api')),
      "address" varchar(255) NOT NULL,
      "verified" boolean NOT NULL DEFAULT false,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(
      `CREATE UNIQUE INDEX "contact_identities_kind_address_key" ON "contact_identities" ("kind", "address")`,
    );
    await q.query(
      `CREATE INDEX "contact_identities_contact_idx" ON "contact_identities" ("contact_id")`,
    );

    await q.query(`CREATE TABLE "conversations" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "contact_id" uuid NOT NULL CONSTRAINT "conversations_contact_fk" REFERENCES "contacts" ("id") ON DELETE RESTRICT,
      "team_id" uuid CONSTRAINT "conversations_team_fk" REFERENCES "teams" ("id") ON DELETE SET NULL,
      "owner_id" uuid CONSTRAINT "conversations_owner_fk" REFERENCES "users" ("id") ON DELETE SET NULL,
      "status" varchar(10) NOT NULL DEFAULT 'open' CONSTRAINT "conversations_status_check"
        CHECK ("status" IN ('open','pending','snoozed','resolved')),
      "priority" varchar(10) NOT NULL DEFAULT 'normal' CONSTRAINT "conversations_priority_check"
        CHECK ("priority" IN ('low','normal','high','urgent')),
      "subject" varchar(300),
      "reply_token" varchar(32) NOT NULL,
      "last_seq" int NOT NULL DEFAULT 0,
      "last_activity_at" timestamptz NOT NULL DEFAULT now(),
      "last_inbound_at" timestamptz,
      "last_inbound_channel_id" uuid CONSTRAINT "conversations_last_inbound_channel_fk" REFERENCES "channels" ("id") ON DELETE SET NULL,
      "channel_kinds" varchar[] NOT NULL DEFAULT '{}',
      "preview_text" varchar(300),
      "preview_type" varchar(10),
      "unread_count" int NOT NULL DEFAULT 0,
      "snoozed_until" timestamptz,
      "resolved_at" timestamptz,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(
      `CREATE UNIQUE INDEX "conversations_reply_token_key" ON "conversations" ("reply_token")`,
    );
    // Threading: the contact's conversation that still collects messages.
    await q.query(
      `CREATE INDEX "conversations_contact_idx" ON "conversations" ("contact_id", "last_activity_at" DESC)`,
    );
    // Inbox views, keyset-paginated on (last_activity_at, id).
    await q.query(
      `CREATE INDEX "conversations_activity_idx" ON "conversations" ("last_activity_at" DESC, "id" DESC)`,
    );
    await q.query(
      `CREATE INDEX "conversations_team_activity_idx" ON "conversations" ("team_id", "last_activity_at" DESC, "id" DESC)`,
    );
    await q.query(
      `CREATE INDEX "conversations_owner_activity_idx" ON "conversations" ("owner_id", "last_activity_at" DESC, "id" DESC)`,
    );
    await q.query(
      `CREATE INDEX "conversations_unassigned_idx" ON "conversations" ("team_id", "last_activity_at" DESC, "id" DESC)
       WHERE "owner_id" IS NULL AND "status" <> 'resolved'`,
    );

    await q.query(`CREATE TABLE "messages" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "conversation_id" uuid NOT NULL CONSTRAINT "messages_conversation_fk" REFERENCES "conversations" ("id") ON DELETE CASCADE,
      "seq" int NOT NULL,
      "type" varchar(10) NOT NULL CONSTRAINT "messages_type_check" CHECK ("type" IN ('inbound','outbound','note')),
      "channel_id" uuid CONSTRAINT "messages_channel_fk" REFERENCES "channels" ("id") ON DELETE SET NULL,
      "author_user_id" uuid CONSTRAINT "messages_author_user_fk" REFERENCES "users" ("id") ON DELETE SET NULL,
      "contact_id" uuid CONSTRAINT "messages_contact_fk" REFERENCES "contacts" ("id") ON DELETE SET NULL,
      "subject" varchar(300),
      "text" text NOT NULL DEFAULT '',
      "html" text,
      "quoted" text,
      "html_original" text,
      "provider_message_id" varchar(500),
      "client_message_id" uuid,
      "delivery_status" varchar(10) CONSTRAINT "messages_delivery_status_check"
        CHECK ("delivery_status" IN ('queued','sending','sent','delivered','failed')),
      "delivery_error" varchar(1000),
      "delivery_attempts" int NOT NULL DEFAULT 0,
      "metadata" jsonb NOT NULL DEFAULT '{}',
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(
      `CREATE UNIQUE INDEX "messages_conversation_seq_key" ON "messages" ("conversation_id", "seq")`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "messages_channel_provider_id_key" ON "messages" ("channel_id", "provider_message_id")
       WHERE "provider_message_id" IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "messages_client_message_id_key" ON "messages" ("conversation_id", "client_message_id")
       WHERE "client_message_id" IS NOT NULL`,
    );
    // Email threading looks messages up by their Message-ID header.
    await q.query(
      `CREATE INDEX "messages_email_message_id_idx" ON "messages" (("metadata"->>'emailMessageId'))
       WHERE "metadata" ? 'emailMessageId'`,
    );
    // The delivery sweeper finds replies stuck before the queue.
    await q.query(
      `CREATE INDEX "messages_undelivered_idx" ON "messages" ("updated_at") WHERE "delivery_status" IN ('queued','sending')`,
    );

    await q.query(`CREATE TABLE "attachments" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "message_id" uuid NOT NULL CONSTRAINT "attachments_message_fk" REFERENCES "messages" ("id") ON DELETE CASCADE,
      "filename" varchar(255) NOT NULL,
      "content_type" varchar(255) NOT NULL,
      "size" int NOT NULL,
      "storage_key" varchar(500) NOT NULL,
      "content_id" varchar(255),
      "inline" boolean NOT NULL DEFAULT false,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX "attachments_message_idx" ON "attachments" ("message_id")`);

    await q.query(`CREATE TABLE "timeline_events" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "conversation_id" uuid NOT NULL CONSTRAINT "timeline_events_conversation_fk" REFERENCES "conversations" ("id") ON DELETE CASCADE,
      "seq" int NOT NULL,
      "kind" varchar(40) NOT NULL,
      "actor_id" uuid CONSTRAINT "timeline_events_actor_fk" REFERENCES "users" ("id") ON DELETE SET NULL,
      "data" jsonb NOT NULL DEFAULT '{}',
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(
      `CREATE UNIQUE INDEX "timeline_events_conversation_seq_key" ON "timeline_events" ("conversation_id", "seq")`,
    );

    await q.query(`CREATE TABLE "inbound_events" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "channel_id" uuid NOT NULL CONSTRAINT "inbound_events_channel_fk" REFERENCES "channels" ("id") ON DELETE CASCADE,
      "provider_message_id" varchar(500) NOT NULL,
      "payload" jsonb,
      "raw" bytea,
      "status" varchar(10) NOT NULL DEFAULT 'pending' CONSTRAINT "inbound_events_status_check"
        CHECK ("status" IN ('pending','processed','ignored','failed')),
      "attempts" int NOT NULL DEFAULT 0,
      "last_error" varchar(2000),
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "processed_at" timestamptz
    )`);
    await q.query(
      `CREATE UNIQUE INDEX "inbound_events_channel_provider_id_key" ON "inbound_events" ("channel_id", "provider_message_id")`,
    );
    await q.query(
      `CREATE INDEX "inbound_events_status_created_idx" ON "inbound_events" ("status", "created_at")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'inbound_events',
      'timeline_events',
      'attachments',
      'messages',
      'conversations',
      'contact_identities',
      'contacts',
      'channels',
    ]) {
      await q.query(`DROP TABLE "${table}"`);
    }
  }
}
