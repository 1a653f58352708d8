import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { DigestFiguresV2View } from '@cirkel/contracts';
import type { ReleasedFigure } from './released-figures';

/**
 * A weekly city digest as reporting answered it, once per (hub, ISO week): the answer (asked again,
 * the same answer), its figures as sums of days with their values then and whether hidden, and the
 * statistics it was chosen beside (PublishedFigures' key of the year's counts and phases).
 */
@Entity('digest_release')
@Index('digest_release_hub_year_idx', ['hubId', 'year'])
export class DigestRelease {
  @PrimaryColumn('uuid', { name: 'hub_id' })
  hubId: string;

  @PrimaryColumn('text')
  week: string;

  /** The year of the week's Sunday (the year to date's). */
  @Column('int')
  year: number;

  @Column('jsonb')
  answer: DigestFiguresV2View;

  @Column('jsonb')
  figures: ReleasedFigure[];

  @Column('text', { name: 'chosen_beside' })
  chosenBeside: string;

  @Column('timestamptz', { name: 'released_at', default: () => 'now()' })
  releasedAt: Date;
}
