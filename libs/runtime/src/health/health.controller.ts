import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import Redis from 'ioredis';
import { NatsConnection } from 'nats';
import { Public } from '@cirkel/auth';
import { NATS_CONNECTION } from '@cirkel/messaging';
import { REDIS } from '../redis.module';
import { ReadinessCheck, ReadinessChecks } from './readiness-checks';

const CHECK_TIMEOUT_MS = 1500;

/**
 * `/health/live`: the process answers. `/health/ready`: its database, NATS, (where used) Redis and
 * every check registered in `ReadinessChecks` answer too, each within 1.5 s.
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
  ) {}

  @Get('live')
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  ready() {
    const redis = this.redis;
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: CHECK_TIMEOUT_MS }),
      () => this.natsCheck(),
      ...(redis ? [() => this.redisCheck(redis)] : []),
      ...[...this.checks.all()].map(([name, check]) => () => this.registeredCheck(name, check)),
    ]);
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
