import {
  OutboundRefusedError,
  OutboundTooLargeError,
  OutboundUrlError,
} from '../../../../core/net/outbound.errors';
import { ChannelConnectError } from '../../channel-adapter';
import { GraphApiError, GraphUnreachableError } from './graph-api.client';

/** Why Meta did not confirm a channel's settings, for the admin who asked (`check`). */
export function checkError(err: unknown, what: { idField: string; tokenField: string }): Error {
  if (err instanceof ChannelConnectError) return err;
  if (err instanceof OutboundRefusedError || err instanceof OutboundUrlError)
    return new ChannelConnectError(`config.apiBaseUrl is refused: ${err.message}`);
  if (err instanceof GraphUnreachableError || err instanceof OutboundTooLargeError)
    return new ChannelConnectError(`Meta could not be reached: ${err.message}`, true);
  if (!(err instanceof GraphApiError)) return err instanceof Error ? err : new Error(String(err));
  const { status, code, detail } = err;
  if (code === 190 || status === 401)
    return new ChannelConnectError(
      `Meta does not accept config.${what.tokenField} (${detail}): create a new token in the Meta app and save it here`,
    );
  if (code === 100 || code === 803 || status === 404)
    return new ChannelConnectError(
      `Meta does not know config.${what.idField} with this token (${detail}): check the id, and that the token belongs to its account`,
    );
  if (code === 10 || (code !== undefined && code >= 200 && code < 300))
    return new ChannelConnectError(
      `config.${what.tokenField} lacks a permission (${detail}): grant it in the Meta app and create the token again`,
    );
  if (status === 429 || status >= 500)
    return new ChannelConnectError(
      `Meta is unavailable right now (${status} ${detail}): try again in a moment`,
      true,
    );
  return new ChannelConnectError(`Meta refused the check (${status}): ${detail}`);
}
