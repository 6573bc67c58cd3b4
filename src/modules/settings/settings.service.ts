import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '../../common/errors/domain-error';
import { UnitOfWork } from '../../database/unit-of-work';
import { HEADING_KEYS, HeadingKey } from '../reporting/documents/headings';
import { SettingNotFoundError } from './settings.errors';
import { SettingsRepository } from './settings.repository';

/** Settings an administrator changes at run time, with their validation. */
export const SETTING_KEYS = ['institucion.nombre', 'reportes.encabezados', 'cortes.meses'] as const;

/** The mechanism's cuts: end of March and of September (product.md §1). */
export const DEFAULT_CORTE_MONTHS = [3, 9];
export type SettingKey = (typeof SETTING_KEYS)[number];

export interface DocumentSettings {
  institutionName: string;
  headings: Partial<Record<HeadingKey, string>>;
}

@Injectable()
export class SettingsService {
  constructor(
    private readonly settings: SettingsRepository,
    private readonly uow: UnitOfWork,
  ) {}

  async all(): Promise<Record<string, unknown>> {
    const rows = await this.settings.values(SETTING_KEYS);
    return Object.fromEntries(rows.map((r) => [r.key, r.value]));
  }

  async set(key: string, value: unknown): Promise<Record<string, unknown>> {
    if (!(SETTING_KEYS as readonly string[]).includes(key)) throw new SettingNotFoundError(key);
    this.validate(key as SettingKey, value);
    await this.uow.run((em) => this.settings.put(em, key, value));
    return this.all();
  }

  private validate(key: SettingKey, value: unknown): void {
    if (key === 'institucion.nombre') {
      if (typeof value !== 'string' || !value.trim() || value.length > 300) {
        throw new ValidationFailedError([{ field: 'value', message: 'El nombre de la institución debe ser un texto de 1 a 300 caracteres.' }]);
      }
      return;
    }
    if (key === 'cortes.meses') {
      const ok = Array.isArray(value) && value.length > 0 && value.length <= 12 && value.every((m) => Number.isInteger(m) && m >= 1 && m <= 12);
      if (!ok || new Set(value).size !== value.length) {
        throw new ValidationFailedError([
          { field: 'value', message: 'Los meses de corte deben ser una lista de meses distintos, del 1 (enero) al 12 (diciembre); por ejemplo [3, 9].' },
        ]);
      }
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new ValidationFailedError([{ field: 'value', message: 'Los encabezados deben ser un objeto { clave: texto }.' }]);
    }
    for (const [k, v] of Object.entries(value)) {
      if (!(HEADING_KEYS as readonly string[]).includes(k)) {
        throw new ValidationFailedError([{ field: `value.${k}`, message: `Clave desconocida; usa una de: ${HEADING_KEYS.join(', ')}.` }]);
      }
      if (typeof v !== 'string' || !v.trim() || v.length > 200) {
        throw new ValidationFailedError([{ field: `value.${k}`, message: 'Cada encabezado debe ser un texto de 1 a 200 caracteres.' }]);
      }
    }
  }

  /** The months in which a corte may be taken, ascending. */
  async corteMonths(): Promise<number[]> {
    const s = await this.all();
    return [...((s['cortes.meses'] as number[] | undefined) ?? DEFAULT_CORTE_MONTHS)].sort((a, b) => a - b);
  }

  /**
   * What the official documents of an institution print from settings, as it stands now: the institution's name from
   * its record; for the default institution, the name setting when it is set (the deployment's name on its documents).
   */
  async documentSettings(institutionId: string | null): Promise<DocumentSettings> {
    const s = await this.all();
    const inst = await this.settings.institution(institutionId);
    const setting = s['institucion.nombre'] as string | undefined;
    return {
      institutionName: (inst?.isDefault ? setting : undefined) ?? inst?.name ?? setting ?? '',
      headings: (s['reportes.encabezados'] as Partial<Record<HeadingKey, string>> | undefined) ?? {},
    };
  }
}
