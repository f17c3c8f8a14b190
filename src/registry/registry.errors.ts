import { DomainError } from '../common/domain-error';

export class ObjectNotFoundError extends DomainError {
  readonly code = 'REGISTRY_OBJECT_NOT_FOUND';
  readonly httpStatus = 404;
  constructor(readonly key: string) {
    super(`registry object "${key}" does not exist`);
  }
}

/** A conditional write lost a race: the object exists already, or changed since it was read. */
export class ObjectConflictError extends DomainError {
  readonly code = 'REGISTRY_CONFLICT';
  readonly httpStatus = 409;
  constructor(readonly key: string) {
    super(`registry object "${key}" was created or changed by someone else`);
  }
}

/** The registry could not be reached or answered with a server error; worth retrying. */
export class RegistryUnavailableError extends DomainError {
  readonly code = 'REGISTRY_UNAVAILABLE';
  readonly httpStatus = 503;
}

/** A version selector (number, latest, alias, best:<metric>) that names no registered version. */
export class ModelVersionNotFoundError extends DomainError {
  readonly code = 'MODEL_VERSION_NOT_FOUND';
  readonly httpStatus = 404;
}

/** model.onnx does not have the sha256 its manifest records. */
export class ModelChecksumMismatchError extends DomainError {
  readonly code = 'MODEL_CHECKSUM_MISMATCH';
  readonly httpStatus = 503;
}
