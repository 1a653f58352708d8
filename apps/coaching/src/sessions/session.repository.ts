import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { namedStatement } from '@cirkel/persistence';
import { ActionItem } from './action-item.entity';
import { CoachingSession } from './coaching-session.entity';

@Injectable()
export class SessionRepository {
  async save(manager: EntityManager, session: CoachingSession): Promise<void> {
    await manager.upsert(CoachingSession, session, ['id']);
  }

  /**
   * The session, locked: one change of it at a time; a job queued per reminder (which locks the
   * session) waits for the change. The row claim (`claimDueSessionReminders`) locks no session: a
   * change deletes the session's reminder rows before it saves the session (`SessionsService`).
   */
  findForUpdate(manager: EntityManager, id: string): Promise<CoachingSession | null> {
    return manager.createQueryBuilder(CoachingSession, 's').where('s.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  /** Sessions of a hub the person runs or takes part in, starting in [from, to), by start (then id), after the key `after`, at most `take`. */
  ofPerson(manager: EntityManager, hubId: string, personId: string, from: Date | null, to: Date | null, after?: readonly [string, string], take = 1000): Promise<CoachingSession[]> {
    return this.list(manager, hubId, { personId }, from, to, after, take);
  }

  /**
   * Sessions of a hub starting in [from, to), by start (then id), after the key `after`, at most
   * `take`: those a person runs or takes part in (`personId`), those of an idea (`ideaId`), or both.
   */
  list(manager: EntityManager, hubId: string, of: { personId?: string; ideaId?: string }, from: Date | null, to: Date | null, after?: readonly [string, string], take = 1000): Promise<CoachingSession[]> {
    const q = manager.createQueryBuilder(CoachingSession, 's').where('s.hub_id = :hubId', { hubId });
    if (of.personId) q.andWhere('(s.mentor_id = :personId OR s.participant_ids @> ARRAY[:personId]::uuid[])', { personId: of.personId });
    if (of.ideaId) q.andWhere('s.idea_id = :ideaId', { ideaId: of.ideaId });
    if (from) q.andWhere('s.starts_at >= :from', { from });
    if (to) q.andWhere('s.starts_at < :to', { to });
    if (after) q.andWhere('(s.starts_at, s.id) > (:afterAt, :afterId)', { afterAt: new Date(after[0]), afterId: after[1] });
    return q.orderBy('s.starts_at', 'ASC').addOrderBy('s.id', 'ASC').limit(take).getMany();
  }

  /** Planned sessions starting after `now` (of one hub, or all): those whose reminders may still be due. */
  plannedAfter(manager: EntityManager, now: Date, hubId?: string): Promise<CoachingSession[]> {
    const q = manager.createQueryBuilder(CoachingSession, 's').where(`s.status = 'planned'`).andWhere('s.starts_at > :now', { now });
    if (hubId) q.andWhere('s.hub_id = :hubId', { hubId });
    return q.getMany();
  }

  async saveActionItems(manager: EntityManager, items: ActionItem[]): Promise<void> {
    if (items.length > 0) await manager.upsert(ActionItem, items, ['id']);
  }

  actionItemsOf(manager: EntityManager, sessionIds: string[]): Promise<ActionItem[]> {
    return sessionIds.length === 0 ? Promise.resolve([]) : manager.find(ActionItem, { where: { sessionId: In(sessionIds) }, order: { dueOn: 'ASC', id: 'ASC' } });
  }

  actionItemForUpdate(manager: EntityManager, id: string): Promise<ActionItem | null> {
    return manager.createQueryBuilder(ActionItem, 'a').where('a.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  /** Open action items due on or after `day`: those whose overdue check may still be ahead. */
  openDueFrom(manager: EntityManager, day: string): Promise<ActionItem[]> {
    return manager.createQueryBuilder(ActionItem, 'a').where('a.done_at IS NULL').andWhere('a.due_on >= :day', { day }).getMany();
  }

  find(manager: EntityManager, id: string): Promise<CoachingSession | null> {
    return manager.findOneBy(CoachingSession, { id });
  }

  /**
   * Claims, in one statement, the session reminders of a batch that go out now: each one's session
   * locked (in id order, so two batches never wait on each other in a circle), still planned at the
   * start its reminder was queued for (checked on the session as it is once locked), its lead one of
   * the hub's lead times now (`defaultLeads` for a hub without its own), and its key not yet in
   * `reminder_sent` (inserted now). Answers the claimed ones with their session and idea title.
   */
  async claimSessionReminders(manager: EntityManager, wanted: readonly { sessionId: string; leadMinutes: number; startsAt: string; key: string }[], defaultLeads: number[]): Promise<ClaimedReminder[]> {
    const rows: ClaimedRow[] = await manager.query(CLAIM_SESSION_REMINDERS, [
      wanted.map((w) => w.sessionId),
      wanted.map((w) => w.leadMinutes),
      wanted.map((w) => w.startsAt),
      wanted.map((w) => w.key),
      defaultLeads,
    ]);
    return rows.map(toClaimed);
  }

  /**
   * Claims up to `limit` session reminder rows due by `dueBy` that no other transaction holds (FOR
   * UPDATE SKIP LOCKED: two claims at once take different rows; a row a move, cancellation or
   * completion is deleting is left to it — they delete the rows before they save the session, so a
   * row not locked is one of the session as committed), deletes them, and answers each with whether it goes out: its session
   * still planned at the start it is for (as the session is now), its lead one of the hub's lead times
   * now (`defaultLeads` for a hub without its own), and its key not yet in `reminder_sent` (inserted
   * now, as a reminder job queued before the rows did). Those that go out carry their session and
   * idea title.
   */
  async claimDueSessionReminders(manager: EntityManager, dueBy: Date, limit: number, defaultLeads: number[]): Promise<{ taken: number; claimed: ClaimedReminder[] }> {
    const rows: (ClaimedRow & { sent: boolean })[] = await manager.query(CLAIM_DUE_SESSION_REMINDERS, [dueBy, limit, defaultLeads]);
    return { taken: rows.length, claimed: rows.filter((r) => r.sent).map(toClaimed) };
  }

  /** Records that a reminder went out; false when it had already (the caller then publishes nothing). */
  async markSent(manager: EntityManager, key: string): Promise<boolean> {
    const rows: unknown[] = await manager.query('INSERT INTO reminder_sent (key, sent_at) VALUES ($1, now()) ON CONFLICT DO NOTHING RETURNING key', [key]);
    return rows.length === 1;
  }
}

export interface ClaimedReminder {
  key: string;
  leadMinutes: number;
  ideaTitle: string;
  session: CoachingSession;
}

interface ClaimedRow {
  key: string;
  lead_minutes: number;
  title: string;
  id: string;
  hub_id: string;
  assignment_id: string;
  idea_id: string;
  mentor_id: string;
  participant_ids: string[];
  starts_at: Date;
  duration_minutes: number;
  place: string;
  notes: string;
  sequence: number;
}

function toClaimed(r: ClaimedRow): ClaimedReminder {
  return {
    key: r.key,
    leadMinutes: r.lead_minutes,
    ideaTitle: r.title,
    session: {
      id: r.id,
      hubId: r.hub_id,
      assignmentId: r.assignment_id,
      ideaId: r.idea_id,
      mentorId: r.mentor_id,
      participantIds: r.participant_ids,
      startsAt: r.starts_at,
      durationMinutes: r.duration_minutes,
      place: r.place,
      status: 'planned',
      cancelReason: null,
      notes: r.notes,
      heldAt: null,
      sequence: r.sequence,
    },
  };
}

/** See `claimDueSessionReminders`; the key as `reminder_sent` has it (`session.<id>.<lead>.<start ms>`). */
const CLAIM_DUE_SESSION_REMINDERS = namedStatement(
  'coaching_claim_due_session_reminders_v1',
  `WITH taken AS (
     DELETE FROM session_reminder r
      WHERE (r.session_id, r.lead_minutes, r.starts_at) IN (
        SELECT session_id, lead_minutes, starts_at FROM session_reminder WHERE due_at <= $1 ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED)
     RETURNING r.session_id, r.lead_minutes, r.starts_at,
               'session.' || r.session_id || '.' || r.lead_minutes || '.' || floor(extract(epoch FROM r.starts_at) * 1000)::bigint AS key
   ), due AS (
     SELECT s.id, s.hub_id, s.assignment_id, s.idea_id, s.mentor_id, s.participant_ids::text[] AS participant_ids, s.starts_at,
            s.duration_minutes, s.place, s.notes, s.sequence, t.lead_minutes, t.key
       FROM taken t JOIN coaching_session s ON s.id = t.session_id LEFT JOIN hub_reminder_setting h ON h.hub_id = s.hub_id
      WHERE s.status = 'planned' AND s.starts_at = t.starts_at AND t.lead_minutes = ANY(coalesce(h.session_lead_minutes, $3::int[]))
   ), claimed AS (
     INSERT INTO reminder_sent (key, sent_at) SELECT key, now() FROM due ON CONFLICT DO NOTHING RETURNING key
   )
   SELECT t.key, t.lead_minutes, due.id, due.hub_id, due.assignment_id, due.idea_id, due.mentor_id, due.participant_ids, due.starts_at,
          due.duration_minutes, due.place, due.notes, due.sequence, i.title, (c.key IS NOT NULL) AS sent
     FROM taken t LEFT JOIN due USING (key) LEFT JOIN claimed c ON c.key = t.key LEFT JOIN coached_idea i ON i.id = due.idea_id
    ORDER BY t.key`,
);

/** See `claimSessionReminders`; a named statement (parsed and planned once per connection). */
const CLAIM_SESSION_REMINDERS = namedStatement(
  'coaching_claim_session_reminders_v2',
  `WITH wanted AS (
     SELECT * FROM unnest($1::uuid[], $2::int[], $3::timestamptz[], $4::text[]) AS w(session_id, lead_minutes, starts_at, key)
   ), due AS (
     SELECT s.id, s.hub_id, s.assignment_id, s.idea_id, s.mentor_id, s.participant_ids::text[] AS participant_ids, s.starts_at,
            s.duration_minutes, s.place, s.notes, s.sequence, w.lead_minutes, w.key
       FROM coaching_session s JOIN wanted w ON w.session_id = s.id LEFT JOIN hub_reminder_setting h ON h.hub_id = s.hub_id
      WHERE s.status = 'planned' AND s.starts_at = w.starts_at AND w.lead_minutes = ANY(coalesce(h.session_lead_minutes, $5::int[]))
      ORDER BY s.id
        FOR UPDATE OF s
   ), claimed AS (
     INSERT INTO reminder_sent (key, sent_at) SELECT key, now() FROM due ON CONFLICT DO NOTHING RETURNING key
   )
   SELECT due.*, i.title FROM due JOIN claimed USING (key) JOIN coached_idea i ON i.id = due.idea_id ORDER BY due.key`,
);
