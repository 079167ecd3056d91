// `npm start`: the app on the Jira simulator with demo data, persisted under .data/ (delete it to reseed).
import path from 'node:path';
import { startAppServer } from './server/app-server';

async function main() {
  const port = Number(process.env.PORT ?? 8080);
  const server = await startAppServer({
    port,
    dbPath: process.env.JIRA_SIM_DB ?? path.resolve(__dirname, '../.data/jira-simulator.sqlite'),
    latencyMs: Number(process.env.JIRA_LATENCY_MS ?? 0),
  });
  console.log(`User Properties Manager (local) is running at ${server.url}`);
  console.log(`  Jira REST API: ${server.url}/rest/api/3/…   Forge invoke: POST ${server.url}/__forge/invoke`);
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
