import { Injectable } from '@nestjs/common';
import { BusinessCalendarService } from '../../common/business-calendar';
import { Clock } from '../../common/clock';
import { pageBounds } from '../../common/http/pagination';
import { foldText } from '../../common/text';
import { programKey } from '../catalog/catalog.types';
import type { Actor } from '../identity/actor';
import { Policy } from '../identity/policy/policy';
import { monthYearLabel } from '../reporting/reporting.types';
import { ReviewQueueQuery, WorkActionsQuery } from './dto/worklist.dto';
import { WorkAsmRow, WorklistRepository } from './worklist.repository';
import type { ReviewPage, WorkActionPage, WorkAsmView } from './worklist.view';

function asmView(r: WorkAsmRow): WorkAsmView {
  const { modality, code, ...program } = r.program;
  return { ...r, program: { ...program, key: programKey({ modality, code }) } };
}

/**
 * Read models for the web application's work lists: Mis acciones and the
 * review queue, each row with the context its screen shows (ASM, program,
 * semáforo, business days left, latest avance), filtered by the same policy
 * scope as every other list.
 */
@Injectable()
export class WorklistService {
  constructor(
    private readonly repo: WorklistRepository,
    private readonly policy: Policy,
    private readonly clock: Clock,
    private readonly calendar: BusinessCalendarService,
  ) {}

  async actions(q: WorkActionsQuery, actor: Actor): Promise<WorkActionPage> {
    const { page, pageSize, offset } = pageBounds(q);
    const today = this.clock.today();
    const rows = await this.repo.actions(
      {
        today,
        scope: this.policy.scope(actor, 'read', 'Action'),
        asmId: q.asmId,
        areaId: q.areaId,
        q: q.q ? foldText(q.q) : undefined,
        avance: q.avance,
        semaforo: q.semaforo,
      },
      pageSize,
      offset,
    );
    const total = rows.length ? Number(rows[0].total) : offset > 0 ? await this.countActions(q, actor) : 0;
    return {
      page,
      pageSize,
      total,
      items: rows.map(({ total: _t, asm, latestAvance: raw, ...r }) => ({
        ...r,
        businessDaysLeft: r.dueDate && r.percent < 100 ? this.calendar.businessDaysBetween(today, r.dueDate) : null,
        asm: asmView(asm),
        latestAvance: raw
          ? {
              id: raw.id,
              version: raw.version,
              status: raw.status,
              percent: raw.percent,
              corteLabel: monthYearLabel(raw.corteMonth, raw.corteYear),
              corteOpen: raw.corteOpen,
              returnReason: raw.returnReason,
            }
          : null,
      })),
    };
  }

  /** The total of a page past the end (rare: a stale page link). */
  private async countActions(q: WorkActionsQuery, actor: Actor): Promise<number> {
    const all = await this.actions({ ...q, page: 1, pageSize: 1 }, actor);
    return all.total;
  }

  /** Submitted avances (or requested prórrogas) waiting for a decision, oldest first. */
  async reviews(q: ReviewQueueQuery, actor: Actor): Promise<ReviewPage> {
    const { page, pageSize, offset } = pageBounds(q);
    const scope = this.policy.scope(actor, 'read', q.kind === 'avance' ? 'Avance' : 'Prorroga');
    const rows = await this.repo.reviews({ kind: q.kind, scope, asmId: q.asmId }, pageSize, offset);
    return {
      page,
      pageSize,
      total: rows.length ? Number(rows[0].total) : 0,
      items: rows.map(({ total: _t, asm, corteYear, corteMonth, ...r }) => ({
        ...r,
        kind: q.kind,
        corteLabel: corteYear && corteMonth ? monthYearLabel(corteMonth, corteYear) : null,
        asm: asmView(asm),
      })),
    };
  }
}
