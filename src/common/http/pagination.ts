import { IntField } from '../validation/fields';

export class PageQuery {
  @IntField({ description: 'Página (desde 1).', label: 'la página', min: 1, max: 100000, optional: true, query: true })
  page?: number;

  @IntField({ description: 'Registros por página (1 a 100).', label: 'el tamaño de página', min: 1, max: 100, optional: true, query: true })
  pageSize?: number;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export function pageBounds(q: PageQuery): { page: number; pageSize: number; offset: number } {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  return { page, pageSize, offset: (page - 1) * pageSize };
}

/** The page `q` asks for: `fetch` reads the rows within its bounds and the total. */
export async function paged<T>(q: PageQuery, fetch: (pageSize: number, offset: number) => Promise<{ items: T[]; total: number }>): Promise<Page<T>> {
  const { page, pageSize, offset } = pageBounds(q);
  const { items, total } = await fetch(pageSize, offset);
  return { items, page, pageSize, total };
}

/** A list a repository counts and reads a page of, by one filter. */
export interface Counted<F, T> {
  count(filter: F): Promise<number>;
  page(filter: F, limit: number, offset: number): Promise<T[]>;
}

/** The page `q` asks for of what `filter` matches in `list`, with the total. */
export function readPage<F, T>(q: PageQuery, list: Counted<F, T>, filter: F): Promise<Page<T>> {
  return paged(q, async (pageSize, offset) => {
    const total = await list.count(filter);
    return { total, items: await list.page(filter, pageSize, offset) };
  });
}
