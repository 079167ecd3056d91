// The local Forge runtime loader (built to .build/forge-runtime/dist/loader.js; Forge's bundler writes it as the
// bundle's entry, __forge__.cjs, and the runner calls its `main` as `_HANDLER=__forge__.main`). It hands every
// invocation to the wrapper the bundler placed beside it.
import path from 'node:path';
import type { ExternalRequestBody, InvocationResult } from './invocation-protocol';

type Wrapper = { invoke(event: ExternalRequestBody, lambdaContext: unknown): Promise<InvocationResult> };

const wrapperFile = path.join(process.env.FORGE_EFS_RUNTIME_PATH ?? __dirname, process.env.FORGE_CUSTOM_WRAPPER_FILE_NAME ?? '__forge_wrapper__.cjs');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const wrapper = require(wrapperFile) as Wrapper;

export const main = (event: ExternalRequestBody, lambdaContext: unknown): Promise<InvocationResult> => wrapper.invoke(event, lambdaContext);
