// Concurrent requests for the same content share one conversion: ten viewers opening the same new
// document must cost one LibreOffice run, not ten (kkFileView converts once per request).

export class SingleFlight<T> {
  private readonly flights = new Map<string, Promise<T>>();

  /** Runs `work` unless a call with the same key is in flight, in which case its promise is shared. */
  run(key: string, work: () => Promise<T>): { promise: Promise<T>; shared: boolean } {
    const current = this.flights.get(key);
    if (current) return { promise: current, shared: true };
    const promise = work().finally(() => {
      // Only the flight that is finishing may clear its key.
      if (this.flights.get(key) === promise) this.flights.delete(key);
    });
    this.flights.set(key, promise);
    return { promise, shared: false };
  }

  get size(): number {
    return this.flights.size;
  }
}
