/**
 * An error a person can act on: the message names the file or setting and what to do. Anything that is not a
 * UserError is a bug: the CLI prints its stack, the extension shows it in the output channel.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

export function isUserError(err: unknown): err is UserError {
  return err instanceof Error && err.name === 'UserError';
}
