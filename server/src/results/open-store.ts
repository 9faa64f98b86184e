import { openPostgresStore } from "./postgres-store.ts";
import { openSqliteStore } from "./sqlite-store.ts";
import type { AsyncResultsStore } from "./store.ts";

/** Where a server keeps its results: PostgreSQL when DATABASE_URL is set, else SQLite in DATA_DIR. */
export interface StoreLocation {
  dataDir: string;
  databaseUrl?: string | undefined;
}

/** Opens the results store this configuration asks for (see docs/results.md and docs/scaling.md). */
export async function openStore(location: StoreLocation): Promise<AsyncResultsStore> {
  if (location.databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(location.databaseUrl)) {
      throw new Error(`DATABASE_URL must start with postgres:// (got "${location.databaseUrl.split(":")[0]}:…").`);
    }
    return openPostgresStore(location.databaseUrl);
  }
  return openSqliteStore(location.dataDir);
}
