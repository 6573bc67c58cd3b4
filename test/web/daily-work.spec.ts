/// <reference lib="dom" />
import { expect, test, type Page } from '@playwright/test';
import { addDays, format, parseISO } from 'date-fns';
import { BusinessCalendar } from '../../src/common/business-calendar';
import { todayIn } from '../../src/common/dates';
import { baseUrl, check, mails, noHorizontalScroll, PASSWORD, pdf, signIn, sql } from './support/helpers';

/*
 * The daily work of responsible and coordinating areas, as people do it, on
 * the demo data (program S-038, the open cut Marzo-2023), in one story:
 * the responsable follows a digest e-mail, reports, is told why 100 % needs a
 * file, asks for more time; the coordinador registers and commits an ASM,
 * reviews with the evidence inline, decides the prórroga; the responsable
 * answers the returned avance. Every screen passes axe and is photographed.
 */
const RESPONSABLE = 'responsable@demo.gob.mx';
const COORDINADOR = 'coordinador@demo.gob.mx';

interface DemoAction {
  id: string;
  description: string;
  percent: number;
}

let A: DemoAction; // 33 %: reported at 60 % with a PDF, approved
let B: DemoAction; // 45 %: 100 % without a file is refused; 50 % returned, then answered
let C: DemoAction; // 36 %: prórroga requested and approved
let foreign: DemoAction; // an action of no area of the responsable

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  const mine = await sql<DemoAction>(
    `SELECT x.id, x.description, x.percent FROM actions x JOIN asms a ON a.id = x.asm_id
      WHERE a.status = 'en_proceso' AND x.percent < 100
        AND EXISTS (SELECT 1 FROM action_areas aa JOIN areas ar ON ar.id = aa.area_id WHERE aa.action_id = x.id AND ar.name = 'Coordinación de Atención Integral a la Salud')
      ORDER BY x.percent`,
  );
  expect(mine.map((m) => m.percent)).toEqual([33, 36, 45]);
  [A, C, B] = mine as [DemoAction, DemoAction, DemoAction];
  [foreign] = await sql<DemoAction>(
    `SELECT x.id, x.description, x.percent FROM actions x
      WHERE NOT EXISTS (SELECT 1 FROM action_areas aa JOIN areas ar ON ar.id = aa.area_id WHERE aa.action_id = x.id AND ar.name = 'Coordinación de Atención Integral a la Salud')
      ORDER BY x.position, x.id LIMIT 1`,
  );
});

async function dropFile(page: Page, name: string, content: Buffer, type: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ name, b64, type }) => {
      const dt = new DataTransfer();
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], name, { type }));
      return dt;
    },
    { name, b64: content.toString('base64'), type },
  );
  const zone = page.getByTestId('zona-evidencia');
  await zone.dispatchEvent('dragenter', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
}

