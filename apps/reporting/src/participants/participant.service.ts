import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { CIRKEL_CONFIG, ReportingConfig } from '@cirkel/config';
import { Caller, ChangeParticipant, Forbidden, EnrolParticipant, INDICATORS, InputOf, ListParticipants, Page, ParticipantEnrolled, ParticipantView, ReferenceRehash, ValidationFailed } from '@cirkel/contracts';
import { JobQueue } from '@cirkel/jobs';
import { personCause, UnitOfWork } from '@cirkel/messaging';
import { isUniqueViolation, Keyset } from '@cirkel/persistence';
import { AuditLogRepository } from '../audit/audit-log.repository';
import { canChange, canSee, CHANGE_REFUSED, enrollingOrganisation, visibleOrganisations } from './participant-access';
import { Participant } from './participant.entity';
import { ParticipantAlreadyEnrolled, ParticipantNotFound } from './participant.errors';
import { sixMonthsAfter } from '../statistics/periods';
import { StatisticsRuns } from '../statistics/statistics-runs';
import { ParticipantRepository } from './participant.repository';
import { participantView } from './participant-views';
import { referenceHashes } from './reference-hash';

const NEWEST_FIRST = new Keyset(z.tuple([z.uuid()]));
const REFERENCE_CONSTRAINT = 'participant_reference_hash_key';

