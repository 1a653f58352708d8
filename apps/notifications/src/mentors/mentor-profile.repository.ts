import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { WorkDomain } from '@cirkel/contracts';
import { upsertNewest } from '@cirkel/persistence';
import { MentorProfile } from './mentor-profile.entity';

@Injectable()
export class MentorProfileRepository {
  async save(manager: EntityManager, profile: MentorProfile): Promise<void> {
    await upsertNewest(manager, MentorProfile, profile, { conflictColumns: ['personId'], versionColumn: 'version' });
  }

  /** The hub's mentors (holding the mentor role now) whose work domains include `domain` and who are available at `at`. */
  async availableFor(manager: EntityManager, hubId: string, domain: WorkDomain, at: Date): Promise<string[]> {
    const rows: { person_id: string }[] = await manager.query(
      `SELECT m.person_id FROM mentor_profile m JOIN recipient r ON r.person_id = m.person_id
        WHERE m.hub_id = $1 AND r.hub_id = $1 AND 'mentor' = ANY(r.hub_roles) AND $2 = ANY(m.work_domains)
          AND m.capacity > 0 AND (m.unavailable_until IS NULL OR m.unavailable_until <= $3)
        ORDER BY m.person_id`,
      [hubId, domain, at],
    );
    return rows.map((row) => row.person_id);
  }
}
