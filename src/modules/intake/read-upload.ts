import busboy from 'busboy';
import type { Request } from 'express';
import { UploadErrorCode, UploadRefusedError } from '../../common/errors/domain-error';
import { IntakeError } from './intake.errors';

/** Reads the single file of a multipart request into memory (imports are small), with a size limit. */
export function readSingleFile(req: Request, maxBytes: number): Promise<{ name: string; content: Buffer }> {
  return new Promise((resolve, reject) => {
    if (!/^multipart\/form-data/i.test(req.headers['content-type'] ?? '')) {
      reject(new UploadRefusedError(UploadErrorCode.MultipartRequired, 'Envía el archivo como multipart/form-data en el campo "file".', 'unsupported'));
      return;
    }
    const mb = Math.round(maxBytes / 1024 / 1024);
    if (Number(req.headers['content-length'] ?? 0) > maxBytes + 64 * 1024) {
      reject(new UploadRefusedError(UploadErrorCode.FileTooLarge, `El archivo excede el máximo de ${mb} MB para importar.`, 'too_large'));
      return;
    }
    let found = false;
    const bb = busboy({ headers: req.headers, limits: { files: 1, fileSize: maxBytes, fields: 10 }, defParamCharset: 'utf8' });
    bb.on('file', (field, file, info) => {
      if (field !== 'file' || found) return file.resume();
      found = true;
      const chunks: Buffer[] = [];
      file.on('data', (c: Buffer) => chunks.push(c));
      file.on('limit', () => {
        req.unpipe();
        reject(new UploadRefusedError(UploadErrorCode.FileTooLarge, `El archivo excede el máximo de ${mb} MB para importar.`, 'too_large'));
      });
      file.on('end', () => {
        if (!file.truncated) resolve({ name: info.filename ?? 'archivo', content: Buffer.concat(chunks) });
      });
    });
    bb.on('close', () => {
      if (!found) reject(new IntakeError(UploadErrorCode.FileMissing, 'No se recibió ningún archivo; envíalo en el campo "file".', 'validation'));
    });
    bb.on('error', () => reject(new IntakeError(UploadErrorCode.MultipartInvalid, 'La solicitud multipart no es válida.', 'validation')));
    req.pipe(bb);
  });
}
