// The shapes the server hands the browser host: shared by harness/server (writes them) and harness/host (reads them).

export interface HostAccount {
  accountId: string;
  displayName: string;
  email: string;
  active: boolean;
  isAdmin: boolean;
  avatarUrl: string;
}

export interface HostModuleInfo {
  key: string;
  type: string;
  title: string;
}

/** Embedded in the page as JSON (`<script id="forge-host-config" type="application/json">`). */
export interface HostPageConfig {
  /** The account the page acts as: the Forge platform's idea of who is logged in. */
  account: HostAccount;
  module: HostModuleInfo;
  modules: HostModuleInfo[];
  /** What `view.getContext()` answers (the bridge hands out a fresh copy each call). */
  context: Record<string, unknown>;
  siteName: string;
  /** The manifest's resources (and any a test adds) as a `Frame` may load them, by resource key. */
  resources: Record<string, FrameResourceInfo>;
}

/** Where a Frame loads a resource from, or why it cannot (the Frame then shows UI Kit's "Not Found"). */
export type FrameResourceInfo = { url: string } | { problem: string };

/** Custom UI resources are served under here: `/__host/resources/<resourceKey>/` is the resource's index.html. */
export const RESOURCE_PREFIX = '/__host/resources/';

export const resourceUrl = (resourceKey: string) => `${RESOURCE_PREFIX}${encodeURIComponent(resourceKey)}/`;

/** The `data-theme` attribute the host's themes answer to (what Atlaskit's getThemeHtmlAttrs() gives for light). */
export const THEME_ATTRIBUTE = 'dark:dark light:light shape:shape spacing:spacing typography:typography';

/** The theme `view.getContext()` reports: the light theme harness/host/theme.ts installs. */
export const CONTEXT_THEME = { colorMode: 'light', dark: 'dark', light: 'light', shape: 'shape', spacing: 'spacing', typography: 'typography' } as const;

export const HOST_CONFIG_ELEMENT_ID = 'forge-host-config';

/** A user as the host's user endpoints answer it, in the shape UI Kit's UserPicker hands to `onChange`. */
export interface HostUser {
  id: string;
  name: string;
  avatarUrl: string;
  email: string;
  type: 'user';
}

/** The page URL for an account and a module: the choice lives in the query, and changing it reloads the page. */
export function hostPageUrl(accountId: string, moduleKey: string): string {
  return `/?${new URLSearchParams({ as: accountId, module: moduleKey })}`;
}

export const MODULE_TYPE_LABELS: Record<string, string> = {
  'jira:adminPage': 'Admin page',
  'jira:personalSettingsPage': 'Personal settings',
};
