import { Inject } from '@nestjs/common';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { CIRKEL_CONFIG, ReportingConfig } from '@cirkel/config';
import { JobData, ReferenceRehash } from '@cirkel/contracts';
import { JobHandler, JobWorker } from '@cirkel/jobs';
import { rehashed } from './reference-hash';

/** Participants rehashed per transaction. */
export const REHASH_BATCH = 500;

/**
 * After a rotation of the reference key: every participant whose hash is of an older version is
 * hashed on to the current one, REHASH_BATCH at a time in id order, each batch one transaction
 * (a row changed meanwhile by another run is left to it: the update checks the version read). The
 * job's progress is `{ rehashed, remaining }` after each batch, and its answer the total. Lookups
 * find every participant during the run too (they try each version).
 */
@JobWorker(ReferenceRehash)
export class ReferenceRehashJob extends JobHandler<typeof ReferenceRehash> {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CIRKEL_CONFIG) private readonly config: ReportingConfig,
  ) {
    super();
  }

  protected async handle(data: JobData<typeof ReferenceRehash>, job: Job): Promise<{ toVersion: number; rehashed: number }> {
    const keys = this.config.reporting.referenceKeys;
    // A replica that does not know the new key yet (a rolling update): fail, and retry later, rather than rehash to another version.
    if (keys.length !== data.toVersion) throw new Error(`reference rehash to version ${data.toVersion}: this app knows ${keys.length} key(s)`);
    let done = 0;
    for (;;) {
      const batch: { id: string; reference_hash: string; reference_key_version: number }[] = await this.dataSource.query(
        'SELECT id, reference_hash, reference_key_version FROM participant WHERE reference_key_version < $1 ORDER BY reference_key_version, id LIMIT $2',
        [data.toVersion, REHASH_BATCH],
      );
      if (batch.length === 0) break;
      const updated: unknown[] = await this.dataSource.query(
        `UPDATE participant p SET reference_hash = b.hash, reference_key_version = $4
           FROM unnest($1::uuid[], $2::text[], $3::int[]) AS b(id, hash, version)
          WHERE p.id = b.id AND p.reference_key_version = b.version RETURNING p.id`,
        [batch.map((r) => r.id), batch.map((r) => rehashed(keys, r.reference_key_version, r.reference_hash)), batch.map((r) => r.reference_key_version), data.toVersion],
      );
      const count = (updated[0] as unknown[] | undefined)?.length ?? 0;
      done += count;
      const [{ remaining }]: { remaining: number }[] = await this.dataSource.query('SELECT count(*)::int AS remaining FROM participant WHERE reference_key_version < $1', [data.toVersion]);
      await job.updateProgress({ rehashed: done, remaining });
      this.logger.log(`reference rehash to version ${data.toVersion}: ${done} rehashed, ${remaining} to go`);
      // Each row read was rehashed here or by another run: none left as it was, or the loop would not end.
      if (count === 0) throw new Error(`reference rehash to version ${data.toVersion}: a batch of ${batch.length} changed nothing`);
    }
    return { toVersion: data.toVersion, rehashed: done };
  }
}
