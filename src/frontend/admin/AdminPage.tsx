import React from 'react';
import { Heading, SectionMessage, Spinner, Stack, Text } from '@forge/react';
import { ErrorMessage } from '../shared/ErrorMessage';
import { useResolver } from '../shared/use-resolver';
import { UserPropertiesManager } from './UserPropertiesManager';

export const AdminPage = () => {
  const { result, reload } = useResolver('getSession', undefined);
  return (
    <Stack space="space.200">
      <Heading as="h1">User properties</Heading>
      {'state' in result ? (
        <Spinner label="Loading" />
      ) : !result.success ? (
        <ErrorMessage error={result.error} onRetry={reload} />
      ) : result.data.isAdmin ? (
        <UserPropertiesManager />
      ) : (
        <SectionMessage appearance="warning" title="Administer Jira needed">
          <Text>
            Managing users' properties needs the Administer Jira global permission, which {result.data.displayName} does not have. Ask
            a Jira admin for access; your own preferences are under your profile, in My preferences.
          </Text>
        </SectionMessage>
      )}
    </Stack>
  );
};
