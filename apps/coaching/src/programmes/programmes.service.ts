import { Injectable, Logger } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { DataSource, EntityManager, In } from 'typeorm';
import { CancelRegistration, Caller, CreateProgramme, InputOf, NotFound, ProgrammeView, RecordAttendance, RegisterForProgramme, RegistrationPromoted, ProgrammeRegistrationView, RegistrationChanged, AttendanceRecorded, EventData } from '@cirkel/contracts';
import { personCause, UnitOfWork } from '@cirkel/messaging';
import { OrganisationMembers } from '../people/organisation-members';
import { Programme, ProgrammeSession, Registration } from './programme.entities';
import { AlreadyRegistered, NotConfirmed, NotYourColleague, NotYourOrganisation, OrganisationAmbiguous, ProgrammeNotFound, RegistrationCancelled, RegistrationNotFound } from './programmes.errors';

/**
 * Programmes such as "1+1=11": hub admins create them and record attendance; anyone of the hub
 * registers (or their org_admin registers them). Places are given in order under a lock of the
 * programme's row: confirmed while places last, then waitlisted; a cancelled confirmed place goes
 * to the first on the waiting list (`coaching.registration-promoted`).
 */
@Injectable()
export class ProgrammesService {
  private readonly logger = new Logger(ProgrammesService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly members: OrganisationMembers,
  ) {}

