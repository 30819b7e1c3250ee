/**
 * Bounded concurrency with a bounded queue. `offer` refuses work when both are full (the server answers 429 and
 * HCP sends the task again); `drain` resolves when everything accepted has finished (graceful shutdown).
 */
export class TaskQueue {
  private running = 0;
  private readonly waiting: Array<() => Promise<void>> = [];
  private idleWaiters: Array<() => void> = [];

  constructor(
    readonly concurrency: number,
    readonly maxQueued: number,
  ) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError("concurrency must be a positive integer");
    if (!Number.isInteger(maxQueued) || maxQueued < 0) throw new RangeError("the queue size must be a non-negative integer");
  }

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Start `task` now or queue it; false when the queue is full. `task` must not reject (it is the caller's job). */
  offer(task: () => Promise<void>): boolean {
    if (this.running < this.concurrency) {
      this.start(task);
      return true;
    }
    if (this.waiting.length >= this.maxQueued) return false;
    this.waiting.push(task);
    return true;
  }

  /** Resolves once nothing runs and nothing waits. */
  drain(): Promise<void> {
    if (this.running === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private start(task: () => Promise<void>): void {
    this.running++;
    void task()
      .catch(() => undefined)
      .finally(() => {
        this.running--;
        const next = this.waiting.shift();
        if (next) this.start(next);
        else if (this.running === 0) {
          const waiters = this.idleWaiters;
          this.idleWaiters = [];
          for (const w of waiters) w();
        }
      });
  }
}
