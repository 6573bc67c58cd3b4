import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { todayIn } from './dates';

/** The one source of "now" (tests and the reminder time-travel replace it). */
@Injectable()
export class Clock {
  private offsetMs = 0;
  private fixed?: Date;

  constructor(private readonly config: AppConfig) {}

  now(): Date {
    if (this.fixed) return new Date(this.fixed.getTime());
    return new Date(Date.now() + this.offsetMs);
  }

  /** Today's calendar date in the institution's time zone, 'YYYY-MM-DD'. */
  today(): string {
    return todayIn(this.config.get('TIME_ZONE'), this.now());
  }

  timeZone(): string {
    return this.config.get('TIME_ZONE');
  }

  /** Test hook: freeze time at `at` (or unfreeze with undefined). */
  setNow(at: Date | undefined): void {
    this.fixed = at;
  }
}
