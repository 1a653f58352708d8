import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AssignMentor, AssignmentView, Caller, InputOf, MentorSuggestion } from '@cirkel/contracts';
import { personCause, UnitOfWork } from '@cirkel/messaging';
import { MentorRepository } from '../mentors/mentor.repository';
import { AssignmentRepository } from './assignment.repository';
import { AlreadyProposed, IdeaHasMentor, IdeaNotKnown, MentorAtCapacity, MentorNotFound } from './matching.errors';
import { MatchingService } from './matching.service';
import { suggestMentors } from './mentor-matching.rules';

/** What a hub admin sees of matching for one idea, and their proposal of it to a mentor of their choice. */
@Injectable()
export class MentorSuggestionsService {
  private readonly logger = new Logger(MentorSuggestionsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly mentors: MentorRepository,
    private readonly assignments: AssignmentRepository,
    private readonly matching: MatchingService,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async suggestions(caller: Caller, ideaId: string): Promise<{ ideaId: string; items: MentorSuggestion[] }> {
    const manager = this.dataSource.manager;
    const idea = await this.ideaOfHub(manager, caller.hubId, ideaId);
    const ofIdea = await this.assignments.ofIdea(manager, idea.id);
    const asked = ofIdea.filter((a) => a.status !== 'proposed' && a.status !== 'accepted').map((a) => a.mentorId);
    const open = new Map(ofIdea.filter((a) => a.status === 'proposed').map((a) => [a.mentorId, a.proposedAt]));
    const loads = await this.assignments.loads(manager, idea.hubId);
    const mentors = await this.mentors.ofHub(idea.hubId, manager);
    const byId = new Map(mentors.map((m) => [m.personId, m]));
    const weighed = suggestMentors(idea, mentors.map((m) => ({ ...m, load: loads.get(m.personId) ?? 0 })), asked, new Date());
    return {
      ideaId: idea.id,
      items: weighed.map((s) => ({
        ...s,
        name: byId.get(s.personId)?.name ?? '',
        workDomains: byId.get(s.personId)?.workDomains ?? [],
        unavailableUntil: s.unavailableUntil?.toISOString() ?? null,
        openProposalSince: open.get(s.personId)?.toISOString() ?? null,
      })),
    };
  }

  /** Proposes the idea to the chosen mentor (with a free place); an open proposal to another mentor is withdrawn. */
  async assign(caller: Caller, data: InputOf<typeof AssignMentor>, correlationId: string): Promise<AssignmentView> {
    const proposed = await this.unitOfWork.run(async (tx) => {
      const idea = await this.ideaOfHub(tx.manager, caller.hubId, data.ideaId, true);
      const mentor = await this.mentors.findForUpdate(data.mentorId, tx.manager);
      if (!mentor || !mentor.active || mentor.hubId !== caller.hubId) throw new MentorNotFound();
      const ofIdea = await this.assignments.ofIdea(tx.manager, idea.id);
      if (ofIdea.some((a) => a.status === 'accepted')) throw new IdeaHasMentor();
      if (ofIdea.some((a) => a.status === 'proposed' && a.mentorId === mentor.personId)) throw new AlreadyProposed();
      const load = (await this.assignments.loads(tx.manager, caller.hubId)).get(mentor.personId) ?? 0;
      if (load >= mentor.capacity) throw new MentorAtCapacity(mentor.capacity);
      for (const open of ofIdea.filter((a) => a.status === 'proposed')) {
        await this.assignments.save(tx.manager, { ...open, status: 'withdrawn', decidedAt: new Date() });
      }
      return this.matching.propose(tx, idea, mentor.personId, personCause(caller.personId, correlationId));
    });
    this.logger.log(`idea ${proposed.ideaId} proposed by hand to mentor ${proposed.mentorId} by ${caller.personId}`);
    return (await this.matching.views([proposed]))[0];
  }

  /** The idea, if coaching knows it in the hub; locked when asked (one hand-made proposal of an idea at a time). */
  private async ideaOfHub(manager: EntityManager, hubId: string, ideaId: string, lock = false) {
    const idea = lock ? await this.assignments.ideaForUpdate(manager, ideaId) : await this.assignments.idea(manager, ideaId);
    if (!idea || idea.hubId !== hubId) throw new IdeaNotKnown();
    return idea;
  }
}
