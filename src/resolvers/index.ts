import Resolver from '@forge/resolver';
import { defineConfigResolvers } from './config';
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

export const handler = resolver.getDefinitions();
