import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { aggregateVersionOf, ATTENDANCE_RECORDED, AttendanceRecorded, EventOf, REGISTRATION_CHANGED, RegistrationChanged } from '@cirkel/contracts';
import { JetStreamContext } from '@cirkel/messaging';
import { ProgrammeActivityRepository } from './programme-activity.repository';

/** Reporting's read models of programme registrations and attendance, from coaching's events (never coaching's tables). */
@Controller()
export class ProgrammeActivityHandler {
  constructor(private readonly programmes: ProgrammeActivityRepository) {}

  @EventPattern(REGISTRATION_CHANGED)
  async registrationChanged(@Payload() event: EventOf<typeof RegistrationChanged>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const { registrationId, programmeId, status } = event.data;
    const made = status === 'confirmed' || status === 'waitlisted';
    await this.programmes.recordRegistration(ctx.manager, { registrationId, hubId: event.hubId, programmeId, status, version: aggregateVersionOf(event), madeAt: made ? event.occurredAt : null });
  }

  @EventPattern(ATTENDANCE_RECORDED)
  async attendanceRecorded(@Payload() event: EventOf<typeof AttendanceRecorded>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const { programmeSessionId, programmeId, startsAt, present, absent } = event.data;
    await this.programmes.recordAttendance(ctx.manager, { programmeSessionId, hubId: event.hubId, programmeId, startsAt, present, absent, version: aggregateVersionOf(event) });
  }
}
