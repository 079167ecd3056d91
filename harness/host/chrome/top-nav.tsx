// Jira's top navigation bar, with the two things the local host adds: who you are acting as, and which app module
// to show. Both choices live in the URL; picking another reloads the page.
import React, { useEffect, useState } from 'react';
import Avatar from '@atlaskit/avatar';
import Lozenge from '@atlaskit/lozenge';
import Select from '@atlaskit/select';
import { Inline, Text } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { JiraIcon } from '@atlaskit/logo/dist/esm/artifacts/logo-components/jira/icon';
import AppSwitcherIcon from '@atlaskit/icon/core/app-switcher';
import SearchIcon from '@atlaskit/icon/core/search';
import QuestionCircleIcon from '@atlaskit/icon/core/question-circle';
import SettingsIcon from '@atlaskit/icon/core/settings';
import NotificationIcon from '@atlaskit/icon/core/notification';
import { hostPageUrl, MODULE_TYPE_LABELS, type HostAccount, type HostModuleInfo, type HostPageConfig } from '../config';
import { reportHostError } from '../host-errors';
import { listAccounts } from '../services';

interface AccountOption {
  value: string;
  label: string;
  account: HostAccount;
}

const accountOption = (account: HostAccount): AccountOption => ({ value: account.accountId, label: account.displayName, account });

const formatAccount = (option: AccountOption, { context }: { context: 'menu' | 'value' }) => (
  <Inline space="space.100" alignBlock="center">
    <Avatar size="xsmall" src={option.account.avatarUrl} />
    <span>{option.account.displayName}</span>
    {context === 'menu' && option.account.isAdmin && <Lozenge appearance="new">Jira admin</Lozenge>}
    {!option.account.active && <Lozenge appearance="removed">Inactive</Lozenge>}
  </Inline>
);

interface ModuleOption {
  value: string;
  label: string;
}

const moduleOption = (module: HostModuleInfo): ModuleOption => ({
  value: module.key,
  label: `${MODULE_TYPE_LABELS[module.type] ?? module.type}: ${module.title}`,
});

const menuPortal = { menuPortal: (base: Record<string, unknown>) => ({ ...base, zIndex: 600 }) };

function IconSlot({ children, label, selected }: { children: React.ReactNode; label: string; selected?: boolean }) {
  return (
    <span
      title={label}
      style={{
        display: 'inline-flex',
        alignItems: 'center',
        justifyContent: 'center',
        width: 32,
        height: 32,
        borderRadius: token('radius.small'),
        background: selected ? token('color.background.selected') : 'transparent',
        color: selected ? token('color.icon.selected') : token('color.icon.subtle'),
      }}
    >
      {children}
    </span>
  );
}

const Label = ({ children }: { children: string }) => (
  <span style={{ whiteSpace: 'nowrap', flexShrink: 0 }}>
    <Text size="small" color="color.text.subtle">
      {children}
    </Text>
  </span>
);

export function TopNav({ config }: { config: HostPageConfig }) {
  const [accounts, setAccounts] = useState<AccountOption[]>([accountOption(config.account)]);
  useEffect(() => {
    listAccounts().then(
      (list) => setAccounts(list.map(accountOption)),
      (error: Error) => reportHostError('host', `cannot list accounts: ${error.message}`),
    );
  }, []);
  const current = accounts.find((option) => option.value === config.account.accountId) ?? accountOption(config.account);

  return (
    <header
      data-testid="jira-top-nav"
      style={{
        height: 56,
        display: 'flex',
        alignItems: 'center',
        gap: token('space.150'),
        padding: `0 ${token('space.150')}`,
        background: token('elevation.surface'),
        borderBottom: `1px solid ${token('color.border')}`,
        position: 'sticky',
        top: 0,
        zIndex: 100,
      }}
    >
      <IconSlot label="Switch apps (not available locally)">
        <AppSwitcherIcon label="" />
      </IconSlot>
      <a
        href={hostPageUrl(config.account.accountId, config.module.key)}
        style={{ display: 'inline-flex', alignItems: 'center', gap: 8, textDecoration: 'none', whiteSpace: 'nowrap', flexShrink: 0 }}
      >
        <JiraIcon size="small" appearance="brand" />
        <Text weight="bold" color="color.text">
          Jira
        </Text>
      </a>
      <span style={{ flexShrink: 0 }}>
        <Lozenge appearance="moved" maxWidth="none">
          Local host
        </Lozenge>
      </span>
      <div
        aria-hidden
        style={{
          flex: '0 1 320px',
          marginLeft: token('space.200'),
          display: 'flex',
          alignItems: 'center',
          gap: 6,
          height: 32,
          padding: `0 ${token('space.100')}`,
          border: `1px solid ${token('color.border.input')}`,
          borderRadius: token('radius.small'),
          color: token('color.text.subtlest'),
        }}
      >
        <SearchIcon label="" color={token('color.icon.subtle')} />
        <Text color="color.text.subtlest">Search</Text>
      </div>
      <div style={{ flex: 1 }} />
      <Inline space="space.100" alignBlock="center" shouldWrap={false}>
        <Label>Module</Label>
        <div style={{ width: 300 }} data-testid="host-module-switcher">
          <Select<ModuleOption>
            inputId="host-module-switcher-input"
            aria-label="App module"
            spacing="compact"
            isSearchable={false}
            options={config.modules.map(moduleOption)}
            value={moduleOption(config.module)}
            onChange={(option) => option && option.value !== config.module.key && window.location.assign(hostPageUrl(config.account.accountId, option.value))}
            menuPortalTarget={document.body}
            styles={menuPortal}
          />
        </div>
        <Label>Acting as</Label>
        <div style={{ width: 260 }} data-testid="host-user-switcher">
          <Select<AccountOption>
            inputId="host-user-switcher-input"
            aria-label="Acting as"
            spacing="compact"
            options={accounts}
            value={current}
            formatOptionLabel={formatAccount}
            onChange={(option) => option && option.value !== config.account.accountId && window.location.assign(hostPageUrl(option.value, config.module.key))}
            menuPortalTarget={document.body}
            styles={menuPortal}
          />
        </div>
      </Inline>
      <IconSlot label="Notifications (not available locally)">
        <NotificationIcon label="" />
      </IconSlot>
      <IconSlot label="Help (not available locally)">
        <QuestionCircleIcon label="" />
      </IconSlot>
      <IconSlot label="Settings" selected={config.module.type === 'jira:adminPage'}>
        <SettingsIcon label="" />
      </IconSlot>
      <Avatar size="small" src={config.account.avatarUrl} name={config.account.displayName} />
    </header>
  );
}
