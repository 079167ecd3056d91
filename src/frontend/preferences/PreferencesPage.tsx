import React from 'react';
import { Heading, Spinner, Stack, Text } from '@forge/react';
import { MAX_VALUE_BYTES } from '../../domain/property-rules';
import { ErrorMessage } from '../shared/ErrorMessage';
import { useResolver } from '../shared/use-resolver';

export const PreferencesPage = () => {
  const { result } = useResolver('listProperties', {});
  if ('state' in result) return <Spinner label="Loading your preferences" />;
  if (!result.success) return <ErrorMessage error={result.error} />;
  const { properties } = result.data;
  return (
    <Stack space="space.200">
      <Heading as="h1">My preferences</Heading>
      {properties.length === 0 ? (
        <Text>No properties are stored for you yet.</Text>
      ) : (
        properties.map((property) => (
          <Text key={property.key}>
            {property.key}: {property.bytes.toLocaleString('en-US')} of {MAX_VALUE_BYTES.toLocaleString('en-US')} bytes
          </Text>
        ))
      )}
    </Stack>
  );
};
