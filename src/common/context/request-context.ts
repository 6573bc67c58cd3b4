import { AsyncLocalStorage } from 'node:async_hooks';

/** Who is acting and on behalf of which request; read by the audit trail and the logs. */
export interface RequestContextData {
  requestId: string;
  ip?: string;
  actor?: { id: string; roles: string[] };
}

const storage = new AsyncLocalStorage<RequestContextData>();

export const RequestContext = {
  run<T>(data: RequestContextData, fn: () => T): T {
    return storage.run(data, fn);
  },
  current(): RequestContextData | undefined {
    return storage.getStore();
  },
};
