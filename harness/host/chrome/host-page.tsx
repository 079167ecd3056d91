// The whole page: Jira's top bar and sidebar around the content area where the app's forgeDoc is rendered.
import React, { useSyncExternalStore } from 'react';
import Banner from '@atlaskit/banner';
import Spinner from '@atlaskit/spinner';
import { Stack, Text } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import ErrorIcon from '@atlaskit/icon/core/error';
import type { HostPageConfig } from '../config';
import { getDocVersion, getForgeDoc, subscribeForgeDoc } from '../doc-store';
import { HostFlags } from '../flags';
import { getHostErrors, reportHostError, subscribeHostErrors } from '../host-errors';
import { renderNode } from '../render';
import { SideNav } from './side-nav';
import { TopNav } from './top-nav';

function HostErrorBanner() {
  const errors = useSyncExternalStore(subscribeHostErrors, getHostErrors);
  if (errors.length === 0) return null;
  return (
    <div data-testid="forge-host-error-banner" role="alert">
      <Banner appearance="error" icon={<ErrorIcon label="Error" color={token('color.icon.inverse')} />}>
        {errors.length === 1 ? 'The local Jira host hit a gap' : `The local Jira host hit ${errors.length} gaps`}: {errors.map((e) => e.message.split('\n')[0]).join(' · ')}
      </Banner>
    </div>
  );
}

/** Renderer crashes are host bugs: report them and keep the chrome alive. */
class RenderBoundary extends React.Component<{ children: React.ReactNode }, { error?: Error }> {
  override state: { error?: Error } = {};
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override componentDidCatch(error: Error) {
    reportHostError('host', `the host renderer crashed: ${error.stack ?? error.message}`);
  }
  override render() {
    if (this.state.error) {
      return (
        <div role="alert" style={{ color: token('color.text.danger'), font: token('font.body') }}>
          The local host could not render this app: {this.state.error.message}
        </div>
      );
    }
    return this.props.children;
  }
}

function ForgeAppView() {
  useSyncExternalStore(subscribeForgeDoc, getDocVersion);
  const doc = getForgeDoc();
  if (!doc) {
    return (
      <div data-testid="forge-app-loading" style={{ padding: token('space.400'), display: 'flex', justifyContent: 'center' }}>
        <Spinner size="large" label="Loading app" />
      </div>
    );
  }
  return <RenderBoundary>{renderNode(doc)}</RenderBoundary>;
}

const BREADCRUMBS: Record<string, string[]> = {
  'jira:adminPage': ['Jira settings', 'Apps'],
  'jira:personalSettingsPage': ['Personal settings'],
};

export function HostPage({ config }: { config: HostPageConfig }) {
  const trail = [...(BREADCRUMBS[config.module.type] ?? []), config.module.title];
  return (
    <div style={{ minHeight: '100vh', background: token('elevation.surface') }}>
      <TopNav config={config} />
      <div style={{ display: 'flex' }}>
        <SideNav config={config} />
        <main style={{ flex: 1, minWidth: 0 }}>
          <HostErrorBanner />
          <div style={{ padding: `${token('space.300')} ${token('space.500')}`, maxWidth: 1200 }}>
            <Stack space="space.200">
              <nav aria-label="Breadcrumbs">
                <Text size="small" color="color.text.subtle">
                  {trail.join('  /  ')}
                </Text>
              </nav>
              <section data-testid="forge-app" data-module-key={config.module.key} aria-label={config.module.title}>
                <ForgeAppView />
              </section>
            </Stack>
          </div>
        </main>
      </div>
      <HostFlags />
    </div>
  );
}
