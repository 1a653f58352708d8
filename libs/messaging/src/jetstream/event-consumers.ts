import { BOUNDED_CONTEXTS, BoundedContext } from '@cirkel/contracts';
import { Naming, streamName } from '../streams';

/**
 * One durable consumer of a service: it takes from its context's stream only the subjects of one
 * handler pattern (`filter_subject`; nats-server 2.9 has no `filter_subjects`, which came in 2.10),
 * so that no replica receives, let alone acks, an event it has no handler for.
 */
export interface EventConsumer {
  context: BoundedContext;
  /** The handler pattern: an event type (`partners.roles-changed`) or a whole context (`partners.>`). */
  pattern: string;
  stream: string;
  /** Durable name, shared by the service's replicas: `notifications_partners_roles-changed`, `reporting_partners_all`. */
  name: string;
  filterSubject: string;
}

/** The durable name of a service's consumer of a handler pattern (NATS names allow no dots or wildcards). */
export function consumerName(service: string, pattern: string): string {
  return `${service}_${pattern.replace(/\.>$/, '.all').replace(/\./g, '_')}`;
}

/**
 * The consumers of a service, one per pattern of its event handlers. A type whose whole context the
 * service also consumes (`partners.>`) gets none of its own: the context's consumer delivers it, and
 * every handler of the type runs on that delivery.
 */
export function eventConsumers(service: string, naming: Naming, patterns: Iterable<string>): EventConsumer[] {
  const all = [...new Set(patterns)].map((pattern) => ({ pattern, context: contextOf(pattern) }));
  const wholeContexts = new Set(all.filter((p) => p.pattern.endsWith('.>')).map((p) => p.context));
  return all
    .filter((p) => p.pattern.endsWith('.>') || !wholeContexts.has(p.context))
    .map(({ pattern, context }) => ({
      context,
      pattern,
      stream: streamName(naming, context),
      name: consumerName(service, pattern),
      filterSubject: `${naming.subjectPrefix}${pattern}`,
    }));
}

function contextOf(pattern: string): BoundedContext {
  const context = pattern.slice(0, pattern.indexOf('.')) as BoundedContext;
  if (!BOUNDED_CONTEXTS.includes(context)) throw new Error(`@EventPattern('${pattern}') names no known context`);
  const rest = pattern.slice(context.length + 1);
  if (rest !== '>' && (rest === '' || /[*>\s]/.test(rest))) throw new Error(`@EventPattern('${pattern}'): an event type or '${context}.>' only`);
  return context;
}
