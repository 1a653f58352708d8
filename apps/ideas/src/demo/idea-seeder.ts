import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Caller, IdeaStage } from '@cirkel/contracts';
import { IdeaRepository } from '../ideas/idea.repository';
import { IdeaService } from '../ideas/idea.service';
import { DEMO_IDEA_GROUPS, DEMO_IDEAS, demoCanvas, DemoIdea } from './demo-ideas';

const ALL_DEMO_IDEAS = [...DEMO_IDEAS, ...DEMO_IDEA_GROUPS];

/** How each demo stage is reached from a draft: the moves, in order. */
const PATHS: Record<IdeaStage, IdeaStage[]> = {
  draft: [],
  submitted: ['submitted'],
  screening: ['submitted', 'screening'],
  coaching: ['submitted', 'screening', 'coaching'],
  business_model: ['submitted', 'screening', 'coaching', 'business_model'],
  pilot: ['submitted', 'screening', 'coaching', 'business_model', 'pilot'],
  launched: ['submitted', 'screening', 'coaching', 'business_model', 'pilot', 'launched'],
  parked: ['submitted', 'screening', 'parked'],
  withdrawn: ['submitted', 'withdrawn'],
};
const BY_LEAD: IdeaStage[] = ['submitted', 'withdrawn'];
const WAIT_MS = 90_000;

/**
 * Brings the demo ideas (DEMO_IDEAS) into being through IdeaService, as their organisations and the
 * hub admin would, once ideas has learnt partners' demo organisations and people from the events.
 * Idempotent: an idea whose title the hub has is left alone.
 */
@Injectable()
export class IdeaSeeder {
  private readonly logger = new Logger(IdeaSeeder.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly ideas: IdeaService,
    private readonly ideaRows: IdeaRepository,
  ) {}

  async seed(): Promise<number> {
    const { hubId, admin, leads } = await this.partnersFacts();
    let created = 0;
    for (const idea of ALL_DEMO_IDEAS) {
      const [existing] = await this.dataSource.query('SELECT 1 FROM idea WHERE hub_id = $1 AND title = $2', [hubId, idea.title]);
      if (existing) continue;
      const lead = leads.get(idea.lead);
      if (!lead) throw new Error(`demo idea "${idea.title}": no organisation ${idea.lead}`);
      await this.bring(idea, lead, admin);
      this.logger.log(`demo idea "${idea.title}" (${idea.lead}, ${idea.stage})`);
      created++;
    }
    this.logger.log(created === 0 ? 'demo ideas complete, nothing to do' : `demo ideas ready (${created} created)`);
    return created;
  }

  private async bring(idea: DemoIdea, lead: Caller, admin: Caller): Promise<void> {
    const path = PATHS[idea.stage];
    const needsCanvas = path.includes('business_model');
    const { id } = await this.ideas.create(lead, { ...idea, leadOrganisationId: lead.memberships[0].organisationId, canvas: needsCanvas ? demoCanvas(idea) : undefined });
    const correlationId = `demo-seed-${randomUUID()}`;
    for (const to of path) {
      // Until coaching's matching lands, the demo stands in for its accepted mentor.
      if (to === 'coaching') await this.ideaRows.markMentorAccepted(id, this.dataSource.manager);
      await this.ideas.transition(BY_LEAD.includes(to) ? lead : admin, { ideaId: id, to, reason: `Demo: naar ${to}.` }, correlationId);
    }
  }

  /** Waits until ideas knows every lead organisation (active), one of its org admins, and a hub admin. */
  private async partnersFacts(): Promise<{ hubId: string; admin: Caller; leads: Map<string, Caller> }> {
    const names = [...new Set(ALL_DEMO_IDEAS.map((i) => i.lead))];
    const deadline = Date.now() + WAIT_MS;
    for (let round = 0; ; round++) {
      const rows: { id: string; name: string; hub_id: string; person_id: string | null }[] = await this.dataSource.query(
        `SELECT o.id, o.name, o.hub_id, (SELECT m.person_id FROM copied_membership m WHERE m.organisation_id = o.id AND m.role = 'org_admin' ORDER BY m.person_id LIMIT 1) AS person_id
           FROM known_organisation o WHERE o.name = ANY($1) AND o.status = 'active'`,
        [names],
      );
      const hubId = rows[0]?.hub_id;
      const [admin] = hubId ? await this.dataSource.query(`SELECT person_id FROM copied_hub_roles WHERE hub_id = $1 AND 'hub_admin' = ANY(hub_roles) ORDER BY person_id LIMIT 1`, [hubId]) : [];
      const ready = rows.filter((r): r is typeof r & { person_id: string } => r.person_id !== null);
      if (hubId && admin && ready.length === names.length) {
        const caller = (personId: string, organisationId?: string): Caller => ({ personId, hubId, hubRoles: organisationId ? [] : ['hub_admin'], memberships: organisationId ? [{ organisationId, role: 'org_admin' }] : [] });
        const leads = new Map(ready.map((r) => [r.name, caller(r.person_id, r.id)]));
        return { hubId, admin: caller(admin.person_id), leads };
      }
      if (Date.now() > deadline) throw new Error(`ideas has not heard of the demo organisations after ${WAIT_MS / 1000} s (knows ${ready.length} of ${names.length}): is partners seeded and its relay running?`);
      if (round % 10 === 0) this.logger.log(`waiting for partners' demo organisations (${ready.length} of ${names.length} known)…`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
