/**
 * Orders in which a backbone with replicas, naks and re-sends can deliver `events`: `count`
 * shuffles, each with some events delivered twice, from a seeded generator (the same orders on
 * every run, so a failure can be replayed). Use it to show a read model ends in the same state
 * whatever the order: apply `events` in order, then each delivery, and compare.
 */
export function shuffledDeliveries<T>(events: readonly T[], count = 20, seed = 20261130): T[][] {
  const random = mulberry32(seed);
  const deliveries: T[][] = [];
  for (let n = 0; n < count; n++) {
    const delivery = [...events, ...events.filter(() => random() < 0.3)];
    for (let i = delivery.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [delivery[i], delivery[j]] = [delivery[j], delivery[i]];
    }
    deliveries.push(delivery);
  }
  return deliveries;
}

/** A small seeded generator (mulberry32): enough to shuffle test data the same way every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ReadModelUnderTest<E> {
  /** Empties what the events write. */
  reset(): Promise<void>;
  /** Applies one delivery of one event, as its handler does in its own transaction. */
  apply(event: E): Promise<void>;
  /** What the read model now says (compared with `toEqual` semantics by JSON). */
  state(): Promise<unknown>;
}

/**
 * Applies `events` in order, then in each of `shuffledDeliveries(events)`, and answers the
 * deliveries that ended in another state than the in-order one (none, for an order-independent
 * read model), with both states: `expect(await differingDeliveries(...)).toEqual([])`.
 */
export async function differingDeliveries<E>(events: readonly E[], model: ReadModelUnderTest<E>, count = 20): Promise<{ delivery: E[]; state: unknown; inOrder: unknown }[]> {
  const stateAfter = async (delivery: readonly E[]) => {
    await model.reset();
    for (const event of delivery) await model.apply(event);
    return model.state();
  };
  const inOrder = await stateAfter(events);
  const differing: { delivery: E[]; state: unknown; inOrder: unknown }[] = [];
  for (const delivery of shuffledDeliveries(events, count)) {
    const state = await stateAfter(delivery);
    if (JSON.stringify(state) !== JSON.stringify(inOrder)) differing.push({ delivery, state, inOrder });
  }
  return differing;
}
