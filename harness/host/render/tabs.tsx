// Tabs, TabList, Tab, TabPanel. Atlaskit Tabs is positional (first child the TabList, then one TabPanel per Tab),
// which the forgeDoc order already is.
import React from 'react';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { call, defined, renderChildren } from './core';
import type { NodeComponent } from './types';

export const tabComponents: Record<string, NodeComponent> = {
  Tabs: ({ node }) => {
    const p = node.props;
    return (
      <Tabs
        id={String(p.id ?? `forge-tabs-${node.key}`)}
        {...defined({ selected: p.selected, defaultSelected: p.defaultSelected, shouldUnmountTabPanelOnChange: p.shouldUnmountTabPanelOnChange, testId: p.testId })}
        onChange={(index) => call(p.onChange, index)}
      >
        {renderChildren(node)}
      </Tabs>
    );
  },
  TabList: ({ node }) => <TabList>{renderChildren(node)}</TabList>,
  Tab: ({ node }) => <Tab {...defined({ testId: node.props.testId })}>{renderChildren(node)}</Tab>,
  TabPanel: ({ node }) => <TabPanel {...defined({ testId: node.props.testId })}>{renderChildren(node)}</TabPanel>,
};
