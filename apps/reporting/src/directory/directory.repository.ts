import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { KnownIdea } from './known-idea.entity';
import { KnownOrganisation } from './known-organisation.entity';

/**
 * What reporting knows of ideas and organisations, from their events. Facts that never change (an
 * idea's work domain in ideas.submitted, the days of a submission, registration and approval) are
 * kept from whichever event brings them; what changes (stage, status; an organisation's type, from
 * the newest fact that names one) follows the newest version, whatever the order of delivery.
 */
@Injectable()
export class DirectoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** `submittedAt` only from ideas.submitted (its Brussels day is kept once); a stage change brings none. */
  async recordIdea(manager: EntityManager, idea: { id: string; hubId: string; workDomain: string | null; stage: string; version: number; submittedAt?: string }): Promise<void> {
    await manager.query(
      `INSERT INTO known_idea (id, hub_id, work_domain, stage, version, submitted_on)
       VALUES ($1, $2, $3, $4, $5, (($6::timestamptz) AT TIME ZONE 'Europe/Brussels')::date)
       ON CONFLICT (id) DO UPDATE SET
         work_domain = COALESCE(known_idea.work_domain, EXCLUDED.work_domain),
         stage = CASE WHEN EXCLUDED.version > known_idea.version THEN EXCLUDED.stage ELSE known_idea.stage END,
         version = GREATEST(known_idea.version, EXCLUDED.version),
         submitted_on = COALESCE(known_idea.submitted_on, EXCLUDED.submitted_on)`,
      [idea.id, idea.hubId, idea.workDomain, idea.stage, idea.version, idea.submittedAt ?? null],
    );
  }

  /** `registeredAt` from organisation-registered, `approvedAt` from organisation-approved: each a Brussels day kept once (one event brings it). */
  async recordOrganisation(
    manager: EntityManager,
    organisation: { id: string; hubId: string; type: string | null; status: string; version: number; registeredAt?: string; approvedAt?: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO known_organisation (id, hub_id, type, status, version, type_version, registered_on, approved_on)
       VALUES ($1, $2, $3, $4, $5, $6, (($7::timestamptz) AT TIME ZONE 'Europe/Brussels')::date, (($8::timestamptz) AT TIME ZONE 'Europe/Brussels')::date)
       ON CONFLICT (id) DO UPDATE SET
         type = CASE WHEN EXCLUDED.type IS NOT NULL AND EXCLUDED.type_version >= known_organisation.type_version THEN EXCLUDED.type ELSE known_organisation.type END,
         type_version = GREATEST(known_organisation.type_version, EXCLUDED.type_version),
         status = CASE WHEN EXCLUDED.version > known_organisation.version THEN EXCLUDED.status ELSE known_organisation.status END,
         version = GREATEST(known_organisation.version, EXCLUDED.version),
         registered_on = COALESCE(known_organisation.registered_on, EXCLUDED.registered_on),
         approved_on = COALESCE(known_organisation.approved_on, EXCLUDED.approved_on)`,
      [
        organisation.id,
        organisation.hubId,
        organisation.type,
        organisation.status,
        organisation.version,
        organisation.type ? organisation.version : 0,
        organisation.registeredAt ?? null,
        organisation.approvedAt ?? null,
      ],
    );
  }

  async recordStageMovement(manager: EntityManager, move: { eventId: string; hubId: string; ideaId: string; from: string; to: string; occurredAt: string }): Promise<void> {
    await manager.query(
      `INSERT INTO stage_movement (event_id, hub_id, idea_id, from_stage, to_stage, day)
       VALUES ($1, $2, $3, $4, $5, (($6::timestamptz) AT TIME ZONE 'Europe/Brussels')::date) ON CONFLICT (event_id) DO NOTHING`,
      [move.eventId, move.hubId, move.ideaId, move.from, move.to, move.occurredAt],
    );
  }

  /** A session held, once (a session is held once; a redelivery changes nothing). */
  async recordHeldSession(manager: EntityManager, held: { sessionId: string; hubId: string; ideaId: string; startsAt: string; hours: number; participantCount: number }): Promise<void> {
    await manager.query(
      `INSERT INTO held_session (session_id, hub_id, idea_id, day, hours, participant_count)
       VALUES ($1, $2, $3, (($4::timestamptz) AT TIME ZONE 'Europe/Brussels')::date, $5, $6) ON CONFLICT (session_id) DO NOTHING`,
      [held.sessionId, held.hubId, held.ideaId, held.startsAt, held.hours, held.participantCount],
    );
  }

  /** The start days of the placements recorded for an idea (one a year is enough: each names its year's statistics run). */
  async placementYearsOf(manager: EntityManager, hubId: string, ideaId: string): Promise<string[]> {
    const rows: { day: string }[] = await manager.query(
      `SELECT min(start_date)::text AS day FROM placement WHERE hub_id = $1 AND idea_id = $2 GROUP BY date_part('year', start_date)`,
      [hubId, ideaId],
    );
    return rows.map((r) => r.day);
  }

  idea(hubId: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<KnownIdea | null> {
    return manager.findOneBy(KnownIdea, { hubId, id });
  }

  organisation(hubId: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<KnownOrganisation | null> {
    return manager.findOneBy(KnownOrganisation, { hubId, id });
  }
}
