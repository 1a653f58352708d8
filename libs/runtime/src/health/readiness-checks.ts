import { Injectable } from '@nestjs/common';

/** Resolves when what it checks answers; rejects (with a message that says why) when it does not. */
export type ReadinessCheck = () => Promise<void>;

/**
 * Where a lib adds its own checks to `/health/ready`, beside the database, NATS and Redis:
 *
 * ```ts
 * constructor(checks: ReadinessChecks) {
 *   checks.register('queue:reminders', async () => void (await queue.client).ping());
 * }
 * ```
 *
 * Each check runs on every readiness probe with the same timeout as the built-in ones (1.5 s); one
 * that rejects or takes longer makes the service not ready (503), and the answer names it. Register
 * at construction or in `onModuleInit`; a name is registered once. Provided by `HealthModule`
 * (global), so a lib's module can inject it; make it `@Optional()` if the lib may run without health.
 */
@Injectable()
export class ReadinessChecks {
  private readonly checks = new Map<string, ReadinessCheck>();

  register(name: string, check: ReadinessCheck): void {
    if (this.checks.has(name)) throw new Error(`readiness check '${name}' is registered already`);
    this.checks.set(name, check);
  }

  /** The registered checks, in the order they were registered. */
  all(): ReadonlyMap<string, ReadinessCheck> {
    return this.checks;
  }
}
