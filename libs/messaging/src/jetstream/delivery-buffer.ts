import { ConsumerMessages, JsMsg } from 'nats';

/** Asks the server for the next messages: one pull request (a JetStream fetch). */
export type Pull = () => Promise<ConsumerMessages>;

/**
 * What a replica has received of a consumer and not yet begun: one pull at a time, and the next one
 * only while fewer than `limit` messages wait, so a slow handler holds back the pulls instead of
 * letting messages pile up. Every message received is here until it is taken, where the processor
 * can keep it alive (`working()`). `handBack` gives what was not taken back to the server (nak), at
 * once rather than after the ack wait.
 */
export class DeliveryBuffer {
  private readonly waiting: JsMsg[] = [];
  private ended = false;
  private handingBack = false;
  private pulling?: ConsumerMessages;
  private wakeTaker?: () => void;
  private wakeReader?: () => void;

  constructor(private readonly limit: number) {}

  /** The messages received and not yet taken. */
  get messages(): readonly JsMsg[] {
    return this.waiting;
  }

  /** Pulls until handing back (or a pull fails: the consumer or its stream is gone), each pull once there is room. */
  async fill(pull: Pull): Promise<void> {
    try {
      while (!this.handingBack) {
        while (this.waiting.length >= this.limit && !this.handingBack) await new Promise<void>((resolve) => (this.wakeReader = resolve));
        if (this.handingBack) break;
        this.pulling = await pull();
        if (this.handingBack) void this.pulling.close();
        for await (const msg of this.pulling) {
          if (this.handingBack) {
            msg.nak();
            continue;
          }
          this.waiting.push(msg);
          this.wake();
        }
        this.pulling = undefined;
      }
    } finally {
      this.ended = true;
      this.wake();
    }
  }

  /** Waits for messages and takes up to `max` of them; none once the pulls have ended and all are taken, or when handing back. */
  async take(max: number): Promise<JsMsg[]> {
    while (this.waiting.length === 0 && !this.ended && !this.handingBack) await new Promise<void>((resolve) => (this.wakeTaker = resolve));
    if (this.handingBack) return [];
    const taken = this.waiting.splice(0, max);
    this.wake();
    return taken;
  }

  /**
   * Stops pulling (the pull's subscription ends at once, so the server sends it nothing more) and
   * naks what waits and whatever of the pull was still on its way; answers how many were waiting.
   */
  handBack(): number {
    this.handingBack = true;
    void this.pulling?.close();
    const waiting = this.waiting.splice(0);
    for (const msg of waiting) msg.nak();
    this.wake();
    return waiting.length;
  }

  private wake(): void {
    const taker = this.wakeTaker;
    const reader = this.wakeReader;
    this.wakeTaker = this.wakeReader = undefined;
    taker?.();
    reader?.();
  }
}
