/** Runs statements: the database itself, or one transaction. */
export interface Queryable {
  query<R extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/**
 * The database as the hall needs it. PGlite (embedded) and PostgreSQL implement it with the same SQL.
 * `tx` runs `fn` in one transaction: committed when it resolves, rolled back when it throws. Inside `fn`,
 * use only the `q` it is given (other statements wait for the transaction to end).
 */
export interface Db extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
