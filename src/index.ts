// Entry file: hands out what manifest.yml names (`handler: index.handler`) and nothing else.
export { handler } from './resolvers';
