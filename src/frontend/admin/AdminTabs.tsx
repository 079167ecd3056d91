import React, { useState } from 'react';
import { Box, Tab, TabList, TabPanel, Tabs } from '@forge/react';
import type { KeyRule } from '../../shared/contract';
import { DefinitionsTab } from './definitions/DefinitionsTab';
import { DelegationsTab } from './delegations/DelegationsTab';
import { HistoryTab } from './history/HistoryTab';
import { AllUsersTab } from './site/AllUsersTab';
import { UserPropertiesManager } from './UserPropertiesManager';

const USERS = 0;
const PREFERENCES = 1;
const DELEGATIONS = 2;
const ALL_USERS = 3;
const HISTORY = 4;

const Panel = ({ children }: { children: React.ReactNode }) => <Box xcss={{ paddingBlockStart: 'space.200' }}>{children}</Box>;

interface Props {
  /** Set for a delegate: they get the Users tab only, limited to these keys. */
  delegatedKeys?: readonly KeyRule[];
}

/**
 * Users, Preferences, Delegations, All users (site-wide jobs) and History (the site's changes, admins only like All
 * users). Only the selected panel renders its content, so a tab loads its data when opened; the picked user is kept
 * here so coming back to Users shows them again.
 */
export const AdminTabs = ({ delegatedKeys }: Props) => {
  const [selected, setSelected] = useState(USERS);
  const [accountId, setAccountId] = useState<string>();
  const users = <UserPropertiesManager accountId={accountId} onSelect={setAccountId} allowedKeys={delegatedKeys} />;
  if (delegatedKeys) {
    return (
      <Tabs id="admin-tabs">
        <TabList>
          <Tab>Users</Tab>
        </TabList>
        <TabPanel>
          <Panel>{users}</Panel>
        </TabPanel>
      </Tabs>
    );
  }
  return (
    <Tabs id="admin-tabs" selected={selected} onChange={(index) => setSelected(index)}>
      <TabList>
        <Tab>Users</Tab>
        <Tab>Preferences</Tab>
        <Tab>Delegations</Tab>
        <Tab>All users</Tab>
        <Tab>History</Tab>
      </TabList>
      <TabPanel>{selected === USERS ? <Panel>{users}</Panel> : null}</TabPanel>
      <TabPanel>
        {selected === PREFERENCES ? (
          <Panel>
            <DefinitionsTab />
          </Panel>
        ) : null}
      </TabPanel>
      <TabPanel>
        {selected === DELEGATIONS ? (
          <Panel>
            <DelegationsTab />
          </Panel>
        ) : null}
      </TabPanel>
      <TabPanel>
        {selected === ALL_USERS ? (
          <Panel>
            <AllUsersTab
              onOpenUser={(id) => {
                setAccountId(id);
                setSelected(USERS);
              }}
            />
          </Panel>
        ) : null}
      </TabPanel>
      <TabPanel>
        {selected === HISTORY ? (
          <Panel>
            <HistoryTab />
          </Panel>
        ) : null}
      </TabPanel>
    </Tabs>
  );
};
