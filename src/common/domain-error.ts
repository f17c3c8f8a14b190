/**
 * Base of every error the service knows how to explain. `code` is stable (clients and alerts key on it);
 * `httpStatus` is what the one exception filter answers with. Anything else is an unexpected 500.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly httpStatus: number;

  constructor(
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
