/**
 * Every app of Cirkel, in one place: the config, the contracts, `deploy/local/start.js` and the
 * test system read this list, so adding an app (the web app, a worker) is one line here.
 *
 * `context`: the bounded context whose stream the app owns (its events are `<context>.*`), or null
 * for an app that publishes nothing. `port`: its default HTTP port.
 */
export const APPS = [
  { name: 'gateway', port: 3000, context: null },
  { name: 'partners', port: 3001, context: 'partners' },
  { name: 'ideas', port: 3002, context: 'ideas' },
  { name: 'coaching', port: 3003, context: 'coaching' },
  { name: 'reporting', port: 3004, context: 'reporting' },
  { name: 'notifications', port: 3005, context: 'notifications' },
] as const;

type App = (typeof APPS)[number];

/** The name of an app: its Nx project, its process, its Postgres schema. */
export type AppName = App['name'];

/** A bounded context: it owns a stream (`PARTNERS` on `partners.>`) and its events' names start with it. */
export type BoundedContext = NonNullable<App['context']>;

export const APP_NAMES = APPS.map((app) => app.name) as unknown as readonly [AppName, ...AppName[]];

export const BOUNDED_CONTEXTS = APPS.flatMap((app) => (app.context ? [app.context] : [])) as unknown as readonly [BoundedContext, ...BoundedContext[]];

export const DEFAULT_PORTS = Object.fromEntries(APPS.map((app) => [app.name, app.port])) as Record<AppName, number>;
