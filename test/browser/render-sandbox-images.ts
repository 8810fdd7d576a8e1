/**
 * Makes the sandbox's bundled photos (src/sandbox/web/images/*.jpg) from the SVG scenes below,
 * rasterised by Chromium. Run once after changing a scene:
 *
 *   npx tsx test/browser/render-sandbox-images.ts
 *
 * The pictures are committed; nothing renders them at run time.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./chromium.js";

const OUT = fileURLToPath(new URL("../../src/sandbox/web/images/", import.meta.url));
const W = 640;
const H = 480;

const night = `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#0f172a"/><stop offset="1" stop-color="#334155"/></linearGradient>
<radialGradient id="lamp" cx="0.5" cy="0" r="0.9"><stop offset="0" stop-color="#fde68a" stop-opacity="0.75"/><stop offset="1" stop-color="#fde68a" stop-opacity="0"/></radialGradient></defs>`;

/** A motorbike without a number plate parked at night at the end of an alley. */
const motorbike = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${night}
<rect width="${W}" height="${H}" fill="url(#sky)"/>
<polygon points="0,0 190,90 190,380 0,480" fill="#475569"/><polygon points="640,0 450,90 450,380 640,480" fill="#3f4b5e"/>
<polygon points="190,380 450,380 640,480 0,480" fill="#1e293b"/>
<rect x="190" y="90" width="260" height="290" fill="#273449"/>
<g fill="#fcd34d" opacity="0.85"><rect x="40" y="120" width="50" height="60"/><rect x="545" y="150" width="45" height="55"/><rect x="250" y="140" width="30" height="40"/></g>
<rect x="365" y="60" width="6" height="260" fill="#94a3b8"/><rect x="340" y="56" width="40" height="10" rx="4" fill="#cbd5e1"/>
<ellipse cx="360" cy="300" rx="190" ry="170" fill="url(#lamp)"/>
<g transform="translate(210 300)">
<circle cx="40" cy="100" r="38" fill="#0b1120"/><circle cx="40" cy="100" r="20" fill="#64748b"/>
<circle cx="200" cy="100" r="38" fill="#0b1120"/><circle cx="200" cy="100" r="20" fill="#64748b"/>
<path d="M40 100 L90 40 L170 40 L200 100 Z" fill="#991b1b"/><path d="M95 38 q35 -28 80 -8 l-5 14 h-70 Z" fill="#111827"/>
<path d="M170 40 l20 -45 l18 2" stroke="#111827" stroke-width="9" fill="none" stroke-linecap="round"/>
<rect x="0" y="58" width="34" height="22" rx="3" fill="#e5e7eb" stroke="#ef4444" stroke-width="3"/>
<path d="M4 62 L30 76 M30 62 L4 76" stroke="#ef4444" stroke-width="3"/></g>
<text x="24" y="458" font-family="DejaVu Sans, sans-serif" font-size="20" fill="#e2e8f0">Ngõ 12 · 23:40</text></svg>`;

/** Someone loitering by a gate under a streetlight. */
const stranger = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${night}
<rect width="${W}" height="${H}" fill="url(#sky)"/>
<rect y="360" width="${W}" height="120" fill="#1f2937"/>
<rect x="60" y="150" width="300" height="210" fill="#334155"/><rect x="380" y="170" width="220" height="190" fill="#3b475c"/>
<g fill="#fcd34d" opacity="0.8"><rect x="90" y="190" width="60" height="50"/><rect x="420" y="200" width="50" height="45"/></g>
<g stroke="#0f172a" stroke-width="6"><path d="M180 360 V240 M215 360 V240 M250 360 V240 M285 360 V240 M320 360 V240"/><path d="M170 250 H330 M170 330 H330"/></g>
<rect x="497" y="40" width="7" height="320" fill="#94a3b8"/><path d="M500 44 q-40 -12 -60 10" stroke="#94a3b8" stroke-width="6" fill="none"/>
<ellipse cx="440" cy="300" rx="170" ry="190" fill="url(#lamp)"/>
<g fill="#020617"><circle cx="420" cy="232" r="20"/><path d="M396 255 h48 l10 80 h-16 l-2 60 h-12 l-4 -50 l-4 50 h-12 l-2 -60 h-16 Z"/>
<path d="M400 215 q20 -22 40 0 v8 h-40 Z"/></g>
<text x="24" y="458" font-family="DejaVu Sans, sans-serif" font-size="20" fill="#e2e8f0">Cổng số 7 · 01:15</text></svg>`;

/** A scam leaflet stuck on a wall (the "lừa đảo" topic). */
const leaflet = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
<defs><pattern id="brick" width="80" height="40" patternUnits="userSpaceOnUse"><rect width="80" height="40" fill="#b45309"/><path d="M0 0 H80 M0 20 H80 M40 0 V20 M0 20 V40 M80 20 V40" stroke="#92400e" stroke-width="3"/></pattern></defs>
<rect width="${W}" height="${H}" fill="url(#brick)"/>
<g transform="rotate(-4 320 240)"><rect x="150" y="50" width="340" height="390" fill="#fefce8" stroke="#d6d3d1" stroke-width="2"/>
<rect x="150" y="50" width="340" height="80" fill="#dc2626"/>
<text x="320" y="102" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-weight="bold" font-size="32" fill="#fff">VAY TIỀN NHANH</text>
<text x="320" y="170" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-size="22" fill="#1c1917">Không cần thế chấp</text>
<text x="320" y="205" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-size="22" fill="#1c1917">Giải ngân trong 15 phút</text>
<text x="320" y="250" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-size="20" fill="#57534e">Chỉ cần CCCD + mã OTP</text>
<rect x="190" y="285" width="260" height="60" rx="8" fill="#fde047"/>
<text x="320" y="325" text-anchor="middle" font-family="DejaVu Sans Mono, monospace" font-weight="bold" font-size="28" fill="#1c1917">09xx.xxx.xxx</text>
<g fill="#78716c"><rect x="175" y="380" width="30" height="50"/><rect x="215" y="380" width="30" height="50"/><rect x="255" y="380" width="30" height="50"/><rect x="295" y="380" width="30" height="50"/><rect x="335" y="380" width="30" height="50"/><rect x="375" y="380" width="30" height="50"/><rect x="415" y="380" width="30" height="50"/></g>
<circle cx="320" cy="62" r="7" fill="#57534e"/></g></svg>`;

const SCENES: Record<string, string> = { "xe-may-la": motorbike, "nguoi-la": stranger, "to-roi-lua-dao": leaflet };

const userDataDir = mkdtempSync(join(tmpdir(), "keng-images-"));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: CHROMIUM_PATH,
  args: CHROMIUM_ARGS,
  viewport: { width: W, height: H },
});
try {
  const page = await context.newPage();
  for (const [name, svg] of Object.entries(SCENES)) {
    await page.setContent(`<html><body style="margin:0">${svg}</body></html>`);
    const path = `${OUT}${name}.jpg`;
    await page.screenshot({ path, type: "jpeg", quality: 72, clip: { x: 0, y: 0, width: W, height: H } });
    console.log(`${path}: ${statSync(path).size} bytes`);
  }
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
