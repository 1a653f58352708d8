import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { upsertNewest } from '@cirkel/persistence';
import { ProgrammeAttendance } from './programme-attendance.entity';

/**
 * Programme registrations and attendance from coaching's events, whatever the order of delivery:
 * a registration's status follows the newest version, the day it was made is kept from the event
 * that made it; a session's attendance is the newest record.
 */
@Injectable()
export class ProgrammeActivityRepository {
  async recordRegistration(
    manager: EntityManager,
    registration: { registrationId: string; hubId: string; programmeId: string; status: string; version: number; madeAt: string | null },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO programme_registration (registration_id, hub_id, programme_id, status, registered_on, version)
       VALUES ($1, $2, $3, $4, (($5::timestamptz) AT TIME ZONE 'Europe/Brussels')::date, $6)
       ON CONFLICT (registration_id) DO UPDATE SET
         status = CASE WHEN EXCLUDED.version >= programme_registration.version THEN EXCLUDED.status ELSE programme_registration.status END,
         registered_on = COALESCE(programme_registration.registered_on, EXCLUDED.registered_on),
         version = GREATEST(programme_registration.version, EXCLUDED.version)`,
      [registration.registrationId, registration.hubId, registration.programmeId, registration.status, registration.madeAt, registration.version],
    );
  }

  async recordAttendance(manager: EntityManager, attendance: { programmeSessionId: string; hubId: string; programmeId: string; startsAt: string; present: number; absent: number; version: number }): Promise<void> {
    const [{ day }]: { day: string }[] = await manager.query(`SELECT to_char(($1::timestamptz) AT TIME ZONE 'Europe/Brussels', 'YYYY-MM-DD') AS day`, [attendance.startsAt]);
    const { startsAt: _startsAt, ...row } = attendance;
    await upsertNewest(manager, ProgrammeAttendance, { ...row, day }, { conflictColumns: ['programmeSessionId'], versionColumn: 'version' });
  }
}
