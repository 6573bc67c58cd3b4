import { Logger } from '@nestjs/common';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { streamedBuffers, streamingBuffers } from '../memory';

const logger = new Logger('Descargas');

/**
 * Streams a file into the response. A client that goes away (cancels, or
 * closes its connection as soon as it holds the last byte, before the server
 * saw the response finish) makes pipeline reject with "Premature close": that
 * is the client's doing, not a failure of the server, so it is logged at debug
 * level and not rethrown (rethrown, the exception filter logged it as an
 * error). A failure of the source (the file or the storage) is rethrown.
 */
export async function sendStream(source: NodeJS.ReadableStream, res: Response): Promise<void> {
  // Whichever side ended first: pipeline then destroys the other side with the same error.
  let first: 'source' | 'client' | undefined;
  source.once('error', () => (first ??= 'source'));
  res.once('close', () => (first ??= 'client'));
  const ended = streamingBuffers();
  source.on('data', (chunk: Buffer) => streamedBuffers(chunk.length));
  try {
    await pipeline(source, res);
  } catch (err) {
    if (first === 'source') throw err;
    logger.debug({ err, complete: res.writableEnded, bytes: res.socket?.bytesWritten }, 'Descarga interrumpida por el cliente');
  } finally {
    ended();
  }
}
