import type { Envelope, ErrorBody } from '../shared/contract';
import { AppError } from './errors';

export function ok<T>(data: T): Envelope<T> {
  return { success: true, data };
}

/**
 * The single place where any thrown value becomes what the UI sees. Only AppError messages reach the user;
 * anything else is a bug, reported without its message or stack (which could carry internals).
 */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  return { code: 'INTERNAL_ERROR', message: 'Something went wrong in the app. Try again; if it keeps happening, tell your Jira admin.' };
}

export function fail(error: unknown): Envelope<never> {
  return { success: false, error: toErrorBody(error) };
}
