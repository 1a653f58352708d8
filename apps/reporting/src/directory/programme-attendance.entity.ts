import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Who attended one programme session (coaching.attendance-recorded; a correction replaces it, newest version wins), on the session's Brussels day. */
@Entity('programme_attendance')
@Index('programme_attendance_hub_day_idx', ['hubId', 'day'])
export class ProgrammeAttendance {
  @PrimaryColumn('uuid', { name: 'programme_session_id' })
  programmeSessionId: string;

  @Column('uuid', { name: 'hub_id' })
  hubId: string;

  @Column('uuid', { name: 'programme_id' })
  programmeId: string;

  @Column('date')
  day: string;

  @Column('int')
  present: number;

  @Column('int')
  absent: number;

  @Column('integer', { default: 0 })
  version: number;
}
