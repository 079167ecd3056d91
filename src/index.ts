// Entry file: hands out what manifest.yml names (`index.handler`, `index.jobsHandler`, `index.watchdogHandler`,
// `index.retentionHandler`) and nothing else.
export { handler } from './resolvers';
export { jobsHandler } from './jobs/consumer';
export { watchdogHandler } from './jobs/watchdog';
export { retentionHandler } from './history/retention';
