import { Env, parseEnv } from './env.schema';

/**
 * The validated configuration, injectable everywhere. Built once per process
 * from process.env (or from an explicit object in tests).
 */
export class AppConfig {
  readonly env: Env;

  constructor(source: NodeJS.ProcessEnv | Env = process.env) {
    this.env = parseEnv(source as NodeJS.ProcessEnv);
  }

  get<K extends keyof Env>(key: K): Env[K] {
    return this.env[key];
  }
}
