import { DomainError } from '../common/domain-error';

/** MODEL_VERSION is not a number, `latest`, an alias or `best:<metric>`; a configuration mistake. */
export class VersionSelectorInvalidError extends DomainError {
  readonly code = 'VERSION_SELECTOR_INVALID';
  readonly httpStatus = 500;
}
