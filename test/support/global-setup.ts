// Before any test: build what the tests run. The app as Forge's bundler builds it (.build/forge; reused when no input
// changed), and the Custom UI resources (static/*/build is not committed), which the manifest names and the browser
// tests serve.
import { buildForgeApp } from '../../harness/forge-build/forge-bundle';
import { buildStaticResources } from '../../harness/static/build-static';

export default async function globalSetup(): Promise<void> {
  const built = await buildForgeApp();
  if (!built.reused) console.log(`\nBuilt the app with @forge/bundler: function in ${built.function.ms} ms, UI Kit resources in ${Object.values(built.resources)[0]?.ms ?? 0} ms`);
  await buildStaticResources();
}
