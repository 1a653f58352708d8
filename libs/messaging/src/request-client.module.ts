import { DynamicModule, Global, Module } from '@nestjs/common';
import { CIRKEL_CONFIG, CirkelConfig } from '@cirkel/config';
import { REQUEST_PROXY, REQUEST_TIMEOUT_MS, RequestClient } from './request-client';
import { RequestProxy } from './requests';

/** For apps that send requests (the gateway; a service that must have an answer now). */
@Global()
@Module({})
export class RequestClientModule {
  static forRoot(): DynamicModule {
    return {
      module: RequestClientModule,
      providers: [
        {
          provide: REQUEST_PROXY,
          inject: [CIRKEL_CONFIG],
          useFactory: (config: CirkelConfig) =>
            new RequestProxy({ servers: config.nats.servers, name: `cirkel-${config.service}-requests`, maxReconnectAttempts: -1 }, config.nats.subjectPrefix),
        },
        { provide: REQUEST_TIMEOUT_MS, inject: [CIRKEL_CONFIG], useFactory: (config: CirkelConfig) => config.nats.requestTimeoutMs },
        RequestClient,
      ],
      exports: [RequestClient],
    };
  }
}
