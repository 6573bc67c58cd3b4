import { Injectable } from '@nestjs/common';
import { BusinessCalendarService } from '../../common/business-calendar';
import { Clock } from '../../common/clock';
import { AppConfig } from '../../config/app-config';
import { DuplicateError, ValidationFailedError, VersionConflictError } from '../../common/errors/domain-error';
import { Page, pageBounds } from '../../common/http/pagination';
import { Db } from '../../database/sql';
import { UnitOfWork } from '../../database/unit-of-work';
import { OutboxService } from '../../queue/outbox.service';
import { Actor } from '../identity/actor';
import { institutionScope, Policy, PolicyAction } from '../identity/policy/policy';
import { SettingsService } from '../settings/settings.service';
import { toDmy } from '../../common/dates';
import { monthYearLabel } from './reporting.types';
import { CloseCorteDto, CreateCorteDto, ListCortesQuery } from './dto/corte.dto';
import { DocumentsService } from './documents/documents.service';
import { AuditAnchors } from '../audit/audit-anchors';
import { corteDates, cutoffInMonth } from './corte-deadline';
import { CorteRow, CortesRepository, LockedCorte, NamedCorte } from './cortes.repository';
import { OfficialRowsRepository } from './official-rows.repository';
import { CorteHasPendingReviewsError, CorteNotFoundError, CorteStateError, ReportingErrorCode } from './reporting.errors';

export interface CorteView extends CorteRow {
  /** "Septiembre-2022" */
  label: string;
}

function view(row: CorteRow): CorteView {
  return { ...row, label: monthYearLabel(row.month, row.year) };
}

/** Reporting cuts: create, open, close (which freezes the snapshot). */
@Injectable()
export class CortesService {
  constructor(
    private readonly cortes: CortesRepository,
    private readonly officialRows: OfficialRowsRepository,
    private readonly uow: UnitOfWork,
    private readonly calendar: BusinessCalendarService,
    private readonly outbox: OutboxService,
    private readonly policy: Policy,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly documents: DocumentsService,
    private readonly anchors: AuditAnchors,
    private readonly settings: SettingsService,
  ) {}

  async list(q: ListCortesQuery, actor: Actor): Promise<Page<CorteView>> {
    const { page, pageSize, offset } = pageBounds(q);
    const { items, total } = await this.cortes.page({
      status: q.status ?? null,
      institutionScope: institutionScope(actor, 'read'),
      institutionId: q.institutionId ?? null,
      limit: pageSize,
      offset,
    });
    return { items: items.map(view), page, pageSize, total };
  }

  /** A cut of another institution than the actor's (the deployment-wide role reads all) is not found. */
  async get(id: string, actor: Actor, action: PolicyAction = 'read'): Promise<CorteView> {
    const row = await this.cortes.find(id);
    const notFound = () => new CorteNotFoundError(id);
    if (!row) throw notFound();
    this.policy.assertInstitution(actor, action, row.institutionId, notFound);
    return view(row);
  }

