// The Content-Security-Policy a Custom UI resource's documents are served with, computed by Atlassian's @forge/csp
// (the package Forge computes it with) in its two steps:
//   1. CSPProcessingService.getCspDetails(html, permissions): the app's part, from the document as the app ships it
//      and the manifest's `permissions`: `content.scripts` / `content.styles` ('unsafe-inline', 'unsafe-eval', hashes),
//      `external.*` (fetch.client → connect-src, images, media, scripts, styles, fonts, frames), a legacy
//      <meta http-equiv="Content-Security-Policy">, and a sha256 hash for each inline <script> of that document.
//   2. CSPInjectionService.getInjectableCSP(...): Forge's fixed frame around it (default-src, frame-ancestors, sandbox,
//      form-action, report-uri, the Atlassian hosts).
// The inputs of step 2, and why:
//   - microsEnv 'prod', isFedRAMP false, no icOptions: a deployed app on a commercial Jira Cloud site.
//   - no tunnelCSPReporterUri: that is the `forge tunnel` case, which adds `ws://localhost:*` and `http://localhost:*`
//     to connect-src. The editor must work under the policy it gets in production, the stricter one. (So report-uri
//     stays Atlassian's collector: the tests' browser has no network, and they watch for violations in the frame.)
//   - hostname: the site's host, as Forge passes the Jira site's (`acme.atlassian.net`); locally the app server's.
//   - no macroParentHost / connectMacroParentDomain / parentEmbeddingDomain: those are for Confluence macros and
//     embeds, not Jira's admin and personal settings pages.
// Forge's own bridge is not part of the document the policy is computed from: Forge adds it as an external script
// from its CDN (https://forge.cdn.prod.atlassian-dev.net/global-bridge.js, which script-src lists), and the local host
// adds its bridge as an external script of the resource's own origin ('self'; see frame-resources.ts).
import { CSPInjectionService, CSPProcessingService } from '@forge/csp';
import type { Permissions } from '@forge/manifest';
import { load } from 'cheerio';
import fs from 'node:fs';
import { parse } from 'yaml';
import { DEFAULT_MANIFEST } from '../host/modules';

export interface ResourceCspInputs {
  /** The document as the app ships it, before the host adds its bridge. */
  html: string | Buffer;
  /** The manifest's `permissions`. */
  permissions: Permissions;
  /** The host (and port) of the site the app is installed in, without a scheme: `acme.atlassian.net`. */
  siteHost: string;
}

// What CSPProcessingService logs: a manifest CSP entry it drops as unsafe. The developer should hear of that.
const logger = { info: (message: string) => console.warn(`[resource CSP] ${message}`) };

/** The policy's directives, in Forge's order. */
export function resourceCspDirectives({ html, permissions, siteHost }: ResourceCspInputs): string[] {
  const existingCSPDetails = new CSPProcessingService(logger, load).getCspDetails(html, permissions);
  return new CSPInjectionService().getInjectableCSP({ existingCSPDetails, microsEnv: 'prod', isFedRAMP: false, hostname: siteHost });
}

/** The Content-Security-Policy header value. */
export const resourceCsp = (inputs: ResourceCspInputs): string => resourceCspDirectives(inputs).join('; ');

/** The `permissions` section of a manifest (read on each call: `npm start` picks up an edited manifest). */
export function readManifestPermissions(manifestPath: string = DEFAULT_MANIFEST): Permissions {
  const manifest = parse(fs.readFileSync(manifestPath, 'utf8')) as { permissions?: Permissions } | null;
  return manifest?.permissions ?? {};
}
