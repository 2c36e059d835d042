// An address's local part as the product takes it in a form or from the API: a dot-atom (RFC 5322
// 3.4.1: atoms joined by single dots, none at either end) of at most 64 characters (RFC 5321
// 4.5.3.1.1), in lower case. A quoted local part is read by the suppression rules (address.ts).
const DOT_ATOM = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
export const MAX_LOCAL_PART = 64;

export function isLocalPart(local: string): boolean {
  return local.length <= MAX_LOCAL_PART && DOT_ATOM.test(local);
}
