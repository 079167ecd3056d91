import React from 'react';
import { Button, ErrorMessage, HelperMessage, Inline, Label, Stack, Textfield, ValidMessage } from '@forge/react';
import { MAX_KEY_LENGTH, validatePropertyKey } from '../../../domain/property-rules';

export type KeyCheck = { ok: true } | { ok: false; message: string; exists?: boolean };

/** The same rules the resolver applies, checked as the admin types, plus "already exists". */
export function checkNewKey(key: string, existingKeys: readonly string[]): KeyCheck {
  try {
    validatePropertyKey(key);
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  if (existingKeys.includes(key)) return { ok: false, message: `This user already has a property "${key}".`, exists: true };
  return { ok: true };
}

interface Props {
  value: string;
  check: KeyCheck;
  onChange(key: string): void;
  onEditExisting(): void;
}

export const KeyField = ({ value, check, onChange, onEditExisting }: Props) => (
  <Stack space="space.050">
    <Label labelFor="property-key">Key</Label>
    <Textfield id="property-key" name="key" placeholder="e.g. myapp.preferences" value={value} isInvalid={value !== '' && !check.ok} onChange={(e) => onChange(e.target.value)} />
    {value === '' ? (
      <HelperMessage>{`1 to ${MAX_KEY_LENGTH} characters. Apps usually prefix their keys, like "myapp.settings".`}</HelperMessage>
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
