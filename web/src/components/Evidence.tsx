import { Alert, Button, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { fetchBlob } from '../api/client';
import { messageOf } from '../api/errors';
import type { Evidence } from '../api/types';
import { fechaHora, tamano } from '../format';
import { Loading } from './states';

export const previewable = (e: Evidence) => e.mimeType === 'application/pdf' || e.mimeType.startsWith('image/');

/** The file as a blob: URL, fetched with the session's token in a header (never in the address). */
export function useEvidenceUrl(e: Evidence | null) {
  const q = useQuery({
    queryKey: ['evidence-blob', e?.id],
    queryFn: () => fetchBlob(`/api/v1/evidence/${e!.id}/content`),
    enabled: Boolean(e),
    staleTime: Infinity,
    gcTime: 60_000,
  });
  const url = useMemo(() => (q.data ? URL.createObjectURL(q.data) : null), [q.data]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  return { url, error: q.error, isPending: q.isPending && Boolean(e) };
}

export async function download(e: Evidence): Promise<void> {
  const blob = await fetchBlob(`/api/v1/evidence/${e.id}/content`);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = e.displayName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** PDFs in a frame, images inline; other types are downloaded. */
export function EvidencePreview({ evidence }: { evidence: Evidence }) {
  const { url, error, isPending } = useEvidenceUrl(evidence);
  if (isPending) return <Loading what={`Abriendo ${evidence.displayName}`} />;
  if (error) return <Alert color="red">{messageOf(error)}</Alert>;
  if (!url) return null;
  if (evidence.mimeType === 'application/pdf') {
    return <iframe className="asm-preview" src={url} title={`Vista previa de ${evidence.displayName}`} data-testid="vista-previa-pdf" />;
  }
  if (evidence.mimeType.startsWith('image/')) {
    return (
      <img
        src={url}
        alt={`Evidencia: ${evidence.displayName}`}
        style={{ maxWidth: '100%', maxHeight: '70vh', border: '1px solid #ccc' }}
        data-testid="vista-previa-imagen"
      />
    );
  }
  return (
    <Stack gap="xs">
      <Text size="sm">Este tipo de archivo no se puede ver aquí.</Text>
      <Button variant="default" onClick={() => void download(evidence)}>
        Descargar {evidence.displayName}
      </Button>
    </Stack>
  );
}

export function EvidenceTable({ files, onSelect, selectedId }: { files: Evidence[]; onSelect?: (e: Evidence) => void; selectedId?: string }) {
  if (files.length === 0)
    return (
      <Text size="sm" c="gray.7">
        Sin archivos de evidencia.
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table verticalSpacing={4} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Archivo</Table.Th>
            <Table.Th>Tamaño</Table.Th>
            <Table.Th>Subido</Table.Th>
            <Table.Th>
              <VisuallyHidden>Acciones</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {files.map((f) => (
            <Table.Tr key={f.id} bg={selectedId === f.id ? 'guinda.0' : undefined}>
              <Table.Td className="asm-wrap">
                {f.displayName}
                {f.withdrawnAt && (
                  <Text size="xs" c="red.9">
                    Retirado: {f.withdrawalReason}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{tamano(f.sizeBytes)}</Table.Td>
              <Table.Td>{fechaHora(f.uploadedAt)}</Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  {onSelect && previewable(f) && (
                    <Button
                      size="compact-xs"
                      variant={selectedId === f.id ? 'filled' : 'light'}
                      onClick={() => onSelect(f)}
                      aria-label={`Ver ${f.displayName}`}
                    >
                      Ver
                    </Button>
                  )}
                  <Button size="compact-xs" variant="default" onClick={() => void download(f)} aria-label={`Descargar ${f.displayName}`}>
                    Descargar
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
