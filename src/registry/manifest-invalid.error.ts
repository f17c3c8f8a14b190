import { DomainError } from '../common/domain-error';

/** A manifest that fails the schema or the cross-field checks; the model version it describes is never served. */
export class ManifestInvalidError extends DomainError {
  readonly code = 'MANIFEST_INVALID';
  readonly httpStatus = 503;

  constructor(
    readonly where: string,
    readonly problems: string[],
  ) {
    super(`manifest of ${where} is invalid: ${problems.join('; ')}`, problems);
  }
}
