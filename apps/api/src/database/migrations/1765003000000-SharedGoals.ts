import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Shared goals between teams: a figure of the reports with a target, measured live. And
 * `business_seconds`, the open seconds between two instants in a team's business calendar
 * (`teams.business_hours`; null: around the clock), as `businessSecondsBetween` counts them, so a
 * goal counts consult acceptance in the asked team's business time inside PostgreSQL. Open hours
 * are local wall-clock times; an opening time that a clock change skips or repeats is placed as
 * PostgreSQL places such local times, which may differ from the process by that hour.
 */
export class SharedGoals1765003000000 implements MigrationInterface {
  name = 'SharedGoals1765003000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION "business_seconds"(calendar jsonb, since timestamptz, until timestamptz)
      RETURNS double precision LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT CASE
          WHEN since IS NULL OR until IS NULL THEN NULL
          WHEN until <= since THEN 0
          WHEN calendar IS NULL THEN extract(epoch FROM until - since)::float8
          ELSE COALESCE((
            SELECT sum(extract(epoch FROM least(s.closes, until) - greatest(s.opens, since)))::float8
              FROM (SELECT COALESCE(calendar->>'timeZone', 'Europe/Berlin') AS name) zone
             CROSS JOIN LATERAL generate_series(
                (since AT TIME ZONE zone.name)::date - 'epoch'::date - 1,
                (until AT TIME ZONE zone.name)::date - 'epoch'::date) AS d(n)
             CROSS JOIN LATERAL (SELECT ('epoch'::date + d.n) AS day) local
             CROSS JOIN LATERAL jsonb_array_elements(
                COALESCE(calendar->'week'->(extract(isodow FROM local.day)::int::text), '[]')) AS i(span)
             CROSS JOIN LATERAL (
               SELECT (local.day + (i.span->>'from')::time) AT TIME ZONE zone.name AS opens,
                      (local.day + (i.span->>'to')::time) AT TIME ZONE zone.name AS closes) s
             WHERE NOT COALESCE(calendar->'holidays', '[]'::jsonb) ? to_char(local.day, 'YYYY-MM-DD')
               AND s.closes > since AND s.opens < until), 0)
        END
      $$`);
    await q.query(`CREATE TABLE "shared_goals" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "name" varchar(200) NOT NULL,
      "kind" varchar(40) NOT NULL CONSTRAINT "shared_goals_kind_check"
        CHECK ("kind" IN ('consult_accept_within', 'one_touch_rate', 'first_response_within')),
      "params" jsonb NOT NULL DEFAULT '{}' CONSTRAINT "shared_goals_params_check"
        CHECK (jsonb_typeof("params") = 'object'),
      "target" double precision NOT NULL,
      "created_by_id" uuid CONSTRAINT "shared_goals_created_by_fk" REFERENCES "users" ("id") ON DELETE SET NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      "archived_at" timestamptz
    )`);
    await q.query(`CREATE INDEX "shared_goals_live_idx" ON "shared_goals" ("created_at")
      WHERE "archived_at" IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "shared_goals"`);
    await q.query(`DROP FUNCTION "business_seconds"(jsonb, timestamptz, timestamptz)`);
  }
}
