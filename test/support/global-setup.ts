// Before any test: build the Custom UI resources (static/*/build is not committed), which the manifest names and
// the browser tests serve.
import { buildStaticResources } from '../../harness/static/build-static';

export default async function globalSetup(): Promise<void> {
  await buildStaticResources();
}
