/** `npm run bench`: runs the benchmarks and prints their results as a table (record them in BENCHMARKS.md). */
import { benchAlertFanout } from "./alert-fanout.js";
import { benchInboundLoad } from "./inbound-load.js";
import { benchTipsLoad } from "./tips-load.js";
import { machineLine, table } from "./support.js";

const started = new Date();
console.log(`Kẻng benchmarks — ${started.toISOString().slice(0, 10)} — ${machineLine()}\n`);
const rows = [...(await benchAlertFanout()), ...(await benchInboundLoad()), ...(await benchTipsLoad())];
console.log(table(rows));
process.exit(0);
