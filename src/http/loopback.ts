/**
 * Who counts as "this machine" for operator routes (`GET /metrics` without a token): the socket's
 * peer is a loopback address and no reverse proxy stands in between. Headers never grant trust
 * (anyone can send X-Forwarded-For); a proxy's headers only take it away, since a proxy on this
 * machine connects from 127.0.0.1 on behalf of someone elsewhere.
 */
import type { IncomingHttpHeaders } from "node:http";
import { BlockList, isIP } from "node:net";

const loopback = new BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

/** 127.0.0.0/8, ::1, and IPv4-mapped 127.x (`::ffff:127.0.0.1`, as Node reports them on a dual-stack socket). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  // BlockList matches IPv4-mapped IPv6 addresses against the IPv4 rules.
  return loopback.check(address, family === 4 ? "ipv4" : "ipv6");
}

/** Headers a reverse proxy adds (RFC 7239 and the common de-facto ones). */
const PROXY_HEADERS = ["forwarded", "x-forwarded-for", "x-real-ip"] as const;

/** True when a process on this machine talks to us directly: a loopback peer and no proxy's headers. */
export function isDirectLocalCall(request: {
  readonly remoteAddress: string | undefined;
  readonly headers: IncomingHttpHeaders;
}): boolean {
  if (!isLoopbackAddress(request.remoteAddress)) return false;
  return PROXY_HEADERS.every((name) => request.headers[name] === undefined);
}

const proxyNetworks = new BlockList();
proxyNetworks.addSubnet("127.0.0.0", 8, "ipv4");
proxyNetworks.addSubnet("10.0.0.0", 8, "ipv4");
proxyNetworks.addSubnet("172.16.0.0", 12, "ipv4");
proxyNetworks.addSubnet("192.168.0.0", 16, "ipv4");
proxyNetworks.addAddress("::1", "ipv6");
proxyNetworks.addSubnet("fc00::", 7, "ipv6");

/**
 * The client a per-client limit should count (`GET /verify`): behind a reverse proxy on this machine
 * or its private network (the compose file's Caddy), every request comes from the proxy, so the
 * address the proxy saw — the last entry of X-Forwarded-For, which the proxy itself appends — is the
 * client. A peer on a public address is its own client, whatever its headers say.
 */
export function clientAddress(request: {
  readonly remoteAddress: string | undefined;
  readonly headers: IncomingHttpHeaders;
}): string {
  const peer = request.remoteAddress ?? "unknown";
  const family = isIP(peer);
  if (family === 0 || !proxyNetworks.check(peer, family === 4 ? "ipv4" : "ipv6")) return peer;
  const header = request.headers["x-forwarded-for"];
  const hops = (Array.isArray(header) ? header.join(",") : (header ?? ""))
    .split(",")
    .map((hop) => hop.trim())
    .filter((hop) => isIP(hop) !== 0);
  return hops[hops.length - 1] ?? peer;
}

/** Whether the socket's peer is a reverse proxy we trust for X-Forwarded-Proto (this machine or a private network). */
export function isTrustedProxyPeer(remoteAddress: string | undefined): boolean {
  if (!remoteAddress) return false;
  const family = isIP(remoteAddress);
  return family !== 0 && proxyNetworks.check(remoteAddress, family === 4 ? "ipv4" : "ipv6");
}
