import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** Where `nx build web` writes the web app, from the repository root (the working directory of `npm start`, the tests and the image). */
export const DEFAULT_WEB_ROOT = path.resolve('dist/apps/web');

/** Vite names every asset by its content's hash: cached for a year; index.html is checked on every visit. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the web app from the same origin as the API: its files, and `index.html` for every other
 * GET of a page path (the app routes in the browser), so that a link such as
 * `/registrations/confirm/<token>` opens the app. `/api/…`, `/health/…` and paths that name a file
 * (a dot in the last segment) are never answered with the page: they get the API's 404 problem.
 * Helmet's CSP (scripts and styles from this origin only) holds for the app's files too.
 * Answers false, serving nothing, when the app has not been built.
 */
export async function registerWebApp(fastify: FastifyInstance, root: string): Promise<boolean> {
  if (!existsSync(path.join(root, 'index.html'))) return false;
  await fastify.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: false,
    // `nx build web` writes .br and .gz copies beside each file: sent to a browser that accepts them
    preCompressed: true,
    setHeaders: (reply, file) => reply.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? IMMUTABLE : 'no-cache'),
  });
  const page = (request: FastifyRequest, reply: FastifyReply) => {
    const url = request.url.split('?')[0];
    const last = url.slice(url.lastIndexOf('/') + 1);
    if (url.startsWith('/api/') || url === '/api' || url.startsWith('/health/') || last.includes('.')) return reply.callNotFound();
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  };
  fastify.get('/', page);
  fastify.get('/*', page);
  return true;
}
