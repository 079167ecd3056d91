import Resolver from '@forge/resolver';
import { RESOLVER_KEYS } from '../shared/contract';
import { defineConfigResolvers } from './config';
import { ownKeysOnly } from './own-keys';
import { defineFindUsersResolver } from './find-users';
import { defineHistoryResolvers } from './history';
import { defineKeyExportResolver } from './key-export';
import { defineImportResolvers } from './import';
import { defineBulkResolvers } from './bulk';
import { defineJobResolvers } from './jobs';
import { definePreferenceResolvers } from './preferences';
import { definePropertyResolvers } from './properties';
import { defineSessionResolvers } from './session';
import { defineUserResolvers } from './users';

const resolver = new Resolver();
defineSessionResolvers(resolver);
defineUserResolvers(resolver);
definePropertyResolvers(resolver);
definePreferenceResolvers(resolver);
defineConfigResolvers(resolver);
defineJobResolvers(resolver);
defineBulkResolvers(resolver);
defineImportResolvers(resolver);
defineFindUsersResolver(resolver);
defineHistoryResolvers(resolver);
defineKeyExportResolver(resolver);

export const handler = ownKeysOnly(resolver.getDefinitions(), RESOLVER_KEYS);