test('the responsable opens the link of a digest e-mail, signs in, lands on the action, reports 60 % with a PDF and submits', async ({ page, request }) => {
  // The evaluation unit runs the reminder scan now; the worker sends the digest through SMTP.
  const login = await request.post('/api/v1/auth/login', { data: { email: 'evaluacion@demo.gob.mx', password: 'Demo-ASM-2022' } });
  const { accessToken } = (await login.json()) as { accessToken: string };
  // Digests go out on business days only (0018): on a weekend or a holiday the scan is that of the last business day.
  const calendar = new BusinessCalendar();
  let day = todayIn('America/Mexico_City');
  while (!calendar.isBusinessDay(day)) day = format(addDays(parseISO(day), -1), 'yyyy-MM-dd');
  expect((await request.post('/api/v1/reminders/run', { headers: { Authorization: `Bearer ${accessToken}` }, data: { date: day } })).status()).toBe(202);
  let digest: string | undefined;
  await expect
    .poll(() => (digest = mails().find((m) => m.to === RESPONSABLE && m.subject.startsWith('Seguimiento de ASM'))?.text), { timeout: 60_000 })
    .toBeTruthy();
  const link = digest!.match(new RegExp(`${baseUrl()}/acciones/${A.id}`))?.[0];
  expect(link, 'la liga de la acción en el resumen').toBeTruthy();
  expect(digest).not.toContain('/api/v1/');

  await page.goto(link!);
  await expect(page).toHaveURL(/\/entrar\?siguiente=/);
  await expect(page.getByText('Inicia sesión para abrir la página que buscabas.')).toBeVisible();
  await check(page, '01-entrar');
  await signIn(page, RESPONSABLE);
  await expect(page).toHaveURL(`${baseUrl()}/acciones/${A.id}`);
  await expect(page.getByRole('heading', { level: 1, name: A.description })).toBeVisible();
  await check(page, '03-accion');

  await page.getByRole('link', { name: 'Reportar avance' }).click();
  await expect(page).toHaveURL(`${baseUrl()}/acciones/${A.id}/avance`);
  await page.getByLabel('% de avance').fill('60');
  await page.getByLabel('Observaciones').fill('Se concluyó el diagnóstico; se anexa el informe.');
  await page.getByLabel('Nombre del documento probatorio').fill('Informe de diagnóstico 2023');
  await dropFile(page, 'informe-diagnostico.pdf', pdf('Informe de diagnostico 2023'), 'application/pdf');
  const upload = page.getByTestId('cargas');
  await expect(upload.getByText('informe-diagnostico.pdf')).toBeVisible();
  await expect(upload.getByText('Recibido y verificado por el servidor.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Descargar informe-diagnostico.pdf' })).toBeVisible();
  // A file of a type the server does not accept is refused before it is sent, with the reason.
  await dropFile(page, 'programa.exe', Buffer.from('MZ'), 'application/octet-stream');
  await expect(upload.getByText(/Tipo no aceptado \(\.exe\)/)).toBeVisible();
  await check(page, '04-reportar-avance');
  await page.getByRole('button', { name: 'Enviar a revisión' }).click();
  await expect(page).toHaveURL(`${baseUrl()}/acciones/${A.id}`);
  await expect(page.getByText('Avance enviado a revisión.')).toBeVisible();

  const [avance] = await sql<{ status: string; percent: number; files: number }>(
    `SELECT v.status, v.percent, (SELECT count(*)::int FROM evidence_files f WHERE f.avance_id = v.id) AS files FROM avances v WHERE v.action_id = $1`,
    [A.id],
  );
  expect(avance).toEqual({ status: 'enviado', percent: 60, files: 1 });
});

test("Mis acciones lists the responsable's actions with semáforo, business days and the state of the latest avance", async ({ page }) => {
  await page.goto('/');
  await signIn(page, RESPONSABLE);
  await expect(page).toHaveURL(`${baseUrl()}/acciones`);
  const table = page.getByTestId('tabla-acciones');
  // Header, the three live actions (overdue) and the two already at 100 % (concluded), the most urgent first.
  await expect(table.getByRole('row')).toHaveCount(6);
  await expect(table.getByRole('row').nth(1).getByText('Vencida')).toBeVisible();
  await expect(table.getByRole('row').nth(5).getByText('Concluida')).toBeVisible();
  const rowA = table.getByRole('row').filter({ hasText: A.description });
  await expect(rowA.getByText('Vencida')).toBeVisible();
  await expect(rowA.getByText('Enviado a revisión')).toBeVisible();
  await expect(rowA.getByText(/días hábiles de atraso/)).toBeVisible();
  await expect(page.getByTestId('institucion')).toHaveText('Instituto Mexicano del Seguro Social');
  await check(page, '02-mis-acciones');
  await page.getByLabel('Buscar').fill('zzz-nada');
  await expect(page.getByText('No hay acciones que mostrar')).toBeVisible();
});

