import {
  Alert,
  Anchor,
  Button,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { z } from 'zod';
import { api, unwrap } from '../api/client';
import { ApiError } from '../api/errors';
import type { Action, Asm } from '../api/types';
import { hasRole, useProfile } from '../auth';
import { AsmStatusBadge } from '../components/badges';
import { issuesByField, textInput } from '../forms';
import { PageTitle } from '../components/PageTitle';
import { ReasonField } from '../components/ReasonField';
import { ActionError, ErrorState, Loading } from '../components/states';
import { useDraft } from '../drafts';
import { fecha, porcentaje, promedio } from '../format';
import { CLASSIFICATION, IMPROVEMENT_TYPE, options, PRIORITY } from '../labels';
import { keys, useAreaOptions, useAsm, useCycleOptions, useProgramOptions } from '../queries';

interface ActionForm {
  id?: string;
  version?: number;
  description: string;
  responsibleAreaIds: string[];
  dueDate: string;
  expectedResults: string;
  products: string;
  weight: number | '';
}

interface AsmForm {
  programId: string;
  cycleId: string;
  text: string;
  classification: string;
  priority: string;
  improvementType: string;
  topic: string;
  coordinatingAreaId: string;
  actions: ActionForm[];
}

const newAction = (): ActionForm => ({ description: '', responsibleAreaIds: [], dueDate: '', expectedResults: '', products: '', weight: '' });
const EMPTY: AsmForm = {
  programId: '',
  cycleId: '',
  text: '',
  classification: '',
  priority: '',
  improvementType: '',
  topic: '',
  coordinatingAreaId: '',
  actions: [newAction()],
};

function fromAsm(a: Asm): AsmForm {
  return {
    programId: a.program.id,
    cycleId: a.cycle.id,
    text: a.text,
    classification: a.classification,
    priority: a.priority ?? '',
    improvementType: a.improvementType ?? '',
    topic: a.topic ?? '',
    coordinatingAreaId: a.coordinatingArea?.id ?? '',
    actions: a.actions.map((x: Action) => ({
      id: x.id,
      version: x.version,
      description: x.description,
      responsibleAreaIds: x.responsibleAreas.map((r) => r.id),
      dueDate: x.dueDate ?? '',
      expectedResults: x.expectedResults ?? '',
      products: x.products ?? '',
      weight: x.weight ?? '',
    })),
  };
}

const schema = z.object({
  programId: z.string().min(1, 'Elige el programa.'),
  cycleId: z.string().min(1, 'Elige el periodo.'),
  text: z.string().trim().min(1, 'Escribe el Aspecto Susceptible de Mejora.').max(4000, 'Como máximo 4,000 caracteres.'),
  classification: z.string().min(1, 'Elige la clasificación.'),
  coordinatingAreaId: z.string().min(1, 'Elige el área coordinadora.'),
  actions: z.array(z.object({ description: z.string().trim().min(1, 'Describe la acción.').max(4000, 'Como máximo 4,000 caracteres.') })),
});

const orNull = (s: string) => (s.trim() ? s.trim() : null);
const actionBody = (x: ActionForm) => ({
  description: x.description.trim(),
  responsibleAreaIds: x.responsibleAreaIds,
  dueDate: x.dueDate || null,
  expectedResults: orNull(x.expectedResults),
  products: orNull(x.products),
  weight: x.weight === '' ? null : x.weight,
});

export default function AsmEditor() {
  const { id } = useParams();
  const isNew = !id;
  const profile = useProfile();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const asm = useAsm(id);
  const areaOptions = useAreaOptions();
  const programs = useProgramOptions();
  const cycles = useCycleOptions();
  const form = useDraft<AsmForm>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const location = useLocation();
  // A new ASM saved by a refused commit opens at its own address with the list of what is missing.
  const [missing, setMissing] = useState<string[]>(() => (location.state as { missing?: string[] } | null)?.missing ?? []);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState<null | string>(null);
  const [dialog, setDialog] = useState<null | 'cancel' | 'reopen'>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string>();

  useEffect(() => {
    if (asm.data) form.reset(fromAsm(asm.data));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [asm.data?.id, asm.data?.version]);
  useEffect(() => {
    if (isNew && !form.values.coordinatingAreaId && profile.areas.length === 1) form.reset({ ...form.values, coordinatingAreaId: profile.areas[0]!.id });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [isNew]);

  if (!isNew && asm.isPending) return <Loading what="Cargando el ASM" />;
  if (!isNew && asm.isError) return <ErrorState error={asm.error} onRetry={() => void asm.refetch()} />;
  const current = asm.data;
  const coordinator = hasRole(profile, 'coordinador');
  const editable = coordinator && (isNew || current?.status === 'borrador');
  const v = form.values;
  const setAction = (i: number, patch: Partial<ActionForm>) => form.setValues({ ...v, actions: v.actions.map((x, k) => (k === i ? { ...x, ...patch } : x)) });
  const myAreaOptions = areaOptions.filter((o) => profile.areas.some((a) => a.id === o.value) || o.value === v.coordinatingAreaId);

  function validate(): boolean {
    const parsed = schema.safeParse(v);
    if (parsed.success) {
      setErrors({});
      return true;
    }
    setErrors(issuesByField(parsed.error));
    return false;
  }

  function fail(err: unknown) {
    if (err instanceof ApiError) {
      setErrors(err.fieldErrors());
      if (err.code === 'ASM_PLAN_INCOMPLETE') {
        setMissing(err.details.map((d) => d.message));
        return;
      }
    }
    setFailure(err);
  }

  /** Writes the form: a new ASM with its actions, or the changes of a draft (ASM, then each action). */
  async function save(): Promise<Asm> {
    const fields = {
      programId: v.programId,
      cycleId: v.cycleId,
      text: v.text.trim(),
      classification: v.classification as never,
      priority: (v.priority || null) as never,
      improvementType: (v.improvementType || null) as never,
      topic: orNull(v.topic),
      coordinatingAreaId: v.coordinatingAreaId,
    };
    if (isNew) return unwrap<Asm>(api.POST('/api/v1/asms', { body: { ...fields, actions: v.actions.map(actionBody) } }));
    const saved = current!;
    const was = fromAsm(saved);
    const changed = (Object.keys(fields) as (keyof typeof fields)[]).some(
      (k) => String(fields[k] ?? '') !== ((was as Record<keyof typeof fields, string | undefined>)[k] ?? ''),
    );
    if (changed) await unwrap<Asm>(api.PATCH('/api/v1/asms/{id}', { params: { path: { id: saved.id } }, body: { version: saved.version, ...fields } }));
    for (const old of was.actions) {
      if (!v.actions.some((x) => x.id === old.id))
        await unwrap(api.DELETE('/api/v1/actions/{id}', { params: { path: { id: old.id! }, query: { version: old.version! } } }));
    }
    for (const x of v.actions) {
      if (!x.id) await unwrap(api.POST('/api/v1/asms/{id}/actions', { params: { path: { id: saved.id } }, body: actionBody(x) }));
      else {
        const old = was.actions.find((o) => o.id === x.id);
        if (JSON.stringify(actionBody(x)) !== JSON.stringify(old && actionBody(old))) {
          await unwrap(api.PATCH('/api/v1/actions/{id}', { params: { path: { id: x.id } }, body: { version: x.version!, ...actionBody(x) } }));
        }
      }
    }
    return unwrap<Asm>(api.GET('/api/v1/asms/{id}', { params: { path: { id: saved.id } } }));
  }

  async function after(result: Asm, message: string) {
    form.clear();
    qc.setQueryData(keys.asm(result.id), result);
    form.reset(fromAsm(result), true);
    await qc.invalidateQueries({ queryKey: ['asms'] });
    notifications.show({ color: 'green', message });
    if (isNew) void navigate(`/asm/${result.id}`, { replace: true });
  }

  async function onSave() {
    setFailure(null);
    setMissing([]);
    if (!validate()) return;
    setBusy('guardar');
    try {
      await after(await save(), 'ASM guardado en borrador.');
    } catch (err) {
      fail(err);
    } finally {
      setBusy(null);
    }
  }

  async function onCommit() {
    setFailure(null);
    setMissing([]);
    if (!validate()) return;
    setBusy('comprometer');
    let saved: Asm | undefined;
    try {
      saved = await save();
      const committed = await unwrap<Asm>(api.POST('/api/v1/asms/{id}/commit', { params: { path: { id: saved.id } }, body: { version: saved.version } }));
      await after(committed, 'ASM comprometido: las áreas responsables ya pueden reportar avance.');
    } catch (err) {
      // The draft was saved even if the plan is incomplete: stay on its page.
      if (saved && isNew) {
        qc.setQueryData(keys.asm(saved.id), saved);
        form.clear();
        const details = err instanceof ApiError && err.code === 'ASM_PLAN_INCOMPLETE' ? err.details.map((d) => d.message) : [];
        void navigate(`/asm/${saved.id}`, { replace: true, state: { missing: details } });
        if (details.length) return;
      }
      fail(err);
    } finally {
      setBusy(null);
    }
  }

  async function onTransition() {
    if (!reason.trim()) {
      setReasonError('Escribe la justificación.');
      return;
    }
    setBusy(dialog);
    try {
      const path = dialog === 'cancel' ? '/api/v1/asms/{id}/cancel' : '/api/v1/asms/{id}/reopen';
      const result = await unwrap<Asm>(api.POST(path, { params: { path: { id: current!.id } }, body: { version: current!.version, reason: reason.trim() } }));
      setDialog(null);
      setReason('');
      await after(result, dialog === 'cancel' ? 'ASM cancelado.' : 'ASM reabierto.');
    } catch (err) {
      setDialog(null);
      fail(err);
    } finally {
      setBusy(null);
    }
  }

  const err = (k: string) => errors[k];
  return (
    <>
      <PageTitle
        title={isNew ? 'Registrar ASM' : 'ASM'}
        subtitle={
          current
            ? `${current.program.key} ${current.program.name} · Periodo ${current.cycle.label} · Promedio ${promedio(current.promedio)}`
            : 'Aspecto Susceptible de Mejora y su plan de acción.'
        }
        actions={current && <AsmStatusBadge status={current.status} />}
      />
      <Stack gap="md" maw={1100}>
        {form.hasDraft && (
          <Alert color="blue" variant="light">
            Recuperamos lo que habías escrito en esta pantalla.
          </Alert>
        )}
        {current?.statusReason && (
          <Alert color="gray" title={current.status === 'cancelado' ? 'Motivo de la cancelación' : 'Motivo'}>
            {current.statusReason}
          </Alert>
        )}
        {missing.length > 0 && (
          <Alert color="orange" title="Aún no se puede comprometer: falta lo siguiente" role="alert" data-testid="faltantes">
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {missing.map((m, i) => (
                <li key={i}>{m}</li>
              ))}
            </ul>
          </Alert>
        )}
        <ActionError
          error={failure}
          onReload={() =>
            void asm
              .refetch()
              .then(
                (r) =>
                  r.data &&
                  form.reset(
                    { ...v, actions: v.actions.map((x) => ({ ...x, version: r.data.actions.find((y) => y.id === x.id)?.version ?? x.version })) },
                    true,
                  ),
              )
          }
        />
        <Paper className="asm-card" p="md">
          <fieldset disabled={!editable} style={{ border: 0, padding: 0, margin: 0 }}>
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Select label="Programa" required searchable data={programs} {...form.choice('programId')} error={err('programId')} />
                <Select label="Periodo" required data={cycles} {...form.choice('cycleId')} error={err('cycleId')} />
              </SimpleGrid>
              <Textarea label="Aspecto Susceptible de Mejora" required autosize minRows={3} {...form.bind('text')} error={err('text')} />
              <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
                <Select label="Clasificación" required data={options(CLASSIFICATION)} {...form.choice('classification')} error={err('classification')} />
                <Select label="Prioridad" clearable data={options(PRIORITY)} {...form.choice('priority')} />
                <Select label="Tipo de mejora" clearable data={options(IMPROVEMENT_TYPE)} {...form.choice('improvementType')} />
                <Select label="Área coordinadora" required data={myAreaOptions} {...form.choice('coordinatingAreaId')} error={err('coordinatingAreaId')} />
              </SimpleGrid>
              <TextInput label="Tema" {...form.bind('topic')} />
            </Stack>
          </fieldset>
        </Paper>
        <Title order={2} fz="lg">
          Plan de acción
        </Title>
        {v.actions.map((x, i) => {
          const saved = current?.actions.find((y) => y.id === x.id);
          return (
            <Paper key={x.id ?? `nueva-${i}`} className="asm-card" p="md" component="section" aria-label={`Acción ${i + 1}`}>
              <Group justify="space-between" mb="xs">
                <Text fw={700}>Acción {i + 1}</Text>
                {saved && current?.status !== 'borrador' && (
                  <Anchor component={Link} to={`/acciones/${saved.id}`} size="sm">
                    Ver seguimiento ({porcentaje(saved.percent)}, término {fecha(saved.dueDate)})
                  </Anchor>
                )}
                {editable && v.actions.length > 1 && (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="#a4161a"
                    onClick={() => form.setValues({ ...v, actions: v.actions.filter((_, k) => k !== i) })}
                  >
                    Quitar acción {i + 1}
                  </Button>
                )}
              </Group>
              <fieldset disabled={!editable} style={{ border: 0, padding: 0, margin: 0 }}>
                <Stack gap="sm">
                  <Textarea
                    label="Acción a emprender"
                    required
                    autosize
                    minRows={2}
                    {...textInput(x.description, (description) => setAction(i, { description }))}
                    error={err(`actions[${i}].description`)}
                  />
                  <MultiSelect
                    label="Áreas responsables"
                    searchable
                    data={areaOptions}
                    value={x.responsibleAreaIds}
                    onChange={(ids) => setAction(i, { responsibleAreaIds: ids })}
                    error={err(`actions[${i}].responsibleAreaIds`)}
                    disabled={!editable}
                  />
                  <SimpleGrid cols={{ base: 1, sm: 2 }}>
                    <TextInput
                      type="date"
                      label="Fecha de término"
                      {...textInput(x.dueDate, (dueDate) => setAction(i, { dueDate }))}
                      error={err(`actions[${i}].dueDate`)}
                    />
                    <NumberInput
                      label="Peso en el promedio"
                      description="Vacío: cuenta como 1."
                      min={0.01}
                      max={10000}
                      decimalScale={2}
                      value={x.weight}
                      onChange={(w) => setAction(i, { weight: typeof w === 'number' ? w : '' })}
                    />
                  </SimpleGrid>
                  <Textarea
                    label="Resultados esperados"
                    autosize
                    minRows={2}
                    {...textInput(x.expectedResults, (expectedResults) => setAction(i, { expectedResults }))}
                    error={err(`actions[${i}].expectedResults`)}
                  />
                  <Textarea
                    label="Productos y/o evidencias"
                    autosize
                    minRows={2}
                    {...textInput(x.products, (products) => setAction(i, { products }))}
                    error={err(`actions[${i}].products`)}
                  />
                </Stack>
              </fieldset>
            </Paper>
          );
        })}
        {editable && (
          <Group>
            <Button variant="default" onClick={() => form.setValues({ ...v, actions: [...v.actions, newAction()] })}>
              Agregar acción
            </Button>
          </Group>
        )}
        <Group>
          {editable && (
            <>
              <Button onClick={() => void onCommit()} loading={busy === 'comprometer'} disabled={busy !== null}>
                Comprometer ASM
              </Button>
              <Button variant="default" onClick={() => void onSave()} loading={busy === 'guardar'} disabled={busy !== null}>
                Guardar borrador
              </Button>
            </>
          )}
          {coordinator && current && !['cancelado', 'concluido'].includes(current.status) && (
            <Button variant="outline" color="red.9" onClick={() => setDialog('cancel')}>
              Cancelar ASM…
            </Button>
          )}
          {hasRole(profile, 'evaluacion') && current?.status === 'concluido' && (
            <Button variant="outline" onClick={() => setDialog('reopen')}>
              Reabrir ASM…
            </Button>
          )}
          <Anchor component={Link} to="/asm" size="sm">
            Volver a la lista
          </Anchor>
        </Group>
      </Stack>
      <Modal opened={dialog !== null} onClose={() => setDialog(null)} title={dialog === 'cancel' ? 'Cancelar el ASM' : 'Reabrir el ASM'}>
        <Stack>
          <Text size="sm">
            {dialog === 'cancel'
              ? 'Un ASM cancelado deja de darse seguimiento; la cancelación queda en la bitácora con su justificación.'
              : 'El ASM vuelve a estar en proceso.'}
          </Text>
          <ReasonField label="Justificación" value={reason} onChange={setReason} error={reasonError} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDialog(null)}>
              Volver
            </Button>
            <Button color={dialog === 'cancel' ? 'red.9' : undefined} onClick={() => void onTransition()} loading={busy === dialog}>
              {dialog === 'cancel' ? 'Cancelar ASM' : 'Reabrir ASM'}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