  async create(caller: Caller, data: InputOf<typeof CreateProgramme>): Promise<ProgrammeView> {
    const programme: Programme = { id: uuidv7(), hubId: caller.hubId, title: data.title, capacity: data.capacity, createdAt: new Date() };
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(Programme, programme);
      await manager.insert(
        ProgrammeSession,
        data.sessions.map((s) => ({ id: uuidv7(), programmeId: programme.id, startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt), location: s.location })),
      );
    });
    return this.get(caller, programme.id);
  }

  async list(caller: Caller): Promise<{ items: ProgrammeView[] }> {
    const programmes = await this.dataSource.manager.find(Programme, { where: { hubId: caller.hubId }, order: { createdAt: 'DESC', id: 'DESC' }, take: 200 });
    return { items: await this.views(caller, programmes) };
  }

  async get(caller: Caller, programmeId: string): Promise<ProgrammeView> {
    return (await this.views(caller, [await this.programmeOfHub(this.dataSource.manager, caller, programmeId)]))[0];
  }

  async register(caller: Caller, data: InputOf<typeof RegisterForProgramme>, correlationId: string): Promise<ProgrammeRegistrationView> {
    const personId = data.personId ?? caller.personId;
    const organisationId = personId !== caller.personId ? await this.colleagueOrganisation(caller, personId, data.organisationId) : ownOrganisation(caller, data.organisationId);
    const registration = await this.unitOfWork.run(async (tx) => {
      const programme = await this.programmeOfHub(tx.manager, caller, data.programmeId, true);
      const open = await this.openRegistrations(tx.manager, programme.id);
      if (open.some((r) => r.personId === personId)) throw new AlreadyRegistered();
      const confirmed = open.filter((r) => r.status === 'confirmed').length;
      const made: Registration = {
        id: uuidv7(),
        programmeId: programme.id,
        personId,
        registeredBy: caller.personId,
        organisationId,
        status: confirmed < programme.capacity ? 'confirmed' : 'waitlisted',
        registeredAt: new Date(),
        attendedSessionIds: [],
      };
      await tx.manager.insert(Registration, made);
      tx.publish(RegistrationChanged, programme.hubId, registrationChange(programme, made, made.status, [...open, made]), personCause(caller.personId, correlationId));
      return made;
    });
    this.logger.log(`programme ${data.programmeId}: ${personId} ${registration.status}`);
    return this.registrationView(registration, await this.openRegistrations(this.dataSource.manager, registration.programmeId));
  }

  async cancel(caller: Caller, data: InputOf<typeof CancelRegistration>, correlationId: string): Promise<ProgrammeRegistrationView> {
    const isAdmin = caller.hubRoles.includes('hub_admin');
    const cancelled = await this.unitOfWork.run(async (tx) => {
      const programme = await this.programmeOfHub(tx.manager, caller, data.programmeId, true);
      const registration = await tx.manager.findOneBy(Registration, { id: data.registrationId, programmeId: programme.id });
      if (!registration || (!isAdmin && registration.personId !== caller.personId && registration.registeredBy !== caller.personId)) throw new RegistrationNotFound();
      if (registration.status === 'cancelled') throw new RegistrationCancelled();
      const changed: Registration = { ...registration, status: 'cancelled' };
      await tx.manager.save(Registration, changed);
      const cause = personCause(caller.personId, correlationId);
      let open = await this.openRegistrations(tx.manager, programme.id);
      const [first] = registration.status === 'confirmed' ? open.filter((r) => r.status === 'waitlisted') : [];
      if (first) open = open.map((r) => (r.id === first.id ? { ...r, status: 'confirmed' } : r));
      tx.publish(RegistrationChanged, programme.hubId, registrationChange(programme, changed, 'cancelled', open), cause);
      if (first) {
        await tx.manager.update(Registration, { id: first.id }, { status: 'confirmed' });
        tx.publish(RegistrationChanged, programme.hubId, registrationChange(programme, first, 'promoted', open), cause);
        tx.publish(RegistrationPromoted, programme.hubId, { programmeId: programme.id, programmeTitle: programme.title, registrationId: first.id, personId: first.personId }, cause);
        this.logger.log(`programme ${programme.id}: ${first.personId} promoted from the waiting list`);
      }
      return changed;
    });
    return this.registrationView(cancelled, []);
  }

  async recordAttendance(caller: Caller, data: InputOf<typeof RecordAttendance>, correlationId: string): Promise<ProgrammeView> {
    await this.unitOfWork.run(async (tx) => {
      const manager = tx.manager;
      const programme = await this.programmeOfHub(manager, caller, data.programmeId, true);
      const session = await manager.findOneBy(ProgrammeSession, { id: data.sessionId, programmeId: programme.id });
      if (!session) throw new NotFound('This session of the programme', 'programme-session-not-found');
      const confirmed = (await this.openRegistrations(manager, programme.id)).filter((r) => r.status === 'confirmed');
      const unknown = data.presentRegistrationIds.filter((id) => !confirmed.some((r) => r.id === id));
      if (unknown.length > 0) throw new NotConfirmed(unknown);
      for (const r of confirmed) {
        const present = data.presentRegistrationIds.includes(r.id);
        const attended = r.attendedSessionIds.filter((id) => id !== session.id).concat(present ? [session.id] : []);
        await manager.update(Registration, { id: r.id }, { attendedSessionIds: attended });
      }
      const present = confirmed.filter((r) => data.presentRegistrationIds.includes(r.id)).map((r) => r.id);
      const absent = confirmed.filter((r) => !data.presentRegistrationIds.includes(r.id)).map((r) => r.id);
      tx.publish(
        AttendanceRecorded,
        programme.hubId,
        {
          programmeId: programme.id,
          programmeSessionId: session.id,
          startsAt: session.startsAt.toISOString(),
          endsAt: session.endsAt.toISOString(),
          presentRegistrationIds: present,
          absentRegistrationIds: absent,
          present: present.length,
          absent: absent.length,
        },
        personCause(caller.personId, correlationId),
      );
    });
    return this.get(caller, data.programmeId);
  }

  private async programmeOfHub(manager: EntityManager, caller: Caller, programmeId: string, lock = false): Promise<Programme> {
    const q = manager.createQueryBuilder(Programme, 'p').where('p.id = :programmeId', { programmeId });
    const programme = await (lock ? q.setLock('pessimistic_write') : q).getOne();
    if (!programme || programme.hubId !== caller.hubId) throw new ProgrammeNotFound();
    return programme;
  }

  /** Confirmed and waitlisted registrations of a programme, in order of registration. */
  private openRegistrations(manager: EntityManager, programmeId: string): Promise<Registration[]> {
    return manager
      .createQueryBuilder(Registration, 'r')
      .where('r.programme_id = :programmeId', { programmeId })
      .andWhere(`r.status <> 'cancelled'`)
      .orderBy('r.registered_at', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .getMany();
  }

  /**
   * The organisation of a colleague's registration: one the caller is org_admin of and the person a
   * member of (coaching's copy of memberships) — the one asked for, or the only one; else 403, and
   * 422 when there are several to choose from and none was asked for.
   */
  private async colleagueOrganisation(caller: Caller, personId: string, asked: string | undefined): Promise<string> {
    const adminOf = [...new Set(caller.memberships.filter((m) => m.role === 'org_admin').map((m) => m.organisationId))];
    if (asked && !adminOf.includes(asked)) throw new NotYourOrganisation();
    const shared: string[] = [];
    for (const organisationId of asked ? [asked] : adminOf) {
      if ((await this.members.of(caller.hubId, organisationId, [personId])).has(personId)) shared.push(organisationId);
    }
    if (shared.length === 0) throw new NotYourColleague();
    if (shared.length > 1) throw new OrganisationAmbiguous(shared);
    return shared[0];
  }

  private async views(caller: Caller, programmes: Programme[]): Promise<ProgrammeView[]> {
    const ids = programmes.map((p) => p.id);
    if (ids.length === 0) return [];
    const manager = this.dataSource.manager;
    const sessions = await manager.find(ProgrammeSession, { where: { programmeId: In(ids) }, order: { startsAt: 'ASC' } });
    const registrations = await manager.find(Registration, { where: { programmeId: In(ids) }, order: { registeredAt: 'ASC', id: 'ASC' } });
    const isAdmin = caller.hubRoles.includes('hub_admin');
    return programmes.map((p) => {
      const mine = registrations.filter((r) => r.programmeId === p.id);
      const open = mine.filter((r) => r.status !== 'cancelled');
      const own = open.find((r) => r.personId === caller.personId);
      return {
        id: p.id,
        title: p.title,
        capacity: p.capacity,
        sessions: sessions.filter((s) => s.programmeId === p.id).map((s) => ({ id: s.id, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), location: s.location })),
        confirmed: open.filter((r) => r.status === 'confirmed').length,
        waitlisted: open.filter((r) => r.status === 'waitlisted').length,
        myRegistration: own ? this.registrationView(own, open) : null,
        registrations: isAdmin ? mine.map((r) => this.registrationView(r, open)) : null,
      };
    });
  }

  private registrationView(r: Registration, open: Registration[]): ProgrammeRegistrationView {
    const waiting = open.filter((o) => o.status === 'waitlisted');
    const position = r.status === 'waitlisted' ? waiting.findIndex((o) => o.id === r.id) + 1 : 0;
    return {
      id: r.id,
      programmeId: r.programmeId,
      personId: r.personId,
      status: r.status,
      registeredAt: r.registeredAt.toISOString(),
      waitlistPosition: position > 0 ? position : null,
      attendedSessionIds: r.attendedSessionIds,
    };
  }
}

/** The data of `coaching.registration-changed` for `registration`, with the programme's counts from `open` (its open registrations after the change). */
function registrationChange(programme: Programme, registration: Registration, status: EventData<typeof RegistrationChanged>['status'], open: Registration[]): EventData<typeof RegistrationChanged> {
  return {
    programmeId: programme.id,
    registrationId: registration.id,
    personId: registration.personId,
    organisationId: registration.organisationId,
    status,
    capacity: programme.capacity,
    confirmed: open.filter((r) => r.status === 'confirmed').length,
    waitlisted: open.filter((r) => r.status === 'waitlisted').length,
  };
}

/**
 * The organisation of the caller's own registration: the one asked for (theirs, else 403), or their
 * only one; none for a person of no organisation; 422 when they belong to several and did not say.
 */
function ownOrganisation(caller: Caller, asked: string | undefined): string | null {
  const mine = [...new Set(caller.memberships.map((m) => m.organisationId))];
  if (asked) {
    if (!mine.includes(asked)) throw new NotYourOrganisation();
    return asked;
  }
  if (mine.length > 1) throw new OrganisationAmbiguous(mine);
  return mine[0] ?? null;
}
