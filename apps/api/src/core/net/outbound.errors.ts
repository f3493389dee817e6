/**
 * The target is an address the product must not reach (loopback, private, metadata...) and is not in
 * `OUTBOUND_ALLOW_HOSTS`. Retrying cannot help.
 */
export class OutboundRefusedError extends Error {
  constructor(
    readonly host: string,
    /** The refused IP address (the host itself when it is an IP literal). */
    readonly address: string,
    /** e.g. "a private address" */
    readonly reason: string,
  ) {
    super(
      `${host === address ? address : `${host} (${address})`} is ${reason}; ` +
        'allow it with OUTBOUND_ALLOW_HOSTS',
    );
  }
}

/** The answer was larger than the caller allows; retrying cannot help. */
export class OutboundTooLargeError extends Error {
  constructor(
    readonly url: string,
    readonly limitBytes: number,
  ) {
    super(`${url} answered with more than ${Math.round(limitBytes / 1024)} KB`);
  }
}

/** Only http(s) URLs without credentials in them are requested; retrying cannot help. */
export class OutboundUrlError extends Error {}
