/** An object as read from a store, with the tag a conditional write must match to replace it. */
export interface StoredObject {
  data: Buffer;
  etag: string;
}

/** `ifNoneMatch: '*'` creates only; `ifMatch` replaces only the version that was read. */
export type WriteCondition = { ifNoneMatch: '*' } | { ifMatch: string };

/**
 * Object I/O under one registry root, the only thing that differs between a local folder and an Azure Blob
 * container. Keys are `/`-separated paths such as `demand-forecast/3/manifest.json`. Version and alias rules
 * live above this, in ModelRegistry, so both stores behave the same.
 */
export interface ModelStore {
  /** Where the store points, for logs and errors; never contains credentials. */
  readonly location: string;
  /** Keys of the objects under `prefix` (recursive). */
  list(prefix: string): Promise<string[]>;
  /** The object, or undefined when it does not exist. */
  read(key: string): Promise<StoredObject | undefined>;
  /** Streams the object to a local file; throws ObjectNotFoundError when it does not exist. */
  download(key: string, destinationPath: string, signal?: AbortSignal): Promise<void>;
  /** Throws ObjectConflictError when the condition does not hold. */
  write(key: string, data: Buffer, condition: WriteCondition): Promise<void>;
}
