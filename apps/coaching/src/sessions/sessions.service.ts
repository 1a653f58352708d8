import { Injectable, Logger } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { isHubAdmin } from '@cirkel/auth';
import { Keyset } from '@cirkel/persistence';
import { ActionItemView, AssignmentTeam, Caller, CancelSession, CompleteSession, InputOf, ListMySessions, MoveSession, PlanSession, SessionCancelled, SessionHeld, SessionMoved, SessionPlanned, SessionView, SetActionItemDone } from '@cirkel/contracts';
import { personCause, Transaction, UnitOfWork } from '@cirkel/messaging';
import { AssignmentRepository } from '../matching/assignment.repository';
import { CoachedIdea } from '../matching/coached-idea.entity';
import { AssignmentNotFound } from '../matching/matching.errors';
import { MentorRepository } from '../mentors/mentor.repository';
import { OrganisationMembers } from '../people/organisation-members';
import { PersonNames } from '../people/person-names';
import { ActionItem } from './action-item.entity';
import { CoachingSession } from './coaching-session.entity';
import { ReminderLeads } from './reminder-leads';
import { ReminderScheduler } from './reminder-scheduler.service';
import { sessionFacts } from './session-facts';
import { SessionRepository } from './session.repository';
import { ActionItemNotFound, AssignmentNotActive, NotInTheTeam, SessionInThePast, SessionNotFound, SessionNotPlanned, SessionNotStarted } from './sessions.errors';

/** A page of sessions ends at a session: its start and id. */
const BY_START = new Keyset(z.tuple([z.iso.datetime({ offset: true }), z.uuid()]));

/**
 * Coaching sessions of an accepted assignment. The mentor plans, moves, cancels and completes them;
 * participants are members of the idea's lead organisation; both see them (`GET /sessions`). An
 * action item's owner (or the mentor) marks it done.
 */
@Injectable()
export class SessionsService {
  private readonly logger = new Logger(SessionsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionRepository,
    private readonly assignments: AssignmentRepository,
    private readonly mentors: MentorRepository,
    private readonly reminders: ReminderScheduler,
    private readonly leads: ReminderLeads,
    private readonly unitOfWork: UnitOfWork,
    private readonly members: OrganisationMembers,
    private readonly names: PersonNames,
  ) {}

  /**
   * Whom the mentor of an accepted assignment may plan a session with: the idea's lead organisation's
   * active members, by name (asked of partners). Only that mentor; anyone else is told no such
   * assignment, so no one learns another organisation's people this way.
   */
  async team(caller: Caller, assignmentId: string): Promise<AssignmentTeam> {
    const manager = this.dataSource.manager;
    const assignment = await this.assignments.find(manager, assignmentId);
    if (!assignment || assignment.mentorId !== caller.personId || assignment.hubId !== caller.hubId) throw new AssignmentNotFound();
    if (assignment.status !== 'accepted') throw new AssignmentNotActive(assignment.status);
    const idea = (await this.assignments.idea(manager, assignment.ideaId)) as CoachedIdea;
    return { items: await this.names.ofOrganisation(idea.hubId, idea.leadOrganisationId) };
  }

