import { Injectable } from '@nestjs/common';
import { JobHandler, QueuedJob } from '../../queue/jobs';
import { JobData, JOBS, QUEUES } from '../../queue/queue.names';
import { NoticesService } from './notices.service';

/** An outbox event turned into notices for the people concerned. */
@JobHandler({ queue: QUEUES.notices, name: JOBS.notice })
@Injectable()
export class NoticeJob implements QueuedJob<typeof JOBS.notice> {
  constructor(private readonly notices: NoticesService) {}

  handle(data: JobData[typeof JOBS.notice]): Promise<number> {
    return this.notices.handle(Number(data.outboxId));
  }
}
