import { FULL_TIME_HOURS, ParticipantView, PlacementView } from '@cirkel/contracts';
import { Participant } from './participant.entity';
import { Placement } from './placement.entity';

export function placementView(p: Placement): PlacementView {
  return {
    id: p.id,
    participantId: p.participantId,
    ideaId: p.ideaId,
    employerOrganisationId: p.employerOrganisationId,
    sector: p.sector,
    contractType: p.contractType,
    hoursPerWeek: p.hoursPerWeek,
    fte: Math.round((p.hoursPerWeek / FULL_TIME_HOURS) * 1000) / 1000,
    startDate: p.startDate,
    endDate: p.endDate,
  };
}

export function participantView(p: Participant, placements: Placement[]): ParticipantView {
  return {
    id: p.id,
    organisationId: p.organisationId,
    gender: p.gender as ParticipantView['gender'],
    ageBand: p.ageBand as ParticipantView['ageBand'],
    labourMarketStatus: p.labourMarketStatus as ParticipantView['labourMarketStatus'],
    education: p.education as ParticipantView['education'],
    disability: p.disability as ParticipantView['disability'],
    thirdCountNational: p.thirdCountNational as ParticipantView['thirdCountNational'],
    foreignBackground: p.foreignBackground as ParticipantView['foreignBackground'],
    minority: p.minority as ParticipantView['minority'],
    entryDate: p.entryDate,
    exitDate: p.exitDate,
    resultsAtExit: p.resultsAtExit,
    resultsAfterSixMonths: p.resultsAfterSixMonths,
    placements: placements.map(placementView),
    enrolledAt: p.enrolledAt.toISOString(),
  };
}
