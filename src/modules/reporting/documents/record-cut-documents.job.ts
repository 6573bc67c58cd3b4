import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { DomainError } from '../../../common/errors/domain-error';
import { JobHandler, QueuedJob } from '../../../queue/jobs';
import { OutboxRepository } from '../../../queue/outbox.repository';
import { JobData, JOBS, QUEUES } from '../../../queue/queue.names';
import { DocumentsService, RecordedDocument } from './documents.service';

/**
 * A closed cut's documents of record, produced and recorded (docs/decisions/0010): the job of the 'corte.cerrado'
 * outbox event, one per cut (its job id). Running it again with the same bytes adds no revision, so a retry (the
 * queue's backoff), a job handed over again after Redis lost it, or the operator's command alongside it record the
 * same. The event is marked handled only after the seven documents are recorded. A refusal (no such cut, a cut not
 * closed) will not change by retrying: the job fails for good, and the event stays unhandled for the operator.
 */
@JobHandler({ queue: QUEUES.documents, name: JOBS.recordCut })
@Injectable()
export class RecordCutDocumentsJob implements QueuedJob<typeof JOBS.recordCut> {
  private readonly logger = new Logger('Documentos');

  constructor(
    private readonly documents: DocumentsService,
    private readonly outbox: OutboxRepository,
  ) {}

  async handle(data: JobData[typeof JOBS.recordCut]): Promise<RecordedDocument[]> {
    const started = Date.now();
    const recorded = await this.documents.recordCut(data.corteId).catch((err: unknown) => {
      throw err instanceof DomainError ? new UnrecoverableError(err.message) : err;
    });
    await this.outbox.markHandled(Number(data.outboxId));
    this.logger.log({ corteId: data.corteId, documents: recorded.length, ms: Date.now() - started }, 'Documentos del corte cerrado registrados');
    return recorded;
  }
}
