import React from 'react';
import { Button, ErrorMessage, HelperMessage, Inline, Label, Stack, Textfield, ValidMessage } from '@forge/react';
import { keyMatches } from '../../../domain/key-rules';
import { MAX_KEY_LENGTH, validatePropertyKey } from '../../../domain/property-rules';
import type { KeyRule } from '../../../shared/contract';
import { keyRulesList } from '../key-rule-label';

export type KeyCheck = { ok: true } | { ok: false; message: string; exists?: boolean };

interface CheckOptions {
  /** For a delegate: only keys matching these rules may be created (the resolver refuses others anyway). */
  allowed?: readonly KeyRule[];
  /** What to say when the key is taken; defaults to the wording for a user's properties. */
  existsMessage?: (key: string) => string;
}

/** The same rules the resolver applies, checked as the admin types, plus "already exists". */
export function checkNewKey(key: string, existingKeys: readonly string[], options: CheckOptions = {}): KeyCheck {
  try {
    validatePropertyKey(key);
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  if (options.allowed && !keyMatches(key, options.allowed)) {
    return { ok: false, message: `You can only manage these keys: ${keyRulesList(options.allowed)}.` };
  }
  if (existingKeys.includes(key)) {
    return { ok: false, message: options.existsMessage?.(key) ?? `This user already has a property "${key}".`, exists: true };
  }
  return { ok: true };
}

interface Props {
  value: string;
  check: KeyCheck;
  onChange(key: string): void;
  onEditExisting(): void;
  /** Shown while the field is empty instead of the general advice. */
  helper?: string;
}

export const KeyField = ({ value, check, onChange, onEditExisting, helper }: Props) => (
  <Stack space="space.050">
    <Label labelFor="property-key">Key</Label>
    <Textfield id="property-key" name="key" placeholder="e.g. myapp.preferences" value={value} isInvalid={value !== '' && !check.ok} onChange={(e) => onChange(e.target.value)} />
    {value === '' ? (
      <HelperMessage>{helper ?? `1 to ${MAX_KEY_LENGTH} characters. Apps usually prefix their keys, like "myapp.settings".`}</HelperMessage>
    ) : check.ok ? (
      <ValidMessage>{`${value.length} of ${MAX_KEY_LENGTH} characters`}</ValidMessage>
    ) : (
      <Inline space="space.100" alignBlock="center">
        <ErrorMessage>{check.message}</ErrorMessage>
        {check.exists ? (
          <Button spacing="compact" onClick={onEditExisting}>
            Edit it instead
          </Button>
        ) : null}
      </Inline>
    )}
  </Stack>
);
