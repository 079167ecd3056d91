import Resolver from '@forge/resolver';
import { definePropertyResolvers } from './properties';
import { defineSessionResolvers } from './session';
import { defineUserResolvers } from './users';

const resolver = new Resolver();
defineSessionResolvers(resolver);
defineUserResolvers(resolver);
definePropertyResolvers(resolver);

export const handler = resolver.getDefinitions();
