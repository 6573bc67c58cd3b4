import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import type { Transporter } from 'nodemailer';
import { Metrics } from '../../common/metrics/metrics.service';
import { AppConfig } from '../../config/app-config';
import { DeliveryLogRepository } from './delivery-log.repository';

export type SendOutcome = 'enviado' | 'ya-enviado' | 'fallido_permanente';

/** SMTP answered with a permanent refusal (5xx): retrying cannot help. */
export function isPermanent(err: unknown): boolean {
  const code = (err as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/**
 * Sends one message of the delivery log. The row is marked 'enviando' before
 * the SMTP conversation and 'enviado' right after the server accepts it, so a
 * second job for the same message sends nothing. Transient failures are
 * recorded and rethrown (the queue retries with exponential backoff);
 * permanent ones (SMTP 5xx) are recorded and not retried.
 */
@Injectable()
export class MailSender implements OnModuleDestroy {
  private transport?: Transporter;

  constructor(
    private readonly log: DeliveryLogRepository,
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  private smtp(): Transporter {
    // Loaded on the first e-mail: only the worker sends any.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createTransport } = require('nodemailer') as typeof import('nodemailer');
    this.transport ??= createTransport(this.config.get('SMTP_URL'), {
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as object);
    return this.transport;
  }

  async send(notificationId: string): Promise<SendOutcome> {
    const m = await this.log.claim(notificationId, this.config.get('MAIL_STUCK_AFTER_MS'));
    if (!m) return 'ya-enviado';
    try {
      const info = await this.smtp().sendMail({
        from: this.config.get('MAIL_FROM'),
        to: m.recipient_email,
        subject: m.subject,
        text: m.body_text,
        html: m.body_html,
        messageId: `<${notificationId}@asm-seguimiento>`,
        headers: { 'X-ASM-Notificacion': notificationId },
      });
      await this.log.markSent(notificationId, info.messageId);
      this.metrics.mailsSent.inc({ outcome: 'enviado' });
      return 'enviado';
    } catch (err) {
      const permanent = isPermanent(err);
      await this.log.markFailed(notificationId, permanent ? 'fallido_permanente' : 'fallido_temporal', String((err as Error).message ?? err).slice(0, 1000));
      this.metrics.mailsSent.inc({ outcome: permanent ? 'fallido_permanente' : 'fallido_temporal' });
      if (permanent) throw new UnrecoverableError(`Rechazo permanente del servidor SMTP: ${(err as Error).message}`);
      throw err;
    }
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
