import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A Postgres advisory lock around the demo seed, so that replicas starting together seed once. */
@Injectable()
export class DemoSeedLockRepository {
  constructor(private readonly dataSource: DataSource) {}

  async withLock<T>(work: () => Promise<T>): Promise<T> {
    const key = `${(this.dataSource.options as { schema?: string }).schema ?? 'public'}:demo-seed`;
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
      return await work();
    } finally {
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [key]).catch(() => undefined);
      await runner.release();
    }
  }
}
