/** Without input for this long, a tab counts as idle (the user may be away from the desk). */
export const IDLE_AFTER_MS = 10 * 60 * 1000;

/**
 * Tells when a tab goes idle and when it has input again. Input only notes the time, so it may come
 * with every pointer move; the one timer runs while the tab is active and, when it ends, looks at
 * the last input and either reports idle or waits for the rest of the period. No timer runs while
 * the tab is idle: the next input ends that at once.
 */
export class IdleTracker {
  private lastInput = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private idle = false;

  constructor(
    private readonly onChange: (idle: boolean) => void,
    private readonly idleAfterMs: number = IDLE_AFTER_MS,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    this.lastInput = this.now();
    this.arm(this.idleAfterMs);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** The user did something in this tab. */
  input(): void {
    this.lastInput = this.now();
    if (!this.idle) return;
    this.idle = false;
    this.onChange(false);
    this.arm(this.idleAfterMs);
  }

  private arm(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(this.check, ms);
  }

  private readonly check = (): void => {
    this.timer = undefined;
    const quiet = this.now() - this.lastInput;
    if (quiet < this.idleAfterMs) return this.arm(this.idleAfterMs - quiet);
    this.idle = true;
    this.onChange(true);
  };
}
