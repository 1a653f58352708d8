import { Inject, Injectable, OnModuleInit, Optional } from '@nestjs/common';
import { Queue } from 'bullmq';
import { ReadinessCheck, ReadinessChecks } from '@cirkel/runtime';
import { JOB_QUEUES } from './jobs.tokens';

/**
 * Readiness of the queues: each queue's own Redis connection answers a PING. Registered with the
 * service's `/health/ready` (runtime's `ReadinessChecks`, which applies the timeout) as
 * `queue:<job>`; an app without the health module runs without it.
 */
@Injectable()
export class JobsHealth implements OnModuleInit {
  constructor(
    @Inject(JOB_QUEUES) private readonly queues: ReadonlyMap<string, Queue>,
    @Optional() private readonly readiness?: ReadinessChecks,
  ) {}

  onModuleInit(): void {
    for (const [name, check] of this.checks()) this.readiness?.register(name, check);
  }

  checks(): Map<string, ReadinessCheck> {
    return new Map([...this.queues].map(([name, queue]) => [`queue:${name}`, () => ping(queue)]));
  }
}

// BullMQ 5 types its client as a minimal interface; underneath it is ioredis, which answers PING.
async function ping(queue: Queue): Promise<void> {
  const client = (await queue.client) as unknown as { ping(): Promise<string> };
  await client.ping();
}
