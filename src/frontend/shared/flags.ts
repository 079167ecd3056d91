import { showFlag } from '@forge/bridge';
import type { ErrorBody } from '../../shared/contract';

let nextId = 0;

export function flagSuccess(title: string, description?: string): void {
  showFlag({ id: `success-${nextId++}`, title, description, type: 'success', isAutoDismiss: true });
}

export function flagError(title: string, error: ErrorBody): void {
  showFlag({ id: `error-${nextId++}`, title, description: error.message, type: 'error', isAutoDismiss: false });
}