test('100 % without a file is refused with the reason; 50 % is submitted', async ({ page }) => {
  await page.goto(`/acciones/${B.id}/avance`);
  await signIn(page, RESPONSABLE);
  await expect(page).toHaveURL(`${baseUrl()}/acciones/${B.id}/avance`);
  await page.getByLabel('% de avance').fill('100');
  await page.getByRole('button', { name: 'Enviar a revisión' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Para reportar 100 % adjunta al menos un archivo de evidencia' })).toBeVisible();
  expect(await sql(`SELECT 1 FROM avances WHERE action_id = $1`, [B.id])).toEqual([]);
  // A decrease below the approved % asks for the justification.
  await page.getByLabel('% de avance').fill('40');
  await expect(page.getByLabel('Justificación de la baja')).toBeVisible();
  await page.getByLabel('% de avance').fill('50');
  await expect(page.getByLabel('Justificación de la baja')).toHaveCount(0);
  await page.getByLabel('Observaciones').fill('Avance parcial del programa de trabajo.');
  await page.getByRole('button', { name: 'Enviar a revisión' }).click();
  await expect(page).toHaveURL(`${baseUrl()}/acciones/${B.id}`);
  expect(await sql(`SELECT status, percent FROM avances WHERE action_id = $1`, [B.id])).toEqual([{ status: 'enviado', percent: 50 }]);
});

test('the responsable requests a prórroga', async ({ page }) => {
  await page.goto(`/acciones/${C.id}`);
  await signIn(page, RESPONSABLE);
  await page.getByRole('link', { name: 'Solicitar prórroga' }).click();
  await expect(page).toHaveURL(`${baseUrl()}/acciones/${C.id}/prorroga`);
  await page.getByLabel('Justificación').fill('La licitación se declaró desierta y debe repetirse.');
  await page.getByRole('button', { name: 'Solicitar prórroga' }).click();
  await expect(page.getByText('Elige la nueva fecha de término.')).toBeVisible();
  await page.getByLabel('Nueva fecha de término').fill('2027-06-30');
  await check(page, '05-solicitar-prorroga');
  await page.getByRole('button', { name: 'Solicitar prórroga' }).click();
  await expect(page).toHaveURL(`${baseUrl()}/acciones/${C.id}`);
  await expect(page.getByText('Solicitaste mover la fecha de término al 30/06/2027.')).toBeVisible();
  expect(await sql(`SELECT status, requested_due_date::text AS d FROM prorrogas WHERE action_id = $1`, [C.id])).toEqual([
    { status: 'solicitada', d: '2027-06-30' },
  ]);
});

test('a responsable typing the address of another area\'s action sees "No tienes acceso" and nothing of it', async ({ page }) => {
  await page.goto(`/acciones/${foreign.id}`);
  await signIn(page, RESPONSABLE);
  await expect(page.getByRole('heading', { name: 'No tienes acceso' })).toBeVisible();
  await expect(page.getByText(/No tienes permiso para consultar esta acción/)).toBeVisible();
  await expect(page.getByText(foreign.description)).toHaveCount(0);
  await check(page, '06-sin-acceso');
});

test('the coordinador registers an ASM with two actions and two areas, sees what is missing, completes it and commits', async ({ page }) => {
  await page.goto('/asm');
  await signIn(page, COORDINADOR);
  await expect(page).toHaveURL(`${baseUrl()}/asm`);
  await check(page, '07-asm-lista');
  await page.getByRole('link', { name: 'Registrar ASM' }).click();
  await expect(page).toHaveURL(`${baseUrl()}/asm/nuevo`);
  // Opens the list (again, until its options have loaded) and picks the option.
  const choose = async (box: ReturnType<Page['getByRole']>, option: string) => {
    const item = page.getByRole('option', { name: option, exact: true });
    await expect(async () => {
      if (!(await item.isVisible())) await box.click();
      await expect(item).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await item.click();
  };
  const pick = (label: string, option: string) => choose(page.getByRole('combobox', { name: label, exact: true }), option);
  await pick('Programa', 'S-038 Programa IMSS-BIENESTAR');
  await pick('Periodo', '2021-2022');
  await page.getByLabel('Aspecto Susceptible de Mejora').fill('Fortalecer la supervisión de las unidades médicas rurales.');
  await pick('Clasificación', 'Institucional');
  await pick('Área coordinadora', 'Coordinación de Planeación, Evaluación y Sistemas de Información');

  const action = (n: number) => page.getByRole('region', { name: `Acción ${n}` });
  const fill = async (n: number, o: { description: string; areas: string[]; date?: string }) => {
    const a = action(n);
    await a.getByLabel('Acción a emprender').fill(o.description);
    for (const area of o.areas) {
      await choose(a.getByRole('combobox', { name: 'Áreas responsables' }), area);
      await page.keyboard.press('Escape');
    }
    if (o.date) await a.getByLabel('Fecha de término').fill(o.date);
    await a.getByLabel('Resultados esperados').fill('Supervisiones registradas en el sistema.');
    await a.getByLabel('Productos y/o evidencias').fill('Informe semestral de supervisión.');
  };
  await fill(1, {
    description: 'Diseñar el protocolo de supervisión.',
    areas: ['Coordinación de Atención Integral a la Salud', 'Coordinación de Acción Comunitaria'],
    date: '2027-06-30',
  });
  await page.getByRole('button', { name: 'Agregar acción' }).click();
  await fill(2, { description: 'Capacitar a los supervisores regionales.', areas: ['Coordinación de Finanzas e Infraestructura'] });
  await check(page, '08-asm-nuevo');
  await page.getByRole('button', { name: 'Comprometer ASM' }).click();

  const missing = page.getByTestId('faltantes');
  await expect(missing).toContainText('Aún no se puede comprometer: falta lo siguiente');
  await expect(missing).toContainText('La acción 2 no tiene fecha de término.');
  await expect(page).toHaveURL(/\/asm\/[0-9a-f-]{36}$/);
  const asmId = page.url().split('/').pop()!;
  expect(await sql(`SELECT status FROM asms WHERE id = $1`, [asmId])).toEqual([{ status: 'borrador' }]);
  await check(page, '09-asm-faltantes');

  await action(2).getByLabel('Fecha de término').fill('2027-09-30');
  await page.getByRole('button', { name: 'Comprometer ASM' }).click();
  await expect(page.getByText('ASM comprometido: las áreas responsables ya pueden reportar avance.')).toBeVisible();
  await expect(page.getByText('Comprometido', { exact: true })).toBeVisible();
  const rows = await sql<{ status: string; areas: number; due: string }>(
    `SELECT a.status, (SELECT count(*)::int FROM action_areas aa WHERE aa.action_id = x.id) AS areas, x.due_date::text AS due
       FROM asms a JOIN actions x ON x.asm_id = a.id WHERE a.id = $1 ORDER BY x.position`,
    [asmId],
  );
  expect(rows).toEqual([
    { status: 'comprometido', areas: 2, due: '2027-06-30' },
    { status: 'comprometido', areas: 1, due: '2027-09-30' },
  ]);
});

test('the coordinador approves an avance after opening its PDF inline, and returns another with a reason', async ({ page }) => {
  // The notice of a submitted avance links to its review page.
  const submitted = mails().find((m) => m.to === COORDINADOR && m.subject === 'Avance enviado para tu revisión');
  expect(submitted?.text).toMatch(new RegExp(`${baseUrl()}/revision/[0-9a-f-]{36}`));
  await page.goto('/');
  await signIn(page, COORDINADOR);
  await expect(page).toHaveURL(`${baseUrl()}/revision`);
  const queue = page.getByRole('table');
  await expect(queue.getByRole('row')).toHaveCount(3);
  // Oldest first: A was submitted before B.
  await expect(queue.getByRole('row').nth(1)).toContainText(A.description);
  await check(page, '10-revision');

  await queue.getByRole('link', { name: A.description }).click();
  await expect(page).toHaveURL(/\/revision\/[0-9a-f-]{36}$/);
  const frame = page.getByTestId('vista-previa-pdf');
  await expect(frame).toBeVisible();
  await expect(frame).toHaveAttribute('src', /^blob:/);
  await expect(page.getByRole('heading', { name: 'Vista previa: informe-diagnostico.pdf' })).toBeVisible();
  await check(page, '11-revisar-avance');
  await page.getByRole('button', { name: 'Aprobar avance' }).click();
  await expect(page).toHaveURL(`${baseUrl()}/revision`);
  expect(await sql(`SELECT percent FROM actions WHERE id = $1`, [A.id])).toEqual([{ percent: 60 }]);

  await page.getByRole('link', { name: B.description }).click();
  await page.getByRole('button', { name: 'Devolver…' }).click();
  await page.getByRole('button', { name: 'Devolver avance' }).click();
  await expect(page.getByText('Escribe qué debe corregir el área responsable.')).toBeVisible();
  await page.getByLabel('Motivo de la devolución').fill('Falta el oficio firmado que respalde el 50 %.');
  await expect(page.getByText('Escribe qué debe corregir el área responsable.')).toHaveCount(0);
  await check(page, '12-devolver-avance');
  await page.getByRole('button', { name: 'Devolver avance' }).click();
  await expect(page).toHaveURL(`${baseUrl()}/revision`);
  expect(await sql(`SELECT status, return_reason AS r FROM avances WHERE action_id = $1`, [B.id])).toEqual([
    { status: 'devuelto', r: 'Falta el oficio firmado que respalde el 50 %.' },
  ]);
  await expect(page.getByText('No hay avances esperando revisión')).toBeVisible();
});

test('the coordinador decides the prórroga from its e-mail link', async ({ page }) => {
  const notice = mails().find((m) => m.to === COORDINADOR && m.subject === 'Solicitud de prórroga');
  expect(notice, 'el aviso de la prórroga').toBeTruthy();
  const link = notice!.text.match(/http:\/\/\S+\/prorrogas\/[0-9a-f-]{36}/)?.[0];
  expect(link).toBeTruthy();
  await page.goto(link!);
  await signIn(page, COORDINADOR);
  await expect(page).toHaveURL(link!);
  await expect(page.getByText('30/06/2027')).toBeVisible();
  await check(page, '13-prorroga');
  await page.getByRole('button', { name: 'Aprobar prórroga' }).click();
  await expect(page).toHaveURL(`${baseUrl()}/revision?tipo=prorroga`);
  const [row] = await sql<{ due: string; original: string }>(`SELECT due_date::text AS due, original_due_date::text AS original FROM actions WHERE id = $1`, [
    C.id,
  ]);
  expect(row.due).toBe('2027-06-30');
  expect(row.original).not.toBe('2027-06-30');
});

test('the responsable answers the returned avance', async ({ page }) => {
  const notice = mails().find((m) => m.to === RESPONSABLE && m.subject === 'Tu avance fue devuelto');
  expect(notice!.text).toContain(`${baseUrl()}/acciones/${B.id}`);
  await page.goto(`/acciones/${B.id}`);
  await signIn(page, RESPONSABLE);
  await expect(page.getByText('Motivo del área coordinadora: Falta el oficio firmado que respalde el 50 %.')).toBeVisible();
  await page.getByRole('link', { name: 'Atender avance devuelto' }).click();
  await expect(page.getByRole('heading', { name: 'Corregir avance devuelto' })).toBeVisible();
  await expect(page.getByLabel('% de avance')).toHaveValue('50 %');
  await page.getByLabel('Nombre del documento probatorio').fill('Oficio DPES/123/2023');
  await page
    .getByTestId('zona-evidencia')
    .locator('input[type=file]')
    .setInputFiles({ name: 'oficio.pdf', mimeType: 'application/pdf', buffer: pdf('Oficio firmado') });
  await expect(page.getByTestId('cargas').getByText('Recibido y verificado por el servidor.')).toBeVisible();
  await check(page, '14-atender-devuelto');
  await page.getByRole('button', { name: 'Enviar a revisión' }).click();
  await expect(page).toHaveURL(`${baseUrl()}/acciones/${B.id}`);
  expect(await sql(`SELECT status, proof_document_name AS doc FROM avances WHERE action_id = $1`, [B.id])).toEqual([
    { status: 'enviado', doc: 'Oficio DPES/123/2023' },
  ]);
});

test('a session that ends mid-form signs in again and returns to the same screen with what was typed', async ({ page }) => {
  await page.goto(`/acciones/${C.id}/avance`);
  await signIn(page, RESPONSABLE);
  await expect(page).toHaveURL(`${baseUrl()}/acciones/${C.id}/avance`);
  await page.getByLabel('% de avance').fill('70');
  await page.getByLabel('Observaciones').fill('Texto largo que no quiero volver a escribir.');
  // The session ends behind the page's back (e.g. the password changed elsewhere): tokens and cookie no longer valid.
  await sql(`UPDATE users SET session_version = session_version + 1 WHERE email = $1`, [RESPONSABLE]);
  await sql(`UPDATE refresh_tokens SET revoked_at = now() WHERE revoked_at IS NULL AND user_id = (SELECT id FROM users WHERE email = $1)`, [RESPONSABLE]);
  await page.getByRole('button', { name: 'Guardar borrador' }).click();
  await expect(page).toHaveURL(/\/entrar\?siguiente=.*motivo=expirada/);
  await expect(page.getByText('Tu sesión terminó')).toBeVisible();
  await signIn(page, RESPONSABLE);
  await expect(page).toHaveURL(`${baseUrl()}/acciones/${C.id}/avance`);
  await expect(page.getByLabel('Observaciones')).toHaveValue('Texto largo que no quiero volver a escribir.');
  await expect(page.getByLabel('% de avance')).toHaveValue('70 %');
  await expect(page.getByText('Recuperamos lo que habías escrito en esta pantalla.')).toBeVisible();
  // Tokens never reach storage the page's scripts can read, nor the address bar.
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie);
  expect(stored).not.toMatch(/eyJ|refresh/i);
  await page.getByRole('button', { name: 'Guardar borrador' }).click();
  await expect(page.getByText('Borrador guardado.')).toBeVisible();
  expect(await sql(`SELECT status, percent, observations FROM avances WHERE action_id = $1`, [C.id])).toEqual([
    { status: 'borrador', percent: 70, observations: 'Texto largo que no quiero volver a escribir.' },
  ]);
});

test('a 409 (someone else changed the avance) offers to reload without losing what was typed', async ({ page }) => {
  await page.goto(`/acciones/${C.id}/avance`);
  await signIn(page, RESPONSABLE);
  await expect(page.getByLabel('Observaciones')).toHaveValue('Texto largo que no quiero volver a escribir.');
  await page.getByLabel('Observaciones').fill('Mi versión corregida de las observaciones.');
  // Another session of the same area edits the draft meanwhile.
  await sql(`UPDATE avances SET percent = 75, version = version + 1 WHERE action_id = $1`, [C.id]);
  await page.getByRole('button', { name: 'Guardar borrador' }).click();
  await expect(page.getByText('Alguien más cambió este registro')).toBeVisible();
  await check(page, '17-conflicto');
  await page.getByRole('button', { name: /Recargar los datos actuales/ }).click();
  await expect(page.getByLabel('Observaciones')).toHaveValue('Mi versión corregida de las observaciones.');
  await page.getByRole('button', { name: 'Guardar borrador' }).click();
  await expect(page.getByText('Borrador guardado.')).toBeVisible();
  expect(await sql(`SELECT observations FROM avances WHERE action_id = $1`, [C.id])).toEqual([{ observations: 'Mi versión corregida de las observaciones.' }]);
});

test('changing the password shows the policy and checks it before sending', async ({ page }) => {
  await page.goto('/cambiar-contrasena');
  await signIn(page, 'consulta@demo.gob.mx');
  await expect(page.getByText('La contraseña debe tener al menos 12 caracteres, con letras y números, y no debe contener tu correo.')).toBeVisible();
  await page.getByLabel('Contraseña actual').fill('Demo-ASM-2022');
  await page.getByLabel(/^Contraseña nueva/).fill('corta');
  await page.getByRole('button', { name: 'Cambiar contraseña' }).click();
  await expect(page.getByText('Al menos 12 caracteres.')).toBeVisible();
  await check(page, '15-cambiar-contrasena');
});

test("a temporary password (the first administrator's, from npm run setup) must be changed before anything else", async ({ page }) => {
  await sql(
    `INSERT INTO users (email, full_name, roles, password_hash, password_changed_at, must_change_password)
     SELECT 'temporal@demo.gob.mx', 'Administración temporal', '{administrador}', password_hash, now(), true FROM users WHERE email = 'admin@demo.gob.mx'`,
  );
  await page.goto('/');
  await signIn(page, 'temporal@demo.gob.mx');
  await expect(page).toHaveURL(`${baseUrl()}/cambiar-contrasena`);
  await expect(page.getByText('Tu contraseña es temporal')).toBeVisible();
  await check(page, '15-contrasena-temporal');
  // Nowhere else until it changes.
  await page.goto('/inicio');
  await expect(page).toHaveURL(`${baseUrl()}/cambiar-contrasena`);
  await page.getByLabel('Contraseña actual').fill(PASSWORD);
  await page.getByLabel(/^Contraseña nueva/).fill('Propia-y-nueva-2026');
  await page.getByLabel(/^Confirma/).fill('Propia-y-nueva-2026');
  await page.getByRole('button', { name: 'Cambiar contraseña' }).click();
  await expect(page).toHaveURL(`${baseUrl()}/inicio`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Hola');
  expect(await sql(`SELECT must_change_password FROM users WHERE email = 'temporal@demo.gob.mx'`)).toEqual([{ must_change_password: false }]);
});

for (const [email, home, name] of [
  ['evaluacion@demo.gob.mx', '/inicio', 'evaluacion'],
  ['consulta@demo.gob.mx', '/inicio', 'consulta'],
  ['admin@demo.gob.mx', '/inicio', 'administrador'],
] as const) {
  test(`${name} signs in and sees a home of their own`, async ({ page }) => {
    await page.goto('/');
    await signIn(page, email);
    await expect(page).toHaveURL(`${baseUrl()}${home}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Hola');
    await check(page, `16-inicio-${name}`);
    await page.getByRole('button', { name: /Menú de la cuenta/ }).click();
    await page.getByRole('menuitem', { name: 'Salir' }).click();
    await expect(page).toHaveURL(`${baseUrl()}/entrar`);
    await page.goto('/inicio');
    await expect(page).toHaveURL(/\/entrar\?siguiente=%2Finicio/);
  });
}

test("at phone size the responsable's screens fit the screen (no horizontal scroll) and pass axe", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/acciones');
  await signIn(page, RESPONSABLE);
  await expect(page).toHaveURL(`${baseUrl()}/acciones`);
  await expect(page.getByRole('link', { name: A.description })).toBeVisible();
  await noHorizontalScroll(page);
  await check(page, '02-mis-acciones');
  await page.getByRole('link', { name: C.description }).click();
  await expect(page.getByRole('heading', { level: 1, name: C.description })).toBeVisible();
  await noHorizontalScroll(page);
  await check(page, '03-accion');
  await page.getByRole('link', { name: 'Continuar avance' }).click();
  await expect(page.getByLabel('% de avance')).toBeVisible();
  await noHorizontalScroll(page);
  await check(page, '04-reportar-avance');
});

test("at 1366×768 the responsable's screens have no horizontal scroll", async ({ page }) => {
  await page.goto(`/acciones/${A.id}`);
  await signIn(page, RESPONSABLE);
  await expect(page.getByRole('heading', { level: 1, name: A.description })).toBeVisible();
  await noHorizontalScroll(page);
  await page.goto('/acciones');
  await expect(page.getByTestId('tabla-acciones')).toBeVisible();
  await noHorizontalScroll(page);
});
