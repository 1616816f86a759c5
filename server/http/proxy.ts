// Which X-Forwarded-* headers to believe: those the configured proxies wrote, never the client's.
import type { TrustProxy } from '../config.ts';

/**
 * Fastify's trustProxy for the configured proxies. `true` in Fastify trusts every hop, so the
 * address a client writes into X-Forwarded-For would become "the client address" and every
 * per-client limit could be dodged by changing it; a number of hops is refused by Fastify
 * (fail-closed). A count is therefore given as a function that trusts exactly that many hops
 * from the socket: the address the nearest untrusted hop appended is the client's.
 */
export function fastifyTrustProxy(trust: TrustProxy): false | string[] | ((address: string, hop: number) => boolean) {
  if (trust === false || Array.isArray(trust)) return trust;
  return (_address, hop) => hop < trust;
}
