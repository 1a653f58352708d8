import { DynamicModule, Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController, READINESS_ANSWER, ReadinessAnswer } from './health.controller';
import { ReadinessChecks } from './readiness-checks';

/**
 * `/health/live` and `/health/ready`; global, so that any lib can register a readiness check.
 * Imported as it is by a service (its port is internal: readiness answers with each check's
 * details); `forPublicPort()` by the gateway, whose port faces the world (up or down only).
 */
@Global()
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [ReadinessChecks],
  exports: [ReadinessChecks],
})
export class HealthModule {
  static forPublicPort(): DynamicModule {
    return { module: HealthModule, providers: [{ provide: READINESS_ANSWER, useValue: 'up-or-down' satisfies ReadinessAnswer }] };
  }
}
