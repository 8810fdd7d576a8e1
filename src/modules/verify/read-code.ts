/** Where the verification code is in what a resident sends: a code alone, or inside a pasted message. */

/** Six letters or digits, with or without a dash or space in the middle: `7KQ-2FD`, `7kq2fd`. */
const CODE = String.raw`[a-z0-9]{3}[\s-]?[a-z0-9]{3}`;
/** What precedes a code on our messages: the code line, or the `/kiemtra` hint beside it. */
const LABEL = String.raw`(?:mã xác thực|verification code)\s*:?|\/(?:kiemtra|verify)`;

/** A code typed by hand, perhaps with a character too many or too few: still a code, to be checked. */
const TYPED = String.raw`(?=(?:[\s-]?[a-z0-9]){4,10}$)[a-z0-9]+(?:[\s-][a-z0-9]+)?`;

/** The code when the text is nothing but a code (`7KQ-2FD`, `Mã xác thực: 7KQ-2FD`, a mistyped `7KQ-2F`). */
export function bareCode(text: string): string | undefined {
  return new RegExp(String.raw`^(?:${LABEL})?\s*(${TYPED})$`, "iu").exec(text.normalize("NFC").trim())?.[1];
}

/** The first code in a pasted message, after its label (`🔐 Mã xác thực: 7KQ-2FD`, `Verification code: …`). */
export function findCode(text: string): string | undefined {
  return new RegExp(String.raw`(?:${LABEL})\s*(${CODE})(?![a-z0-9])`, "iu").exec(text.normalize("NFC"))?.[1];
}
