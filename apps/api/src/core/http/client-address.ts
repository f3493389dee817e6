import type { IncomingMessage } from 'node:http';
import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Express } from 'express';
import ipaddr from 'ipaddr.js';

/** express's compiled `trust proxy` setting: may the peer `hop` steps from us name the next address? */
export type ProxyTrust = (address: string, hop: number) => boolean;

/**
 * The client's address as express's `req.ip` gives it: starting at the socket's peer, each trusted
 * hop may name the one before it (X-Forwarded-For, read from the right); the first untrusted one is
 * the client. Entries a client prepends never count unless every hop after them is trusted.
 */
export function clientAddressOf(req: IncomingMessage, trust: ProxyTrust): string {
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .reverse();
  const hops = [req.socket.remoteAddress ?? '', ...forwarded];
  for (let hop = 0; hop < hops.length - 1; hop++) {
    if (!trust(hops[hop], hop)) return hops[hop];
  }
  return hops[hops.length - 1];
}

/**
 * What per-address limits count: an IPv4 address, or the /64 of an IPv6 one, since a single
 * connection (one home, one server) usually holds a whole /64 and could otherwise take a new address
 * for every attempt. IPv4-mapped IPv6 addresses count as their IPv4 address.
 */
export function limitSubjectOf(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const ip = ipaddr.process(address);
  if (ip instanceof ipaddr.IPv4) return ip.toString();
  return `${new ipaddr.IPv6([...ip.parts.slice(0, 4), 0, 0, 0, 0]).toString()}/64`;
}

/**
 * Client addresses of requests express does not handle (socket.io handshakes), by the same
 * `TRUST_PROXY` rule as `req.ip`: it reads the trust function express compiled from that setting.
 */
@Injectable()
export class ClientAddresses {
  constructor(private readonly host: HttpAdapterHost) {}

  of(req: IncomingMessage): string {
    const app = this.host.httpAdapter.getInstance<Express>();
    return clientAddressOf(req, app.get('trust proxy fn') as ProxyTrust);
  }
}
