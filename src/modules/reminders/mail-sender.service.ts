import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import type { Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { returning } from '../../common/db/returning';
import { Metrics } from '../../common/metrics/metrics.service';
import { AppConfig } from '../../config/app-config';

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
    private readonly ds: DataSource,
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
    const claimed = await returning<{ recipient_email: string; subject: string; body_text: string; body_html: string }>(
      this.ds.manager,
      `UPDATE notification_log SET status = 'enviando', sending_since = now(), attempts = attempts + 1, updated_at = now()
        WHERE id = $1 AND (status IN ('en_cola', 'fallido_temporal')
              -- A send interrupted by a crash is retried (the server never accepted it, or we cannot know).
              OR (status = 'enviando' AND sending_since < now() - make_interval(secs => $2::float / 1000)))
        RETURNING recipient_email, subject, body_text, body_html`,
      [notificationId, this.config.get('MAIL_STUCK_AFTER_MS')],
    );
    if (claimed.length === 0) return 'ya-enviado';
    const m = claimed[0];
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
      await this.ds.query(`UPDATE notification_log SET status = 'enviado', sent_at = now(), message_id = $2, last_error = NULL, updated_at = now() WHERE id = $1`, [
        notificationId,
        info.messageId,
      ]);
      this.metrics.mailsSent.inc({ outcome: 'enviado' });
      return 'enviado';
    } catch (err) {
      const permanent = isPermanent(err);
      await this.ds.query(`UPDATE notification_log SET status = $2, last_error = $3, updated_at = now() WHERE id = $1`, [
        notificationId,
        permanent ? 'fallido_permanente' : 'fallido_temporal',
        String((err as Error).message ?? err).slice(0, 1000),
      ]);
      this.metrics.mailsSent.inc({ outcome: permanent ? 'fallido_permanente' : 'fallido_temporal' });
      if (permanent) throw new UnrecoverableError(`Rechazo permanente del servidor SMTP: ${(err as Error).message}`);
      throw err;
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.transport?.close();
  }
}
