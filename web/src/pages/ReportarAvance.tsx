import { Alert, Anchor, Button, Group, NumberInput, Paper, Progress, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import { api, unwrap } from '../api/client';
import { ApiError, messageOf } from '../api/errors';
import type { Avance, ClientConfig, Evidence } from '../api/types';
import { uploadEvidence } from '../api/upload';
import { useClientConfig } from '../auth';
import { AvanceBadge } from '../components/badges';
import { EvidenceTable } from '../components/Evidence';
import { issuesByField } from '../forms';
import { PageTitle } from '../components/PageTitle';
import { ActionError, ErrorState, Loading } from '../components/states';
import { useDraft } from '../drafts';
import { fecha, porcentaje, tamano } from '../format';
import { keys, useAction, useAvances, useOpenCorte, useSentFromAction } from '../queries';

interface Form {
  percent: number | '';
  observations: string;
  proofDocumentName: string;
  proofDocumentLocation: string;
  decreaseJustification: string;
}

const EMPTY: Form = { percent: '', observations: '', proofDocumentName: '', proofDocumentLocation: '', decreaseJustification: '' };

interface Upload {
  key: string;
  name: string;
  size: number;
  progress: number;
  state: 'subiendo' | 'listo' | 'rechazado';
  message?: string;
}

const text = (max: number) => z.string().max(max, `Como máximo ${max.toLocaleString('es-MX')} caracteres.`);

function schemaFor(official: number) {
  return z
    .object({
      percent: z
        .union([z.number(), z.literal('')])
        .refine((v) => v !== '' && Number.isInteger(v) && v >= 0 && v <= 100, 'Escribe el % de avance: un número entero de 0 a 100.'),
      observations: text(10000),
      proofDocumentName: text(4000),
      proofDocumentLocation: text(4000),
      decreaseJustification: text(4000),
    })
    .refine((v) => v.percent === '' || v.percent >= official || v.decreaseJustification.trim().length > 0, {
      path: ['decreaseJustification'],
      message: `El % baja del aprobado (${official} %): explica por qué.`,
    });
}

/** The client-side check of a file against the server's list and limit (the server checks again, by content). */
export function checkFile(file: File, rules: ClientConfig['evidence']): string | null {
  const ext = /\.([a-z0-9]{1,8})$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  const allowed = rules.allowedTypes.flatMap((t) => t.extensions);
  if (!allowed.includes(ext)) return `Tipo no aceptado (.${ext || 'sin extensión'}). Se aceptan: ${allowed.join(', ')}.`;
  if (file.size === 0) return 'El archivo está vacío.';
  if (file.size > rules.maxBytes) return `Pesa ${tamano(file.size)}; el máximo es ${tamano(rules.maxBytes)}. Redúcelo o divídelo.`;
  return null;
}

export default function ReportarAvance() {
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const sent = useSentFromAction(id);
  const action = useAction(id);
  const corte = useOpenCorte();
  const avances = useAvances(id);
  const config = useClientConfig();
  const current = avances.data?.items.find((v) => v.corte.status === 'abierto' && v.status !== 'aprobado');
  const form = useDraft<Form>(EMPTY);
  const [avance, setAvance] = useState<Avance | undefined>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState<null | 'guardar' | 'enviar'>(null);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const openRef = useRef<() => void>(null);

  useEffect(() => {
    if (!current) return;
    setAvance((prev) => prev ?? current);
    form.reset({
      percent: current.percent,
      observations: current.observations ?? '',
      proofDocumentName: current.proofDocumentName ?? '',
      proofDocumentLocation: current.proofDocumentLocation ?? '',
      decreaseJustification: current.decreaseJustification ?? '',
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current?.id]);

  if (action.isPending || corte.isPending || avances.isPending) return <Loading what="Cargando el avance" />;
  if (action.isError) return <ErrorState error={action.error} />;
  if (avances.isError) return <ErrorState error={avances.error} />;
  const a = action.data;
  const official = a.percent;
  const v = avance ?? current;
  const evidence: Evidence[] = (v?.evidence ?? []).filter((e) => !e.withdrawnAt);
  const rules = config.data?.evidence;

  if (!corte.data) {
    return (
      <>
        <PageTitle title="Reportar avance" subtitle={a.description} />
        <Alert color="gray" title="No hay un corte abierto">
          Los avances se reportan en el corte que abre la unidad de evaluación.{' '}
          <Anchor component={Link} to={`/acciones/${id}`}>
            Volver a la acción
          </Anchor>
        </Alert>
      </>
    );
  }
  if (v?.status === 'enviado') {
    return (
      <>
        <PageTitle title="Reportar avance" subtitle={a.description} />
        <Alert color="blue" title="Tu avance está en revisión">
          Enviaste {porcentaje(v.percent)} en el corte {v.corte.label}; el área coordinadora lo aprobará o lo devolverá con un motivo.{' '}
          <Anchor component={Link} to={`/acciones/${id}`}>
            Volver a la acción
          </Anchor>
        </Alert>
      </>
    );
  }

  const values = form.values;
  const body = () => ({
    percent: values.percent as number,
    observations: values.observations.trim() || null,
    proofDocumentName: values.proofDocumentName.trim() || null,
    proofDocumentLocation: values.proofDocumentLocation.trim() || null,
    decreaseJustification: values.decreaseJustification.trim() || null,
  });

  function validate(): boolean {
    const parsed = schemaFor(official).safeParse(values);
    if (parsed.success) {
      setErrors({});
      return true;
    }
    setErrors(issuesByField(parsed.error));
    return false;
  }

  /** Creates the avance or saves its changes; returns it with its new version. */
  async function save(): Promise<Avance> {
    const saved = v
      ? await unwrap<Avance>(api.PATCH('/api/v1/avances/{id}', { params: { path: { id: v.id } }, body: { version: v.version, ...body() } }))
      : await unwrap<Avance>(api.POST('/api/v1/actions/{id}/avances', { params: { path: { id } }, body: body() }));
    setAvance(saved);
    return saved;
  }

  function fail(err: unknown) {
    if (err instanceof ApiError) {
      const f = err.fieldErrors();
      if (Object.keys(f).length) setErrors((e) => ({ ...e, ...f }));
    }
    setFailure(err);
  }

  async function onSave() {
    setFailure(null);
    if (!validate()) return;
    setBusy('guardar');
    try {
      await save();
      form.clear();
      await qc.invalidateQueries({ queryKey: keys.avances(id) });
      notifications.show({ color: 'green', message: 'Borrador guardado.' });
    } catch (err) {
      fail(err);
    } finally {
      setBusy(null);
    }
  }

  async function onSubmit() {
    setFailure(null);
    if (!validate()) return;
    if (values.percent === 100 && evidence.length === 0) {
      setErrors({ evidence: 'Para reportar 100 % adjunta al menos un archivo de evidencia (documento probatorio) y vuelve a enviar.' });
      return;
    }
    setBusy('enviar');
    try {
      const saved = await save();
      await unwrap<Avance>(api.POST('/api/v1/avances/{id}/submit', { params: { path: { id: saved.id } }, body: { version: saved.version } }));
      form.clear();
      await sent(keys.avances(id), 'Avance enviado a revisión.');
    } catch (err) {
      fail(err);
    } finally {
      setBusy(null);
    }
  }

  /** A conflict: read the current version, keep every typed value. */
  async function reload() {
    setFailure(null);
    const fresh = await unwrap<{ items: Avance[] }>(api.GET('/api/v1/avances', { params: { query: { actionId: id, pageSize: 100 } } }));
    qc.setQueryData(keys.avances(id), fresh);
    setAvance(fresh.items.find((x) => x.corte.status === 'abierto' && x.status !== 'aprobado'));
  }

  async function onDrop(files: File[]) {
    if (!rules) return;
    setFailure(null);
    const checked = files.map((file) => ({ file, problem: checkFile(file, rules), key: `${file.name}-${file.size}-${Math.random()}` }));
    setUploads((u) => [
      ...u,
      ...checked.map((c) => ({
        key: c.key,
        name: c.file.name,
        size: c.file.size,
        progress: 0,
        state: c.problem ? ('rechazado' as const) : ('subiendo' as const),
        message: c.problem ?? undefined,
      })),
    ]);
    const good = checked.filter((c) => !c.problem);
    if (good.length === 0) return;
    let target = v;
    if (!target) {
      if (!validate()) {
        setUploads((u) =>
          u.map((x) =>
            good.some((g) => g.key === x.key) ? { ...x, state: 'rechazado', message: 'Escribe primero el % de avance; después adjunta el archivo.' } : x,
          ),
        );
        return;
      }
      try {
        target = await save();
        form.clear();
      } catch (err) {
        fail(err);
        setUploads((u) => u.map((x) => (good.some((g) => g.key === x.key) ? { ...x, state: 'rechazado', message: messageOf(err) } : x)));
        return;
      }
    }
    const avanceId = target.id;
    await Promise.all(
      good.map(async (g) => {
        try {
          await uploadEvidence(avanceId, g.file, (p) => setUploads((u) => u.map((x) => (x.key === g.key ? { ...x, progress: p } : x))));
          setUploads((u) => u.map((x) => (x.key === g.key ? { ...x, progress: 1, state: 'listo', message: 'Recibido y verificado por el servidor.' } : x)));
        } catch (err) {
          setUploads((u) => u.map((x) => (x.key === g.key ? { ...x, state: 'rechazado', message: messageOf(err) } : x)));
        }
      }),
    );
    const fresh = await unwrap<Avance>(api.GET('/api/v1/avances/{id}', { params: { path: { id: avanceId } } }));
    setAvance(fresh);
    setErrors((e) => ({ ...e, evidence: '' }));
    await qc.invalidateQueries({ queryKey: keys.avances(id) });
  }

  const decrease = values.percent !== '' && values.percent < official;
  const allowed = rules?.allowedTypes.flatMap((t) => t.extensions).join(', ');

  return (
    <>
      <PageTitle
        title={v?.status === 'devuelto' ? 'Corregir avance devuelto' : 'Reportar avance'}
        subtitle={
          <>
            <Anchor component={Link} to={`/acciones/${id}`} size="sm">
              {a.description}
            </Anchor>{' '}
            · Corte {corte.data.label} · Fecha de término {fecha(a.dueDate)} · Avance oficial {porcentaje(official)}
          </>
        }
        actions={v && <AvanceBadge status={v.status} />}
      />
      {v?.status === 'devuelto' && (
        <Alert color="orange" mb="md" title="El área coordinadora devolvió este avance">
          Motivo: {v.returnReason}. Corrige lo señalado y vuelve a enviarlo.
        </Alert>
      )}
      {form.hasDraft && (
        <Alert color="blue" mb="md" variant="light">
          Recuperamos lo que habías escrito en esta pantalla.
        </Alert>
      )}
      <Stack gap="md" maw={880}>
        <ActionError error={failure} onReload={() => void reload()} />
        <Paper className="asm-card" p="md">
          <Stack gap="sm">
            <NumberInput
              label="% de avance"
              description={`Entero de 0 a 100. El avance aprobado hoy es ${porcentaje(official)}.`}
              required
              min={0}
              max={100}
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="none"
              suffix=" %"
              value={values.percent}
              onChange={(val) => form.set('percent', typeof val === 'number' ? val : val === '' ? '' : Number(val))}
              error={errors.percent}
              styles={{ input: { maxWidth: 160 } }}
            />
            {decrease && (
              <Textarea
                label="Justificación de la baja"
                description="El % propuesto es menor que el aprobado: explica por qué."
                required
                autosize
                minRows={2}
                {...form.bind('decreaseJustification')}
                error={errors.decreaseJustification}
              />
            )}
            <Textarea label="Observaciones" autosize minRows={3} {...form.bind('observations')} error={errors.observations} />
            <TextInput label="Nombre del documento probatorio" {...form.bind('proofDocumentName')} error={errors.proofDocumentName} />
            <TextInput
              label="Ubicación del documento probatorio"
              description="Dónde puede consultarse (liga, sistema, archivo)."
              {...form.bind('proofDocumentLocation')}
              error={errors.proofDocumentLocation}
            />
          </Stack>
        </Paper>
        <Paper className="asm-card" p="md">
          <Title order={2} fz="lg" mb="xs">
            Evidencia
          </Title>
          <Stack gap="sm">
            <Dropzone
              onDrop={(f) => void onDrop(f)}
              openRef={openRef}
              activateOnClick={false}
              aria-label="Zona para soltar archivos de evidencia"
              data-testid="zona-evidencia"
            >
              <Stack align="center" gap={4} py="md">
                <Text fw={600}>Arrastra aquí los archivos de evidencia</Text>
                <Text size="sm" c="gray.7" ta="center">
                  {allowed ? `Se aceptan: ${allowed}; hasta ${tamano(rules!.maxBytes)} por archivo.` : 'Cargando las reglas de la evidencia…'}
                </Text>
                <Button variant="default" size="xs" onClick={() => openRef.current?.()}>
                  Elegir archivos
                </Button>
              </Stack>
            </Dropzone>
            {errors.evidence && (
              <Alert color="red" variant="light" role="alert">
                {errors.evidence}
              </Alert>
            )}
            {uploads.length > 0 && (
              <Stack gap="xs" aria-live="polite" data-testid="cargas">
                {uploads.map((u) => (
                  <Stack key={u.key} gap={2}>
                    <Group justify="space-between" wrap="nowrap">
                      <Text size="sm" className="asm-wrap">
                        {u.name} ({tamano(u.size)})
                      </Text>
                      <Text size="xs" c={u.state === 'rechazado' ? 'red.9' : u.state === 'listo' ? '#1b5e20' : 'gray.7'} fw={600}>
                        {u.state === 'subiendo' ? `${Math.round(u.progress * 100)} %` : u.state === 'listo' ? 'Listo' : 'Rechazado'}
                      </Text>
                    </Group>
                    {u.state !== 'rechazado' && <Progress value={u.progress * 100} aria-label={`Carga de ${u.name}`} size="sm" />}
                    {u.message && (
                      <Text size="xs" c={u.state === 'rechazado' ? 'red.9' : 'gray.7'}>
                        {u.message}
                      </Text>
                    )}
                  </Stack>
                ))}
              </Stack>
            )}
            <EvidenceTable files={evidence} />
          </Stack>
        </Paper>
        <Group>
          <Button onClick={() => void onSubmit()} loading={busy === 'enviar'} disabled={busy !== null}>
            Enviar a revisión
          </Button>
          <Button variant="default" onClick={() => void onSave()} loading={busy === 'guardar'} disabled={busy !== null}>
            Guardar borrador
          </Button>
          <Anchor component={Link} to={`/acciones/${id}`} size="sm">
            Volver a la acción
          </Anchor>
        </Group>
      </Stack>
    </>
  );
}
