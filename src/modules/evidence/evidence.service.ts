import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import busboy from 'busboy';
import type { Request } from 'express';
import { Clock } from '../../common/clock';
import { assertVersion, DomainError, NotFoundError, UploadErrorCode, UploadRefusedError } from '../../common/errors/domain-error';
import { streamedBuffers, streamingBuffers } from '../../common/memory';
import { Metrics } from '../../common/metrics/metrics.service';
import { AppConfig } from '../../config/app-config';
import { UnitOfWork } from '../../database/unit-of-work';
import { AsmRepository } from '../asm/asm.repository';
import { isReportable } from '../asm/asm.types';
import { Actor } from '../identity/actor';
import { AreaFacts, Policy, PolicyAction } from '../identity/policy/policy';
import { AvanceHistory } from '../progress/avance-history';
import { asmNotReportable, avanceState, corteClosed, ProgressErrorCode } from '../progress/progress.errors';
import { monthYearLabel } from '../reporting/reporting.types';
import { EvidenceErrorCode, EvidenceNotFoundError, EvidenceWithdrawnError } from './evidence.errors';
import { EvidenceRepository, EvidenceRow } from './evidence.repository';
import { contentDisposition, isHostileFileName, sanitizeFileName } from './file-name';
import { AcceptedType, checkType, SNIFF_BYTES } from './file-types';
import { EVIDENCE_STORAGE, StorageUnavailableError } from './storage/evidence-storage';
import type { EvidenceStorage, StorageUpload } from './storage/evidence-storage';
import { UploadLimiter } from './upload-limiter';

/** A stored file as the evidence routes return it: with the avance and action it belongs to. */
export type StoredEvidence = EvidenceRow;

const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

interface Received {
  type: AcceptedType;
  displayName: string;
  sha256: string;
  size: number;
  stored: { key: string; created: boolean };
}

/**
 * Reads whole chunks of `file` until at least `bytes` have come (or the file
 * ended), and leaves it paused with the rest unread.
 */
