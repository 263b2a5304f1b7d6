// When soffice cannot start (missing fonts dir, full disk, broken install) the pool must not spin
// spawning processes: retries back off exponentially, and after a few failures in a row the
// caller is told to stop holding jobs for a worker that may never come.

const FAILURES_BEFORE_GIVING_UP = 3;
const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 30_000;

export class StartupBackoff {
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;

  /** True while a retry is scheduled; no worker should be started meanwhile. */
  get waiting(): boolean {
    return this.timer !== undefined;
  }

  /** True once starts have failed often enough in a row to look like a broken installation. */
  get persistent(): boolean {
    return this.failures >= FAILURES_BEFORE_GIVING_UP;
  }

  succeeded(): void {
    this.failures = 0;
  }

  /** Records a failed start and schedules `retry`. Returns true once failures look persistent. */
  failed(retry: () => void): boolean {
    this.failures++;
    if (!this.timer) {
      const delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (this.failures - 1));
      this.timer = setTimeout(() => {
        this.timer = undefined;
        retry();
      }, delay);
      this.timer.unref(); // a pending retry must not keep the process alive
    }
    return this.persistent;
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
