import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One dead letter per message: a crash between writing the row and terminating the message made
 * the redelivered message a second row. Keyed by (consumer, stream, stream sequence) and the
 * payload's hash, since a stream made anew after a lost store numbers its messages from 1 again.
 */
export class DeadLetterOncePerMessage1764500000000 implements MigrationInterface {
  name = 'DeadLetterOncePerMessage1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM dead_letter a USING dead_letter b
       WHERE a.id > b.id AND a.consumer = b.consumer AND a.stream = b.stream AND a.stream_seq = b.stream_seq AND md5(a.payload) = md5(b.payload)`);
    await q.query('CREATE UNIQUE INDEX dead_letter_message_key ON dead_letter (consumer, stream, stream_seq, md5(payload))');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX dead_letter_message_key');
  }
}
