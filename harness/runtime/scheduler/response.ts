// A scheduled trigger answers in the web trigger response format; anything else the platform records as 424
// (developer.atlassian.com/platform/forge/events-reference/scheduled-trigger/).
import { isObject } from '../events/wire';

export const INVALID_RESPONSE_STATUS = 424;

/** The answer's statusCode, or undefined when the answer is not `{ statusCode: number, ... }`. */
export function responseStatus(answer: unknown): number | undefined {
  return isObject(answer) && typeof answer.statusCode === 'number' && Number.isFinite(answer.statusCode) ? answer.statusCode : undefined;
}

/** The answer as a short line for the violation (it may be anything the function returned). */
export function describeAnswer(answer: unknown): string {
  if (answer === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(answer);
  } catch {
    text = String(answer);
  }
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