  async plan(caller: Caller, data: InputOf<typeof PlanSession>, correlationId: string): Promise<SessionView> {
    const { session, dueTimes } = await this.unitOfWork.run(async (tx) => {
      await this.leads.holdForSession(tx.manager, caller.hubId);
      const assignment = await this.assignments.findForUpdate(tx.manager, data.assignmentId);
      if (!assignment || assignment.mentorId !== caller.personId || assignment.hubId !== caller.hubId) throw new AssignmentNotFound();
      if (assignment.status !== 'accepted') throw new AssignmentNotActive(assignment.status);
      const startsAt = futureStart(data.startsAt);
      const idea = await this.ideaOf(tx, assignment.ideaId);
      await this.assertTeam(tx, idea, data.participantIds);
      const planned: CoachingSession = {
        id: uuidv7(),
        hubId: assignment.hubId,
        assignmentId: assignment.id,
        ideaId: assignment.ideaId,
        mentorId: assignment.mentorId,
        participantIds: data.participantIds,
        startsAt,
        durationMinutes: data.durationMinutes,
        place: data.place,
        status: 'planned',
        cancelReason: null,
        notes: '',
        heldAt: null,
        sequence: 0,
      };
      await this.sessions.save(tx.manager, planned);
      tx.publish(SessionPlanned, planned.hubId, sessionFacts(planned, idea.title), personCause(caller.personId, correlationId));
      return { session: planned, dueTimes: await this.reminders.writeSession(tx.manager, planned) };
    });
    this.logger.log(`session ${session.id} planned by ${caller.personId} at ${session.startsAt.toISOString()}`);
    await this.queueReminders(session.id, () => this.reminders.queue(dueTimes));
    return this.view(session);
  }

  async move(caller: Caller, data: InputOf<typeof MoveSession>, correlationId: string): Promise<SessionView> {
    const { after, dueTimes } = await this.unitOfWork.run(async (tx) => {
      const session = await this.plannedOfMentor(tx, caller, data.sessionId);
      const idea = await this.ideaOf(tx, session.ideaId);
      if (data.participantIds) await this.assertTeam(tx, idea, data.participantIds);
      const moved: CoachingSession = {
        ...session,
        startsAt: data.startsAt ? futureStart(data.startsAt) : session.startsAt,
        durationMinutes: data.durationMinutes ?? session.durationMinutes,
        place: data.place ?? session.place,
        participantIds: data.participantIds ?? session.participantIds,
        sequence: session.sequence + 1,
      };
      // The reminders of the old start are deleted, those of the new one written, before the session is saved (see `reminderRowsFirst`).
      const dueTimes = await this.reminders.writeSession(tx.manager, moved);
      await this.sessions.save(tx.manager, moved);
      tx.publish(SessionMoved, moved.hubId, { ...sessionFacts(moved, idea.title), previousStartsAt: session.startsAt.toISOString() }, personCause(caller.personId, correlationId));
      return { after: moved, dueTimes };
    });
    await this.queueReminders(after.id, () => this.reminders.queue(dueTimes));
    return this.view(after);
  }

  async cancel(caller: Caller, data: InputOf<typeof CancelSession>, correlationId: string): Promise<SessionView> {
    const cancelled = await this.unitOfWork.run(async (tx) => {
      const session = await this.plannedOfMentor(tx, caller, data.sessionId);
      const idea = await this.ideaOf(tx, session.ideaId);
      const changed: CoachingSession = { ...session, status: 'cancelled', cancelReason: data.reason, sequence: session.sequence + 1 };
      await this.reminders.writeSession(tx.manager, changed); // deletes its reminders, before the session is saved (see `reminderRowsFirst`)
      await this.sessions.save(tx.manager, changed);
      tx.publish(SessionCancelled, changed.hubId, { ...sessionFacts(changed, idea.title), reason: data.reason }, personCause(caller.personId, correlationId));
      return changed;
    });
    return this.view(cancelled);
  }

