import React from 'react';
import { Button, DynamicTable, Inline, Lozenge, Text } from '@forge/react';
import type { Inventory } from '../../../shared/contract';

const count = (n: number) => n.toLocaleString('en-US');

/** Every key found on the site's people: how many have it, what share of all, who owns it, and (deep) its bytes. */
export const InventoryTable = ({ inventory, filter, onShowUsers }: { inventory: Inventory; filter: string; onShowUsers(key: string): void }) => {
  const needle = filter.trim().toLowerCase();
  const keys = needle ? inventory.keys.filter((entry) => entry.key.toLowerCase().includes(needle)) : inventory.keys;
  const head = {
    cells: [
      { key: 'key', content: 'Key', isSortable: true },
      { key: 'users', content: 'Users', isSortable: true },
      { key: 'share', content: 'Share of users' },
      { key: 'owner', content: 'Owner' },
      ...(inventory.deep ? [{ key: 'bytes', content: 'Bytes (all / largest)', isSortable: true }] : []),
      { key: 'actions', content: 'Actions' },
    ],
  };
  return (
    <DynamicTable
      caption={`${count(keys.length)} of ${count(inventory.keys.length)} keys on ${count(inventory.users)} users`}
      head={head}
      defaultSortKey="users"
      defaultSortOrder="DESC"
      rowsPerPage={25}
      emptyView={<Text>{needle ? `No key contains "${filter.trim()}".` : 'No user has any property.'}</Text>}
      rows={keys.map((entry) => ({
        key: `key-${entry.key}`,
        cells: [
          { key: entry.key, content: <Text>{entry.key}</Text> },
          { key: entry.users, content: <Text>{count(entry.users)}</Text> },
          { key: `share-${entry.key}`, content: <Text>{`${inventory.users > 0 ? ((entry.users / inventory.users) * 100).toFixed(1) : '0.0'}%`}</Text> },
          {
            key: `owner-${entry.key}`,
            content: entry.owner ? <Lozenge appearance="moved">{entry.owner}</Lozenge> : <Inline><Lozenge>Unknown</Lozenge></Inline>,
          },
          ...(inventory.deep && entry.bytes
            ? [{ key: entry.bytes.total, content: <Text>{`${count(entry.bytes.total)} B / ${count(entry.bytes.largest)} B`}</Text> }]
            : []),
          {
            key: `actions-${entry.key}`,
            content: (
              <Button spacing="compact" onClick={() => onShowUsers(entry.key)}>
                Users
              </Button>
            ),
          },
        ],
      }))}
    />
  );
};
