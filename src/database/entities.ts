import { Action } from '../modules/asm/action.entity';
import { ActionArea } from '../modules/asm/action-area.entity';
import { Asm } from '../modules/asm/asm.entity';
import { AuditEvent } from '../modules/audit/audit-event.entity';
import { Area } from '../modules/catalog/area.entity';
import { Cycle } from '../modules/catalog/cycle.entity';
import { Evaluation } from '../modules/catalog/evaluation.entity';
import { Institution } from '../modules/catalog/institution.entity';
import { Program } from '../modules/catalog/program.entity';
import { ProgramName } from '../modules/catalog/program-name.entity';
import { Ramo } from '../modules/catalog/ramo.entity';
import { Recommendation } from '../modules/catalog/recommendation.entity';
import { EvidenceFile } from '../modules/evidence/evidence-file.entity';
import { AuthThrottle, RefreshToken } from '../modules/identity/refresh-token.entity';
import { User } from '../modules/identity/user.entity';
import { Avance } from '../modules/progress/avance.entity';
import { AvanceEvent } from '../modules/progress/avance-event.entity';
import { Prorroga } from '../modules/progress/prorroga.entity';
import { NotificationLog } from '../modules/reminders/notification-log.entity';
import { Corte } from '../modules/reporting/corte.entity';
import { CorteSnapshotRow } from '../modules/reporting/corte-snapshot-row.entity';
import { Setting } from '../modules/settings/setting.entity';
import { OutboxEvent } from '../queue/outbox-event.entity';

export const ENTITIES = [
  Ramo,
  Institution,
  Program,
  ProgramName,
  Area,
  Cycle,
  Evaluation,
  Recommendation,
  User,
  RefreshToken,
  AuthThrottle,
  Asm,
  Action,
  ActionArea,
  Avance,
  AvanceEvent,
  Prorroga,
  EvidenceFile,
  Corte,
  CorteSnapshotRow,
  AuditEvent,
  OutboxEvent,
  NotificationLog,
  Setting,
];
