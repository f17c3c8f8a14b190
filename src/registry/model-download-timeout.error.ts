import { RegistryUnavailableError } from './registry.errors';

/**
 * One attempt to download model.onnx took longer than REGISTRY_DOWNLOAD_TIMEOUT_MS. A kind of registry
 * outage, so whoever retries RegistryUnavailableError retries this too; check for it first to count timeouts apart.
 */
export class ModelDownloadTimeoutError extends RegistryUnavailableError {}
