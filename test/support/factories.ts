import type { Pool } from 'pg';
import type { Response } from 'supertest';
import type { Client, TestApp } from './app';

/**
 * Builds catalog and ASM data through the real API, as a user would. `onArea`
 * lets a test give its acting user membership of each area it creates.
 */
export class Factory {
  private n = 0;

  constructor(
    private readonly client: Client,
    private readonly onArea: (areaId: string) => Promise<void> = () => Promise.resolve(),
  ) {}

  /** A factory acting as `client` whose every new area user `userId` joins (written to `db`), so that the user may act on it. */
  static joining(client: Client, db: Pool, userId: string): Factory {
    return new Factory(client, async (areaId) => {
      await db.query(`INSERT INTO user_areas (user_id, area_id) VALUES ($1, $2)`, [userId, areaId]);
    });
  }

  private unique(): number {
    this.n += 1;
    return this.n;
  }

  async post<T = Record<string, unknown>>(path: string, body: object, expected = 201): Promise<T> {
    const res: Response = await this.client.post(path, body);
    if (res.status !== expected) throw new Error(`POST ${path} → ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as T;
  }

  async institution(acronym = `INST${this.unique()}`): Promise<{ id: string }> {
    return this.post('/api/v1/institutions', { acronym, name: `Institución ${acronym}` });
  }

  async ramo(code: string, name = `Ramo ${code}`): Promise<{ code: string }> {
    const res = await this.client.post('/api/v1/ramos', { code, name });
    if (res.status !== 201 && res.status !== 409) throw new Error(`ramo → ${res.status}`);
    return { code: code.padStart(2, '0') };
  }

  /** The deployment's default institution (where the test users are, unless a test says otherwise). */
  async defaultInstitution(): Promise<{ id: string }> {
    const res = await this.client.get('/api/v1/institutions?pageSize=100');
    const found = (res.body.items as { id: string; isDefault: boolean }[] | undefined)?.find((i) => i.isDefault);
    if (!found) throw new Error(`institutions → ${res.status}: no default institution`);
    return found;
  }

  /** A program of the given institution; by default of the default institution, the acting users'. */
  async program(o: { institutionId?: string; ramoCode?: string; modality?: string; code?: string; name?: string } = {}): Promise<{ id: string; key: string }> {
    const institutionId = o.institutionId ?? (await this.defaultInstitution()).id;
    const ramoCode = o.ramoCode ?? '19';
    await this.ramo(ramoCode);
    return this.post('/api/v1/programs', {
      institutionId,
      ramoCode,
      modality: o.modality ?? 'S',
      code: o.code ?? String(this.unique()).padStart(3, '0'),
      name: o.name ?? `Programa ${this.n}`,
    });
  }

  async area(name = `Coordinación ${this.unique()}`): Promise<{ id: string; name: string }> {
    const area = await this.post<{ id: string; name: string }>('/api/v1/areas', { name });
    await this.onArea(area.id);
    return area;
  }

  async cycle(label: string): Promise<{ id: string; label: string }> {
    return this.post('/api/v1/cycles', { label });
  }

  /** A complete action (ready to commit) for the given areas. */
  action(areaIds: string[], extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      description: `Acción ${this.unique()}`,
      responsibleAreaIds: areaIds,
      dueDate: '2030-12-31',
      expectedResults: 'Resultados esperados',
      products: 'Productos y evidencias',
      ...extra,
    };
  }

  async asm(body: Record<string, unknown>): Promise<AsmBody> {
    return this.post<AsmBody>('/api/v1/asms', { text: `ASM ${this.unique()}`, classification: 'institucional', ...body });
  }

  /** A program, a cycle `cycleLabel` and an area of its own, and an ASM of them with one action of that area. */
  async asmOfItsOwn(cycleLabel: string): Promise<AsmBody> {
    const p = await this.program();
    const cy = await this.cycle(cycleLabel);
    const area = await this.area();
    return this.asm({ programId: p.id, cycleId: cy.id, coordinatingAreaId: area.id, actions: [this.action([area.id])] });
  }
}

/**
 * An institutional ASM of program `programId` and cycle `cycleId` coordinated by `coordinatingAreaId`,
 * with the given actions, registered and committed by `coord`. Returns the committed ASM.
 */
export async function committedAsm(
  coord: Client,
  o: { programId: string; cycleId: string; coordinatingAreaId: string; text: string; actions: Record<string, unknown>[] },
): Promise<AsmBody> {
  const asm = (await coord.post('/api/v1/asms', { ...o, classification: 'institucional' }).expect(201)).body as AsmBody;
  return (await coord.post(`/api/v1/asms/${asm.id}/commit`, { version: asm.version }).expect(200)).body as AsmBody;
}

/** The cut of `year`-`month` (March 2030 by default), created and opened by a new evaluacion user. */
export async function openCut(t: TestApp, year = 2030, month = 3): Promise<{ id: string; version: number }> {
  const evaluacion = await t.as(await t.user({ roles: ['evaluacion'] }));
  const c = (await evaluacion.post('/api/v1/cortes', { year, month }).expect(201)).body;
  return (await evaluacion.post(`/api/v1/cortes/${c.id}/open`, { version: c.version }).expect(200)).body;
}

export interface ActionBody {
  id: string;
  version: number;
  percent: number;
  dueDate: string | null;
  originalDueDate: string | null;
  responsibleAreas: { id: string; name: string }[];
  overdue: boolean;
  [k: string]: unknown;
}

export interface AsmBody {
  id: string;
  version: number;
  status: string;
  statusReason: string | null;
  promedio: number | null;
  promedioText: string;
  actions: ActionBody[];
  [k: string]: unknown;
}
