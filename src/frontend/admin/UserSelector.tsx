import React, { useState } from 'react';
import { Box, Button, ErrorMessage, Inline, Label, Stack, Text, Textfield, UserPicker } from '@forge/react';
import { validateAccountId } from '../../domain/property-rules';

interface Props {
  onSelect(accountId: string): void;
}

function accountIdProblem(text: string): string | undefined {
  try {
    validateAccountId(text.trim());
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Find a user with the picker, or paste an accountId (from a URL, a log, an API answer). */
export const UserSelector = ({ onSelect }: Props) => {
  const [pasted, setPasted] = useState('');
  const problem = pasted.trim() === '' ? undefined : accountIdProblem(pasted);
  const open = () => {
    if (pasted.trim() !== '' && !problem) onSelect(pasted.trim());
  };
  return (
    <Inline space="space.400" alignBlock="end" shouldWrap>
      <Box xcss={{ width: '360px' }}>
        <UserPicker
          label="User"
          name="user"
          placeholder="Search by name or email"
          onChange={(user) => {
            const picked = Array.isArray(user) ? user[0] : user;
            if (picked?.id) onSelect(picked.id);
          }}
        />
      </Box>
      <Stack space="space.050">
        <Label labelFor="paste-account-id">Or paste an accountId</Label>
        <Inline space="space.100" alignBlock="center">
          <Textfield
            id="paste-account-id"
            name="accountId"
            placeholder="e.g. 5b10ac8d82e05b22cc7d4ef5"
            value={pasted}
            isInvalid={problem !== undefined}
            onChange={(event) => setPasted(event.target.value)}
          />
          <Button onClick={open} isDisabled={pasted.trim() === '' || problem !== undefined}>
            Open
          </Button>
        </Inline>
        {problem ? <ErrorMessage>{problem}</ErrorMessage> : <Text> </Text>}
      </Stack>
    </Inline>
  );
};
