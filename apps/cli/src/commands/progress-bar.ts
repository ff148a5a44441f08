/** The one line of a progress bar: `[#####.....] 45% 12,345/27,000 events 9,800 ev/s`. */
export function formatProgress(done: number, total: number, eventsPerSecond: number, width = 20): string {
  const fraction = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(fraction * width);
  const bar = `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
  return `[${bar}] ${Math.floor(fraction * 100)}% ${thousands(done)}/${thousands(total)} events ${thousands(Math.round(eventsPerSecond))} ev/s`;
}

function thousands(value: number): string {
  return value.toLocaleString('en-US');
}

export interface ProgressOutput {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/**
 * Progress on stderr: on a terminal one line redrawn in place at most ~10 times a second; in a log
 * (not a TTY) a plain line every few seconds. `finish()` always prints the final state.
 */
export class ProgressBar {
  private readonly startedAt: number;
  private lastDrawn = -Infinity;
  private last: { done: number; total: number } = { done: 0, total: 0 };
  private drawnState: string | null = null;

  constructor(
    private readonly out: ProgressOutput,
    private readonly now: () => number = Date.now,
  ) {
    this.startedAt = now();
  }

  update(done: number, total: number): void {
    this.last = { done, total };
    const interval = this.out.isTTY ? 100 : 2000;
    if (this.now() - this.lastDrawn < interval) return;
    this.draw();
  }

  finish(): void {
    if (this.drawnState !== this.state()) this.draw();
    if (this.out.isTTY) this.out.write('\n');
  }

  private state(): string {
    return `${this.last.done}/${this.last.total}`;
  }

  private draw(): void {
    this.lastDrawn = this.now();
    this.drawnState = this.state();
    const seconds = Math.max(0.001, (this.lastDrawn - this.startedAt) / 1000);
    const line = formatProgress(this.last.done, this.last.total, this.last.done / seconds);
    this.out.write(this.out.isTTY ? `\r${line}` : `${line}\n`);
  }
}
