import React, { useEffect, useState } from 'react';
import { Box, ErrorMessage, HelperMessage, Label, Stack, Textfield, UserPicker } from '@forge/react';

interface Props {
  /** Field ids and names start with this. */
  name: string;
  label: string;
  value: string;
  problem?: string;
  onChange(accountId: string): void;
}

/**
 * A person to filter by, as in the Users tab's selector: found with the picker, or an account id pasted (someone
 * the picker no longer finds: a deactivated or deleted account, an app). The id field holds the filter; picking
 * someone fills it, and editing it clears the picker.
 */
export const AccountFilterField = ({ name, label, value, problem, onChange }: Props) => {
  const [picked, setPicked] = useState<string>();
  // The picker is uncontrolled (UI Kit's UserPicker has no value prop): a new key empties it.
  const [pickerKey, setPickerKey] = useState(0);
  useEffect(() => {
    if (picked !== undefined && value.trim() !== picked) {
      setPicked(undefined);
      setPickerKey((k) => k + 1);
    }
  }, [value, picked]);

  return (
    <Box xcss={{ width: '300px' }}>
      <Stack space="space.050">
        <UserPicker
          key={pickerKey}
          label={label}
          name={`${name}Picker`}
          onChange={(user) => {
            const chosen = Array.isArray(user) ? user[0] : user;
            setPicked(chosen?.id);
            onChange(chosen?.id ?? '');
          }}
        />
        <Label labelFor={`${name}-account-id`}>{`${label}: account id`}</Label>
        <Textfield id={`${name}-account-id`} name={name} value={value} isInvalid={problem !== undefined} onChange={(event) => onChange(event.target.value)} />
        {problem ? <ErrorMessage>{problem}</ErrorMessage> : <HelperMessage>Pick someone above, or paste their account id.</HelperMessage>}
      </Stack>
    </Box>
  );
};
