import React, { useState } from 'react';
import { Stack } from '@forge/react';
import { PropertiesPanel } from './table/PropertiesPanel';
import { UserCard } from './UserCard';
import { UserSelector } from './UserSelector';

/** Pick a user, then manage their properties. */
export const UserPropertiesManager = () => {
  const [accountId, setAccountId] = useState<string>();
  return (
    <Stack space="space.300">
      <UserSelector onSelect={setAccountId} />
      {accountId ? (
        <Stack space="space.200" key={accountId}>
          <UserCard accountId={accountId} />
          <PropertiesPanel accountId={accountId} />
        </Stack>
      ) : null}
    </Stack>
  );
};
