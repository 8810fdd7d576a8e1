/** `npm run bench`: runs the benchmarks and prints their results as a table (record them in BENCHMARKS.md). */
import { benchAckStorm } from "./ack-storm.js";
import { benchAlarmFanout } from "./alarm-fanout.js";
import { benchAlertFanout } from "./alert-fanout.js";
import { benchAlertKill } from "./alert-kill.js";
import { benchInboundLoad } from "./inbound-load.js";
import { benchMemory } from "./memory.js";
import { benchPaidBroadcast } from "./paid-broadcast.js";
import { benchProvince } from "./province.js";
import { benchTipsLoad } from "./tips-load.js";
import { benchBackends, machineLine, table } from "./support.js";

const started = new Date();
console.log(`Kẻng benchmarks — ${started.toISOString().slice(0, 10)} — ${machineLine()}\n`);
// BENCH_ONLY=alerts,paid,kill,alarms,storm,inbound,tips,memory,province runs some of them; BENCH_BACKEND=redis|postgres|redis,postgres picks the backend.
const only = new Set(
  (process.env.BENCH_ONLY ?? "alerts,paid,kill,alarms,storm,inbound,tips,memory").split(",").map((name) => name.trim()),
);
const backends = benchBackends();
for (const backend of backends) {
  const rows = [
    ...(only.has("alerts") ? await benchAlertFanout(backend) : []),
    ...(only.has("paid") ? await benchPaidBroadcast(backend) : []),
    ...(only.has("kill") ? await benchAlertKill(backend) : []),
    ...(only.has("alarms") ? await benchAlarmFanout(backend) : []),
    ...(only.has("storm") ? await benchAckStorm(backend) : []),
    ...(only.has("inbound") ? await benchInboundLoad(backend) : []),
    ...(only.has("tips") ? await benchTipsLoad(backend) : []),
    ...(only.has("memory") ? await benchMemory(backend) : []),
    // Not run unless named: a full run takes over ten minutes.
    ...(only.has("province") ? await benchProvince(backend) : []),
  ];
  console.log(`Jobs and limits in ${backend === "redis" ? "Redis" : "PostgreSQL alone (REDIS_URL unset)"}:\n`);
  console.log(`${table(rows)}\n`);
}
process.exit(0);
