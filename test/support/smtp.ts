import { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';

/** A plain header's text (the application's own headers are plain strings). */
function headerText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  notificationId: string;
}

/** What the server answers to the next message: accept, refuse for ever (5xx), or leave it unanswered. */
export type Verdict = 'accept' | { code: number; message: string } | 'hang';

/**
 * A real SMTP server inside the test, on a free port: it records what it
 * accepts, and `decide` lets a test refuse or stall messages.
 */
export class TestSmtp {
  readonly received: ReceivedMail[] = [];
  decide: (mail: ReceivedMail, index: number) => Verdict = () => 'accept';
  /** How long the server takes to answer each message (a slow relay). */
  delayMs = 0;
  private server?: SMTPServer;
  port = 0;
  private seen = 0;

  async start(port = 0): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      closeTimeout: 200,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream: SMTPServerDataStream, _s: SMTPServerSession, cb: (err?: Error | null) => void) => {
        void simpleParser(stream).then((m) => {
          const mail: ReceivedMail = {
            to: (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address ?? '',
            subject: m.subject ?? '',
            text: m.text ?? '',
            html: typeof m.html === 'string' ? m.html : '',
            notificationId: headerText(m.headers.get('x-asm-notificacion')),
          };
          const verdict = this.decide(mail, this.seen++);
          if (this.delayMs > 0 && verdict !== 'hang') {
            setTimeout(() => this.answer(mail, verdict, cb), this.delayMs);
            return;
          }
          this.answer(mail, verdict, cb);
        });
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', () => resolve()));
    this.port = (this.server as unknown as { server: { address(): AddressInfo } }).server.address().port;
  }

  private answer(mail: ReceivedMail, verdict: Verdict, cb: (err?: Error | null) => void): void {
    if (verdict === 'accept') {
      this.received.push(mail);
      cb();
    } else if (verdict === 'hang') {
      // Never answered: the message is not accepted.
    } else {
      const err = new Error(verdict.message) as Error & { responseCode: number };
      err.responseCode = verdict.code;
      cb(err);
    }
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  async waitFor(count: number, timeoutMs = 20_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (Date.now() > until) throw new Error(`SMTP: esperaba ${count} correos, llegaron ${this.received.length}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
