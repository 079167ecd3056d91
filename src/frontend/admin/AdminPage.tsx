import React from 'react';
import { Heading, SectionMessage, Spinner, Stack, Text } from '@forge/react';
import { ErrorMessage } from '../shared/ErrorMessage';
import { useResolver } from '../shared/use-resolver';
import { AdminTabs } from './AdminTabs';
import { keyRulesList } from './key-rule-label';

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
        <AdminTabs />
      ) : result.data.delegatedKeys.length > 0 ? (
        <Stack space="space.200">
          <SectionMessage appearance="information" title="Delegated access">
            <Text>
              You can manage these keys on any user: {keyRulesList(result.data.delegatedKeys)}. Other keys are hidden; a Jira admin can change
              which keys your group manages.
            </Text>
          </SectionMessage>
          <AdminTabs delegatedKeys={result.data.delegatedKeys} />
        </Stack>
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
