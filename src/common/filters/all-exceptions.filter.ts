import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { RequestContext } from '../context/request-context';
import { numberProperty, propertyOf, toErrorResponse } from './error-response';

/** The one place where failures become HTTP answers (see docs/decisions/0003-errors.md). */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request & { id?: string }>();
    const { status, body } = toErrorResponse(exception);
    body.requestId = RequestContext.current()?.requestId ?? req?.id;
    if (status >= 500) {
      this.logger.error({ err: exception, requestId: body.requestId }, 'Unhandled error');
    }
    const retryAfter = numberProperty(exception, 'retryAfterSeconds');
    if (retryAfter !== undefined && !res.headersSent) res.setHeader('Retry-After', String(retryAfter));
    if (propertyOf(exception, 'closeConnection') === true && !res.headersSent) {
      // The request body may still be arriving (an upload refused early): answer, then stop reading it.
      res.setHeader('Connection', 'close');
      res.on('finish', () => setTimeout(() => req.socket?.destroy(), 50).unref());
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.status(status).json(body);
  }
}
