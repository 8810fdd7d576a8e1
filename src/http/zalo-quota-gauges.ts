/** Gauges of Zalo's plan (issue 17), read at scrape time: the month's sends, the quota, whether Zalo sends are paused. */
import type { ZaloQuotaReader } from "../core/zalo-quota.js";
import type { GaugeReader } from "./metrics.js";

export function zaloQuotaGauges(reader: ZaloQuotaReader, now: () => Date = () => new Date()): GaugeReader {
  return async () => {
    const status = await reader.status(now());
    return [
      {
        name: "keng_zalo_sends_month",
        help: "Messages Zalo accepted this calendar month (TZ).",
        samples: [{ labels: { month: status.month }, value: status.sends }],
      },
      ...(status.quota === undefined
        ? []
        : [
            {
              name: "keng_zalo_monthly_quota",
              help: "ZALO_MONTHLY_QUOTA: messages the bot's Zalo plan allows a month.",
              samples: [{ labels: {}, value: status.quota }],
            },
          ]),
      {
        name: "keng_zalo_paused",
        help: "1 while Zalo sends are paused because Zalo answered 429 (quota exceeded).",
        samples: [{ labels: {}, value: status.pausedUntil ? 1 : 0 }],
      },
    ];
  };
}

/** One reader that runs several. */
export function allGauges(readers: readonly GaugeReader[]): GaugeReader {
  return async () => (await Promise.all(readers.map((read) => read()))).flat();
}
