/**
 * Is this message from Kẻng? A code is looked up by index among the codes issued, then recomputed
 * with the signing key over the stored text (a row written without the key never verifies). A
 * pasted copy must be one of the messages the code was printed on, whole: the same words in the
 * same order, only spacing and line breaks may differ — a line added or removed makes it "altered".
 */
import { isWellFormedCode, normaliseCode, sameText } from "../../core/verification.js";
import type { VerifyDeps } from "./deps.js";
import { expectedMessages, signedContent } from "./expected-copies.js";
import type { VerifyOutcome } from "./types.js";

export async function verifyMessage(input: {
  code: string;
  pasted?: string;
  deps: Pick<VerifyDeps, "store" | "signer" | "timeZone" | "readAs" | "publicBaseUrl">;
}): Promise<VerifyOutcome> {
  const { deps, pasted } = input;
  const code = normaliseCode(input.code);
  if (!isWellFormedCode(code)) return { kind: "notFound" };
  const genuine = (await deps.store.findByCode(code)).filter((signed) =>
    deps.signer.matches(code, signedContent(signed), signed.keyId),
  );
  const first = genuine[0];
  if (!first) return { kind: "notFound" };
  if (pasted === undefined) return { kind: "issued", what: first.kind, message: first };
  for (const signed of genuine) {
    for (const expected of expectedMessages({
      signed,
      code,
      timeZone: deps.timeZone,
      publicBaseUrl: deps.publicBaseUrl,
    })) {
      if (deps.readAs(expected.message).some((copy) => sameText(pasted, copy)))
        return { kind: "authentic", what: expected.what, message: signed };
    }
  }
  return { kind: "altered", what: first.kind, message: first };
}
