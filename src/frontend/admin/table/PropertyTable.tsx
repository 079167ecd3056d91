import React from 'react';
import { Button, ButtonGroup, Code, DynamicTable, Inline, Lozenge, Text, Tooltip } from '@forge/react';
import { displayKey } from '../../../domain/key-display';
import { knownKeyOwner } from '../../../domain/known-keys';
import { MAX_VALUE_BYTES } from '../../../domain/property-rules';
import type { PropertyEntry } from '../../../shared/contract';
import { previewJson } from '../../shared/json-text';

interface Props {
  caption: string;
  properties: PropertyEntry[];
  onView(property: PropertyEntry): void;
  onEdit(property: PropertyEntry): void;
  onDelete(property: PropertyEntry): void;
}

const NEAR_LIMIT = 0.8;

export const sizeLabel = (bytes: number) =>
  `${bytes.toLocaleString('en-US')} B · ${Math.max(bytes > 0 ? 1 : 0, Math.round((bytes / MAX_VALUE_BYTES) * 100))}%`;

const head = {
  cells: [
    { key: 'key', content: 'Key', isSortable: true },
    { key: 'value', content: 'Value' },
    { key: 'size', content: `Size (of ${MAX_VALUE_BYTES.toLocaleString('en-US')} B)`, isSortable: true },
    { key: 'actions', content: 'Actions' },
  ],
};

// Cell contents are plain UI Kit elements: DynamicTable flattens them into its forgeDoc, so no hooks inside.
export const PropertyTable = ({ caption, properties, onView, onEdit, onDelete }: Props) => (
  <DynamicTable
    caption={caption}
    head={head}
    defaultSortKey="key"
    defaultSortOrder="ASC"
    rowsPerPage={20}
    rows={properties.map((property) => {
      const owner = knownKeyOwner(property.key);
      const shown = displayKey(property.key);
      return {
        key: `row-${property.key}`,
        cells: [
          {
            key: property.key,
            content: (
              <Inline space="space.100" alignBlock="center">
                <Text>{shown.text}</Text>
                {owner ? <Lozenge appearance="moved">{`Used by ${owner}`}</Lozenge> : null}
                {shown.unusual ? (
                  <Tooltip content={shown.unusual}>
                    <Lozenge appearance="removed">Unusual key</Lozenge>
                  </Tooltip>
                ) : null}
              </Inline>
            ),
          },
          {
            key: `value-${property.key}`,
            content: property.unreadable ? <Text>{`Cannot be read: ${property.unreadable}`}</Text> : <Code>{previewJson(property.json)}</Code>,
          },
          {
            key: property.bytes,
            content: (
              <Inline space="space.100" alignBlock="center">
                <Text>{sizeLabel(property.bytes)}</Text>
                {property.bytes > MAX_VALUE_BYTES * NEAR_LIMIT ? <Lozenge appearance="removed">Near limit</Lozenge> : null}
              </Inline>
            ),
          },
          {
            key: `actions-${property.key}`,
            content: property.unreadable ? (
              <Text>No actions: Jira's REST API cannot address this key.</Text>
            ) : (
              <ButtonGroup label={`Actions for ${shown.text}`}>
                <Button spacing="compact" onClick={() => onView(property)}>
                  View
                </Button>
                {/* The app writes only keys it would create itself; an unusual key can be viewed and deleted. */}
                {shown.unusual ? null : (
                  <Button spacing="compact" onClick={() => onEdit(property)}>
                    Edit
                  </Button>
                )}
                <Button spacing="compact" appearance="subtle" onClick={() => onDelete(property)}>
                  Delete
                </Button>
              </ButtonGroup>
            ),
          },
        ],
      };
    })}
  />
);
