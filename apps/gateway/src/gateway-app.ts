import { Logger, RequestMethod, UnsupportedMediaTypeException } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import fastifyCookie from '@fastify/cookie';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { GatewayConfig } from '@cirkel/config';
import { CirkelLogger } from '@cirkel/runtime';
import { GatewayModule } from './gateway.module';
import { registerCorrelationId } from './http/correlation-id.hook';
import { registerHttpSafety } from './http/http-safety';
import { setupOpenApi } from './http/openapi';
import { DEFAULT_WEB_ROOT, registerWebApp } from './http/web-app';

export const API_PREFIX = 'api/v1';
const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Creates the gateway (migrated, routes registered, not yet listening): Fastify trusting no proxy
 * unless TRUST_PROXY_HOPS says so (the client address is the socket's), JSON bodies only, the API under `/api/v1`,
 * health at `/health/*`, OpenAPI at `/api/docs`, the built web app at `/` (from `webRoot`, when it
 * has been built). Call `listen` next, or `inject` in tests.
 */
export async function createGatewayApp(config: GatewayConfig, { webRoot = DEFAULT_WEB_ROOT } = {}): Promise<NestFastifyApplication> {
  // Behind an ingress, TRUST_PROXY_HOPS lets the client's address (X-Forwarded-For) count for rate limits.
  const adapter = new FastifyAdapter({ trustProxy: config.gateway.trustProxyHops || false, bodyLimit: BODY_LIMIT_BYTES });
  const fastify = adapter.getInstance();
  registerCorrelationId(fastify);
  await registerHttpSafety(fastify);
  // Parses the Cookie header (request.cookies) and sets cookies (reply.setCookie): the login's device cookie only.
  await fastify.register(fastifyCookie);
  const servesWebApp = await registerWebApp(fastify, webRoot);
  // Only JSON is parsed: a text/plain body is a 415, not a string for the validators to trip over.
  fastify.removeContentTypeParser('text/plain');
  // RFC 8058: a mail client's one-click unsubscribe POSTs a small form; only that path takes one.
  fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (request, _body, done) => {
    if (request.url.startsWith(`/${API_PREFIX}/unsubscribe/`)) done(null, {});
    else done(new UnsupportedMediaTypeException('Only the unsubscribe link takes a form; send JSON.'), undefined);
  });
  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule.forRoot(config), adapter, {
    logger: new CirkelLogger(config.service, config),
    abortOnError: false,
    bodyParser: false,
  });
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
    ],
  });
  app.enableShutdownHooks();
  if (config.gateway.swagger) setupOpenApi(app);
  await app.init();
  if (!servesWebApp) new Logger('WebApp').log(`no web app at ${webRoot} (build it with: npx nx build web); serving the API only`);
  return app;
}

/** Creates the gateway and listens on the configured host and port. */
export async function startGateway(config: GatewayConfig): Promise<NestFastifyApplication> {
  const app = await createGatewayApp(config);
  await app.listen({ port: config.http.port, host: config.http.host });
  return app;
}
