/**
 * The messages a code was printed on, rebuilt as residents received them, in every language: what a
 * pasted copy is compared with, whole. An alert's code is printed on the alert and, once it is
 * retracted, on its cancellation; a closure's on the closure; a campaign run's on its message. The
 * area (name, unit wording, code) is the one recorded with the code when it was issued (see repo.ts).
 */
import type { OutboundMessage } from "../../core/messages.js";
import { LOCALES } from "../../core/text.js";
import { printedCode, type SignedContent } from "../../core/verification.js";
import { alertMessage, endingMessage } from "../alerts/alert-message.js";
import { campaignMessage, campaignSignedParts } from "../campaigns/campaign-message.js";
import { relayCopy, verifyUrl } from "../relays/relay-message.js";
import type { MessageWhat, SignedMessage } from "./types.js";

export interface ExpectedMessage {
  readonly what: MessageWhat;
  readonly message: OutboundMessage;
}

export function expectedMessages(input: {
  signed: SignedMessage;
  code: string;
  timeZone: string;
  publicBaseUrl?: string | undefined;
}): ExpectedMessage[] {
  const asGroupsRead = groupCopies(input);
  // A relay forwards the same message with the verify link under it and their own choice (relays module).
  const link = verifyUrl(input.publicBaseUrl, input.code);
  return [
    ...asGroupsRead,
    ...asGroupsRead.map((e) => ({ what: e.what, message: relayCopy(e.message, { link, forwardId: 0 }) })),
  ];
}

function groupCopies(input: { signed: SignedMessage; code: string; timeZone: string }): ExpectedMessage[] {
  const { signed, timeZone } = input;
  const verifyCode = printedCode(input.code);
  return LOCALES.flatMap((locale): ExpectedMessage[] => {
    if (signed.kind === "campaign")
      return [{ what: "campaign", message: campaignMessage(signed.campaign, locale, verifyCode) }];
    const { alert } = signed;
    if (signed.kind === "closure")
      return [
        {
          what: "closure",
          message: endingMessage(alert, { kind: "resolve", locale, timeZone, replyTo: "", verifyCode }),
        },
      ];
    // The tip button (a link to the bot) exists only where the issuing platform has a bot username.
    const alerts = [undefined, "bot"].map((botUsername): ExpectedMessage => ({
      what: "alert",
      message: alertMessage(alert, { locale, timeZone, botUsername, verifyCode }),
    }));
    if (alert.state !== "cancelled") return alerts;
    return [
      ...alerts,
      {
        what: "cancellation",
        message: endingMessage(alert, { kind: "cancel", locale, timeZone, replyTo: "", verifyCode }),
      },
    ];
  });
}

/** What the code of a signed message was computed over. */
export function signedContent(signed: SignedMessage): SignedContent {
  if (signed.kind === "campaign") {
    const run = signed.campaign;
    return { kind: "campaign", refId: run.runId, areaCode: run.areaCode, text: campaignSignedParts(run).join("\n") };
  }
  const { alert } = signed;
  return {
    kind: signed.kind,
    refId: alert.id,
    areaCode: alert.areaCode,
    text: signed.kind === "closure" ? (alert.closureText ?? "") : alert.text,
  };
}
