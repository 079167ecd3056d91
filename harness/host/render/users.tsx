// User and UserPicker. Both ask the local server as the page's current account, the way the product fetches users
// for the logged-in user (the picker goes to Jira's /rest/api/3/user/picker).
import React, { useEffect, useState } from 'react';
import Avatar from '@atlaskit/avatar';
import { AsyncSelect } from '@atlaskit/select';
import { HelperMessage, Label, RequiredAsterisk } from '@atlaskit/form';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import type { HostUser } from '../config';
import { reportHostError } from '../host-errors';
import { getUser, searchUsers } from '../services';
import { call } from './core';
import type { ForgeDoc, NodeComponent } from './types';

interface UserOption {
  value: string;
  label: string;
  user: HostUser;
}

const toOption = (user: HostUser): UserOption => ({ value: user.id, label: user.name, user });

function UserNode({ node }: { node: ForgeDoc }) {
  const accountId = String(node.props.accountId ?? '');
  const [user, setUser] = useState<HostUser | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    setUser(undefined);
    getUser(accountId).then(
      (found) => live && setUser(found),
      () => live && setUser(null),
    );
    return () => {
      live = false;
    };
  }, [accountId]);
  const name = user === undefined ? 'Loading…' : user === null ? 'Unknown user' : user.name;
  return (
    <span data-forge-type="User" data-account-id={accountId} style={{ display: 'inline-flex', verticalAlign: 'middle' }}>
      <Inline space="space.075" alignBlock="center">
        {/* With the name shown beside it the avatar is decorative; alone, it carries the name for assistive tech. */}
        <Avatar size="small" src={user?.avatarUrl} {...(node.props.hideDisplayName ? { name } : {})} />
        {!node.props.hideDisplayName && <Text>{name}</Text>}
      </Inline>
    </span>
  );
}

const formatOptionLabel = (option: UserOption) => (
  <Inline space="space.100" alignBlock="center">
    <Avatar size="xsmall" src={option.user.avatarUrl} />
    <span>{option.user.name}</span>
  </Inline>
);

function UserPickerNode({ node }: { node: ForgeDoc }) {
  const p = node.props;
  const isMulti = Boolean(p.isMulti);
  const inputId = `forge-user-picker-${node.key ?? p.name}`;
  const [selected, setSelected] = useState<UserOption | readonly UserOption[] | null>(isMulti ? [] : null);
  const [touched, setTouched] = useState(false);

  // defaultValue is an accountId (or a list of them): resolve it to users once, unless the user already picked.
  const defaultIds = ([] as unknown[]).concat(p.defaultValue ?? []).map(String);
  const defaultKey = defaultIds.join(',');
  useEffect(() => {
    if (!defaultKey) return;
    let live = true;
    Promise.all(defaultKey.split(',').map(getUser)).then(
      (users) => {
        if (!live || touched) return;
        const options = users.map(toOption);
        setSelected(isMulti ? options : (options[0] ?? null));
      },
      (error: Error) => reportHostError('host', `UserPicker: cannot load defaultValue ${defaultKey}: ${error.message}`),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [defaultKey, isMulti]);

  const loadOptions = async (query: string): Promise<UserOption[]> => {
    if (!query.trim()) return [];
    try {
      return (await searchUsers(query)).map(toOption);
    } catch (error) {
      reportHostError('host', `UserPicker: user search failed: ${(error as Error).message}`);
      return [];
    }
  };

  return (
    <Stack space="space.050">
      {p.label && (
        <Label htmlFor={inputId}>
          {p.label}
          {p.isRequired && <RequiredAsterisk />}
        </Label>
      )}
      <Box>
        <AsyncSelect<UserOption, boolean>
          inputId={inputId}
          name={p.name}
          isMulti={isMulti}
          isClearable
          cacheOptions
          placeholder={p.placeholder ?? 'Search for a user'}
          loadOptions={loadOptions}
          noOptionsMessage={({ inputValue }) => (inputValue ? 'No matching users' : 'Start typing to search')}
          formatOptionLabel={formatOptionLabel}
          value={selected}
          onChange={(value) => {
            setTouched(true);
            setSelected(value as UserOption | readonly UserOption[] | null);
            // UI Kit hands the app the user ({ id, name, avatarUrl, email, type }), null once cleared, or a list.
            if (isMulti) call(p.onChange, ((value ?? []) as readonly UserOption[]).map((option) => option.user));
            else call(p.onChange, (value as UserOption | null)?.user ?? null);
          }}
        />
      </Box>
      {p.description && <HelperMessage>{p.description}</HelperMessage>}
    </Stack>
  );
}

export const userComponents: Record<string, NodeComponent> = {
  User: UserNode,
  UserPicker: UserPickerNode,
};
