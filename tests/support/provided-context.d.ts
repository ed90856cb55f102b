import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    // the embedded cluster's URL, provided by global-setup.ts
    postgresUrl: string;
    // the same cluster as the serving role that the app connects as
    servingUrl: string;
  }
}
