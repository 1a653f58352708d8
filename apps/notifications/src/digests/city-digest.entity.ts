import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';
import { DigestFiguresV2View, DigestFiguresView } from '@cirkel/contracts';

/** A hub's weekly city digest as built: once per (hub, ISO week), kept for `GET /digests`. */
@Entity('city_digest')
@Unique('city_digest_once', ['hubId', 'isoWeek'])
export class CityDigestRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'hub_id' })
  hubId: string;

  /** `2026-W49`. */
  @Column('text', { name: 'iso_week' })
  isoWeek: string;

  /** Reporting's figures for the week and the year to date, suppressed, as reporting answered them (version 2 since it exists; version 1 before). */
  @Column('jsonb')
  figures: DigestFiguresView | DigestFiguresV2View;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
