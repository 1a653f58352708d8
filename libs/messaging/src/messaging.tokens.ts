/** Injection tokens of the messaging lib. */
export const NATS_CONNECTION = Symbol('NATS_CONNECTION');
export const EVENT_REGISTRY = Symbol('EVENT_REGISTRY');
export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

/** Header names Cirkel sets on every JetStream message and request. */
export const HEADER_CORRELATION_ID = 'Cirkel-Correlation-Id';
export const HEADER_EVENT_TYPE = 'Cirkel-Event-Type';