  async complete(caller: Caller, data: InputOf<typeof CompleteSession>, correlationId: string): Promise<SessionView> {
    const held = await this.unitOfWork.run(async (tx) => {
      const session = await this.plannedOfMentor(tx, caller, data.sessionId);
      if (session.startsAt.getTime() > Date.now()) throw new SessionNotStarted();
      const outsiders = [...new Set(data.actionItems.map((a) => a.ownerId))].filter((id) => id !== session.mentorId && !session.participantIds.includes(id));
      if (outsiders.length > 0) throw new NotInTheTeam(outsiders);
      const idea = await this.ideaOf(tx, session.ideaId);
      const changed: CoachingSession = { ...session, status: 'held', notes: data.notes, heldAt: new Date() };
      const items: ActionItem[] = data.actionItems.map((a) => ({ id: uuidv7(), sessionId: session.id, description: a.description, ownerId: a.ownerId, dueOn: a.dueOn, doneAt: null }));
      await this.reminders.writeSession(tx.manager, changed); // deletes any reminder left, before the session is saved (see `reminderRowsFirst`)
      await this.sessions.save(tx.manager, changed);
      await this.sessions.saveActionItems(tx.manager, items);
      const hours = Math.round((changed.durationMinutes / 60) * 100) / 100;
      tx.publish(SessionHeld, changed.hubId, { ...sessionFacts(changed, idea.title), hours, actionItemCount: items.length }, personCause(caller.personId, correlationId));
      return { changed, items };
    });
    await this.queueReminders(held.changed.id, async () => {
      for (const item of held.items) await this.reminders.scheduleActionItem(item);
    });
    return this.view(held.changed);
  }

  /**
   * The caller's sessions (as mentor or participant); with `ideaId`, only that idea's. A hub admin
   * asking for an idea gets every session of it, whoever runs it (they oversee the hub's coaching:
   * the page of a coached idea); anyone else only their own of it, so asking tells them nothing more.
   */
  async mine(caller: Caller, data: InputOf<typeof ListMySessions>): Promise<{ items: SessionView[]; nextCursor: string | null }> {
    const after = BY_START.after(data.cursor);
    const of = data.ideaId && isHubAdmin(caller) ? { ideaId: data.ideaId } : { personId: caller.personId, ideaId: data.ideaId };
    const found = await this.sessions.list(this.dataSource.manager, caller.hubId, of, data.from ? new Date(data.from) : null, data.to ? new Date(data.to) : null, after, data.limit + 1);
    const page = BY_START.page(found, data.limit, (s) => [s.startsAt.toISOString(), s.id]);
    return { items: await this.views(page.rows), nextCursor: page.nextCursor };
  }

  async setDone(caller: Caller, data: InputOf<typeof SetActionItemDone>): Promise<ActionItemView> {
    return this.unitOfWork.run(async (tx) => {
      const item = await this.sessions.actionItemForUpdate(tx.manager, data.actionItemId);
      const session = item && (await this.sessions.find(tx.manager, item.sessionId));
      if (!item || !session || session.hubId !== caller.hubId || (item.ownerId !== caller.personId && session.mentorId !== caller.personId)) throw new ActionItemNotFound();
      const changed: ActionItem = { ...item, doneAt: data.done ? (item.doneAt ?? new Date()) : null };
      await this.sessions.saveActionItems(tx.manager, [changed]);
      return actionItemView(changed);
    });
  }

  /**
   * Reminder jobs are queued after the commit, never before: a job due at once (an action item due in
   * the past, a session moved to within the hour) would otherwise run before the row it reads is
   * committed, find nothing to do and be done. If Redis cannot take them now, the session and its
   * reminder rows are stored: the next sweep (every minute) queues the session's reminders within the
   * horizon and sends any overdue, and the next start of coaching queues every action item's check.
   */
  private async queueReminders(sessionId: string, schedule: () => Promise<void>): Promise<void> {
    try {
      await schedule();
    } catch (error) {
      this.logger.warn(`reminders of session ${sessionId} not queued now (${(error as Error).message}); the next start of coaching queues them`);
    }
  }

