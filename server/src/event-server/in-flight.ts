/**
 * Work under way on the shared state (line changes, disconnect clean-ups, stored command answers):
 * the event server tracks each such promise so `close()` can let it finish before the caller closes
 * Redis.
 */
export class InFlight {
  private readonly work = new Set<Promise<unknown>>();

  /** Tracks `work` until it settles; answers it unchanged. */
  readonly track = <T>(work: Promise<T>): Promise<T> => {
    this.work.add(work);
    const done = () => this.work.delete(work);
    work.then(done, done);
    return work;
  };

  /** Waits until nothing is under way (work started meanwhile too), at most `timeoutMs`. */
  async settle(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.work.size > 0 && Date.now() < deadline) {
      await Promise.race([Promise.allSettled([...this.work]), new Promise((resolve) => setTimeout(resolve, 100))]);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
