import { DynamicModule, Global, Module } from '@nestjs/common';
import { CirkelConfig } from './cirkel-config';

/** Injection token of the validated, typed configuration. */
export const CIRKEL_CONFIG = Symbol('CIRKEL_CONFIG');

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: CirkelConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: CIRKEL_CONFIG, useValue: config }], exports: [CIRKEL_CONFIG] };
  }
}
