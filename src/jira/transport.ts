import type { RequestProductMethod } from '@forge/api';

/**
 * The one thing the Jira client needs from Forge: `requestJira` from `api.asUser()` or `api.asApp()`.
 * Injected so the same client runs in the Forge runtime, in the local runtime and in unit tests
 * (a fetch `Response` satisfies Forge's narrower response type).
 */
export type RequestJira = RequestProductMethod;
