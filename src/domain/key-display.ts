import { HIDDEN_CHARACTERS, validatePropertyKey } from './property-rules';

export interface KeyDisplay {
  /** The key as shown: itself, or with each hidden character written as a \u{…} escape when the key is unusual. */
  text: string;
  /** Why the app would not create this key itself; undefined for an ordinary key. */
  unusual?: string;
}

const escape = (character: string) => `\\u{${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}}`;

/**
 * How a key Jira holds is shown. Any client can store a key the app would refuse ("a..b", one with a zero-width
 * joiner that looks exactly like "costCenter"): it is still listed, viewable and deletable, but marked, with what
 * cannot be seen spelled out, so a confirmation names exactly the key it acts on.
 */
export function displayKey(key: string): KeyDisplay {
  try {
    validatePropertyKey(key);
    return { text: key };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { text: key.replace(HIDDEN_CHARACTERS, escape), unusual: `The app would not create this key: ${reason.replace(/^The property key /, 'it ')}` };
  }
}
