import { Injectable } from '@nestjs/common';

/**
 * The server's clock for attendance. Punch times always come from here, never from the client. Tests (in-process,
 * `app.get(AttendanceClock).set(...)`) pin it to construct days; no HTTP route can reach `set`.
 */
@Injectable()
export class AttendanceClock {
  private fixed: number | null = null;
  private offsetFrom: number | null = null;

  now(): Date {
    if (this.fixed === null) return new Date();
    // A pinned clock still ticks (so consecutive punches get increasing instants).
    return new Date(this.fixed + (Date.now() - this.offsetFrom!));
  }

  /** Test-only: pin the clock to an instant (null = real time). */
  set(at: Date | string | null): void {
    this.fixed = at === null ? null : new Date(at).getTime();
    this.offsetFrom = at === null ? null : Date.now();
  }
}
