import { Injectable, Logger } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { Caller, ChangePlacement, Forbidden, InputOf, PlacementEnded, PlacementRecorded, PlacementView, RecordPlacement, ValidationFailed } from '@cirkel/contracts';
import { personCause, UnitOfWork } from '@cirkel/messaging';
import { AuditLogRepository } from '../audit/audit-log.repository';
import { DirectoryRepository } from '../directory/directory.repository';
import { StatisticsRuns } from '../statistics/statistics-runs';
import { canChange, canSee, CHANGE_REFUSED, visibleOrganisations } from './participant-access';
import { EmployerNotKnown, IdeaNotKnown, ParticipantNotFound, PlacementNotFound } from './participant.errors';
import { ParticipantRepository } from './participant.repository';
import { Placement } from './placement.entity';
import { placementView } from './participant-views';

/** Job coaches record the jobs ideas created for their participants; every change is audited and published. */
@Injectable()
export class PlacementService {
  private readonly logger = new Logger(PlacementService.name);

  constructor(
    private readonly participants: ParticipantRepository,
    private readonly directory: DirectoryRepository,
    private readonly audit: AuditLogRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly statistics: StatisticsRuns,
  ) {}

  async record(caller: Caller, data: InputOf<typeof RecordPlacement>, correlationId: string): Promise<PlacementView> {
    visibleOrganisations(caller);
    const fields = data.placement;
    checkEnd(fields.startDate, fields.endDate);
    const placement = await this.unitOfWork.run(async (tx) => {
      const participant = await this.participants.findInHubForUpdate(caller.hubId, data.participantId, tx.manager);
      if (!participant || !canSee(caller, participant)) throw new ParticipantNotFound();
      if (!canChange(caller, participant)) throw new Forbidden(CHANGE_REFUSED);
      if (!(await this.directory.idea(caller.hubId, fields.ideaId, tx.manager))) throw new IdeaNotKnown();
      if (!(await this.directory.organisation(caller.hubId, fields.employerOrganisationId, tx.manager))) throw new EmployerNotKnown();
      const row: Placement = { id: uuidv7(), hubId: caller.hubId, participantId: participant.id, ...fields, recordedAt: new Date(), recordedBy: caller.personId };
      await this.participants.insertPlacement(row, tx.manager);
      await this.audit.write(tx.manager, caller, [{ action: 'placement-recorded', participantId: participant.id, placementId: row.id, fields: Object.keys(fields).sort() }]);
      const cause = personCause(caller.personId, correlationId);
      const { endDate, ...recorded } = fields;
      tx.publish(PlacementRecorded, caller.hubId, { placementId: row.id, participantId: participant.id, ...recorded }, cause);
      if (endDate) tx.publish(PlacementEnded, caller.hubId, { placementId: row.id, participantId: participant.id, endDate }, cause);
      return row;
    });
    this.logger.log(`placement ${placement.id} recorded for participant ${placement.participantId} by ${caller.personId}`);
    await this.statistics.figuresChanged(caller.hubId, [placement.startDate]);
    return placementView(placement);
  }

  async change(caller: Caller, data: InputOf<typeof ChangePlacement>, correlationId: string): Promise<PlacementView> {
    visibleOrganisations(caller);
    const placement = await this.unitOfWork.run(async (tx) => {
      const current = await this.participants.findPlacementForUpdate(caller.hubId, data.placementId, tx.manager);
      const participant = current && (await this.participants.findInHub(caller.hubId, current.participantId, tx.manager));
      if (!current || !participant || !canSee(caller, participant)) throw new PlacementNotFound();
      if (!canChange(caller, participant)) throw new Forbidden(CHANGE_REFUSED);
      const next: Placement = { ...current, ...data.changes };
      checkEnd(next.startDate, next.endDate);
      await this.participants.updatePlacement(current.id, data.changes, tx.manager);
      await this.audit.write(tx.manager, caller, [{ action: 'placement-changed', participantId: participant.id, placementId: current.id, fields: Object.keys(data.changes).sort() }]);
      if (next.endDate && next.endDate !== current.endDate) {
        tx.publish(PlacementEnded, caller.hubId, { placementId: current.id, participantId: participant.id, endDate: next.endDate }, personCause(caller.personId, correlationId));
      }
      return { next, before: current.startDate };
    });
    await this.statistics.figuresChanged(caller.hubId, [placement.before, placement.next.startDate]);
    return placementView(placement.next);
  }
}

function checkEnd(startDate: string, endDate: string | null): void {
  if (endDate !== null && endDate < startDate) throw new ValidationFailed([{ field: 'endDate', message: 'the end date comes on or after the start date' }]);
}
