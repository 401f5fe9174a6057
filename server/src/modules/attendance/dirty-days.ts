import { Injectable } from '@nestjs/common';

export interface DayKey {
  tenantId: string;
  employeeId: string;
  date: string;
}

/**
 * Person-days whose stored daily result is behind their punches: marked by the punch (which answers at once and
 * leaves the storing to DailyResultsWriter), cleared by the writer after the row is written. Reads in this process
 * compute a marked day instead of trusting its stored row.
 */
@Injectable()
export class DirtyDays {
  private readonly days = new Map<string, DayKey>();
  /** Taken by a flush that is writing them: still dirty for readers until written. */
  private readonly writing = new Map<string, DayKey>();

  mark(k: DayKey): number {
    this.days.set(key(k), k);
    return this.days.size;
  }

  has(tenantId: string, employeeId: string, date: string): boolean {
    const k = `${tenantId}:${employeeId}:${date}`;
    return this.days.has(k) || this.writing.has(k);
  }

  get size(): number {
    return this.days.size;
  }

  /** Moves up to `max` marked days to "writing" and returns them. */
  take(max: number): DayKey[] {
    const out: DayKey[] = [];
    for (const [k, v] of this.days) {
      if (out.length >= max) break;
      this.days.delete(k);
      this.writing.set(k, v);
      out.push(v);
    }
    return out;
  }

  /** The taken days are written (ok) or go back to be retried (failed). */
  done(taken: DayKey[], ok: boolean): void {
    for (const d of taken) {
      this.writing.delete(key(d));
      if (!ok) this.days.set(key(d), d);
    }
  }
}

const key = (k: DayKey) => `${k.tenantId}:${k.employeeId}:${k.date}`;
