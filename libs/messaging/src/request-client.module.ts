import { DynamicModule, Global, Module } from '@nestjs/common';
import { RequestClient } from './request-client';

/**
 * For apps that send requests (the gateway; a service that must have an answer now). Sends on the
 * process's NATS connection, so it needs MessagingModule (which every app imports).
 */
@Global()
@Module({})
export class RequestClientModule {
  static forRoot(): DynamicModule {
    return {
      module: RequestClientModule,
      providers: [RequestClient],
      exports: [RequestClient],
    };
  }
}
