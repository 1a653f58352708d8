import { Inject, Injectable, Logger } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { DataSource, EntityManager } from 'typeorm';
import { CIRKEL_CONFIG, CoachingConfig } from '@cirkel/config';
import { AssignmentAccepted, AssignmentProposed, AssignmentView, Caller, InputOf, AnswerAssignment, ProposalTimeout } from '@cirkel/contracts';
import { jobIdFor, JobQueue } from '@cirkel/jobs';
import { Cause, personCause, Transaction, UnitOfWork } from '@cirkel/messaging';
import { MentorRepository } from '../mentors/mentor.repository';
import { Assignment } from './assignment.entity';
import { AssignmentRepository } from './assignment.repository';
import { CoachedIdea } from './coached-idea.entity';
import { AssignmentAnswered, AssignmentNotFound, MentorAtCapacity } from './matching.errors';
import { rankMentors } from './mentor-matching.rules';

/** Proposes each submitted idea to the best mentor, and the next one when a mentor declines. */
@Injectable()
export class MatchingService {
  private readonly logger = new Logger(MatchingService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly mentors: MentorRepository,
    private readonly assignments: AssignmentRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly jobs: JobQueue,
    @Inject(CIRKEL_CONFIG) private readonly config: CoachingConfig,
  ) {}

  /** A newly submitted idea (in the transaction of its event's delivery): learnt, and proposed to the best mentor. */
  async ideaSubmitted(manager: EntityManager, idea: CoachedIdea, cause: Cause): Promise<void> {
    await this.assignments.recordIdea(manager, idea);
    await this.unitOfWork.run((tx) => this.proposeNext(tx, idea, cause), manager);
  }

  /** The proposed mentor answers: accepting takes a place (never beyond their capacity), declining passes the idea on. */
  async answer(caller: Caller, data: InputOf<typeof AnswerAssignment>, correlationId: string): Promise<AssignmentView> {
    const cause = personCause(caller.personId, correlationId);
    const answered = await this.unitOfWork.run(async (tx) => {
      const assignment = await this.assignments.findForUpdate(tx.manager, data.assignmentId);
      if (!assignment || assignment.mentorId !== caller.personId || assignment.hubId !== caller.hubId) throw new AssignmentNotFound();
      if (assignment.status !== 'proposed') throw new AssignmentAnswered(assignment.status);
      const now = new Date();
      if (!data.accept) {
        const declined: Assignment = { ...assignment, status: 'declined', decidedAt: now };
        await this.assignments.save(tx.manager, declined);
        const idea = await this.assignments.idea(tx.manager, assignment.ideaId);
        if (idea) await this.proposeNext(tx, idea, cause);
        return declined;
      }
      const mentor = await this.mentors.findForUpdate(caller.personId, tx.manager);
      const load = (await this.assignments.ofMentor(tx.manager, caller.personId)).filter((a) => a.status === 'accepted').length;
      if (!mentor || load >= mentor.capacity) throw new MentorAtCapacity(mentor?.capacity ?? 0);
      const accepted: Assignment = { ...assignment, status: 'accepted', decidedAt: now };
      await this.assignments.save(tx.manager, accepted);
      tx.publish(AssignmentAccepted, assignment.hubId, { assignmentId: assignment.id, ideaId: assignment.ideaId, mentorId: assignment.mentorId, mentorName: mentor.name }, cause);
      return accepted;
    });
    this.logger.log(`assignment ${answered.id} ${answered.status} by ${caller.personId}`);
    return (await this.views([answered]))[0];
  }

  /**
   * A proposal's time is up (its delayed job): still unanswered, it expires and the idea goes to the
   * next mentor; answered (or gone), nothing happens. Answers whether it expired.
   */
  async expire(assignmentId: string): Promise<boolean> {
    return this.unitOfWork.run(async (tx) => {
      const assignment = await this.assignments.findForUpdate(tx.manager, assignmentId);
      if (assignment?.status !== 'proposed') return false;
      await this.assignments.save(tx.manager, { ...assignment, status: 'expired', decidedAt: new Date() });
      const idea = await this.assignments.idea(tx.manager, assignment.ideaId);
      if (idea) await this.proposeNext(tx, idea, { actor: { kind: 'system', personId: null }, correlationId: `proposal-timeout-${assignment.id}`, causationId: null });
      this.logger.log(`proposal ${assignment.id} to ${assignment.mentorId} expired unanswered`);
      return true;
    });
  }

  /** The caller's assignments as a mentor, newest first. */
  async mine(caller: Caller): Promise<AssignmentView[]> {
    return this.views(await this.assignments.ofMentor(this.dataSource.manager, caller.personId));
  }

  /** Proposes the idea to the best mentor not asked before; none left is logged (a hub admin assigns by hand). */
  private async proposeNext(tx: Transaction, idea: CoachedIdea, cause: Cause): Promise<void> {
    const asked = (await this.assignments.ofIdea(tx.manager, idea.id)).map((a) => a.mentorId);
    const loads = await this.assignments.loads(tx.manager, idea.hubId);
    const mentors = (await this.mentors.ofHub(idea.hubId, tx.manager)).map((m) => ({ ...m, load: loads.get(m.personId) ?? 0 }));
    const [best] = rankMentors(idea, mentors, asked, new Date());
    if (!best) {
      this.logger.warn(`no mentor left to propose idea ${idea.id} to (${asked.length} asked before)`);
      return;
    }
    await this.propose(tx, idea, best.personId, cause);
    this.logger.log(`idea ${idea.id} proposed to mentor ${best.personId} (${best.reasons.join(', ')})`);
  }

  /** A proposal of the idea to the mentor, with its timeout job and `coaching.assignment-proposed`. */
  async propose(tx: Transaction, idea: CoachedIdea, mentorId: string, cause: Cause): Promise<Assignment> {
    const assignment: Assignment = { id: uuidv7(), hubId: idea.hubId, ideaId: idea.id, mentorId, status: 'proposed', proposedAt: new Date(), decidedAt: null };
    await this.assignments.save(tx.manager, assignment);
    // Added before the commit: if the transaction rolls back, the job finds no proposal and does nothing.
    await this.jobs.add(ProposalTimeout, { assignmentId: assignment.id }, { jobId: jobIdFor(ProposalTimeout, assignment.id), delay: this.config.coaching.proposalTimeoutMs });
    tx.publish(AssignmentProposed, idea.hubId, { assignmentId: assignment.id, ideaId: idea.id, ideaTitle: idea.title, workDomain: idea.workDomain, mentorId }, cause);
    return assignment;
  }

  async views(assignments: Assignment[]): Promise<AssignmentView[]> {
    const manager = this.dataSource.manager;
    const ideas = new Map((await this.assignments.ideas(manager, [...new Set(assignments.map((a) => a.ideaId))])).map((i) => [i.id, i]));
    const names = await this.mentors.namesOf([...new Set(assignments.map((a) => a.mentorId))], manager);
    return assignments.map((a) => {
      // Every assignment's idea is a row coaching keeps (a foreign key holds it).
      const idea = ideas.get(a.ideaId) as CoachedIdea;
      return {
        id: a.id,
        idea: { id: idea.id, title: idea.title, workDomain: idea.workDomain },
        mentor: { personId: a.mentorId, name: names.get(a.mentorId) ?? '' },
        status: a.status,
        proposedAt: a.proposedAt.toISOString(),
        decidedAt: a.decidedAt?.toISOString() ?? null,
      };
    });
  }
}

