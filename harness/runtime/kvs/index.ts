export { KvsService, type KvsServiceOptions, type KvsRequestRecord } from './service';
export { KvsStore, type Space, type StoredEntry } from './store';
export { KvsError } from './errors';
export { KVS_LIMITS, KEY_PATTERN } from './limits';
export { loadEntityDefinitions, type EntityDefinition } from './entities';
