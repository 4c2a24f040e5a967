// The restify files restify.ts imports directly: @types/restify declares the package's index only.
declare module 'restify/lib/server' {
  import type { Server } from 'restify';
  // Its options are restify.createServer's, with the router and logger made (the logger is pino, not the bunyan @types/restify names).
  const ServerClass: new (options: object) => Server;
  export = ServerClass;
}
declare module 'restify/lib/router' {
  import type { Router as RouterType } from 'restify';
  const Router: new (options: object) => RouterType;
  export = Router;
}
declare module 'restify/lib/plugins/query' {
  import type { plugins } from 'restify';
  const queryParser: typeof plugins.queryParser;
  export = queryParser;
}
declare module 'restify/lib/plugins/jsonBodyParser' {
  import type { plugins } from 'restify';
  const jsonBodyParser: typeof plugins.jsonBodyParser;
  export = jsonBodyParser;
}
declare module 'restify/lib/plugins/pre/context' {
  import type { plugins } from 'restify';
  const context: typeof plugins.pre.context;
  export = context;
}
