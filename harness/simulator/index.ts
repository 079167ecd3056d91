export { createSimulator } from './simulator';
export { DEMO_USERS, DEMO_PROPERTIES, APP_USER, NEAR_LIMIT_TARGET_BYTES } from './seed';
export type { DemoUserName, DemoProperty } from './seed';
export { SimStore } from './store';
export { MAX_KEY_LENGTH, MAX_VALUE_BYTES } from './routes/userProperties';
export type {
  FaultRule,
  LoggedRequest,
  SimPrincipal,
  SimUser,
  Simulator,
  SimulatorOptions,
  SimulatorStore,
} from './types';
