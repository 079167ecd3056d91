import React, { useState } from 'react';
import { Box, Tab, TabList, TabPanel, Tabs } from '@forge/react';
import type { KeyRule } from '../../shared/contract';
import { BulkTab } from './bulk/BulkTab';
import type { FoundTarget } from './bulk/bulk-draft';
import { DefinitionsTab } from './definitions/DefinitionsTab';
import { DelegationsTab } from './delegations/DelegationsTab';
import { HistoryTab } from './history/HistoryTab';
import { AllUsersTab } from './site/AllUsersTab';
import { UserPropertiesManager } from './UserPropertiesManager';

type TabName = 'users' | 'preferences' | 'delegations' | 'allUsers' | 'history' | 'bulk';

const LABELS: Record<TabName, string> = {
  users: 'Users',
  preferences: 'Preferences',
  delegations: 'Delegations',
  allUsers: 'All users',
  history: 'History',
  bulk: 'Bulk changes',
};

const ADMIN_TABS: readonly TabName[] = ['users', 'preferences', 'delegations', 'allUsers', 'history', 'bulk'];
// The resolvers limit a delegate's bulk changes to their keys, as they limit the Users tab.
const DELEGATE_TABS: readonly TabName[] = ['users', 'bulk'];

const Panel = ({ children }: { children: React.ReactNode }) => <Box xcss={{ paddingBlockStart: 'space.200' }}>{children}</Box>;

interface Props {
  /** Set for a delegate: they get the Users and Bulk changes tabs only, limited to these keys. */
  delegatedKeys?: readonly KeyRule[];
}

/**
 * Users, Preferences, Delegations, All users (site-wide jobs), History (the site's changes, admins only like All
 * users) and Bulk changes. Only the selected panel renders its content, so a tab loads its data when opened; the
 * picked user is kept here so coming back to Users shows them again. Bulk changes stays mounted once opened, so its
 * form and the job it follows survive a look at another tab.
 */
export const AdminTabs = ({ delegatedKeys }: Props) => {
  const tabs = delegatedKeys ? DELEGATE_TABS : ADMIN_TABS;
  const [selected, setSelected] = useState(0);
  const [bulkOpened, setBulkOpened] = useState(false);
  const [accountId, setAccountId] = useState<string>();
  // A search's users the All users tab hands to Bulk changes (admins only: delegates have no All users tab).
  const [found, setFound] = useState<FoundTarget>();
  const select = (index: number) => {
    setSelected(index);
    if (tabs[index] === 'bulk') setBulkOpened(true);
  };

  const content = (name: TabName) => {
    switch (name) {
      case 'users':
        return <UserPropertiesManager accountId={accountId} onSelect={setAccountId} allowedKeys={delegatedKeys} />;
      case 'preferences':
        return <DefinitionsTab />;
      case 'delegations':
        return <DelegationsTab />;
      case 'allUsers':
        return (
          <AllUsersTab
            onOpenUser={(id) => {
              setAccountId(id);
              setSelected(tabs.indexOf('users'));
            }}
            onBulkChange={(target) => {
              setFound(target);
              select(tabs.indexOf('bulk'));
            }}
          />
        );
      case 'history':
        return <HistoryTab />;
      case 'bulk':
        return <BulkTab allowedKeys={delegatedKeys} foundTarget={found} />;
    }
  };
  const shown = (name: TabName, index: number) => index === selected || (name === 'bulk' && bulkOpened);

  return (
    <Tabs id="admin-tabs" selected={selected} onChange={select}>
      <TabList>
        {tabs.map((name) => (
          <Tab key={name}>{LABELS[name]}</Tab>
        ))}
      </TabList>
      {tabs.map((name, index) => (
        <TabPanel key={name}>{shown(name, index) ? <Panel>{content(name)}</Panel> : null}</TabPanel>
      ))}
    </Tabs>
  );
};
