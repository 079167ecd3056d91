import { startAppServer, type AppServer, type AppServerOptions } from '../../harness/server/app-server';
import { DEMO_USERS } from '../../harness/simulator';
import { MODULE_KEYS, type Envelope } from '../../src/shared/contract';

export { DEMO_USERS, MODULE_KEYS };
export type DemoUser = keyof typeof DEMO_USERS;

export interface TestApp extends AppServer {
  /** Invoke a resolver key as a seeded user (or anonymously) from a module, through the local Forge runtime. */
  invoke<T = unknown>(functionKey: string, payload: unknown, as: DemoUser | null, moduleKey?: string): Promise<Envelope<T>>;
  /** Simulator requests logged since the last call to `takeRequests`. */
  takeRequests(): AppServer['simulator']['requests'];
  /** What the function printed and the platform logged (limits run into), instead of the console. */
  runtimeLog: string[];
}

/** The app on an in-memory simulator with the demo site, checking every exchange against the OpenAPI contract. */
export async function startTestApp(options: AppServerOptions = {}): Promise<TestApp> {
  const runtimeLog: string[] = [];
  const server = await startAppServer({ validateContract: true, ...options, runtime: { log: (line) => runtimeLog.push(line), ...options.runtime } });
  let seen = 0;
  return {
    ...server,
    runtimeLog,
    invoke: async <T>(functionKey: string, payload: unknown, as: DemoUser | null, moduleKey: string = MODULE_KEYS.adminPage) =>
      (await server.runtime.invoke({
        functionKey,
        payload,
        context: { accountId: as === null ? undefined : DEMO_USERS[as].accountId, moduleKey },
      })) as Envelope<T>,
    takeRequests: () => {
      const fresh = server.simulator.requests.slice(seen);
      seen = server.simulator.requests.length;
      return fresh;
    },
  };
}
