/** The environment does not describe a service that can start; the message names each variable and its rule. */
export class AppConfigInvalidError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'AppConfigInvalidError';
  }
}
