// The client code under test reads `import.meta.env` (Vite's types); vite is the client's dependency, not the root's.
/// <reference path="../../client/node_modules/vite/client.d.ts" />
