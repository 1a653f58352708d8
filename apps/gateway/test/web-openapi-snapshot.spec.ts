import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startGateway, GatewayHarness } from './support/gateway-harness';

/**
 * The web app's typed client is generated from a committed copy of the OpenAPI document
 * (apps/web/src/api/openapi.json), so that its build needs no running gateway. This test keeps the
 * copy equal to the document the gateway serves: after changing an endpoint, refresh it with
 *   UPDATE_OPENAPI_SNAPSHOT=1 npx jest -c apps/gateway/jest.config.cts web-openapi-snapshot
 * and fix what no longer typechecks in apps/web.
 */
const SNAPSHOT = path.resolve(__dirname, '../../web/src/api/openapi.json');
let gw: GatewayHarness;

beforeAll(async () => {
  gw = await startGateway();
});

afterAll(async () => {
  await gw?.close();
});

it('serves the OpenAPI document the web app was generated from', async () => {
  const live = `${JSON.stringify((await gw.app.inject({ method: 'GET', url: '/api/docs-json' })).json(), null, 2)}\n`;
  if (process.env.UPDATE_OPENAPI_SNAPSHOT === '1') writeFileSync(SNAPSHOT, live);
  const committed = readFileSync(SNAPSHOT, 'utf8');
  expect({ equal: committed === live, refresh: 'UPDATE_OPENAPI_SNAPSHOT=1 npx jest -c apps/gateway/jest.config.cts web-openapi-snapshot' }).toMatchObject({ equal: true });
});
