import { Injectable } from '@nestjs/common';
import { format } from 'date-fns/format';
import { monthEndCutoff, submissionDeadline } from './corte-deadline';
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
import { institutionScope, Policy, PolicyAction } from '../identity/policy/policy';
import { SettingsService } from '../settings/settings.service';
import { toDmy } from '../../common/dates';
import { CorteStatus, monthYearLabel } from './reporting.types';
import { CloseCorteDto, CreateCorteDto, ListCortesQuery } from './dto/corte.dto';
import { DocumentsService } from './documents/documents.service';
import { SnapshotWriter } from './snapshot.writer';
import { AuditAnchors } from '../audit/audit-anchors';

const CORTE = { label: 'el corte', table: 'cortes', notFoundCode: 'CORTE_NOT_FOUND' };

export interface CorteView {
  id: string;
  version: number;
  /** Each institution runs its own cortes. */
  institutionId: string;
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
    private readonly settings: SettingsService,
  ) {}

  private async views(where: string, params: unknown[], tail = ''): Promise<(CorteView & { total: number })[]> {
    const rows = await this.ds.query(
      `SELECT id, version, institution_id AS "institutionId", year, month, cutoff_date AS "cutoffDate", submission_deadline AS "submissionDeadline", status,
              opened_at AS "openedAt", closed_at AS "closedAt", snapshot_rows AS "snapshotRows", count(*) OVER () AS total
         FROM cortes WHERE ${where} ${tail}`,
      params,
    );
    return rows.map((r: CorteView & { total: number }) => ({ ...r, label: monthYearLabel(r.month, r.year) }));
  }

  async list(q: ListCortesQuery, actor: Actor): Promise<Page<CorteView>> {
    const { page, pageSize, offset } = pageBounds(q);
    const rows = await this.views(
      `($1::text IS NULL OR status = $1) AND ($4::uuid IS NULL OR institution_id = $4) AND ($5::uuid IS NULL OR institution_id = $5)`,
      [q.status ?? null, pageSize, offset, institutionScope(actor, 'read'), q.institutionId ?? null],
      'ORDER BY year DESC, month DESC, institution_id LIMIT $2 OFFSET $3',
    );
    return { items: rows.map(({ total: _t, ...r }) => r), page, pageSize, total: Number(rows[0]?.total ?? 0) };
  }

  /** A cut of another institution than the actor's (the deployment-wide role reads all) is not found. */
  async get(id: string, actor: Actor, action: PolicyAction = 'read'): Promise<CorteView> {
    const [row] = await this.views('id = $1', [id]);
    const notFound = () => new NotFoundError(CORTE.label, CORTE.notFoundCode, id);
    if (!row) throw notFound();
    this.policy.assertInstitution(actor, action, row.institutionId, notFound);
    const { total: _t, ...view } = row;
    return view;
  }

  /** The institution's open cut, if any (avances are always reported for it). */
  async openCorte(institutionId: string, em?: EntityManager): Promise<{ id: string; year: number; month: number } | undefined> {
    const rows = await (em ?? this.ds.manager).query(`SELECT id, year, month FROM cortes WHERE status = 'abierto' AND institution_id = $1`, [institutionId]);
    return rows[0];
  }

  /**
   * Cuts follow the mechanism (product.md §3): only the months of the setting, and never a cut-off date earlier than
   * the institution's latest closed cut (its documents would show later values under an earlier month).
   */
  private async assertInOrder(em: EntityManager, institutionId: string, cut: { year: number; month: number; cutoffDate: string }): Promise<void> {
    const months = await this.settings.corteMonths();
    if (!months.includes(cut.month)) {
      const names = months.map((m) => monthYearLabel(m, cut.year).split('-')[0].toLowerCase());
      throw new CorteStateError(
        `El mecanismo reporta avances solo en ${names.join(' y ')} (configuración «cortes.meses»); ${monthYearLabel(cut.month, cut.year)} no es un mes de corte.`,
        'CORTE_MONTH_NOT_ALLOWED',
      );
    }
    const [latest] = await em.query(
      `SELECT year, month, cutoff_date::text AS "cutoffDate" FROM cortes WHERE institution_id = $1 AND status = 'cerrado' ORDER BY cutoff_date DESC LIMIT 1`,
      [institutionId],
    );
    if (latest && cut.cutoffDate < latest.cutoffDate) {
      throw new CorteStateError(
        `Los cortes van en orden: ya está cerrado el corte ${monthYearLabel(latest.month, latest.year)} (fecha de corte ${toDmy(latest.cutoffDate)}), ` +
          `posterior a la de ${monthYearLabel(cut.month, cut.year)} (${toDmy(cut.cutoffDate)}); sus documentos mostrarían avances posteriores bajo un mes anterior.`,
        'CORTE_OUT_OF_ORDER',
      );
    }
  }

  async create(dto: CreateCorteDto, actor: Actor): Promise<CorteView> {
    this.policy.assert(actor, 'create', 'Corte');
    const monthStart = new Date(dto.year, dto.month - 1, 1);
    const cutoff = dto.cutoffDate ?? monthEndCutoff(dto.year, dto.month);
    if (cutoff.slice(0, 7) !== format(monthStart, 'yyyy-MM')) {
      throw new ValidationFailedError([{ field: 'cutoffDate', message: `La fecha de corte debe caer en ${monthYearLabel(dto.month, dto.year)}.` }]);
    }
    const deadline = submissionDeadline(this.calendar, cutoff, this.config.get('CORTE_SUBMISSION_BUSINESS_DAYS'));
    const id = await this.uow.run(async (em) => {
      // The system (seed, command line) works for the default institution.
      const [{ institutionId }] = await em.query(`SELECT COALESCE($1::uuid, default_institution_id()) AS "institutionId"`, [actor.institutionId]);
      // Serialises the cuts of one institution: the order check and the insert see the same closed cuts.
      await em.query(`SELECT 1 FROM institutions WHERE id = $1 FOR UPDATE`, [institutionId]);
      const dup = await em.query(`SELECT 1 FROM cortes WHERE institution_id = $1 AND year = $2 AND month = $3`, [institutionId, dto.year, dto.month]);
      if (dup.length) throw new DuplicateError(`Ya existe el corte ${monthYearLabel(dto.month, dto.year)}.`, [{ field: 'month', message: 'Corte repetido.' }]);
      await this.assertInOrder(em, institutionId, { year: dto.year, month: dto.month, cutoffDate: cutoff });
      const [row] = await em.query(
        `INSERT INTO cortes (institution_id, year, month, cutoff_date, submission_deadline) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [institutionId, dto.year, dto.month, cutoff, deadline],
      );
      return row.id as string;
    });
    return this.get(id, actor);
  }

  async open(id: string, version: number, actor: Actor): Promise<CorteView> {
    this.policy.assert(actor, 'open', 'Corte');
    await this.get(id, actor, 'open');
    await this.uow.run(async (em) => {
      const [{ institution_id: institutionId }] = await em.query(`SELECT institution_id FROM cortes WHERE id = $1`, [id]);
      await em.query(`SELECT 1 FROM institutions WHERE id = $1 FOR UPDATE`, [institutionId]);
      const corte = await lockVersioned<{ version: number; status: CorteStatus; year: number; month: number; cutoffDate: string }>(
        em,
        CORTE,
        id,
        version,
        'version, status, year, month, cutoff_date::text AS "cutoffDate"',
      );
      if (corte.status !== 'programado') {
        throw new CorteStateError(`El corte ${monthYearLabel(corte.month, corte.year)} está ${corte.status}; solo se abre un corte programado.`);
      }
      await this.assertInOrder(em, institutionId, corte);
      const open = await this.openCorte(institutionId, em);
      if (open) {
        throw new CorteStateError(`Ya está abierto el corte ${monthYearLabel(open.month, open.year)}; ciérralo antes de abrir otro.`, 'CORTE_ALREADY_OPEN');
      }
      await em.query(`UPDATE cortes SET status = 'abierto', opened_at = $2, version = version + 1, updated_at = now() WHERE id = $1`, [id, this.clock.now()]);
      await this.outbox.add(em, 'corte.abierto', { corteId: id, label: monthYearLabel(corte.month, corte.year) });
    });
    return this.get(id, actor);
  }

  /**
   * Closes the cut and freezes its snapshot in the same transaction. Avances
   * still submitted and unreviewed would be left out: closing then needs force.
   */
  async close(id: string, dto: CloseCorteDto, actor: Actor): Promise<CorteView & { pendingAvancesLeftOut: number }> {
    this.policy.assert(actor, 'close', 'Corte');
    await this.get(id, actor, 'close');
    let pending = 0;
    await this.uow.run(async (em) => {
      // The institution first, as creating and opening do: its cuts' order is decided one at a time.
      await em.query(`SELECT 1 FROM institutions i JOIN cortes c ON c.institution_id = i.id WHERE c.id = $1 FOR UPDATE OF i`, [id]);
      const corte = await lockVersioned<{ version: number; status: CorteStatus; year: number; month: number; cutoff_date: string; institution_id: string }>(
        em,
        CORTE,
        id,
        dto.version,
        'version, status, year, month, cutoff_date, institution_id',
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
      const rows = await this.snapshot.write(em, { id, year: corte.year, month: corte.month, cutoffDate: corte.cutoff_date, institutionId: corte.institution_id });
      // The documents of a closed cut print these settings for ever, whatever changes later.
      const frozen = await this.documents.freezeSettings(em, corte.institution_id);
      await em.query(
        `UPDATE cortes SET status = 'cerrado', closed_at = date_trunc('second', $2::timestamptz), closed_by = $3, snapshot_rows = $4,
                document_settings = $5, version = version + 1, updated_at = now() WHERE id = $1`,
        [id, this.clock.now(), actor.id, rows, frozen],
      );
      // The bitácora must reach at least this far for ever after: its head is anchored with the cut.
      await this.anchors.record('corte', `${monthYearLabel(corte.month, corte.year)} ${id}`, em);
    });
    return { ...(await this.get(id, actor)), pendingAvancesLeftOut: dto.force ? pending : 0 };
  }
}
