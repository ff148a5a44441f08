import { join } from 'node:path';
import { SqliteReadStore } from './embedded';
import { MongoReadStore } from './mongodb';
import { ReadStore } from './port';

export interface ReadStoreSettings {
  /** `MONGODB_URL`: selects MongoDB; `null` the embedded SQLite store. */
  readonly mongodbUrl: string | null;
  /** `IKRAR_DATA_DIR`: where the embedded store keeps `read-models.sqlite`. */
  readonly dataDir: string;
}

export const EMBEDDED_READ_MODELS_FILE = 'read-models.sqlite';

/** The one place that chooses the read store adapter from configuration. */
export async function openReadStore(settings: ReadStoreSettings): Promise<ReadStore> {
  if (settings.mongodbUrl) return MongoReadStore.connect(settings.mongodbUrl);
  return SqliteReadStore.open({ file: join(settings.dataDir, EMBEDDED_READ_MODELS_FILE) });
}
