import { BOUNDED_CONTEXTS, BoundedContext } from '@cirkel/contracts';
import { Naming, streamName } from '../streams';

/**
 * One event handler of a service, as its consumer knows it: its pattern, and the name it was given
 * when another handler of the service takes the same pattern (`@EventPattern(ROLES_CHANGED, { handler:
 * 'role-copy' })`). Written `partners.roles-changed` or `partners.roles-changed#role-copy`.
 */
export interface HandlerRef {
  pattern: string;
  key?: string;
}

/**
 * One durable consumer of a service, for one event handler: it takes from its context's stream only
 * the subjects of the handler's pattern (`filter_subject`; nats-server 2.9 has no `filter_subjects`,
 * which came in 2.10), so that no replica receives, let alone acks, an event it has no handler for;
 * and as each handler has its own, a handler added to a service later starts from the stream's first
 * event, whatever the service's other handlers have applied (issue 6, finding 1).
 */
export interface EventConsumer {
  context: BoundedContext;
  /** The handler pattern: an event type (`partners.roles-changed`) or a whole context (`partners.>`). */
  pattern: string;
  /** The handler's name among the service's handlers of the same pattern, if it was given one. */
  key?: string;
  stream: string;
  /**
   * Durable name, shared by the service's replicas, and the handler's key in the inbox
   * (`consumerName`): `notifications_h_partners_roles-changed`, `reporting_h_partners_all`,
   * `coaching_h_partners_roles-changed__role-copy`.
   */
  name: string;
  filterSubject: string;
}

const KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** `partners.roles-changed`, or `partners.roles-changed#role-copy` for a handler given a name. */
export function handlerRef(pattern: string, key?: string): string {
  return key ? `${pattern}#${key}` : pattern;
}

/** The pattern and name of `partners.roles-changed#role-copy`. */
export function parseHandlerRef(ref: string): HandlerRef {
  const hash = ref.indexOf('#');
  return hash < 0 ? { pattern: ref } : { pattern: ref.slice(0, hash), key: ref.slice(hash + 1) };
}

/** The name `@EventPattern(pattern, { handler })` gave its handler (undefined when none); refuses a name that cannot be part of a consumer's. */
export function handlerKeyOf(pattern: string, extras: Record<string, unknown> | undefined): string | undefined {
  const key = extras?.['handler'];
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || !KEY.test(key)) throw new Error(`@EventPattern('${pattern}', { handler: ${JSON.stringify(key)} }): a handler's name is lower-case words joined by '-'`);
  return key;
}

/**
 * The durable name of a service's consumer of a handler (NATS names allow no dots or wildcards):
 * `notifications_h_partners_roles-changed`, `coaching_h_partners_roles-changed__role-copy`. The `h_`
 * sets them apart from the consumers per pattern of the versions before (`patternConsumerName`), so
 * that during the rolling update old replicas keep their consumers to themselves: a consumer shared
 * between an old replica (which ran every handler of a type on one delivery) and a new one (which
 * runs one) would hand an event to the old replica that the new handler then never gets.
 */
export function consumerName(service: string, pattern: string, key?: string): string {
  const base = `${service}_h_${patternToken(pattern)}`;
  return key ? `${base}__${key}` : base;
}

/** The name of a service's consumer of a pattern in the versions before a consumer per handler: retired by the versions after. */
export function patternConsumerName(service: string, pattern: string): string {
  return `${service}_${patternToken(pattern)}`;
}

function patternToken(pattern: string): string {
  return pattern.replace(/\.>$/, '.all').replace(/\./g, '_');
}

/**
 * The consumers of a service, one per event handler (`HandlerRef`): a type's handlers and a handler
 * of its whole context each get every event of the type on a consumer of their own. Refuses two
 * handlers of one pattern without names that tell them apart.
 */
export function eventConsumers(service: string, naming: Naming, handlers: Iterable<HandlerRef | string>): EventConsumer[] {
  const consumers = new Map<string, EventConsumer>();
  for (const handler of handlers) {
    const { pattern, key } = typeof handler === 'string' ? parseHandlerRef(handler) : handler;
    if (key !== undefined) handlerKeyOf(pattern, { handler: key });
    const context = contextOf(pattern);
    const name = consumerName(service, pattern, key);
    if (consumers.has(name)) {
      throw new Error(`${service} has two handlers of @EventPattern('${pattern}')${key ? ` named '${key}'` : ''}: give each its own name, @EventPattern('${pattern}', { handler: 'what-it-keeps' })`);
    }
    consumers.set(name, { context, pattern, ...(key ? { key } : {}), stream: streamName(naming, context), name, filterSubject: `${naming.subjectPrefix}${pattern}` });
  }
  return [...consumers.values()];
}

/** Whether an event type falls under a handler pattern: the type itself, or its context's `.>`. */
export function patternTakes(pattern: string, type: string): boolean {
  return pattern === type || (pattern.endsWith('.>') && type.startsWith(pattern.slice(0, -1)));
}

function contextOf(pattern: string): BoundedContext {
  const context = pattern.slice(0, pattern.indexOf('.')) as BoundedContext;
  if (!BOUNDED_CONTEXTS.includes(context)) throw new Error(`@EventPattern('${pattern}') names no known context`);
  const rest = pattern.slice(context.length + 1);
  if (rest !== '>' && (rest === '' || /[*>\s]/.test(rest))) throw new Error(`@EventPattern('${pattern}'): an event type or '${context}.>' only`);
  return context;
}
