// The left sidebar Jira shows around an app page: the Apps section of Jira settings for admin pages, the personal
// settings menu for personal settings pages. Only the app's own modules are live links; the rest is scenery.
import React from 'react';
import { Stack, Text } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import ArrowLeftIcon from '@atlaskit/icon/core/arrow-left';
import { hostPageUrl, type HostModuleInfo, type HostPageConfig } from '../config';

interface Layout {
  title: string;
  scenery: string[];
  appsHeading: string;
}

const LAYOUTS: Record<string, Layout> = {
  'jira:adminPage': { title: 'Apps', scenery: ['Explore apps', 'Manage apps', 'App requests', 'Audit log'], appsHeading: 'Apps' },
  'jira:personalSettingsPage': { title: 'Personal settings', scenery: ['General', 'Notifications', 'Connected apps'], appsHeading: 'App settings' },
};

const itemStyle = (selected: boolean, live: boolean): React.CSSProperties => ({
  display: 'flex',
  alignItems: 'center',
  minHeight: 36,
  padding: `0 ${token('space.150')}`,
  borderRadius: token('radius.small'),
  textDecoration: 'none',
  font: token('font.body'),
  fontWeight: selected ? 500 : undefined,
  color: selected ? token('color.text.selected') : live ? token('color.text.subtle') : token('color.text.subtlest'),
  background: selected ? token('color.background.selected') : 'transparent',
  cursor: live ? 'pointer' : 'default',
});

function SectionHeading({ children }: { children: React.ReactNode }) {
  return (
    <div style={{ padding: `${token('space.200')} ${token('space.150')} ${token('space.050')}`, font: token('font.body.small'), fontWeight: 600, color: token('color.text.subtlest') }}>
      {children}
    </div>
  );
}

export function SideNav({ config }: { config: HostPageConfig }) {
  const layout = LAYOUTS[config.module.type] ?? { title: 'Apps', scenery: [], appsHeading: 'Apps' };
  const siblings: HostModuleInfo[] = config.modules.filter((module) => module.type === config.module.type);
  return (
    <nav
      aria-label={layout.title}
      data-testid="jira-side-nav"
      style={{
        width: 256,
        flex: '0 0 256px',
        padding: token('space.150'),
        borderRight: `1px solid ${token('color.border')}`,
        background: token('elevation.surface'),
        minHeight: 'calc(100vh - 56px)',
        boxSizing: 'border-box',
      }}
    >
      <Stack space="space.050">
        <span style={itemStyle(false, false)} title="Not available in the local host">
          <ArrowLeftIcon label="" color={token('color.icon.subtle')} />
          <span style={{ marginLeft: 8 }}>{config.module.type === 'jira:adminPage' ? 'Back to Jira settings' : 'Back to Jira'}</span>
        </span>
        <div style={{ padding: `${token('space.100')} ${token('space.150')}` }}>
          <Text weight="bold" size="large">
            {layout.title}
          </Text>
        </div>
        {layout.scenery.map((label) => (
          <span key={label} style={itemStyle(false, false)} title="Not available in the local host">
            {label}
          </span>
        ))}
        <SectionHeading>{layout.appsHeading}</SectionHeading>
        {siblings.map((module) => {
          const selected = module.key === config.module.key;
          return (
            <a
              key={module.key}
              href={hostPageUrl(config.account.accountId, module.key)}
              aria-current={selected ? 'page' : undefined}
              data-testid={`side-nav-module-${module.key}`}
              style={itemStyle(selected, true)}
            >
              {module.title}
            </a>
          );
        })}
        <SectionHeading>Local host</SectionHeading>
        <a href="/__host/info" style={itemStyle(false, true)}>
          What is running
        </a>
      </Stack>
    </nav>
  );
}
