import { Injectable } from '@nestjs/common';
import { JobHandler, QueuedJob } from '../../queue/jobs';
import { JobData, JOBS, QUEUES } from '../../queue/queue.names';
import { MailSender, SendOutcome } from './mail-sender.service';

/** One e-mail of the delivery log. */
@JobHandler({ queue: QUEUES.mail, name: JOBS.send })
@Injectable()
export class MailDeliveryJob implements QueuedJob<typeof JOBS.send> {
  constructor(private readonly mail: MailSender) {}

  handle(data: JobData[typeof JOBS.send]): Promise<SendOutcome> {
    return this.mail.send(data.notificationId);
  }
}