  /**
   * The cuts an operator's reference names (the command line, acting as the system): its id, its month as YYYY-MM
   * or its label ("Septiembre-2022"); a month names one cut per institution that has it. Empty when none matches.
   */
  async named(ref: string): Promise<NamedCorte[]> {
    const text = ref.trim();
    if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text)) return this.cortes.named({ id: text });
    const ym = /^(\d{4})-(\d{2})$/.exec(text);
    if (ym) return this.cortes.named({ year: Number(ym[1]), month: Number(ym[2]) });
    const label = /^\p{L}+-(\d{4})$/u.exec(text);
    if (!label) return [];
    const year = Number(label[1]);
    const month = [...Array(12).keys()].map((m) => m + 1).find((m) => monthYearLabel(m, year).toLowerCase() === text.toLowerCase());
    return month ? this.cortes.named({ year, month }) : [];
  }

  /** Locks the cut and checks the version the caller read. */
  private async lockVersioned(db: Db, id: string, version: number): Promise<LockedCorte> {
    const corte = await this.cortes.lock(db, id);
    if (!corte) throw new CorteNotFoundError(id);
    if (corte.version !== version) throw new VersionConflictError('el corte', corte.version);
    return corte;
  }

  /**
   * Cuts follow the mechanism (product.md §3): only the months of the setting, and never a cut-off date earlier than
   * the institution's latest closed cut (its documents would show later values under an earlier month).
   */
  private async assertInOrder(db: Db, institutionId: string, cut: { year: number; month: number; cutoffDate: string }): Promise<void> {
    const months = await this.settings.corteMonths();
    if (!months.includes(cut.month)) {
      const names = months.map((m) => monthYearLabel(m, cut.year).split('-')[0].toLowerCase());
      throw new CorteStateError(
        `El mecanismo reporta avances solo en ${names.join(' y ')} (configuración «cortes.meses»); ${monthYearLabel(cut.month, cut.year)} no es un mes de corte.`,
        ReportingErrorCode.CorteMonthNotAllowed,
      );
    }
    const latest = await this.cortes.latestClosed(db, institutionId);
    if (latest && cut.cutoffDate < latest.cutoffDate) {
      throw new CorteStateError(
        `Los cortes van en orden: ya está cerrado el corte ${monthYearLabel(latest.month, latest.year)} (fecha de corte ${toDmy(latest.cutoffDate)}), ` +
          `posterior a la de ${monthYearLabel(cut.month, cut.year)} (${toDmy(cut.cutoffDate)}); sus documentos mostrarían avances posteriores bajo un mes anterior.`,
        ReportingErrorCode.CorteOutOfOrder,
      );
    }
  }

  async create(dto: CreateCorteDto, actor: Actor): Promise<CorteView> {
    this.policy.assert(actor, 'create', 'Corte');
    const dates = corteDates(this.calendar, this.config.get('CORTE_SUBMISSION_BUSINESS_DAYS'), dto);
    if (!cutoffInMonth(dates.cutoffDate, dto.year, dto.month)) {
      throw new ValidationFailedError([{ field: 'cutoffDate', message: `La fecha de corte debe caer en ${monthYearLabel(dto.month, dto.year)}.` }]);
    }
    const id = await this.uow.run(async (em) => {
      // The system (seed, command line) works for the default institution.
      const institutionId = await this.cortes.institutionOrDefault(em, actor.institutionId);
      // Serialises the cuts of one institution: the order check and the insert see the same closed cuts.
      await this.cortes.lockInstitution(em, institutionId);
      if (await this.cortes.exists(em, institutionId, dto.year, dto.month)) {
        throw new DuplicateError(`Ya existe el corte ${monthYearLabel(dto.month, dto.year)}.`, [{ field: 'month', message: 'Corte repetido.' }]);
      }
      await this.assertInOrder(em, institutionId, { year: dto.year, month: dto.month, cutoffDate: dates.cutoffDate });
      return this.cortes.insert(em, { institutionId, year: dto.year, month: dto.month, ...dates });
    });
    return this.get(id, actor);
  }

  async open(id: string, version: number, actor: Actor): Promise<CorteView> {
    this.policy.assert(actor, 'open', 'Corte');
    await this.get(id, actor, 'open');
    await this.uow.run(async (em) => {
      const institutionId = await this.cortes.institutionOf(em, id);
      if (!institutionId) throw new CorteNotFoundError(id);
      await this.cortes.lockInstitution(em, institutionId);
      const corte = await this.lockVersioned(em, id, version);
      if (corte.status !== 'programado') {
        throw new CorteStateError(`El corte ${monthYearLabel(corte.month, corte.year)} está ${corte.status}; solo se abre un corte programado.`);
      }
      await this.assertInOrder(em, institutionId, corte);
      const open = await this.cortes.open(institutionId, em);
      if (open) {
        throw new CorteStateError(
          `Ya está abierto el corte ${monthYearLabel(open.month, open.year)}; ciérralo antes de abrir otro.`,
          ReportingErrorCode.CorteAlreadyOpen,
        );
      }
      await this.cortes.markOpen(em, id, this.clock.now());
      await this.outbox.add(em, 'corte.abierto', { corteId: id, label: monthYearLabel(corte.month, corte.year) });
    });
    return this.get(id, actor);
  }

  /**
   * Closes the cut and freezes its snapshot in the same transaction. Avances
   * still submitted and unreviewed would be left out: closing then needs force.
   * Its documents of record are produced and recorded by the worker
   * (RecordCutDocumentsJob), from the 'corte.cerrado' event written in the same
   * transaction: closing never waits for them.
   */
  async close(id: string, dto: CloseCorteDto, actor: Actor): Promise<CorteView & { pendingAvancesLeftOut: number }> {
    this.policy.assert(actor, 'close', 'Corte');
    await this.get(id, actor, 'close');
    let pending = 0;
    await this.uow.run(async (em) => {
      // The institution first, as creating and opening do: its cuts' order is decided one at a time.
      await this.cortes.lockInstitutionOf(em, id);
      const corte = await this.lockVersioned(em, id, dto.version);
      if (corte.status !== 'abierto') {
        throw new CorteStateError(`El corte ${monthYearLabel(corte.month, corte.year)} está ${corte.status}; solo se cierra un corte abierto.`);
      }
      pending = await this.cortes.pendingReviews(em, id);
      if (pending > 0 && !dto.force) throw new CorteHasPendingReviewsError(pending);
      // Approvals hold a share lock on this row until they commit, so every approval
      // is either in the snapshot or refused as late; the copy itself is one statement.
      const rows = await this.officialRows.freezeSnapshot(em, {
        id,
        year: corte.year,
        month: corte.month,
        cutoffDate: corte.cutoffDate,
        institutionId: corte.institutionId,
      });
      // The documents of a closed cut print these settings for ever, whatever changes later.
      const frozen = await this.documents.freezeSettings(corte.institutionId, em);
      await this.cortes.markClosed(em, id, { closedAt: this.clock.now(), closedBy: actor.id, snapshotRows: rows, documentSettings: frozen });
      // The bitácora must reach at least this far for ever after: its head is anchored with the cut.
      await this.anchors.record('corte', `${monthYearLabel(corte.month, corte.year)} ${id}`, em);
      await this.outbox.add(em, 'corte.cerrado', { corteId: id, label: monthYearLabel(corte.month, corte.year) });
    });
    return { ...(await this.get(id, actor)), pendingAvancesLeftOut: dto.force ? pending : 0 };
  }
}
