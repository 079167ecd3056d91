import React from 'react';
import { Heading, SectionMessage, Spinner, Stack, Text } from '@forge/react';
import { ErrorMessage } from '../shared/ErrorMessage';
import { useResolver } from '../shared/use-resolver';

export const AdminPage = () => {
  const { result } = useResolver('getSession', undefined);
  if ('state' in result) return <Spinner label="Loading" />;
  if (!result.success) return <ErrorMessage error={result.error} />;
  const session = result.data;
  return (
    <Stack space="space.200">
      <Heading as="h1">User properties</Heading>
      {session.isAdmin ? (
        <Text>Signed in as {session.displayName}. Pick a user to see and edit the JSON properties stored against them.</Text>
      ) : (
        <SectionMessage appearance="warning" title="Administer Jira needed">
          <Text>Managing other users' properties needs the Administer Jira global permission. Ask a Jira admin for access.</Text>
        </SectionMessage>
      )}
    </Stack>
  );
};
