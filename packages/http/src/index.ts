/**
 * `@zhidu/http`: every zhidu rule module over HTTP, for ERPs and CRMs in any language.
 *
 * @packageDocumentation
 */
export {
  type AppVariables,
  type AuthOption,
  createApp,
  type ErrorBody,
  type Principal,
  type ServerOptions,
} from './app.js';
export { type JsonObject, openApiDocument } from './openapi.js';
export { type RunningServer, startServer } from './serve.js';
export type { DomainStore, StoreOption } from './store-routes.js';
