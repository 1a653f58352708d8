/**
 * Runs what it is given during one turn of the event loop together, in order, when the turn's I/O
 * callbacks are done (`setImmediate`). For NATS publishes: nats.js writes what is published in one
 * synchronous run with one socket write, but writes after every callback otherwise — one write per
 * request or reply under load, and a socket write is the costliest thing a request does here
 * (docs/measurements.md). Batched, the requests or replies of one turn share a write.
 */
export class TurnBatch {
  private pending: (() => void)[] = [];
  private scheduled = false;

  /** `work` must not throw (it is run with others after it). */
  run(work: () => void): void {
    this.pending.push(work);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.flush);
  }

  private readonly flush = (): void => {
    const works = this.pending;
    this.pending = [];
    this.scheduled = false;
    for (const work of works) work();
  };
}
