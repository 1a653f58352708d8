import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CalendarFeedView, CalendarText, Caller, NotFound } from '@cirkel/contracts';
import { AssignmentRepository } from '../matching/assignment.repository';
import { MentorRepository } from '../mentors/mentor.repository';
import { CoachingSession } from '../sessions/coaching-session.entity';
import { SessionRepository } from '../sessions/session.repository';
import { SessionNotFound } from '../sessions/sessions.errors';
import { CalendarFeed } from './calendar-feed.entity';
import { sessionCalendar } from './session-calendar';

/** How far back a feed reaches: sessions of the last 90 days and every one to come. */
const FEED_PAST_MS = 90 * 86_400_000;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const viewOf = (token: string, createdAt: Date): CalendarFeedView => ({ path: `/api/v1/calendar-feeds/${token}`, createdAt: createdAt.toISOString() });

/** Sessions in people's own calendars: a secret feed per person, and one session's file. */
@Injectable()
export class CalendarService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionRepository,
    private readonly assignments: AssignmentRepository,
    private readonly mentors: MentorRepository,
  ) {}

  /** A new secret token for the caller's feed (32 random bytes); the old one stops working. */
  async renew(caller: Caller): Promise<CalendarFeedView> {
    const token = randomBytes(32).toString('base64url');
    const feed: CalendarFeed = { personId: caller.personId, hubId: caller.hubId, tokenHash: hashOf(token), token, createdAt: new Date() };
    await this.dataSource.manager.upsert(CalendarFeed, feed, ['personId']);
    return viewOf(token, feed.createdAt);
  }

  /** The caller's feed as it is, not renewed; none (or one made before tokens were kept) is a 404. */
  async current(caller: Caller): Promise<CalendarFeedView> {
    const feed = await this.dataSource.manager.findOneBy(CalendarFeed, { personId: caller.personId, hubId: caller.hubId });
    if (!feed?.token) throw new NotFound('Your calendar feed (none made yet)', 'calendar-feed-not-found');
    return viewOf(feed.token, feed.createdAt);
  }

  /** The feed of the token's owner; an unknown (or renewed) token is a 404 like any unknown address. */
  async feed(token: string): Promise<CalendarText> {
    const feed = await this.dataSource.manager.findOneBy(CalendarFeed, { tokenHash: hashOf(token) });
    if (!feed) throw new NotFound('This calendar feed (renewed, or never made)', 'calendar-feed-not-found');
    const found = await this.sessions.ofPerson(this.dataSource.manager, feed.hubId, feed.personId, new Date(Date.now() - FEED_PAST_MS), null);
    return { filename: 'cirkel-coaching.ics', ics: await this.calendarOf('Cirkel coaching', found) };
  }

  /** One session of the caller's (as mentor or participant) as a file. */
  async session(caller: Caller, sessionId: string): Promise<CalendarText> {
    const session = await this.sessions.find(this.dataSource.manager, sessionId);
    if (!session || session.hubId !== caller.hubId || (session.mentorId !== caller.personId && !session.participantIds.includes(caller.personId))) throw new SessionNotFound();
    return { filename: `coaching-${session.startsAt.toISOString().slice(0, 10)}.ics`, ics: await this.calendarOf('Cirkel coaching', [session]) };
  }

  private async calendarOf(name: string, sessions: CoachingSession[]): Promise<string> {
    const manager = this.dataSource.manager;
    const ideas = new Map((await this.assignments.ideas(manager, [...new Set(sessions.map((s) => s.ideaId))])).map((i) => [i.id, i.title]));
    const names = await this.mentors.namesOf([...new Set(sessions.map((s) => s.mentorId))], manager);
    return sessionCalendar(
      name,
      sessions.map((session) => ({ session, ideaTitle: ideas.get(session.ideaId) ?? '', mentorName: names.get(session.mentorId) ?? '' })),
    );
  }
}
