import React from 'react';
import { Box, Label, Select, Stack } from '@forge/react';

export interface Choice<V extends string> {
  label: string;
  value: V;
}

interface Props<V extends string> {
  id: string;
  name: string;
  label: string;
  choices: readonly Choice<V>[];
  value: V;
  onChange(value: V): void;
  width?: string;
}

/** A labelled Select of a few fixed choices, its value one of theirs. */
export function ChoiceField<V extends string>({ id, name, label, choices, value, onChange, width = '280px' }: Props<V>) {
  return (
    <Box xcss={{ width }}>
      <Stack space="space.050">
        <Label labelFor={id}>{label}</Label>
        <Select
          inputId={id}
          name={name}
          options={[...choices]}
          value={choices.find((choice) => choice.value === value)}
          onChange={(choice: { value?: V } | null) => choice?.value && onChange(choice.value)}
        />
      </Stack>
    </Box>
  );
}
