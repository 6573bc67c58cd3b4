import { Box, Card, Group, Pagination, Stack, Table, VisuallyHidden, type TableProps } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ListQuery } from './states';

/** The page links under a list (none for a single page). */
export function Pager({ pages, page, onChange }: { pages: number; page: number; onChange: (page: number) => void }) {
  if (pages <= 1) return null;
  return (
    <Group justify="center">
      <Pagination
        total={pages}
        value={page}
        onChange={onChange}
        getControlProps={(c) => ({
          'aria-label': c === 'next' ? 'Página siguiente' : c === 'previous' ? 'Página anterior' : c === 'first' ? 'Primera página' : 'Última página',
        })}
        getItemProps={(p) => ({ 'aria-label': `Página ${p}` })}
      />
    </Group>
  );
}

/**
 * A page of results, read by `query` (while it loads, if it fails and when it is empty: see ListQuery): its summary
 * (`summary` of the total), then a table (`head`, a `row` for each item) from the `wideFrom` breakpoint on,
 * a list of cards below it (titled `cardsTitle` for screen readers, if given), and the links to the other pages of `total`.
 */
export function ResultList<T extends { id: string }>(p: {
  query: UseQueryResult<{ items: T[]; total: number }>;
  loading: string;
  empty: ReactNode;
  summary: (total: number) => ReactNode;
  wideFrom: 'sm' | 'md';
  head: ReactNode;
  row: (item: T) => ReactNode;
  tableProps?: TableProps & { 'data-testid'?: string };
  card: (item: T) => ReactNode;
  cardsTitle?: string;
  pageSize: number;
  page: number;
  onPage: (page: number) => void;
}) {
  return (
    <ListQuery query={p.query} loading={p.loading} empty={p.empty}>
      {({ items, total }) => (
        <Stack gap="sm">
          {p.summary(total)}
          <Box visibleFrom={p.wideFrom}>
            <Table striped highlightOnHover withTableBorder {...p.tableProps}>
              <Table.Thead>
                <Table.Tr>{p.head}</Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((item) => (
                  <Table.Tr key={item.id}>{p.row(item)}</Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Box>
          <Box hiddenFrom={p.wideFrom}>
            {p.cardsTitle && (
              <VisuallyHidden>
                <h2>{p.cardsTitle}</h2>
              </VisuallyHidden>
            )}
            <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
              {items.map((item) => (
                <Card key={item.id} withBorder component="li" padding="sm">
                  {p.card(item)}
                </Card>
              ))}
            </Stack>
          </Box>
          <Pager pages={Math.ceil(total / p.pageSize)} page={p.page} onChange={p.onPage} />
        </Stack>
      )}
    </ListQuery>
  );
}
