import { DiscoveryService } from '@nestjs/core';
import type { Job } from 'bullmq';
import type { AppConfig } from '../config/app-config';
import type { JobData, JobName, QueueName } from './queue.names';

/*
 * How work of the worker process is declared (docs/decisions/0048-jobs.md):
 * one provider class per job, marked with the decorator of its kind, found by
 * JobHost at start-up.
 */

/** A job handed to a queue (BullMQ): which queue and which job name it handles. */
export interface QueuedJobSpec {
  queue: QueueName;
  name: JobName;
}

/** Marks the class that runs one queued job; JobHost refuses to start if a job has none or two. */
export const JobHandler = DiscoveryService.createDecorator<QueuedJobSpec>();

/** The handler of queued job `N`: its data as the producer wrote it. */
export interface QueuedJob<N extends JobName> {
  handle(data: JobData[N], job: Job): Promise<unknown>;
}

/** Work run in the process on a timer, not through Redis (it must run when Redis is away, or it is what talks to Redis). */
export interface ScheduledJobSpec {
  /** Unique among the scheduled jobs; it names the job in the logs. */
  name: string;
  every: (config: AppConfig) => number;
  /**
   * 'before-ready': the first run is awaited before the worker says it is ready (the outbox relay registers the
   * schedule and hands over what waited); 'after-ready': the first run starts in the background.
   */
  firstRun: 'before-ready' | 'after-ready';
}

/** Marks the class that runs one scheduled job. */
export const ScheduledJob = DiscoveryService.createDecorator<ScheduledJobSpec>();

/** A scheduled job: one run; runs of the same job never overlap, and shutting down waits a few seconds for one in flight. */
export interface ScheduledRun {
  run(): Promise<void>;
}
