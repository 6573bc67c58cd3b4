import { Group, Select, TextInput, type ComboboxData } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ListParams } from '../list-params';

/** A list page's filters, in one row that wraps (a search landmark). */
export function FilterBar({ children }: { children: ReactNode }) {
  return (
    <Group gap="sm" mb="md" align="flex-end" wrap="wrap" role="search">
      {children}
    </Group>
  );
}

/** The free-text search of a list page (`q`), filling the room the other filters leave. */
export function SearchFilter({ list, placeholder, width }: { list: ListParams; placeholder: string; width: number }) {
  return (
    <TextInput
      label="Buscar"
      placeholder={placeholder}
      value={list.search}
      onChange={(e) => list.setSearch(e.currentTarget.value)}
      style={{ flex: `1 1 ${width}px` }}
    />
  );
}

/** A choice among `data` kept in the query string under `name`; clearing it shows all (`placeholder`). */
export function SelectFilter(p: {
  list: ListParams;
  name: string;
  label: string;
  placeholder: string;
  data: ComboboxData;
  searchable?: boolean;
  width: number;
}) {
  return (
    <Select
      label={p.label}
      placeholder={p.placeholder}
      clearable
      searchable={p.searchable}
      data={p.data}
      value={p.list.params.get(p.name)}
      onChange={(v) => p.list.update({ [p.name]: v })}
      style={{ flex: `0 1 ${p.width}px` }}
    />
  );
}
