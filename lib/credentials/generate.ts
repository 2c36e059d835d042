// SMTP credentials as the help article (/help/smtp-credentials) shows them: `smtpuser_` + 8 lowercase hex, and a
// 32-character password of [A-Za-z0-9] (~190 bits) from the CSPRNG without modulo bias.
import { randomBytes, randomInt } from "node:crypto";

const PASSWORD_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
export const PASSWORD_LENGTH = 32;

export function generateUsername(): string {
  return `smtpuser_${randomBytes(4).toString("hex")}`;
}

/** crypto.randomInt draws by rejection sampling, so every character is equally likely. */
export function generatePassword(length = PASSWORD_LENGTH): string {
  let out = "";
  for (let i = 0; i < length; i++) out += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
  return out;
}

export const USERNAME_PATTERN = /^smtpuser_[0-9a-f]{8}$/;
