import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { envSchema } from '../src/config/env.schema';

const run = promisify(execFile);
const ROOT = join(__dirname, '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string>; engines: { node: string }; devDependencies: Record<string, string> };

type Service = {
  profiles?: string[];
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  healthcheck?: { test?: string[]; disable?: boolean };
};
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> };

/** The commands the operator's guide and the compose file run inside the image. */
const IMAGE_SCRIPTS = ['start', 'start:worker', 'setup', 'migrate', 'audit:verify', 'cli'];

/** Files a command line names (node scripts/x.js, dist/src/y.js). */
const pathsIn = (command: string) => [...command.matchAll(/(?:^|\s)((?:scripts|dist)\/[\w./-]+\.js)/g)].map((m) => m[1]);

/**
 * There is no Docker engine on the test machines: the image and the compose file are checked as
 * data. The image's runtime stage must hold every file the documented commands run; the compose
 * file must be valid under the Compose Specification's own schema (vendored, see
 * test/fixtures/README.md); the Node version must be one and the same everywhere.
 */
describe('packaging: the image, the compose file, the Node version, the CI script', () => {
  describe('the image', () => {
    const dockerfile = read('docker/Dockerfile');
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    /** Where the runtime stage puts things (relative to WORKDIR /app). */
    const copied = [...runtime.matchAll(/^COPY\s+(?:--\S+\s+)*\S+\s+(\S+)\s*$/gm)].map((m) => m[1].replace(/^\.\//, '').replace(/^\/app\//, ''));

    it('copies every file the documented npm scripts run (setup, migrate, audit:verify, cli, start)', () => {
      expect(copied).toEqual(expect.arrayContaining(['dist', 'scripts', 'node_modules', 'package.json']));
      for (const name of IMAGE_SCRIPTS) {
        const command = pkg.scripts[name];
        expect({ name, defined: typeof command === 'string' }).toEqual({ name, defined: true });
        const files = pathsIn(command);
        expect({ name, files: files.length > 0 }).toEqual({ name, files: true });
        for (const file of files) {
          // In the image: under a copied directory. Real: the build of this checkout (global setup) has it.
          expect({ name, file, copied: copied.some((c) => file === c || file.startsWith(`${c}/`)) }).toEqual({ name, file, copied: true });
          expect({ name, file, exists: existsSync(join(ROOT, file)) }).toEqual({ name, file, exists: true });
        }
      }
    });

    it('and every file its own command and the compose services run', () => {
      const cmd = /^CMD\s+(\[.*\])\s*$/m.exec(runtime);
      const commands = [(JSON.parse(cmd![1]) as string[]).join(' ')];
      for (const s of Object.values(compose.services)) if (s.command) commands.push(s.command.join(' '));
      for (const command of commands) {
        for (const file of pathsIn(command)) expect({ command, file, exists: existsSync(join(ROOT, file)) }).toEqual({ command, file, exists: true });
        for (const m of command.matchAll(/npm run (\S+)/g)) expect({ command, script: IMAGE_SCRIPTS.includes(m[1]) }).toEqual({ command, script: true });
      }
    });

    it('the operator guide runs in the image only the scripts checked above', () => {
      const guide = read('docs/operations.md');
      const inImage = [...guide.matchAll(/docker compose (?:run --rm|exec) \S+ npm run (\S+)/g)].map((m) => m[1]);
      expect(inImage).toEqual(expect.arrayContaining(['setup', 'audit:verify']));
      for (const script of inImage) expect({ script, checked: IMAGE_SCRIPTS.includes(script) }).toEqual({ script, checked: true });
    });
  });

  describe('docker-compose.yml', () => {
    const schema = JSON.parse(read('test/fixtures/compose-spec/compose-spec.json')) as object;
    const validate = new Ajv({ strict: false, allErrors: true, validateSchema: false }).compile(schema);

    it('is valid under the Compose Specification schema', () => {
      const valid = validate(compose);
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    });

    it('and the validation does fail on a compose file that is not (the check can fail)', () => {
      const broken = structuredClone(compose) as unknown as { services: Record<string, Record<string, unknown>> };
      broken.services.api.restart_policy = 'always';
      broken.services.worker.healthcheck = { interval: 15 };
      expect(validate(broken)).toBe(false);
      expect((validate.errors ?? []).map((e) => e.instancePath)).toEqual(expect.arrayContaining(['/services/api', '/services/worker/healthcheck/interval']));
    });

    it('starts without demo data by default; the demo profile adds it and the mail catcher', () => {
      const byDefault = Object.entries(compose.services).filter(([, s]) => !s.profiles?.length);
      expect(byDefault.map(([n]) => n).sort()).toEqual(['api', 'migrate', 'postgres', 'redis', 'worker']);
      for (const [name, s] of byDefault) expect({ name, demo: (s.command ?? []).join(' ').includes('demo') }).toEqual({ name, demo: false });
      const demo = Object.entries(compose.services).filter(([, s]) => s.profiles?.includes('demo'));
      expect(demo.map(([n]) => n).sort()).toEqual(['demo-data', 'mail']);
      expect(compose.services['demo-data'].command!.join(' ')).toContain('dist/src/demo/seed.main.js');
    });

    it('keeps evidence on a named volume the API and the worker share, and checks the health of what it runs', () => {
      expect(Object.keys(compose.volumes)).toEqual(expect.arrayContaining(['evidence', 'pgdata', 'redisdata']));
      for (const name of ['api', 'worker']) expect(compose.services[name].volumes).toContain(`evidence:${compose.services[name].environment!.STORAGE_DIR}`);
      for (const name of ['postgres', 'redis', 'api'])
        expect({ name, checked: (compose.services[name].healthcheck?.test?.length ?? 0) > 0 }).toEqual({ name, checked: true });
      expect(compose.services.api.healthcheck!.test!.join(' ')).toContain('/health/ready');
      expect(compose.services.api.environment!.NODE_ENV).toBe('production');
    });
  });

  it('the operator guide documents every environment variable the processes read', () => {
    const guide = read('docs/operations.md');
    const keys = Object.keys(envSchema.shape);
    expect(keys.length).toBeGreaterThan(40);
    for (const key of keys) expect({ key, documented: guide.includes(`\`${key}\``) }).toEqual({ key, documented: true });
  });

  it('one Node version: the pinned runtime, engines, .nvmrc and the image agree', () => {
    const pinned = pkg.devDependencies.node;
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { version: string }> };
    expect(lock.packages['node_modules/node'].version).toBe(pinned);
    expect(read('.nvmrc').trim()).toBe(pinned);
    const [major, minor] = pinned.split('.');
    expect(pkg.engines.node).toBe(`>=${major}.${minor} <${Number(major) + 1}`);
    const images = [...read('docker/Dockerfile').matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1]);
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(image).toBe(`node:${pinned}-slim`);
    // The runtime the tests run on is the pinned one (npm scripts put node_modules/.bin first).
    expect(process.version).toBe(`v${pinned}`);
  });

  it('.ci/run is a valid bash script (bash -n)', async () => {
    await expect(run('bash', ['-n', join(ROOT, '.ci', 'run')])).resolves.toMatchObject({ stderr: '' });
    // The check does catch a syntax error.
    await expect(run('bash', ['-n', '-c', 'if true; then echo'])).rejects.toMatchObject({ code: 2 });
  });
});