/** Job coaches enrol and correct their organisation's participants; every read and change is audited. */
@Injectable()
export class ParticipantService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ParticipantService.name);

  constructor(
    @Inject(CIRKEL_CONFIG) private readonly config: ReportingConfig,
    private readonly participants: ParticipantRepository,
    private readonly audit: AuditLogRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly statistics: StatisticsRuns,
    private readonly jobs: JobQueue,
  ) {}

  /**
   * After a rotation of the reference key (a new REPORTING_REFERENCE_KEY, the old one moved to
   * REPORTING_REFERENCE_PREVIOUS_KEYS): the rehash of every older participant hash, queued once
   * (its job id names the version) by whichever replica starts first.
   */
  async onApplicationBootstrap(): Promise<void> {
    const version = this.config.reporting.referenceKeys.length;
    if (version > 1 && (await this.participants.olderThan(version))) {
      await this.jobs.add(ReferenceRehash, { toVersion: version }, { jobId: `rehash-to-version-${version}` });
      this.logger.log(`participants' reference hashes older than version ${version} of the key: rehash queued`);
    }
  }

  async enrol(caller: Caller, data: InputOf<typeof EnrolParticipant>, correlationId: string): Promise<ParticipantView> {
    const organisationId = enrollingOrganisation(caller, data.organisationId);
    checkExit(data.entryDate, null);
    const { reference: _reference, organisationId: _named, ...indicators } = data;
    const participant: Participant = {
      id: uuidv7(),
      hubId: caller.hubId,
      organisationId,
      referenceHash: current(this.hashesOf(caller.hubId, data.reference)),
      referenceKeyVersion: this.config.reporting.referenceKeys.length,
      ...indicators,
      exitDate: null,
      resultsAtExit: null,
      resultsAfterSixMonths: null,
      enrolledAt: new Date(),
      enrolledBy: caller.personId,
    };
    // One not yet rehashed after a rotation has the reference's hash of an older version (a new one of the same version is the unique key's).
    if (await this.isEnrolled(caller.hubId, data.reference)) throw new ParticipantAlreadyEnrolled();
    try {
      await this.unitOfWork.run(async (tx) => {
        await this.participants.insert(participant, tx.manager);
        await this.audit.write(tx.manager, caller, [{ action: 'participant-enrolled', participantId: participant.id, fields: Object.keys(indicators) }]);
        tx.publish(ParticipantEnrolled, caller.hubId, { participantId: participant.id, organisationId, entryDate: participant.entryDate }, personCause(caller.personId, correlationId));
      });
    } catch (error) {
      if (isUniqueViolation(error, REFERENCE_CONSTRAINT)) throw new ParticipantAlreadyEnrolled();
      throw error;
    }
    this.logger.log(`participant ${participant.id} enrolled for ${organisationId} by ${caller.personId}`);
    await this.statistics.figuresChanged(caller.hubId, [participant.entryDate]);
    return participantView(participant, []);
  }

  async list(caller: Caller, query: InputOf<typeof ListParticipants>): Promise<Page<ParticipantView>> {
    const organisations = visibleOrganisations(caller);
    const [beforeId] = NEWEST_FIRST.after(query.cursor) ?? [];
    const rows = await this.participants.page(caller.hubId, {
      organisations,
      referenceHashes: query.reference === undefined ? undefined : this.hashesOf(caller.hubId, query.reference),
      beforeId,
      take: query.limit + 1,
    });
    const page = NEWEST_FIRST.page(rows, query.limit, (row) => [row.id]);
    return this.unitOfWork.run(async (tx) => {
      const placements = await this.participants.placementsOf(page.rows.map((p) => p.id), tx.manager);
      await this.audit.write(tx.manager, caller, page.rows.map((p) => ({ action: 'participant-listed', participantId: p.id })));
      return { items: page.rows.map((p) => participantView(p, placements.get(p.id) ?? [])), nextCursor: page.nextCursor };
    });
  }

  async get(caller: Caller, participantId: string): Promise<ParticipantView> {
    visibleOrganisations(caller);
    const participant = await this.participants.findInHub(caller.hubId, participantId);
    if (!participant || !canSee(caller, participant)) throw new ParticipantNotFound();
    return this.unitOfWork.run(async (tx) => {
      const placements = await this.participants.placementsOf([participant.id], tx.manager);
      await this.audit.write(tx.manager, caller, [{ action: 'participant-read', participantId: participant.id }]);
      return participantView(participant, placements.get(participant.id) ?? []);
    });
  }

  async change(caller: Caller, data: InputOf<typeof ChangeParticipant>): Promise<ParticipantView> {
    visibleOrganisations(caller);
    const changed = await this.unitOfWork.run(async (tx) => {
      const participant = await this.participants.findInHubForUpdate(caller.hubId, data.participantId, tx.manager);
      if (!participant || !canSee(caller, participant)) throw new ParticipantNotFound();
      if (!canChange(caller, participant)) throw new Forbidden(CHANGE_REFUSED);
      const next: Participant = { ...participant, ...data.changes };
      checkExit(next.entryDate, next.exitDate);
      await this.participants.update(participant.id, data.changes, tx.manager);
      await this.audit.write(tx.manager, caller, [{ action: 'participant-changed', participantId: participant.id, fields: Object.keys(data.changes).sort() }]);
      const placements = (await this.participants.placementsOf([participant.id], tx.manager)).get(participant.id) ?? [];
      // An indicator corrected moves each of their jobs to another group of it: the years those started in are counted again too.
      const jobDays = Object.keys(data.changes).some((field) => field in INDICATORS) ? placements.map((p) => p.startDate) : [];
      const days = [participant.entryDate, next.entryDate, ...[participant.exitDate, next.exitDate].flatMap((exit) => (exit ? [exit, sixMonthsAfter(exit)] : [])), ...jobDays];
      return { view: participantView(next, placements), days };
    });
    this.logger.log(`participant ${data.participantId} changed by ${caller.personId}`);
    await this.statistics.figuresChanged(caller.hubId, changed.days);
    return changed.view;
  }

  /** Whether the hub has a participant with this reference (the demo seed asks; nothing is audited, nothing of them is answered). */
  async isEnrolled(hubId: string, reference: string): Promise<boolean> {
    return (await this.participants.page(hubId, { organisations: null, referenceHashes: this.hashesOf(hubId, reference), take: 1 })).length > 0;
  }

  /** The reference's hash under every version of the key, the current last: a participant is found whatever version it is at. */
  private hashesOf(hubId: string, reference: string): string[] {
    return referenceHashes(this.config.reporting.referenceKeys, hubId, reference);
  }
}

const current = (hashes: readonly string[]) => hashes[hashes.length - 1];

export function checkExit(entryDate: string, exitDate: string | null): void {
  if (exitDate !== null && exitDate < entryDate) throw new ValidationFailed([{ field: 'exitDate', message: 'the exit date comes on or after the entry date' }]);
}
