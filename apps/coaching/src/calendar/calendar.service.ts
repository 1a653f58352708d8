import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RoleDirectory } from '@cirkel/auth';
import { CIRKEL_CONFIG, CoachingConfig } from '@cirkel/config';
import { CalendarFeedView, CalendarText, Caller, NotFound } from '@cirkel/contracts';
import { AssignmentRepository } from '../matching/assignment.repository';
import { MentorRepository } from '../mentors/mentor.repository';
import { CoachingSession } from '../sessions/coaching-session.entity';
import { SessionRepository } from '../sessions/session.repository';
import { SessionNotFound } from '../sessions/sessions.errors';
import { CalendarFeed } from './calendar-feed.entity';
import { FeedTokenBox } from './feed-token-box';
import { sessionCalendar } from './session-calendar';

/** How far back a feed reaches: sessions of the last 90 days and every one to come. */
const FEED_PAST_MS = 90 * 86_400_000;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const viewOf = (token: string, createdAt: Date): CalendarFeedView => ({ path: `/api/v1/calendar-feeds/${token}`, createdAt: createdAt.toISOString() });

/** Sessions in people's own calendars: a secret feed per person, and one session's file. */
@Injectable()
export class CalendarService {
  private readonly box: FeedTokenBox;

  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionRepository,
    private readonly assignments: AssignmentRepository,
    private readonly mentors: MentorRepository,
    private readonly roles: RoleDirectory,
    @Inject(CIRKEL_CONFIG) config: CoachingConfig,
  ) {
    // coaching holds its own service-token private key (it asks partners for names on its own account)
    if (!config.tokens.servicePrivateKey) throw new Error('coaching needs JWT_SERVICE_PRIVATE_KEY (its own service-token key) to keep calendar feeds');
    this.box = new FeedTokenBox(config.tokens.servicePrivateKey);
  }

  /** A new secret token for the caller's feed (32 random bytes); the old one stops working. */
  async renew(caller: Caller): Promise<CalendarFeedView> {
    const token = randomBytes(32).toString('base64url');
    const feed: CalendarFeed = { personId: caller.personId, hubId: caller.hubId, tokenHash: hashOf(token), token: this.box.seal(token), createdAt: new Date() };
    await this.dataSource.manager.upsert(CalendarFeed, feed, ['personId']);
    return viewOf(token, feed.createdAt);
  }

  /** The caller's feed as it is, not renewed; none (or one whose token cannot be opened: made before tokens were kept, or under another key) is a 404. */
  async current(caller: Caller): Promise<CalendarFeedView> {
    const feed = await this.dataSource.manager.findOneBy(CalendarFeed, { personId: caller.personId, hubId: caller.hubId });
    const token = feed?.token ? this.box.open(feed.token) : null;
    if (!feed || !token) throw new NotFound('Your calendar feed (none made yet, or renew it to see its address)', 'calendar-feed-not-found');
    return viewOf(token, feed.createdAt);
  }

  /**
   * The feed of the token's owner; an unknown (or renewed) token is a 404 like any unknown address.
   * So is the feed of a person who holds no hub role and no membership in coaching's copy of roles
   * (a deactivation takes them all: roles-changed with none, a member-left per membership), for as
   * long as they hold none; the address itself ends only when renewed (docs/security.md).
   */
  async feed(token: string): Promise<CalendarText> {
    const feed = await this.dataSource.manager.findOneBy(CalendarFeed, { tokenHash: hashOf(token) });
    const held = feed ? await this.roles.rolesOf(feed.hubId, feed.personId) : null;
    if (!feed || !held || (held.hubRoles.length === 0 && held.memberships.length === 0)) throw new NotFound('This calendar feed (renewed, or never made)', 'calendar-feed-not-found');
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
