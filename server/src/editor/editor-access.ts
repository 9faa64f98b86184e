import { timingSafeEqual } from "node:crypto";
import net from "node:net";

export interface EditorAccessRules {
  hostPassword: string | undefined;
  /** ALLOW_LAN_EDITING=1: without a password, any machine on the network may edit (for a teacher's own tablet). */
  allowLanEditing: boolean;
}

export type EditorAccess = { allowed: true } | { allowed: false; status: 401 | 403; reason: string };

/** True for an address of this machine's loopback interface (127.0.0.0/8, ::1, and IPv4 written as IPv6). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.startsWith("::ffff:") ? address.slice("::ffff:".length) : address;
  if (net.isIPv4(plain)) return plain.startsWith("127.");
  return plain === "::1";
}

/**
 * Who may change banks. With HOST_PASSWORD set: whoever gives it. Without: only a browser on the server's own
 * machine, unless ALLOW_LAN_EDITING=1, because otherwise any student on the school Wi-Fi could rewrite the answers.
 * `clientAddress` is the request's address as Express reports it (the peer, or the forwarded client when a proxy
 * on this machine passes the request on: `trust proxy` is "loopback").
 */
export function editorAccess(
  rules: EditorAccessRules,
  clientAddress: string | undefined,
  givenPassword: string | undefined,
): EditorAccess {
  if (rules.hostPassword !== undefined) {
    if (givenPassword !== undefined && samePassword(givenPassword, rules.hostPassword)) return { allowed: true };
    return {
      allowed: false,
      status: 401,
      reason:
        givenPassword === undefined || givenPassword === ""
          ? "Editing banks needs the host password (the one used to create games)."
          : "That is not the host password.",
    };
  }
  if (rules.allowLanEditing || isLoopbackAddress(clientAddress)) return { allowed: true };
  return {
    allowed: false,
    status: 403,
    reason:
      "Banks can only be edited on the computer running Hands Up (open http://localhost:<port>/edit there). " +
      "To edit from another device, start the server with HOST_PASSWORD set, or with ALLOW_LAN_EDITING=1 on a network without students.",
  };
}

function samePassword(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
