/**
 * Runs what many callers ask for at about the same time as batches: a caller's item goes with every
 * item that arrived in the same turn of the event loop, or, when `parallel` batches are under way
 * already, with every item that arrives until one of them is done; at most `max` items a batch. Each
 * caller gets its own item's answer, or the batch's error.
 *
 * For reminder jobs: BullMQ hands them over one by one (many at once when many fall due together),
 * and a transaction per reminder made coaching fire a few hundred a second; a transaction per batch
 * fires them as fast as they come (bench:reminders, docs/measurements.md).
 */
export class GatheredBatches<I, O> {
  private waiting: { item: I; resolve: (answer: O) => void; reject: (error: unknown) => void }[] = [];
  private running = 0;

  /** `run` answers the items of a batch in their order. */
  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly max: number,
    private readonly parallel = 1,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      // The items of the same turn (jobs fetched together) join the first one's batch.
      if (this.running < this.parallel) {
        this.running += 1;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.max);
      try {
        const answers = await this.run(batch.map((b) => b.item));
        batch.forEach((b, i) => b.resolve(answers[i]));
      } catch (error) {
        for (const b of batch) b.reject(error);
      }
    }
    this.running -= 1;
  }
}
