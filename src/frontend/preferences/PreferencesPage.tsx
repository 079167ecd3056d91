import React, { useState } from 'react';
import { EmptyState, Heading, Spinner, Stack, Text } from '@forge/react';
import type { MyPreferences } from '../../shared/contract';
import { ErrorMessage } from '../shared/ErrorMessage';
import { useResolver } from '../shared/use-resolver';
import { PreferenceCard } from './PreferenceCard';
import { RawPropertyCard } from './RawPropertyCard';

/** The caller's own settings: a form per admin-defined preference, then any other keys stored on their profile. */
export const PreferencesPage = () => {
  const { result, reload } = useResolver('getMyPreferences', undefined);
  if ('state' in result) return <Spinner label="Loading your preferences" />;
  return (
    <Stack space="space.300">
      <Heading as="h1">My preferences</Heading>
      {result.success ? <Preferences preferences={result.data} /> : <ErrorMessage error={result.error} onRetry={reload} />}
    </Stack>
  );
};

const Preferences = ({ preferences }: { preferences: MyPreferences }) => {
  const { definitions, properties, allowRawEditing } = preferences;
  const [deleted, setDeleted] = useState<string[]>([]);
  const defined = new Set(definitions.map((definition) => definition.key));
  const others = properties.filter((property) => !defined.has(property.key) && !deleted.includes(property.key));
  if (definitions.length === 0 && others.length === 0) {
    return <EmptyState header="Nothing to set yet" description="Your Jira admin has not defined any preferences, and nothing is stored on your profile." />;
  }
  return (
    <Stack space="space.300">
      {definitions.length > 0 ? (
        <Stack space="space.200">
          {definitions.map((definition) => {
            const property = properties.find((entry) => entry.key === definition.key);
            return (
              <PreferenceCard
                key={definition.key}
                definition={definition}
                initial={property ? { exists: true, value: property.value } : { exists: false }}
              />
            );
          })}
        </Stack>
      ) : (
        <Text>Your Jira admin has not defined any preferences yet.</Text>
      )}
      {others.length > 0 ? (
        <Stack space="space.200">
          <Heading as="h2" size="medium">
            Other stored values
          </Heading>
          <Text>
            {allowRawEditing
              ? 'Jira and other apps keep these values on your profile. You may edit them as JSON; change them only if you know what they hold.'
              : 'Jira and other apps keep these values on your profile. They are shown for reference; only your Jira admin can change them.'}
          </Text>
          {others.map((property) => (
            <RawPropertyCard
              key={property.key}
              property={property}
              editable={allowRawEditing}
              onDeleted={(key) => setDeleted((keys) => [...keys, key])}
            />
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
};
