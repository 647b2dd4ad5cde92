// The one error type of the decoding layer: a file that cannot be used. Its message is the reason shown next to
// the file's path in the load report, so it is written for a person and never names internals.
export class ImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageError';
  }
}