  /**
   * The session of the caller as its mentor, locked, still planned.
   *
   * reminderRowsFirst: a move, cancellation or completion deletes (and writes) the session's
   * reminder rows BEFORE it saves the session. The claim (`claimDueSessionReminders`) locks only the
   * rows (SKIP LOCKED) and checks the session as last committed; saved first, a claim between the
   * save and the deletion took the rows and sent the reminder of the old start, or of a session
   * being cancelled. Rows first: a claim that locked them already finishes first (the session was
   * still as it sent it; the deletion waits for it), a later one skips them. No deadlock: the claim
   * locks no session, so the change (session, then rows) and the claim (rows) never wait in a circle.
   * A plan has no rows before its session exists (their foreign key), so it saves first.
   */
  private async plannedOfMentor(tx: Transaction, caller: Caller, sessionId: string): Promise<CoachingSession> {
    await this.leads.holdForSession(tx.manager, caller.hubId); // before the session's lock (see `ReminderLeads.holdForSession`)
    const session = await this.sessions.findForUpdate(tx.manager, sessionId);
    if (!session || session.mentorId !== caller.personId || session.hubId !== caller.hubId) throw new SessionNotFound();
    if (session.status !== 'planned') throw new SessionNotPlanned(session.status);
    return session;
  }

  private async ideaOf(tx: Transaction, ideaId: string): Promise<CoachedIdea> {
    return (await this.assignments.idea(tx.manager, ideaId)) as CoachedIdea; // an assignment's idea: a foreign key holds it
  }

  private async assertTeam(tx: Transaction, idea: CoachedIdea, participantIds: string[]): Promise<void> {
    const members = await this.members.of(idea.hubId, idea.leadOrganisationId, participantIds);
    const outsiders = participantIds.filter((id) => !members.has(id));
    if (outsiders.length > 0) throw new NotInTheTeam(outsiders);
  }

  private async view(session: CoachingSession): Promise<SessionView> {
    return (await this.views([session]))[0];
  }

  private async participantNames(sessions: CoachingSession[]): Promise<Map<string, string>> {
    const byHub = new Map<string, string[]>();
    for (const s of sessions) byHub.set(s.hubId, [...(byHub.get(s.hubId) ?? []), ...s.participantIds]);
    const named = new Map<string, string>();
    for (const [hubId, ids] of byHub) for (const [personId, name] of await this.names.of(hubId, ids)) named.set(`${hubId}/${personId}`, name);
    return named;
  }

  private async views(sessions: CoachingSession[]): Promise<SessionView[]> {
    const manager = this.dataSource.manager;
    const ideas = new Map((await this.assignments.ideas(manager, [...new Set(sessions.map((s) => s.ideaId))])).map((i) => [i.id, i]));
    const names = await this.mentors.namesOf([...new Set(sessions.map((s) => s.mentorId))], manager);
    const items = await this.sessions.actionItemsOf(manager, sessions.map((s) => s.id));
    // Names of these sessions' participants only: whoever sees a session sees who takes part, no one else.
    const participantNames = await this.participantNames(sessions);
    return sessions.map((s) => ({
      id: s.id,
      assignmentId: s.assignmentId,
      idea: { id: s.ideaId, title: ideas.get(s.ideaId)?.title ?? '' },
      mentor: { personId: s.mentorId, name: names.get(s.mentorId) ?? '' },
      participantIds: s.participantIds,
      participants: s.participantIds.map((personId) => ({ personId, name: participantNames.get(`${s.hubId}/${personId}`) ?? null })),
      startsAt: s.startsAt.toISOString(),
      durationMinutes: s.durationMinutes,
      place: s.place,
      status: s.status,
      cancelReason: s.cancelReason,
      notes: s.notes,
      heldAt: s.heldAt?.toISOString() ?? null,
      actionItems: items.filter((i) => i.sessionId === s.id).map(actionItemView),
    }));
  }
}

function futureStart(iso: string): Date {
  const startsAt = new Date(iso);
  if (startsAt.getTime() <= Date.now()) throw new SessionInThePast();
  return startsAt;
}

function actionItemView(item: ActionItem): ActionItemView {
  return { id: item.id, sessionId: item.sessionId, description: item.description, ownerId: item.ownerId, dueOn: item.dueOn, done: item.doneAt !== null, doneAt: item.doneAt?.toISOString() ?? null };
}
