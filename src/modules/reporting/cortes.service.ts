import { Injectable } from '@nestjs/common';
import { format } from 'date-fns/format';
import { lastDayOfMonth } from 'date-fns/lastDayOfMonth';
import { DataSource, EntityManager } from 'typeorm';
import { BusinessCalendarService } from '../../common/business-calendar';
import { Clock } from '../../common/clock';
import { AppConfig } from '../../config/app-config';
import { lockVersioned } from '../../common/db/versioned';
import { DomainError, DuplicateError, NotFoundError, ValidationFailedError } from '../../common/errors/domain-error';
import { Page, pageBounds } from '../../common/http/pagination';
import { UnitOfWork } from '../../database/unit-of-work';
import { OutboxService } from '../../queue/outbox.service';
import { Actor } from '../identity/actor';
import { Policy } from '../identity/policy/policy';
import { CorteStatus, monthYearLabel } from './corte.entity';
import { CloseCorteDto, CreateCorteDto, ListCortesQuery } from './dto/corte.dto';
import { DocumentsService } from './documents/documents.service';
import { SnapshotWriter } from './snapshot.writer';
import { AuditAnchors } from '../audit/audit-anchors';

const CORTE = { label: 'el corte', table: 'cortes', notFoundCode: 'CORTE_NOT_FOUND' };

export interface CorteView {
  id: string;
  version: number;
  year: number;
  month: number;
  /** "Septiembre-2022" */
  label: string;
  cutoffDate: string;
  submissionDeadline: string;
  status: CorteStatus;
  openedAt: Date | null;
  closedAt: Date | null;
  snapshotRows: number | null;
}

export class CorteStateError extends DomainError {
  constructor(message: string, code = 'CORTE_STATE_INVALID') {
    super(code, message, 'conflict');
  }
}

