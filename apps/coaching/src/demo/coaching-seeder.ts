import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { Caller, OrganisationRole, ProgrammeRegistrationView } from '@cirkel/contracts';
import { MatchingService } from '../matching/matching.service';
import { MentorSuggestionsService } from '../matching/mentor-suggestions.service';
import { MentorProfileService } from '../mentors/mentor-profile.service';
import { ProgrammesService } from '../programmes/programmes.service';
import { SessionsService } from '../sessions/sessions.service';
import { DEMO_ASSIGNMENTS, DEMO_MENTORS, DEMO_PROGRAMME, DEMO_SESSION_NOTES } from './demo-coaching';

const WAIT_MS = 120_000;
const ZONE = 'Europe/Brussels';

interface Facts {
  hubId: string;
  admin: Caller;
  mentors: Map<string, Caller>;
  ideas: Map<string, { id: string; leadOrganisationId: string }>;
  members: Caller[];
}

/**
 * The coaching demo of the Genk hub, through coaching's own services as its people would: mentor
 * profiles (different domains, capacities, loads, one away), assignments by hand (accepted, one
 * only proposed), per accepted assignment a held session with notes and action items and a planned
 * one, and the "1+1=11" programme with registrations (a waiting list, a promotion) and attendance.
 * Waits until coaching has learnt partners' people and ideas' demo ideas. Idempotent: what exists
 * (a filled profile, an assignment of the idea, sessions of an assignment, the programme) is left alone.
 */
