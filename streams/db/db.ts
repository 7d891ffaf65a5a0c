/** The database as the hall needs it. PGlite (embedded) and PostgreSQL implement it with the same SQL. */
export interface Db {
  readonly engine: 'pglite' | 'postgres';
  query<R extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

/** What migrations need: statements, inside one transaction. */
export interface Tx {
  query(sql: string, params?: readonly unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
  exec(sql: string): Promise<unknown>;
}