function readHead(file: Readable, bytes: number): Promise<{ head: Buffer; ended: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const stop = () => file.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
    const done = (ended: boolean) => {
      stop();
      if (!ended) file.pause();
      resolve({ head: Buffer.concat(chunks), ended });
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
      if (length >= bytes) done(false);
    };
    const onEnd = () => done(true);
    const onError = (err: Error) => {
      stop();
      reject(err);
    };
    const onClose = () => onError(new Error('The file part closed before it ended.'));
    file.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

/**
 * Evidence uploads, streamed: the type is decided from the first bytes before
 * anything is stored, the SHA-256 and the size are computed as the bytes pass,
 * and an oversize body is cut off as soon as it crosses the limit. A refused
 * upload leaves no file and no temporary file behind.
 */
@Injectable()
export class EvidenceService {
  private readonly logger = new Logger('Evidencia');

  constructor(
    private readonly files: EvidenceRepository,
    private readonly uow: UnitOfWork,
    private readonly asms: AsmRepository,
    private readonly policy: Policy,
    private readonly limiter: UploadLimiter,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    @Inject(EVIDENCE_STORAGE) private readonly storage: EvidenceStorage,
    private readonly metrics: Metrics,
    private readonly history: AvanceHistory,
  ) {
    metrics.probe('storage', () => storage.check());
  }

  /**
   * Evidence storage failed under an operation: logged at error (it is the
   * operator's to fix, not the user's), counted, and answered 503 STORAGE_UNAVAILABLE.
   */
  private storageDown(operation: 'upload' | 'download', err: unknown): StorageUnavailableError {
    this.metrics.storageErrors.inc({ operation });
    this.logger.error(
      { operation, backend: this.storage.backend, err: err instanceof Error ? err.message : String(err) },
      'El almacenamiento de evidencias no responde',
    );
    return new StorageUnavailableError(operation);
  }

  private async factsOfAvance(avanceId: string): Promise<AreaFacts & { asmId: string; actionId: string; status: string; corteId: string }> {
    const a = await this.files.avance(avanceId);
    if (!a) throw new NotFoundError('el avance', ProgressErrorCode.AvanceNotFound, avanceId);
    const facts = await this.asms.actionFacts(undefined, a.actionId);
    return { ...facts!, actionId: a.actionId, status: a.status, corteId: a.corteId };
  }

  private assert(actor: Actor, action: PolicyAction, facts: AreaFacts): void {
    this.policy.assert(actor, action, 'Evidence', facts, 'la acción no está asignada a ninguna de tus áreas');
  }

  async upload(req: Request, avanceId: string, actor: Actor): Promise<StoredEvidence> {
    const facts = await this.factsOfAvance(avanceId);
    this.assert(actor, 'create', facts);
    const refuse = (code: string, message: string, kind: ConstructorParameters<typeof DomainError>[2] = 'conflict') =>
      new UploadRefusedError(code, message, kind);
    if (facts.status !== 'borrador' && facts.status !== 'devuelto') {
      const e = avanceState(facts.status, 'agregar evidencia a');
      throw new UploadRefusedError(e.code, `${e.message} Solo se adjunta evidencia a un avance en borrador o devuelto.`, 'conflict');
    }
    const corte = await this.files.corte(facts.corteId);
    if (corte && corte.status !== 'abierto') {
      const e = corteClosed(monthYearLabel(corte.month, corte.year));
      throw new UploadRefusedError(e.code, e.message, 'conflict');
    }
    const asmStatus = await this.files.asmStatus(facts.asmId);
    if (asmStatus !== undefined && !isReportable(asmStatus)) {
      const e = asmNotReportable(asmStatus);
      throw new UploadRefusedError(e.code, e.message, 'conflict');
    }
    if (!/^multipart\/form-data/i.test(req.headers['content-type'] ?? '')) {
      throw refuse(UploadErrorCode.MultipartRequired, 'Envía el archivo como multipart/form-data en el campo "file".', 'unsupported');
    }
    const max = this.config.get('EVIDENCE_MAX_BYTES');
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > max + 64 * 1024) {
      throw refuse(UploadErrorCode.FileTooLarge, `El archivo excede el máximo de ${mb(max)}; reduce su tamaño o divídelo.`, 'too_large');
    }
    const slot = await this.limiter.tryAcquire(actor.id!);
    if (!slot) {
      throw refuse(EvidenceErrorCode.TooManyUploads, 'Tienes demasiadas cargas de archivos en curso; espera a que terminen y vuelve a intentarlo.', 'too_many');
    }
    let received: Received;
    const receivingEnded = streamingBuffers();
    try {
      received = await this.receive(req, max);
    } finally {
      receivingEnded();
      await slot.release();
    }
    let id: string;
    try {
      id = await this.uow.run(async (em) => {
        const status = await this.files.lockAvance(em, avanceId);
        if (status === undefined) throw new NotFoundError('el avance', ProgressErrorCode.AvanceNotFound, avanceId);
        if (status !== 'borrador' && status !== 'devuelto') throw avanceState(status, 'agregar evidencia a');
        const fileId = await this.files.insert(em, {
          sha256: received.sha256,
          sizeBytes: received.size,
          mimeType: received.type.mime,
          displayName: received.displayName,
          storageBackend: this.storage.backend,
          storageKey: received.stored.key,
          actionId: facts.actionId,
          avanceId,
          uploadedBy: actor.id,
          uploadedAt: this.clock.now(),
        });
        await this.history.evidenceEvent(em, { avanceId, actorId: actor.id, event: 'evidencia_agregada', note: received.displayName });
        return fileId;
      });
    } catch (err) {
      if (received.stored.created) await this.storage.discardNew(received.stored.key);
      throw err;
    }
    return this.get(id, actor);
  }

  /** Streams the single file part of the request into storage. */
  private receive(req: Request, max: number): Promise<Received> {
    return new Promise<Received>((resolve, reject) => {
      let settled = false;
      let sawFile = false;
      let upload: StorageUpload | undefined;
      /** What storage failed with, if it did: the upload then failed on the server's side, not the user's. */
      let storageError: unknown;
      const fail = (err: Error) => {
        if (settled) return;
        settled = true;
        req.unpipe();
        void (upload?.abort() ?? Promise.resolve()).then(() => reject(err));
      };
      let bb: busboy.Busboy;
      try {
        bb = busboy({
          headers: req.headers,
          // busboy signals its limit when the file *reaches* fileSize: one byte more makes `max` itself allowed.
          limits: { files: 1, fileSize: max + 1, fields: 5, parts: 6 },
          defParamCharset: 'utf8',
          preservePath: true,
        });
      } catch {
        reject(
          new UploadRefusedError(UploadErrorCode.MultipartInvalid, 'La solicitud multipart no es válida; envía el archivo en el campo "file".', 'validation'),
        );
        return;
      }
      bb.on('file', (field, file, info) => {
        if (field !== 'file' || sawFile) {
          file.resume();
          return;
        }
        sawFile = true;
        if (isHostileFileName(info.filename)) {
          fail(
            new UploadRefusedError(
              EvidenceErrorCode.FileNameInvalid,
              'El nombre del archivo contiene rutas (/ o \\) o caracteres de control; renómbralo con un nombre simple, por ejemplo informe-2022.pdf.',
              'validation',
            ),
          );
          return;
        }
        const displayName = sanitizeFileName(info.filename);
        let limited = false;
        file.on('limit', () => {
          limited = true;
          fail(new UploadRefusedError(UploadErrorCode.FileTooLarge, `El archivo excede el máximo de ${mb(max)}; reduce su tamaño o divídelo.`, 'too_large'));
        });
        void (async () => {
          const { head, ended } = await readHead(file, SNIFF_BYTES);
          if (settled || limited) return;
          if (head.length === 0) {
            fail(new UploadRefusedError(EvidenceErrorCode.EmptyFile, 'El archivo está vacío (0 bytes); adjunta el documento correcto.', 'validation'));
            return;
          }
          const check = await checkType(head, displayName, this.config.get('EVIDENCE_ALLOWED_TYPES').split(','));
          if (!check.ok) {
            fail(new UploadRefusedError(EvidenceErrorCode.FileTypeNotAllowed, check.reason, 'unsupported'));
            return;
          }
          try {
            upload = await this.storage.begin();
          } catch (err) {
            throw this.storageDown('upload', err);
          }
          upload.stream.once('error', (err) => (storageError ??= err));
          // The rest flows from busboy straight into storage (pipe's backpressure); the hash and the count
          // see the same chunks on the way.
          const hash = createHash('sha256').update(head);
          let size = head.length;
          if (ended) {
            upload.stream.end(head);
            await finished(upload.stream, { readable: false });
          } else {
            upload.stream.write(head);
            file.on('data', (chunk: Buffer) => {
              hash.update(chunk);
              size += chunk.length;
              streamedBuffers(chunk.length);
            });
            await pipeline(file, upload.stream);
          }
          if (settled || limited) return;
          const sha256 = hash.digest('hex');
          let stored: Received['stored'];
          try {
            stored = await upload.commit(sha256);
          } catch (err) {
            throw this.storageDown('upload', err);
          }
          settled = true;
          resolve({ type: check.type, displayName, sha256, size, stored });
        })().catch((err: unknown) =>
          fail(
            err instanceof DomainError
              ? err
              : storageError !== undefined
                ? this.storageDown('upload', storageError)
                : new UploadRefusedError(EvidenceErrorCode.UploadFailed, 'La carga se interrumpió; vuelve a intentarlo.', 'validation'),
          ),
        );
      });
      bb.on('error', () =>
        fail(
          new UploadRefusedError(UploadErrorCode.MultipartInvalid, 'La solicitud multipart no es válida; envía el archivo en el campo "file".', 'validation'),
        ),
      );
      bb.on('close', () => {
        if (!sawFile) fail(new UploadRefusedError(UploadErrorCode.FileMissing, 'No se recibió ningún archivo; envíalo en el campo "file".', 'validation'));
      });
      req.on('aborted', () =>
        fail(new UploadRefusedError(EvidenceErrorCode.UploadAborted, 'La carga se interrumpió antes de terminar; vuelve a intentarlo.', 'validation')),
      );
      req.pipe(bb);
    });
  }

  async get(id: string, actor: Actor): Promise<StoredEvidence> {
    const row = await this.files.find(id);
    if (!row) throw new EvidenceNotFoundError(id);
    this.assert(actor, 'read', (await this.asms.actionFacts(undefined, row.actionId!))!);
    return row;
  }

  /** Streams the stored file with its stored type and its (sanitised) original name. */
  async download(id: string, actor: Actor): Promise<{ stream: Readable; headers: Record<string, string> }> {
    const meta = await this.get(id, actor);
    const stored = await this.files.storageOf(id);
    if (!stored) throw new EvidenceNotFoundError(id);
    let stream: Readable;
    try {
      stream = await this.storage.open(stored.key);
    } catch (err) {
      throw this.storageDown('download', err);
    }
    return {
      stream,
      headers: {
        'Content-Type': meta.mimeType,
        'Content-Length': String(meta.sizeBytes),
        'Content-Disposition': contentDisposition(meta.displayName),
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store',
        ETag: `"${meta.sha256}"`,
      },
    };
  }

  /** The file stays stored and downloadable; the withdrawal, its reason and its author are recorded. */
  async withdraw(id: string, version: number, reason: string, actor: Actor): Promise<StoredEvidence> {
    const meta = await this.get(id, actor);
    this.assert(actor, 'withdraw', (await this.asms.actionFacts(undefined, meta.actionId!))!);
    await this.uow.run(async (em) => {
      const f = await this.files.lock(em, id);
      if (!f) throw new EvidenceNotFoundError(id);
      assertVersion(f.version, version, 'la evidencia', EvidenceErrorCode.EvidenceNotFound, id);
      if (f.withdrawnAt) throw new EvidenceWithdrawnError();
      if (f.avanceId) {
        const status = await this.files.lockAvance(em, f.avanceId);
        if (status === undefined) throw new NotFoundError('el avance', ProgressErrorCode.AvanceNotFound, f.avanceId);
        if (status !== 'borrador' && status !== 'devuelto') throw avanceState(status, 'retirar evidencia de');
        await this.history.evidenceEvent(em, { avanceId: f.avanceId, actorId: actor.id, event: 'evidencia_retirada', note: reason });
      }
      await this.files.withdraw(em, id, { at: this.clock.now(), by: actor.id, reason });
    });
    return this.get(id, actor);
  }
}
