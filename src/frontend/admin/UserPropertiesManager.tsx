import React from 'react';
import { Stack } from '@forge/react';
import type { KeyRule } from '../../shared/contract';
import { PropertiesPanel } from './table/PropertiesPanel';
import { UserCard } from './UserCard';
import { UserSelector } from './UserSelector';

interface Props {
  /** The user being managed; kept by the page so switching tabs does not lose it. */
  accountId: string | undefined;
  onSelect(accountId: string): void;
  /** For a delegate: the keys they may manage. */
  allowedKeys?: readonly KeyRule[];
}

/** Pick a user, then manage their properties. */
export const UserPropertiesManager = ({ accountId, onSelect, allowedKeys }: Props) => (
  <Stack space="space.300">
    <UserSelector onSelect={onSelect} />
    {accountId ? (
      <Stack space="space.200" key={accountId}>
        <UserCard accountId={accountId} />
        <PropertiesPanel accountId={accountId} allowedKeys={allowedKeys} />
      </Stack>
    ) : null}
  </Stack>
);
