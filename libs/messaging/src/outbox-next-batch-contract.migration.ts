import { MigrationInterface, QueryRunner } from 'typeorm';
import { CREATE_NEXT_BATCH_OF_THREE } from './outbox-next-batch.migration';

/**
 * The contract step of OutboxMarkTimes1765300000000: the relay's read of three arguments was kept for
 * replicas of the version before that one during its rolling update; every replica since calls the
 * function of four (the acknowledgements' times), so the old one goes.
 */
export class OutboxNextBatchContract1765500000000 implements MigrationInterface {
  name = 'OutboxNextBatchContract1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION outbox_next_batch(bigint, bigint[], int)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(CREATE_NEXT_BATCH_OF_THREE);
  }
}
