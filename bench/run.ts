/** `npm run bench`: runs the benchmarks and prints their results as a table (record them in BENCHMARKS.md). */
import { benchAlertFanout } from "./alert-fanout.js";
import { benchInboundLoad } from "./inbound-load.js";
import { benchMemory } from "./memory.js";
import { benchTipsLoad } from "./tips-load.js";
import { machineLine, table } from "./support.js";

const started = new Date();
console.log(`Kẻng benchmarks — ${started.toISOString().slice(0, 10)} — ${machineLine()}\n`);
// BENCH_ONLY=alerts,inbound,tips,memory runs some of them.
const only = new Set((process.env.BENCH_ONLY ?? "alerts,inbound,tips,memory").split(",").map((name) => name.trim()));
const rows = [
  ...(only.has("alerts") ? await benchAlertFanout() : []),
  ...(only.has("inbound") ? await benchInboundLoad() : []),
  ...(only.has("tips") ? await benchTipsLoad() : []),
  ...(only.has("memory") ? await benchMemory() : []),
];
console.log(table(rows));
process.exit(0);