/** Reporting cuts: create, open, close (which freezes the snapshot). */
@Injectable()
export class CortesService {
  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
    private readonly calendar: BusinessCalendarService,
    private readonly snapshot: SnapshotWriter,
    private readonly outbox: OutboxService,
    private readonly policy: Policy,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly documents: DocumentsService,
    private readonly anchors: AuditAnchors,
  ) {}

  private async views(where: string, params: unknown[], tail = ''): Promise<(CorteView & { total: number })[]> {
    const rows = await this.ds.query(
      `SELECT id, version, year, month, cutoff_date AS "cutoffDate", submission_deadline AS "submissionDeadline", status,
              opened_at AS "openedAt", closed_at AS "closedAt", snapshot_rows AS "snapshotRows", count(*) OVER () AS total
         FROM cortes WHERE ${where} ${tail}`,
      params,
    );
    return rows.map((r: CorteView & { total: number }) => ({ ...r, label: monthYearLabel(r.month, r.year) }));
  }

  async list(q: ListCortesQuery): Promise<Page<CorteView>> {
    const { page, pageSize, offset } = pageBounds(q);
    const rows = await this.views(`($1::text IS NULL OR status = $1)`, [q.status ?? null, pageSize, offset], 'ORDER BY year DESC, month DESC LIMIT $2 OFFSET $3');
    return { items: rows.map(({ total: _t, ...r }) => r), page, pageSize, total: Number(rows[0]?.total ?? 0) };
  }

  async get(id: string): Promise<CorteView> {
    const [row] = await this.views('id = $1', [id]);
    if (!row) throw new NotFoundError(CORTE.label, CORTE.notFoundCode, id);
    const { total: _t, ...view } = row;
    return view;
  }

  /** The open cut, if any (avances are always reported for it). */
  async openCorte(em?: EntityManager): Promise<{ id: string; year: number; month: number } | undefined> {
    const rows = await (em ?? this.ds.manager).query(`SELECT id, year, month FROM cortes WHERE status = 'abierto'`);
    return rows[0];
  }

  async create(dto: CreateCorteDto, actor: Actor): Promise<CorteView> {
    this.policy.assert(actor, 'create', 'Corte');
    const monthStart = new Date(dto.year, dto.month - 1, 1);
    const cutoff = dto.cutoffDate ?? format(lastDayOfMonth(monthStart), 'yyyy-MM-dd');
    if (cutoff.slice(0, 7) !== format(monthStart, 'yyyy-MM')) {
      throw new ValidationFailedError([{ field: 'cutoffDate', message: `La fecha de corte debe caer en ${monthYearLabel(dto.month, dto.year)}.` }]);
    }
    const deadline = this.calendar.addBusinessDays(cutoff, this.config.get('CORTE_SUBMISSION_BUSINESS_DAYS'));
    const id = await this.uow.run(async (em) => {
      const dup = await em.query(`SELECT 1 FROM cortes WHERE year = $1 AND month = $2`, [dto.year, dto.month]);
      if (dup.length) throw new DuplicateError(`Ya existe el corte ${monthYearLabel(dto.month, dto.year)}.`, [{ field: 'month', message: 'Corte repetido.' }]);
      const [row] = await em.query(`INSERT INTO cortes (year, month, cutoff_date, submission_deadline) VALUES ($1, $2, $3, $4) RETURNING id`, [
        dto.year,
        dto.month,
        cutoff,
        deadline,
      ]);
      return row.id as string;
    });
    return this.get(id);
  }

  async open(id: string, version: number, actor: Actor): Promise<CorteView> {
    this.policy.assert(actor, 'open', 'Corte');
    await this.uow.run(async (em) => {
      const corte = await lockVersioned<{ version: number; status: CorteStatus; year: number; month: number }>(em, CORTE, id, version, 'version, status, year, month');
      if (corte.status !== 'programado') {
        throw new CorteStateError(`El corte ${monthYearLabel(corte.month, corte.year)} está ${corte.status}; solo se abre un corte programado.`);
      }
      const open = await this.openCorte(em);
      if (open) {
        throw new CorteStateError(`Ya está abierto el corte ${monthYearLabel(open.month, open.year)}; ciérralo antes de abrir otro.`, 'CORTE_ALREADY_OPEN');
      }
      await em.query(`UPDATE cortes SET status = 'abierto', opened_at = $2, version = version + 1, updated_at = now() WHERE id = $1`, [id, this.clock.now()]);
      await this.outbox.add(em, 'corte.abierto', { corteId: id, label: monthYearLabel(corte.month, corte.year) });
    });
    return this.get(id);
  }

  /**
   * Closes the cut and freezes its snapshot in the same transaction. Avances
   * still submitted and unreviewed would be left out: closing then needs force.
   */
  async close(id: string, dto: CloseCorteDto, actor: Actor): Promise<CorteView & { pendingAvancesLeftOut: number }> {
    this.policy.assert(actor, 'close', 'Corte');
    let pending = 0;
    await this.uow.run(async (em) => {
      const corte = await lockVersioned<{ version: number; status: CorteStatus; year: number; month: number; cutoff_date: string }>(
        em,
        CORTE,
        id,
        dto.version,
        'version, status, year, month, cutoff_date',
      );
      if (corte.status !== 'abierto') {
        throw new CorteStateError(`El corte ${monthYearLabel(corte.month, corte.year)} está ${corte.status}; solo se cierra un corte abierto.`);
      }
      const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM avances WHERE corte_id = $1 AND status = 'enviado'`, [id]);
      pending = n;
      if (n > 0 && !dto.force) {
        throw new DomainError(
          'CORTE_HAS_PENDING_REVIEWS',
          `Hay ${n} avance(s) enviados sin revisar en este corte; apruébalos o devuélvelos, o cierra con "force": true para dejarlos fuera.`,
          'conflict',
          [{ field: 'force', message: `${n} avance(s) pendientes de revisión.`, pending: n }],
        );
      }
      // Approvals hold a share lock on this row until they commit, so every approval
      // is either in the snapshot or refused as late; the copy itself is one statement.
      const rows = await this.snapshot.write(em, { id, year: corte.year, month: corte.month, cutoffDate: corte.cutoff_date });
      // The documents of a closed cut print these settings for ever, whatever changes later.
      const frozen = await this.documents.freezeSettings(em);
      await em.query(
        `UPDATE cortes SET status = 'cerrado', closed_at = date_trunc('second', $2::timestamptz), closed_by = $3, snapshot_rows = $4,
                document_settings = $5, version = version + 1, updated_at = now() WHERE id = $1`,
        [id, this.clock.now(), actor.id, rows, frozen],
      );
      // The bitácora must reach at least this far for ever after: its head is anchored with the cut.
      await this.anchors.record('corte', `${monthYearLabel(corte.month, corte.year)} ${id}`, em);
    });
    return { ...(await this.get(id)), pendingAvancesLeftOut: dto.force ? pending : 0 };
  }
}
