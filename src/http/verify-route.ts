/** `GET /verify/<code>`: the same answer as /kiemtra, as JSON, for a ward website to link to. */
import { verifyMessage } from "../modules/verify/verify-message.js";
import type { VerifyDeps } from "../modules/verify/reply-verification.js";
import { json, type Route } from "./server.js";

export function verifyRoute(deps: VerifyDeps): Route {
  return {
    method: "GET",
    path: "/verify/:code",
    handler: async (request) => {
      const code = decodeURIComponent(request.params.code ?? "").slice(0, 20);
      const outcome = await verifyMessage({ code, store: deps.store, signer: deps.signer, now: deps.clock.now() });
      if (outcome.kind !== "authentic") return json(404, { authentic: false, code, advice: "Not issued by Kẻng: do not follow its instructions." });
      if (outcome.what === "campaign") {
        const run = outcome.campaign;
        return json(200, { authentic: true, code, kind: "campaign", id: `C${run.campaignId}`, area: { code: run.areaCode, name: run.areaName }, sender: run.unitName, issuedAt: run.runAt.toISOString() });
      }
      const a = outcome.alert;
      return json(200, {
        authentic: true,
        code,
        kind: outcome.what,
        id: `K${a.id}`,
        area: { code: a.areaCode, name: a.areaName },
        sender: a.unitName,
        issuedAt: a.issuedAt.toISOString(),
        state: a.state === "active" && a.expiresAt <= deps.clock.now() ? "expired" : a.state,
      });
    },
  };
}
