import { DynamicModule, Module } from '@nestjs/common';
import { CirkelConfig } from '@cirkel/config';
import { PartnersModule } from '../partners.module';
import { DemoSeedLockRepository } from './demo-seed-lock.repository';
import { DemoSeeder } from './demo-seeder';

/**
 * What the demo seed runs in (`seed.ts`): partners' own imports and providers — its database, its
 * outbox and relay, the services the requests use — without its controllers, plus the seeder. So
 * every change the seed makes goes through the same services and the same outbox as a request.
 */
@Module({})
export class DemoSeedModule {
  static forRoot(config: CirkelConfig): DynamicModule {
    const partners = PartnersModule.forRoot(config);
    return {
      ...partners,
      module: DemoSeedModule,
      controllers: [],
      providers: [...(partners.providers ?? []), DemoSeedLockRepository, DemoSeeder],
    };
  }
}
