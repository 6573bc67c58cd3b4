import { Injectable } from '@nestjs/common';
import type { Db } from '../../database/sql';
import { ActionsRepository, ApprovedValues } from './actions.repository';
import { AsmRepository, LockedAsm } from './asm.repository';
import { canTransition, nextStatus } from './asm-status';
import type { AsmStatus } from './asm.types';

/**
 * What the progress workflow changes on ASMs and actions, owned here with the
 * status machine (asm-status.ts): the progress module calls these methods in
 * its transaction and never writes asms or actions itself.
 */
@Injectable()
export class AsmProgress {
  constructor(
    private readonly asms: AsmRepository,
    private readonly actions: ActionsRepository,
  ) {}

  async statusOf(db: Db, asmId: string): Promise<AsmStatus | undefined> {
    return this.asms.statusOf(db, asmId);
  }

  /** Locks the ASM for the rest of the transaction (a prórroga request decides under this lock). */
  async lockAsm(db: Db, asmId: string): Promise<LockedAsm | undefined> {
    return this.asms.lockAsm(db, asmId);
  }

  /** Locks the action and returns its official % and fecha de término. */
  async lockActionDates(db: Db, actionId: string): Promise<{ dueDate: string | null; percent: number } | undefined> {
    return this.actions.lockDates(db, actionId);
  }

  /**
   * An approved avance: the action takes its % and document fields; the first
   * approved progress moves a committed ASM to en proceso, and when every action
   * stands at 100 % the ASM concludes, recording when and in which cut. The
   * caller holds the ASM's lock (`asm.status` is its status under that lock).
   * Returns the ASM's status after the approval.
   */
  async applyApproved(
    db: Db,
    asm: { id: string; status: AsmStatus },
    approval: ApprovedValues & { actionId: string; corteId: string; at: Date },
  ): Promise<AsmStatus> {
    await this.actions.applyApproved(db, approval.actionId, approval);
    let status = asm.status;
    if (canTransition(status, 'start_progress')) status = nextStatus(status, 'start_progress');
    const concluded = (await this.actions.pendingCount(db, asm.id)) === 0;
    if (concluded) status = nextStatus(status, 'conclude');
    if (status !== asm.status) {
      await this.asms.setProgressStatus(db, asm.id, status, concluded ? { at: approval.at, corteId: approval.corteId } : null);
    }
    return status;
  }

  /**
   * An approved prórroga: the action's fecha de término moves from `previous`
   * to `requested` (the committed date stays on record). False, with nothing
   * written, when the date is no longer `previous`.
   */
  async extendDueDate(db: Db, actionId: string, previous: string, requested: string): Promise<boolean> {
    return this.actions.extendDueDate(db, actionId, previous, requested);
  }
}
