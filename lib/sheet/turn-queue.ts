/**
 * Work done one piece at a time, in the order asked: `run` starts at once when nothing is running,
 * else waits its turn. A caller that would be more than `maxWaiting` in line, or that has waited
 * `maxWaitMs` without its turn coming, is answered `busy()` instead and its work is not done.
 */
export type TurnQueueOptions = { maxWaiting: number; maxWaitMs: number };

type Waiter = { start: () => void };

export class TurnQueue {
  readonly #options: TurnQueueOptions;
  #running = false;
  readonly #waiting: Waiter[] = [];

  constructor(options: TurnQueueOptions) {
    this.#options = options;
  }

  /** How many are waiting for their turn (not counting the one running). */
  get waiting(): number {
    return this.#waiting.length;
  }

  async run<T>(work: () => Promise<T> | T, busy: () => T): Promise<T> {
    if (this.#running && !(await this.#turn())) return busy();
    this.#running = true;
    try {
      return await work();
    } finally {
      this.#release();
    }
  }

  /** True when this caller's turn has come (the one before it handed over), false when it gave up. */
  #turn(): Promise<boolean> {
    if (this.#waiting.length >= this.#options.maxWaiting) return Promise.resolve(false);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        start: () => {
          clearTimeout(timer);
          resolve(true);
        },
      };
      const timer = setTimeout(() => {
        this.#waiting.splice(this.#waiting.indexOf(waiter), 1);
        resolve(false);
      }, this.#options.maxWaitMs);
      this.#waiting.push(waiter);
    });
  }

  /** Hand the turn to the next in line (still running), or stop running. */
  #release(): void {
    const next = this.#waiting.shift();
    if (next) next.start();
    else this.#running = false;
  }
}
