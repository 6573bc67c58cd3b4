/**
 * A value built on first use. The API process keeps its memory for the work
 * at hand: heavy libraries only some requests need (exceljs, the AWS
 * SDK, date-holidays) load when one of those requests first comes, not at
 * boot. See docs/decisions/0014-performance.md.
 */
export function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  let built = false;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
}
