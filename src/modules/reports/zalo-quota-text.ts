/** The Zalo lines of /baocao (issue 17): the month's sends against the plan, and whether Zalo sends are paused. */
import { formatDateTime } from "../../core/time.js";
import { lines, t, type Locale, type Text } from "../../core/text.js";
import type { ZaloQuotaStatus } from "../../core/zalo-quota.js";

export function zaloQuotaText(input: { status: ZaloQuotaStatus; locale: Locale; timeZone: string }): Text {
  const { status, locale, timeZone } = input;
  const title =
    status.quota === undefined
      ? t("reports:zaloQuota.titleNoQuota", { month: status.month, sends: status.sends })
      : t("reports:zaloQuota.title", { month: status.month, sends: status.sends, quota: status.quota });
  const state = status.pausedUntil
    ? t("reports:zaloQuota.paused", { time: formatDateTime(status.pausedUntil, locale, timeZone) })
    : t("reports:zaloQuota.running");
  return lines(title, state);
}
