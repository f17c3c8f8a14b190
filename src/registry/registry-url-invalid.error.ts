import { DomainError } from '../common/domain-error';

/** MODEL_REGISTRY_URL (or the credential that goes with it) cannot name a registry; a configuration mistake. */
export class RegistryUrlInvalidError extends DomainError {
  readonly code = 'REGISTRY_URL_INVALID';
  readonly httpStatus = 500;
}
