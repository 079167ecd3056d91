// The sandbox process: modelled on @forge/tunnel's sandbox-runner (what `forge tunnel` forks for each function). It
// loads the bundle's entry, then answers each IPC message { lambdaEvent, tunnelContext } by calling the entry's
// handler with a Lambda-like context. One invocation at a time: the pool never sends a second before the answer.
import type { SandboxRequest, SandboxResponse, InvocationResult } from './invocation-protocol';

type Main = (event: SandboxRequest['lambdaEvent'], context: { awsRequestId: string; getRemainingTimeInMillis(): number }) => Promise<InvocationResult>;

const [, , fileName, handlerName] = process.argv;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const handler = require(fileName)[handlerName] as Main;

process.on('message', async ({ lambdaEvent, tunnelContext: { requestId, deadline } }: SandboxRequest) => {
  const result = await handler(lambdaEvent, { awsRequestId: requestId, getRemainingTimeInMillis: () => deadline - Date.now() });
  try {
    process.send?.({ requestId, result } satisfies SandboxResponse);
  } catch (error) {
    // An answer IPC cannot carry (a BigInt, a cycle) is the function's failure, as Forge could not serialise it either.
    const failure: InvocationResult = {
      status: 500,
      success: false,
      body: undefined,
      error: { errorType: 'TypeError', errorMessage: `The function's return value cannot be serialised: ${(error as Error).message}`, isHostedCodeError: true },
    };
    process.send?.({ requestId, result: failure } satisfies SandboxResponse);
  }
});
// The platform went away (a test run ended, `npm start` stopped): a sandbox never outlives it.
process.on('disconnect', () => process.exit(0));
process.send?.({ ready: true });
