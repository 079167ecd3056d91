import React from 'react';
import { Stack, Text, User } from '@forge/react';

/** A user in a table: avatar and name as Jira shows them, and the account id the change addressed. */
export const UserCell = ({ accountId }: { accountId: string }) => (
  <Stack space="space.025">
    <User accountId={accountId} />
    <Text size="small" color="color.text.subtle">
      {accountId}
    </Text>
  </Stack>
);
