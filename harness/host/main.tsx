// Entry of host.js. The page loads it before the app bundle; everything the app needs at load time (window.__bridge)
// is installed synchronously here, and the chrome renders as soon as React mounts.
import React from 'react';
import { createRoot } from 'react-dom/client';
import { installBridge } from './bridge';
import { HOST_CONFIG_ELEMENT_ID, type HostPageConfig } from './config';
import { reportHostError } from './host-errors';
import { getForgeDoc } from './doc-store';
import { supportedTypes, type ForgeDoc } from './render';
import { setActingAccount } from './services';
import { installTheme } from './theme';
import { HostPage } from './chrome/host-page';

function readConfig(): HostPageConfig {
  const element = document.getElementById(HOST_CONFIG_ELEMENT_ID);
  if (!element?.textContent) throw new Error(`the page has no #${HOST_CONFIG_ELEMENT_ID} script`);
  return JSON.parse(element.textContent) as HostPageConfig;
}

const config = readConfig();
setActingAccount(config.account.accountId);
installBridge(config);
installTheme();

window.addEventListener('unhandledrejection', (event) => {
  const reason = event.reason as { message?: string } | undefined;
  // Unknown bridge commands are already reported; anything else unhandled is worth a banner too.
  if (!String(reason?.message ?? '').includes('not implemented by the local Jira host')) {
    reportHostError('app-error', `unhandled promise rejection: ${reason?.message ?? String(event.reason)}`);
  }
});

// For tests and the browser console: what this host can render, and what the app's current forgeDoc uses.
declare global {
  interface Window {
    __forgeHost?: { supportedTypes: string[]; docTypes(): string[]; doc(): ForgeDoc | undefined };
  }
}
window.__forgeHost = {
  supportedTypes: supportedTypes(),
  docTypes: () => {
    const types = new Set<string>();
    const walk = (node: ForgeDoc) => {
      types.add(node.type);
      node.children.forEach(walk);
    };
    const doc = getForgeDoc();
    if (doc) walk(doc);
    return [...types].sort();
  },
  doc: getForgeDoc,
};

const mount = document.getElementById('host-root');
if (!mount) throw new Error('the page has no #host-root element');
createRoot(mount).render(<HostPage config={config} />);
