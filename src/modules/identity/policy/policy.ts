import { AbilityBuilder, createMongoAbility, MongoAbility, subject as asSubject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { DomainError } from '../../../common/errors/domain-error';
import { Actor } from '../actor';
import { IdentityErrorCode } from '../identity.errors';

/*
 * The one policy layer (role × area × resource), product.md §1 and §6.
 * Route guards ask "may this role do this at all?"; services ask about the
 * concrete record (its coordinating area, its actions' responsible areas);
 * lists are filtered by the scope derived from the same rules.
 * Above the areas, every record belongs to an institution: a user acts on
 * their own institution's records only; the deployment-wide reading role
 * (consulta_global: SHCP, CONEVAL) reads every institution's.
 */
export const ACTIONS = ['read', 'create', 'update', 'delete', 'commit', 'cancel', 'reopen', 'submit', 'review', 'withdraw', 'open', 'close', 'manage'] as const;
export type PolicyAction = (typeof ACTIONS)[number];

export const SUBJECTS = [
  'Program',
  'Area',
  'Cycle',
  'Evaluation',
  'User',
  'Setting',
  'Asm',
  'Action',
  'AuditEvent',
  'Avance',
  'Prorroga',
  'Evidence',
  'Corte',
  'Report',
  'Import',
  'Notification',
  'all',
] as const;
export type SubjectName = (typeof SUBJECTS)[number];

/** The facts about a record that permissions depend on. */
export interface AreaFacts {
  coordinatingAreaId: string | null;
  responsibleAreaIds: string[];
  /** The record's institution (through its program); checked by institutionAllowed, outside the CASL rules. */
  institutionId?: string | null;
}

export type AppAbility = MongoAbility<[PolicyAction, SubjectName | (AreaFacts & { __caslSubjectType__?: string })]>;

const SUBJECT_LABEL: Record<string, string> = {
  Program: 'los programas y catálogos',
  Area: 'las áreas',
  Cycle: 'los periodos',
  Evaluation: 'las evaluaciones',
  User: 'los usuarios',
  Setting: 'la configuración',
  Asm: 'este ASM',
  Action: 'esta acción',
  AuditEvent: 'la bitácora',
  Avance: 'este avance',
  Prorroga: 'esta prórroga',
  Evidence: 'esta evidencia',
  Corte: 'los cortes',
  Report: 'los documentos oficiales',
  Import: 'las importaciones',
  Notification: 'los recordatorios y el registro de envíos',
};

const ACTION_LABEL: Record<PolicyAction, string> = {
  read: 'consultar',
  create: 'registrar',
  update: 'modificar',
  delete: 'eliminar',
  commit: 'comprometer',
  cancel: 'cancelar',
  reopen: 'reabrir',
  submit: 'enviar',
  review: 'revisar',
  withdraw: 'retirar',
  open: 'abrir',
  close: 'cerrar',
  manage: 'administrar',
};

export class ForbiddenError extends DomainError {
  constructor(action: PolicyAction, subject: SubjectName, reason?: string) {
    super(
      IdentityErrorCode.Forbidden,
      `No tienes permiso para ${ACTION_LABEL[action]} ${SUBJECT_LABEL[subject] ?? subject}${reason ? `: ${reason}` : ''}. Si lo necesitas, pide al administrador el rol o el área correspondiente.`,
      'forbidden',
    );
  }
}

export function defineAbilityFor(actor: Actor): AppAbility {
  const { can, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
  const areas = actor.areaIds;
  const roles = new Set(actor.roles);

  if (roles.has('sistema')) can('manage', 'all');

  // Every signed-in user reads the catalogs and the reporting cuts.
  can('read', ['Program', 'Area', 'Cycle', 'Evaluation', 'Corte']);

  if (roles.has('administrador')) {
    can('manage', ['Program', 'Area', 'Cycle', 'Evaluation', 'User', 'Setting']);
  }
  // Everyone signed in reads the settings (the institution's name on the documents).
  can('read', 'Setting');
  if (roles.has('evaluacion')) {
    can(['create', 'update'], ['Cycle', 'Evaluation']);
    can('read', ['Asm', 'Action', 'AuditEvent', 'Avance', 'Prorroga', 'Evidence']);
    can('reopen', 'Asm');
    can(['create', 'open', 'close'], 'Corte');
    can('read', 'Report');
    can('create', 'Import');
    can(['read', 'create'], 'Notification');
  }
  if (roles.has('consulta') || roles.has('consulta_global')) {
    can('read', ['Asm', 'Action', 'AuditEvent', 'Avance', 'Prorroga', 'Evidence', 'Report', 'Notification']);
  }
  if (roles.has('coordinador')) {
    can(['read', 'create', 'update', 'commit', 'cancel'], 'Asm', { coordinatingAreaId: { $in: areas } });
    can(['read', 'create', 'update', 'delete'], 'Action', { coordinatingAreaId: { $in: areas } });
    can(['read', 'review'], ['Avance', 'Prorroga'], { coordinatingAreaId: { $in: areas } });
    can('read', 'Evidence', { coordinatingAreaId: { $in: areas } });
    can('read', 'Report', { coordinatingAreaId: { $in: areas } });
  }
  if (roles.has('responsable')) {
    can('read', ['Asm', 'Action'], { responsibleAreaIds: { $in: areas } });
    can(['read', 'create', 'update', 'submit'], 'Avance', { responsibleAreaIds: { $in: areas } });
    can(['read', 'create'], 'Prorroga', { responsibleAreaIds: { $in: areas } });
    can(['read', 'create', 'withdraw'], 'Evidence', { responsibleAreaIds: { $in: areas } });
  }
  return build();
}

/** Which records of a type a list may show: all, or those tied to these areas; and of which institution (null: every one). */
export interface Scope {
  all: boolean;
  coordinatingAreaIds: string[];
  responsibleAreaIds: string[];
  institutionId: string | null;
}

/**
 * The institution whose records the actor may `action`: null for every one (the system; the deployment-wide role,
 * when reading). A user without an institution (never the case for a stored user) would see none.
 */
export function institutionScope(actor: Actor, action: PolicyAction): string | null {
  if (actor.roles.includes('sistema')) return null;
  if (action === 'read' && actor.roles.includes('consulta_global')) return null;
  return actor.institutionId ?? '00000000-0000-0000-0000-000000000000';
}

/** Distinct role-and-area combinations whose abilities are kept; beyond it the oldest is dropped. */
const ABILITIES_KEPT = 1000;

@Injectable()
export class Policy {
  /**
   * An ability depends only on the roles and the areas (defineAbilityFor), and every request brings a new
   * actor: building it anew cost a CASL rule index per request. Keyed by what it is built from, a change
   * of roles or areas (read again by the guard on every request) gets a new one at once.
   */
  private readonly cache = new Map<string, AppAbility>();

  ability(actor: Actor): AppAbility {
    const key = `${actor.roles.join(',')}|${actor.areaIds.join(',')}`;
    let a = this.cache.get(key);
    if (!a) {
      a = defineAbilityFor(actor);
      if (this.cache.size >= ABILITIES_KEPT) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, a);
    }
    return a;
  }

  /** Route-level question: could this actor ever do `action` on `subject`? */
  mayEver(actor: Actor, action: PolicyAction, subject: SubjectName): boolean {
    return this.ability(actor).can(action, subject);
  }

  can(actor: Actor, action: PolicyAction, subject: SubjectName, facts?: AreaFacts): boolean {
    if (!facts) return this.ability(actor).can(action, subject);
    if (!this.institutionAllowed(actor, action, facts.institutionId)) return false;
    const { institutionId: _i, ...areaFacts } = facts;
    return this.ability(actor).can(action, asSubject(subject, areaFacts));
  }

  /** Whether a record of this institution is within the actor's institution scope (undefined: the record has none). */
  institutionAllowed(actor: Actor, action: PolicyAction, institutionId: string | null | undefined): boolean {
    const own = institutionScope(actor, action);
    return own === null || institutionId === undefined || institutionId === own;
  }

  /** Refuses, as not found, a record of another institution: its existence is not the actor's to know. */
  assertInstitution(actor: Actor, action: PolicyAction, institutionId: string | null | undefined, notFound: () => Error): void {
    if (!this.institutionAllowed(actor, action, institutionId)) throw notFound();
  }

  assert(actor: Actor, action: PolicyAction, subject: SubjectName, facts?: AreaFacts, reason?: string): void {
    if (!this.can(actor, action, subject, facts)) throw new ForbiddenError(action, subject, reason);
  }

  /** Derives a list filter from the rules: unconditioned rule → all; else the areas named in the conditions. */
  scope(actor: Actor, action: PolicyAction, subject: SubjectName): Scope {
    const scope: Scope = { all: false, coordinatingAreaIds: [], responsibleAreaIds: [], institutionId: institutionScope(actor, action) };
    for (const rule of this.ability(actor).rulesFor(action, subject)) {
      if (rule.inverted) continue;
      const c = rule.conditions as Record<string, { $in?: string[] }> | undefined;
      if (!c) {
        scope.all = true;
        continue;
      }
      if (c.coordinatingAreaId?.$in) scope.coordinatingAreaIds.push(...c.coordinatingAreaId.$in);
      if (c.responsibleAreaIds?.$in) scope.responsibleAreaIds.push(...c.responsibleAreaIds.$in);
    }
    return scope;
  }
}
