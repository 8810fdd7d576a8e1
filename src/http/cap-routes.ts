/**
 * `GET /cap/alerts.xml` (Atom feed of active alerts and confirmed residents' alarms),
 * `GET /cap/alerts/K<n>.xml` and `GET /cap/alarms/B<n>.xml` (CAP 1.2).
 */
import { parseAlertId } from "../modules/alerts/alert-message.js";
import { renderCapAlert, type CapAlert, type CapContext } from "../modules/alerts/cap.js";
import { renderCapFeed } from "../modules/alerts/cap-feed.js";
import type { AlertReads, AlertRecord } from "../modules/alerts/types.js";
import type { Clock } from "../core/ports.js";
import type { Text } from "../core/text.js";
import { toCapAlarm } from "../modules/alarms/alarm-cap.js";
import type { AlarmStore } from "../modules/alarms/types.js";
import type { Route } from "./server.js";

const CAP_TYPE = { "content-type": "application/cap+xml; charset=utf-8", "cache-control": "max-age=30" };
const ATOM_TYPE = { "content-type": "application/atom+xml; charset=utf-8", "cache-control": "max-age=30" };

export function toCapAlert(alert: AlertRecord, now: Date): CapAlert {
  const expired = alert.state === "active" && alert.expiresAt <= now;
  return {
    number: alert.id,
    areaCode: alert.areaCode,
    areaName: alert.areaName,
    senderUnit: alert.unitName,
    level: alert.level,
    text: alert.text,
    issuedAt: alert.issuedAt,
    expiresAt: alert.expiresAt,
    state: expired ? "expired" : alert.state,
    endedAt: alert.endedAt,
    closureText: alert.closureText,
  };
}

/** Confirmed residents' alarms, rendered in Vietnamese like the alerts' CAP text. */
export interface CapAlarms {
  readonly store: Pick<AlarmStore, "find" | "confirmedLately">;
  readonly render: (text: Text) => string;
}

export function capRoutes(options: {
  alerts: Pick<AlertReads, "find" | "active">;
  alarms?: CapAlarms;
  context: () => CapContext;
  clock: Clock;
}): Route[] {
  const { alerts, alarms, context, clock } = options;
  const notFound = { status: 404, headers: { "content-type": "text/plain; charset=utf-8" }, body: "no such alert" };
  return [
    {
      method: "GET",
      path: "/cap/alerts.xml",
      handler: async () => {
        const now = clock.now();
        const active = (await alerts.active(now)).map((a) => toCapAlert(a, now));
        const confirmed = alarms
          ? (await alarms.store.confirmedLately(now))
              .flatMap((a) => toCapAlarm(a, alarms.render, now) ?? [])
              .filter((a) => a.state === "active")
          : [];
        return { status: 200, headers: ATOM_TYPE, body: renderCapFeed([...active, ...confirmed], context(), now) };
      },
    },
    {
      method: "GET",
      path: "/cap/alerts/:file",
      handler: async (request) => {
        const match = /^(K?\d{1,9})\.xml$/i.exec(request.params.file ?? "");
        const id = match?.[1] ? parseAlertId(match[1]) : undefined;
        const alert = id === undefined ? null : await alerts.find(id);
        if (!alert) return notFound;
        return { status: 200, headers: CAP_TYPE, body: renderCapAlert(toCapAlert(alert, clock.now()), context()) };
      },
    },
    {
      method: "GET",
      path: "/cap/alarms/:file",
      handler: async (request) => {
        const match = /^B(\d{1,9})\.xml$/i.exec(request.params.file ?? "");
        const alarm = match?.[1] && alarms ? await alarms.store.find(Number(match[1])) : null;
        // An alarm nobody confirmed is not published: it reads as unknown.
        const cap = alarm && alarms ? toCapAlarm(alarm, alarms.render, clock.now()) : undefined;
        if (!cap) return notFound;
        return { status: 200, headers: CAP_TYPE, body: renderCapAlert(cap, context()) };
      },
    },
  ];
}

/** CAP `sender` and base URL from PUBLIC_BASE_URL (or the local address when unset). */
export function capContext(publicBaseUrl: string | undefined, port: number): CapContext {
  const base = publicBaseUrl ?? `http://127.0.0.1:${port}`;
  return { senderId: `keng@${new URL(base).hostname}`, baseUrl: base };
}