@Injectable()
export class CoachingSeeder {
  private readonly logger = new Logger(CoachingSeeder.name);
  private created = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly profiles: MentorProfileService,
    private readonly suggestions: MentorSuggestionsService,
    private readonly matching: MatchingService,
    private readonly sessions: SessionsService,
    private readonly programmes: ProgrammesService,
  ) {}

  async seed(): Promise<number> {
    this.created = 0;
    const facts = await this.facts();
    const correlationId = `demo-seed-${randomUUID()}`;
    for (const mentor of DEMO_MENTORS) {
      const caller = known(facts.mentors.get(mentor.name), mentor.name);
      const [row] = await this.dataSource.query('SELECT capacity, bio FROM mentor WHERE person_id = $1', [caller.personId]);
      if (row && (row.capacity > 0 || row.bio !== '')) continue;
      const unavailableUntil = mentor.awayForDays ? DateTime.now().plus({ days: mentor.awayForDays }).toUTC().toISO() : null;
      await this.profiles.put(caller, { workDomains: mentor.workDomains, capacity: mentor.capacity, bio: mentor.bio, unavailableUntil }, correlationId);
      this.made(`mentor profile of ${mentor.name} (${mentor.workDomains.join(', ')}, ${mentor.capacity} places)`);
    }
    for (const demo of DEMO_ASSIGNMENTS) await this.assignment(facts, demo.ideaTitle, demo.mentor, demo.accepted, correlationId);
    await this.programme(facts, correlationId);
    this.logger.log(this.created === 0 ? 'coaching demo complete, nothing to do' : `coaching demo ready (${this.created} created)`);
    return this.created;
  }

  private async assignment(facts: Facts, ideaTitle: string, mentorName: string, accept: boolean, correlationId: string): Promise<void> {
    const idea = known(facts.ideas.get(ideaTitle), ideaTitle);
    const mentor = known(facts.mentors.get(mentorName), mentorName);
    const [existing] = await this.dataSource.query(`SELECT id, mentor_id, status FROM assignment WHERE idea_id = $1 AND status IN ('proposed', 'accepted') LIMIT 1`, [idea.id]);
    let assignmentId: string | null = existing && existing.mentor_id === mentor.personId ? existing.id : null;
    if (!existing) {
      assignmentId = (await this.suggestions.assign(facts.admin, { ideaId: idea.id, mentorId: mentor.personId }, correlationId)).id;
      this.made(`"${ideaTitle}" proposed to ${mentorName}`);
      if (accept) {
        await this.matching.answer(mentor, { assignmentId, accept: true }, correlationId);
        this.made(`${mentorName} accepted "${ideaTitle}"`);
      }
    }
    if (!accept || !assignmentId) return;
    const [sessions] = await this.dataSource.query('SELECT count(*)::int AS n FROM coaching_session WHERE assignment_id = $1', [assignmentId]);
    if (sessions.n > 0) return;
    const participants = facts.members.filter((m) => m.memberships.some((ms) => ms.organisationId === idea.leadOrganisationId)).map((m) => m.personId);
    await this.heldSession(mentor, assignmentId, participants, correlationId);
    const next = DateTime.now().setZone(ZONE).plus({ days: 9 }).set({ hour: 14, minute: 0, second: 0, millisecond: 0 });
    await this.sessions.plan(mentor, { assignmentId, startsAt: iso(next), durationMinutes: 60, place: 'https://meet.cirkel.test/demo', participantIds: participants }, correlationId);
    this.made(`a held and a planned session of "${ideaTitle}"`);
  }

  /**
   * A session that took place two weeks ago. Sessions are planned into the future only, so it is
   * planned, its start then set back (its reminders removed), and completed as the mentor would.
   */
  private async heldSession(mentor: Caller, assignmentId: string, participantIds: string[], correlationId: string): Promise<void> {
    const soon = DateTime.now().plus({ hours: 1 });
    const planned = await this.sessions.plan(mentor, { assignmentId, startsAt: iso(soon), durationMinutes: 90, place: 'Portavida, Genk', participantIds }, correlationId);
    await this.dataSource.query('DELETE FROM session_reminder WHERE session_id = $1', [planned.id]);
    const past = DateTime.now().setZone(ZONE).minus({ days: 14 }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
    await this.dataSource.query('UPDATE coaching_session SET starts_at = $2 WHERE id = $1', [planned.id, past.toJSDate()]);
    const day = (days: number) => DateTime.now().setZone(ZONE).plus({ days }).toISODate() ?? '';
    const owners = [participantIds[0] ?? mentor.personId, mentor.personId];
    await this.sessions.complete(
      mentor,
      { sessionId: planned.id, notes: DEMO_SESSION_NOTES.notes, actionItems: DEMO_SESSION_NOTES.actionItems.map((a, i) => ({ description: a.description, ownerId: owners[i % owners.length], dueOn: day(a.dueInDays) })) },
      correlationId,
    );
  }

  /** "1+1=11": three Tuesday afternoons (last week's, this week's, next week's); everyone of a partner registers; attendance of those that began. */
  private async programme(facts: Facts, correlationId: string): Promise<void> {
    const [existing] = await this.dataSource.query('SELECT id FROM programme WHERE hub_id = $1 AND title = $2', [facts.hubId, DEMO_PROGRAMME.title]);
    if (existing) return;
    const tuesday = DateTime.now().setZone(ZONE).startOf('week').plus({ days: 1 }).set({ hour: 13 });
    const afternoons = [-1, 0, 1].map((w) => tuesday.plus({ weeks: w }));
    const programme = await this.programmes.create(facts.admin, {
      title: DEMO_PROGRAMME.title,
      capacity: DEMO_PROGRAMME.capacity,
      sessions: afternoons.map((a) => ({ startsAt: iso(a), endsAt: iso(a.set({ hour: 17 })), location: DEMO_PROGRAMME.location })),
    });
    const registrations: ProgrammeRegistrationView[] = [];
    for (const member of facts.members) registrations.push(await this.programmes.register(member, { programmeId: programme.id }, correlationId));
    // One of the confirmed cancels: the first on the waiting list takes the place.
    const leaving = registrations.find((r) => r.status === 'confirmed');
    if (leaving && registrations.some((r) => r.status === 'waitlisted')) {
      await this.programmes.cancel(facts.admin, { programmeId: programme.id, registrationId: leaving.id }, correlationId);
    }
    const confirmed = (await this.programmes.get(facts.admin, programme.id)).registrations?.filter((r) => r.status === 'confirmed') ?? [];
    for (const [i, session] of programme.sessions.entries()) {
      if (Date.parse(session.startsAt) > Date.now()) continue;
      // Someone is missing each afternoon (a different one).
      const present = confirmed.filter((_, j) => j !== i).map((r) => r.id);
      await this.programmes.recordAttendance(facts.admin, { programmeId: programme.id, sessionId: session.id, presentRegistrationIds: present }, correlationId);
    }
    this.made(`programme ${DEMO_PROGRAMME.title} with ${registrations.length} registrations`);
  }

  private made(what: string): void {
    this.created++;
    this.logger.log(`demo ${what}`);
  }

  /** Waits until coaching knows the hub admin, the demo mentors, the demo ideas to coach and the partners' members. */
  private async facts(): Promise<Facts> {
    const names = DEMO_MENTORS.map((m) => m.name);
    const titles = DEMO_ASSIGNMENTS.map((a) => a.ideaTitle);
    const deadline = Date.now() + WAIT_MS;
    for (let round = 0; ; round++) {
      const [admin] = await this.dataSource.query(`SELECT person_id, hub_id FROM copied_hub_roles WHERE 'hub_admin' = ANY(hub_roles) ORDER BY person_id LIMIT 1`);
      const hubId: string | undefined = admin?.hub_id;
      const mentors: { person_id: string; name: string }[] = hubId ? await this.dataSource.query('SELECT person_id, name FROM mentor WHERE hub_id = $1 AND active AND name = ANY($2)', [hubId, names]) : [];
      const ideas: { id: string; title: string; lead_organisation_id: string }[] = hubId ? await this.dataSource.query('SELECT id, title, lead_organisation_id FROM coached_idea WHERE hub_id = $1 AND title = ANY($2)', [hubId, titles]) : [];
      const memberships: { person_id: string; organisation_id: string; role: OrganisationRole }[] = hubId
        ? await this.dataSource.query('SELECT person_id, organisation_id, role FROM copied_membership WHERE hub_id = $1 AND ended_at IS NULL ORDER BY person_id, organisation_id', [hubId])
        : [];
      if (hubId && mentors.length === names.length && new Set(ideas.map((i) => i.title)).size === titles.length && memberships.length > 0) {
        const caller = (personId: string, hubRoles: Caller['hubRoles'] = []): Caller => ({
          personId,
          hubId,
          hubRoles,
          memberships: memberships.filter((m) => m.person_id === personId).map((m) => ({ organisationId: m.organisation_id, role: m.role })),
        });
        return {
          hubId,
          admin: caller(admin.person_id, ['hub_admin']),
          mentors: new Map(mentors.map((m) => [m.name, caller(m.person_id, ['mentor'])])),
          ideas: new Map(ideas.map((i) => [i.title, { id: i.id, leadOrganisationId: i.lead_organisation_id }])),
          members: [...new Set(memberships.map((m) => m.person_id))].map((p) => caller(p)),
        };
      }
      if (Date.now() > deadline) {
        throw new Error(`coaching has not heard of the demo hub after ${WAIT_MS / 1000} s (mentors ${mentors.length} of ${names.length}, ideas ${ideas.length} of ${titles.length}, memberships ${memberships.length}): are partners and ideas seeded?`);
      }
      if (round % 10 === 0) this.logger.log(`waiting for the demo's mentors, ideas and members (${mentors.length}/${names.length} mentors, ${ideas.length}/${titles.length} ideas)…`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

function known<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`demo: ${name} is not known`);
  return value;
}

function iso(time: DateTime): string {
  return time.toUTC().toISO() ?? '';
}
