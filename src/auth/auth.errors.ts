import { DomainError } from '../common/domain-error';

/** No bearer token or API key on a route that needs one. */
export class CredentialsMissingError extends DomainError {
  readonly code = 'UNAUTHENTICATED';
  readonly httpStatus = 401;
}

/** A token that is expired, not yet valid, badly signed, from another issuer or for another audience; or an unknown key. */
export class CredentialsInvalidError extends DomainError {
  readonly code = 'INVALID_CREDENTIALS';
  readonly httpStatus = 401;
}

/** A known consumer without the app role or scope the endpoint needs. */
export class RoleMissingError extends DomainError {
  readonly code = 'FORBIDDEN';
  readonly httpStatus = 403;
}
