import { Global, Injectable, Module } from '@nestjs/common';

/**
 * The time as the application sees it. Rules that turn on time (consent expiry) ask this,
 * never `new Date()` or the database's now(), so tests can move time instead of waiting.
 */
@Injectable()
export class Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Moves this process's time forward (tests only; production never calls it). */
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
