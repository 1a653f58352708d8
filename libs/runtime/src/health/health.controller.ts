import { Controller, Get, Inject, Logger, Optional, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorFunction, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import Redis from 'ioredis';
import { NatsConnection } from 'nats';
import { Public } from '@cirkel/auth';
import { NATS_CONNECTION } from '@cirkel/messaging';
import { REDIS } from '../redis.module';
import { ReadinessCheck, ReadinessChecks } from './readiness-checks';

/** How `/health/ready` answers: with each check's details (a service's internal port), or up or down only (a public port). */
export const READINESS_ANSWER = Symbol('READINESS_ANSWER');
export type ReadinessAnswer = 'details' | 'up-or-down';

const CHECK_TIMEOUT_MS = 1500;

/**
 * `/health/live`: the process answers. `/health/ready`: its database, NATS, (where used) Redis and
 * every check registered in `ReadinessChecks` answer too, each within 1.5 s. On a public port
 * (`HealthModule.forPublicPort()`, the gateway) it answers only `{ status: 'up' }` (200) or
 * `{ status: 'down' }` (503): which check failed and why (host names, driver messages) goes to the
 * log, for the operator, not to whoever asks.
 */
@Public() // probes carry no token
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly checks: ReadinessChecks,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Optional() @Inject(REDIS) private readonly redis?: Redis,
    @Optional() @Inject(READINESS_ANSWER) private readonly answer: ReadinessAnswer = 'details',
  ) {}

  private readonly logger = new Logger(HealthController.name);

  @Get('live')
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const redis = this.redis;
    const checks: HealthIndicatorFunction[] = [
      () => this.db.pingCheck('database', { timeout: CHECK_TIMEOUT_MS }),
      () => this.natsCheck(),
      ...(redis ? [() => this.redisCheck(redis)] : []),
      ...[...this.checks.all()].map(([name, check]) => () => this.registeredCheck(name, check)),
    ];
    if (this.answer === 'details') return this.health.check(checks);
    try {
      await this.health.check(checks);
      return { status: 'up' };
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const failed = (error.getResponse() as { error?: Record<string, { message?: string }> }).error ?? {};
      this.logger.warn(`not ready: ${Object.entries(failed).map(([name, result]) => `${name} (${result.message ?? 'down'})`).join(', ')}`);
      reply.status(503);
      return { status: 'down' };
    }
  }

  private async natsCheck() {
    const session = this.indicator.check('nats');
    if (this.nc.isClosed()) return session.down({ message: 'connection closed' });
    try {
      const rtt = await withTimeout(this.nc.rtt(), CHECK_TIMEOUT_MS);
      return session.up({ rttMs: rtt });
    } catch (error) {
      return session.down({ message: (error as Error).message });
    }
  }

  private redisCheck(redis: Redis) {
    return this.registeredCheck('redis', async () => void (await redis.ping()));
  }

  private async registeredCheck(name: string, check: ReadinessCheck) {
    const session = this.indicator.check(name);
    try {
      await withTimeout(check(), CHECK_TIMEOUT_MS);
      return session.up();
    } catch (error) {
      return session.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}
