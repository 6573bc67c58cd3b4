/** SET clauses for the fields a PATCH actually sent (undefined = unchanged, null = cleared). */
export class SetList {
  readonly columns: string[] = [];
  readonly values: unknown[] = [];

  add(column: string, value: unknown): this {
    if (value !== undefined) {
      this.columns.push(column);
      this.values.push(value);
    }
    return this;
  }

  get empty(): boolean {
    return this.columns.length === 0;
  }

  /** `col = $n` clauses numbered from `firstParam`, plus the version bump. */
  clauses(firstParam: number): string {
    return this.columns
      .map((c, i) => `${c} = $${firstParam + i}`)
      .concat('version = version + 1', 'updated_at = now()')
      .join(', ');
  }
}
