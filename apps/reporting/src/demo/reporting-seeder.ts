import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Caller } from '@cirkel/contracts';
import { ParticipantService } from '../participants/participant.service';
import { PlacementService } from '../participants/placement.service';
import { periodsOfYear } from '../statistics/periods';
import { StatisticsRepository } from '../statistics/statistics.repository';
import { TargetsService } from '../targets/targets.service';
import { DEMO_PHASES, DEMO_TARGETS, demoParticipants } from './demo-participants';

const WAIT_MS = 120_000;

/**
 * Enrols the demo participants as the demo job coach (who works for Alternatief) and records their
 * placements in the demo ideas, through the services (so every event and audit row is written),
 * then defines the ESF phases of the call "circulair werk(t)!" and the hub's targets (so the
 * progress against them shows something) and stores the statistics of 2025, 2026 and the phases.
 * Idempotent: a reference, a phase or a target the hub has is left alone.
 */
@Injectable()
export class ReportingSeeder {
  private readonly logger = new Logger(ReportingSeeder.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly participants: ParticipantService,
    private readonly placements: PlacementService,
    private readonly statistics: StatisticsRepository,
    private readonly targets: TargetsService,
  ) {}

  async seed(): Promise<number> {
    const { coach, ideas, employers } = await this.partnersAndIdeas();
    let created = 0;
    for (const demo of demoParticipants()) {
      if (await this.participants.isEnrolled(coach.hubId, demo.enrolment.reference)) continue;
      const participantId = (await this.participants.enrol(coach, demo.enrolment, 'demo-seed')).id;
      created++;
      if (demo.exit) await this.participants.change(coach, { participantId, changes: demo.exit });
      if (!demo.placement) continue;
      const { workDomain, ...placement } = demo.placement;
      const ideaId = ideas.get(workDomain) ?? ideas.values().next().value;
      const employer = employers.get(placement.sector);
      if (!ideaId || !employer) continue;
      await this.placements.record(coach, { participantId, placement: { ...placement, ideaId, employerOrganisationId: employer } }, 'demo-seed');
    }
    await this.phasesAndTargets(coach.hubId);
    for (const year of [2025, 2026]) await this.statistics.store(coach.hubId, periodsOfYear(year));
    await this.statistics.storePhases(coach.hubId);
    this.logger.log(created === 0 ? 'demo participants complete, nothing to do' : `demo participants ready (${created} enrolled), statistics of 2025 and 2026 stored`);
    return created;
  }

  /** The demo's ESF phases and targets, each unless the hub has it already (a hub admin may have changed it). */
  private async phasesAndTargets(hubId: string): Promise<void> {
    const admin: Caller = { personId: '00000000-0000-7000-8000-000000000000', hubId, hubRoles: ['hub_admin'], memberships: [] };
    const known = new Set((await this.targets.phases(hubId)).map((p) => p.key));
    for (const phase of DEMO_PHASES) if (!known.has(phase.key)) await this.targets.putPhase(admin, phase);
    for (const target of DEMO_TARGETS) if (!(await this.targets.targetOf(hubId, target.period))) await this.targets.putTarget(admin, target);
  }

  /** Waits until reporting knows the demo job coach with their organisation, the demo ideas and the employers. */
  private async partnersAndIdeas(): Promise<{ coach: Caller; ideas: Map<string, string>; employers: Map<string, string> }> {
    const deadline = Date.now() + WAIT_MS;
    for (let round = 0; ; round++) {
      const [coach]: { person_id: string; hub_id: string; organisation_id: string }[] = await this.dataSource.query(
        `SELECT r.person_id, r.hub_id, m.organisation_id FROM copied_hub_roles r JOIN copied_membership m ON m.person_id = r.person_id
          WHERE 'job_coach' = ANY(r.hub_roles) ORDER BY r.person_id LIMIT 1`,
      );
      const ideaRows: { id: string; work_domain: string }[] = coach ? await this.dataSource.query(`SELECT DISTINCT ON (work_domain) id, work_domain FROM known_idea WHERE hub_id = $1 AND work_domain IS NOT NULL ORDER BY work_domain, id`, [coach.hub_id]) : [];
      const employerRows: { id: string; type: string }[] = coach ? await this.dataSource.query(`SELECT DISTINCT ON (type) id, type FROM known_organisation WHERE hub_id = $1 AND status = 'active' AND type IN ('social', 'regular') ORDER BY type, id`, [coach.hub_id]) : [];
      if (coach && ideaRows.length >= 7 && employerRows.length === 2) {
        return {
          coach: { personId: coach.person_id, hubId: coach.hub_id, hubRoles: ['job_coach'], memberships: [{ organisationId: coach.organisation_id, role: 'member' }] },
          ideas: new Map(ideaRows.map((r) => [r.work_domain, r.id])),
          employers: new Map(employerRows.map((r) => [r.type, r.id])),
        };
      }
      if (Date.now() > deadline) throw new Error(`reporting has not heard of the demo job coach, ideas and employers after ${WAIT_MS / 1000} s (coach: ${coach ? 'yes' : 'no'}, ideas: ${ideaRows.length}, employers: ${employerRows.length}): are partners and ideas seeded and their relays running?`);
      if (round % 10 === 0) this.logger.log(`waiting for the demo job coach, ideas (${ideaRows.length} of 7 domains) and employers (${employerRows.length} of 2)…`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
