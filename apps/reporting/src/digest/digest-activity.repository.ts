import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { figuresParams } from '../statistics/statistics.repository';
import { Period } from '../statistics/periods';

/** One measure of the digest's activity in a period: a count per group (and, for coaching, the hours). */
export interface ActivityRow {
  period: string;
  measure: ActivityMeasure;
  groupKey: string;
  count: number;
  amount: number;
}

export type ActivityMeasure = 'organisationsRegistered' | 'organisationsApproved' | 'ideasSubmitted' | 'stageMovements' | 'coachingSessions' | 'programmeRegistrations' | 'programmeAttendance';

/**
 * The digest's activity of some periods by SQL aggregation over reporting's read models (fed by
 * partners', ideas' and coaching's events; never their tables). `$1` the hub; `$2`–`$4` the
 * periods as in FIGURES_SQL. Each read model's Brussels day decides the period.
 */
const ACTIVITY_SQL = `
  WITH periods AS (
    SELECT * FROM unnest($2::text[], $3::date[], $4::date[]) AS p(key, from_day, until_day)
  )
  SELECT per.key AS period, 'organisationsRegistered' AS measure, coalesce(o.type, 'unknown') AS group_key, count(*)::int AS count, 0::numeric AS amount
    FROM known_organisation o JOIN periods per ON o.registered_on >= per.from_day AND o.registered_on < per.until_day
   WHERE o.hub_id = $1 GROUP BY 1, 2, 3
  UNION ALL
  SELECT per.key, 'organisationsApproved', coalesce(o.type, 'unknown'), count(*)::int, 0
    FROM known_organisation o JOIN periods per ON o.approved_on >= per.from_day AND o.approved_on < per.until_day
   WHERE o.hub_id = $1 GROUP BY 1, 2, 3
  UNION ALL
  SELECT per.key, 'ideasSubmitted', coalesce(i.work_domain, 'unknown'), count(*)::int, 0
    FROM known_idea i JOIN periods per ON i.submitted_on >= per.from_day AND i.submitted_on < per.until_day
   WHERE i.hub_id = $1 GROUP BY 1, 2, 3
  UNION ALL
  SELECT per.key, 'stageMovements', m.to_stage, count(*)::int, 0
    FROM stage_movement m JOIN periods per ON m.day >= per.from_day AND m.day < per.until_day
   WHERE m.hub_id = $1 GROUP BY 1, 2, 3
  UNION ALL
  SELECT per.key, 'coachingSessions', '', count(*)::int, sum(h.hours)
    FROM held_session h JOIN periods per ON h.day >= per.from_day AND h.day < per.until_day
   WHERE h.hub_id = $1 GROUP BY 1, 2, 3
  UNION ALL
  SELECT per.key, 'programmeRegistrations', '', count(*)::int, 0
    FROM programme_registration r JOIN periods per ON r.registered_on >= per.from_day AND r.registered_on < per.until_day
   WHERE r.hub_id = $1 GROUP BY 1, 2, 3
  UNION ALL
  SELECT per.key, 'programmeAttendance', '', sum(a.present)::int, 0
    FROM programme_attendance a JOIN periods per ON a.day >= per.from_day AND a.day < per.until_day
   WHERE a.hub_id = $1 GROUP BY 1, 2, 3`;

/** The weekly city digest's figures besides the statistics' own: activity from the read models. */
@Injectable()
export class DigestActivityRepository {
  constructor(private readonly dataSource: DataSource) {}

  async activity(hubId: string, periods: Period[]): Promise<ActivityRow[]> {
    const rows: { period: string; measure: ActivityMeasure; group_key: string; count: number; amount: string }[] = await this.dataSource.query(ACTIVITY_SQL, figuresParams(hubId, periods));
    return rows.map((r) => ({ period: r.period, measure: r.measure, groupKey: r.group_key, count: r.count, amount: Number(r.amount) }));
  }
}
