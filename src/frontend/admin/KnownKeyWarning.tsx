import React from 'react';
import { SectionMessage, Text } from '@forge/react';
import { knownKeyOwner } from '../../domain/known-keys';

/** Shown before editing or deleting a key that Jira or another app is known to write. */
export const KnownKeyWarning = ({ propertyKey }: { propertyKey: string }) => {
  const owner = knownKeyOwner(propertyKey);
  if (!owner) return null;
  return (
    <SectionMessage appearance="warning" title={`"${propertyKey}" is used by ${owner}`}>
      <Text>Changing or deleting it can reset this person's settings in {owner}. Only go ahead if you know what it holds.</Text>
    </SectionMessage>
  );
};
