import React from 'react';
import { Code, Inline, Lozenge, Spinner, Strong, Text, User } from '@forge/react';
import { ErrorMessage } from '../shared/ErrorMessage';
import { useResolver } from '../shared/use-resolver';

/** Who is being edited: avatar and name, active or not, and the accountId. */
export const UserCard = ({ accountId }: { accountId: string }) => {
  const { result, reload } = useResolver('getUser', { accountId });
  if ('state' in result) return <Spinner size="small" label="Loading user" />;
  if (!result.success) return <ErrorMessage error={result.error} onRetry={reload} />;
  const user = result.data;
  return (
    <Inline space="space.200" alignBlock="center">
      <User accountId={user.accountId} hideDisplayName />
      <Strong>{user.displayName}</Strong>
      <Lozenge appearance={user.active ? 'success' : 'removed'}>{user.active ? 'Active' : 'Inactive'}</Lozenge>
      <Text>
        accountId <Code>{user.accountId}</Code>
      </Text>
    </Inline>
  );
};
