/**
 * Lays a poster out on one A4 page with pdfkit, in DejaVu Sans (every Vietnamese diacritic; the
 * PDF's standard fonts have none). Returns the PDF and the QR images it embeds, so callers and tests
 * can check what a phone will read.
 */
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import type { Text } from "../../core/text.js";
import type { PosterChannel, PosterContent } from "./poster-content.js";
import { qrPng } from "./qr-png.js";

/** A4 in points. */
export const A4 = { width: 595.28, height: 841.89 } as const;

const MARGIN = 48;
const INNER = A4.width - 2 * MARGIN;
const RED = "#b71c1c";
const INK = "#1b1b1b";
const GREY = "#5f5f5f";
const LINE = "#d7d7d7";
const HEADER_HEIGHT = 132;
/** Below the last contact line: the footer. */
const FOOTER_SPACE = 40;
/** Inside the QR frame, besides the codes: "Scan…" above, label and hint below. */
const QR_CAPTION_SPACE = 40 + 58;

const require = createRequire(import.meta.url);
/** The fonts of the `dejavu-fonts-ttf` package, wherever npm put it. */
const FONT = {
  regular: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"),
  bold: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf"),
};

export interface PosterQr {
  readonly platform: PosterChannel["platform"];
  readonly link: string;
  readonly png: Buffer;
}

export interface RenderedPoster {
  readonly pdf: Buffer;
  /** In the order printed (Telegram first). */
  readonly qrCodes: readonly PosterQr[];
}

type Doc = PDFKit.PDFDocument;
type Say = (text: Text) => string;

export async function renderPosterPdf(input: { content: PosterContent; say: Say }): Promise<RenderedPoster> {
  const { content, say } = input;
  const qrCodes = content.channels.map((c) => ({ platform: c.platform, link: c.link, png: qrPng(c.link).png }));
  const doc = new PDFDocument({
    size: [A4.width, A4.height],
    margin: 0,
    info: {
      Title: `${say(content.title)} — ${say(content.areaName)}`,
      Author: "Kẻng",
      Creator: "Kẻng",
      Subject: say(content.subtitle),
    },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on("end", resolve);
    doc.on("error", reject);
  });
  doc.registerFont("regular", FONT.regular);
  doc.registerFont("bold", FONT.bold);

  const areaBottom = areaBlock(doc, content, say, header(doc, content, say) + 22);
  // Bottom up: the footer, the phone lines, the three points; the QR codes take the space left.
  const separator = A4.height - FOOTER_SPACE - (content.phone ? 76 : 44);
  const pointsTop = separator - 18 - pointsHeight(doc, content, say);
  qrBlock(doc, { content, say, qrCodes, top: areaBottom + 18, bottom: pointsTop - 20 });
  pointsBlock(doc, content, say, pointsTop);
  contactBlock(doc, content, say, separator);
  footer(doc, say(content.footer));
  doc.end();
  await ended;
  return { pdf: Buffer.concat(chunks), qrCodes };
}

/** A red band with the title and subtitle; returns its bottom. */
function header(doc: Doc, content: PosterContent, say: Say): number {
  doc.rect(0, 0, A4.width, HEADER_HEIGHT).fill(RED);
  doc
    .font("bold")
    .fontSize(fitSize(doc, say(content.title), 34, INNER))
    .fillColor("#ffffff");
  doc.text(say(content.title), MARGIN, 36, { width: INNER, align: "center", lineBreak: false });
  doc.font("regular").fontSize(13).fillColor("#ffe9e9");
  doc.text(say(content.subtitle), MARGIN, 86, { width: INNER, align: "center", height: 36, ellipsis: true });
  return HEADER_HEIGHT;
}

/** The area's name (two lines at most) and police unit, centred; returns the bottom. */
function areaBlock(doc: Doc, content: PosterContent, say: Say, top: number): number {
  doc.font("bold").fontSize(24).fillColor(INK);
  doc.text(say(content.areaName), MARGIN, top, { width: INNER, align: "center", height: 60, ellipsis: true });
  let y = Math.min(doc.y, top + 60);
  if (content.unitName) {
    doc.font("regular").fontSize(15).fillColor(GREY);
    doc.text(say(content.unitName), MARGIN, y + 2, { width: INNER, align: "center", height: 38, ellipsis: true });
    y = Math.min(doc.y, y + 40);
  }
  return y;
}

/** "Scan…", then one QR code per channel with its label and hint, in a frame from `top` to `bottom`. */
function qrBlock(
  doc: Doc,
  input: { content: PosterContent; say: Say; qrCodes: readonly PosterQr[]; top: number; bottom: number },
): void {
  const { content, say, qrCodes, top, bottom } = input;
  const columns = qrCodes.length;
  const gap = 48;
  const widest = (INNER - 40 - (columns - 1) * gap) / columns;
  const size = Math.max(120, Math.min(columns > 1 ? 200 : 240, widest, bottom - top - QR_CAPTION_SPACE));
  const left = (A4.width - (columns * size + (columns - 1) * gap)) / 2;
  const qrTop = top + 40 + Math.max(0, (bottom - top - QR_CAPTION_SPACE - size) / 2);
  doc
    .roundedRect(MARGIN, top, INNER, bottom - top, 14)
    .lineWidth(1.2)
    .strokeColor(LINE)
    .stroke();
  doc.font("bold").fontSize(15).fillColor(RED);
  doc.text(say(content.scan), MARGIN + 12, top + 14, { width: INNER - 24, align: "center", lineBreak: false });
  qrCodes.forEach((qr, i) => {
    const channel = content.channels[i];
    const x = left + i * (size + gap);
    doc.image(qr.png, x, qrTop, { width: size, height: size });
    doc.font("bold").fontSize(16).fillColor(INK);
    doc.text(channel ? say(channel.label) : qr.platform, x - 20, qrTop + size + 2, {
      width: size + 40,
      align: "center",
      lineBreak: false,
    });
    doc.font("regular").fontSize(10.5).fillColor(GREY);
    doc.text(channel ? say(channel.hint) : "", x - 20, qrTop + size + 23, {
      width: size + 40,
      align: "center",
      height: 28,
      ellipsis: true,
    });
  });
}

const POINT_INDENT = 38;
const POINT_GAP = 12;

function pointStyle(doc: Doc): Doc {
  return doc.font("regular").fontSize(13.5).fillColor(INK);
}

/** The height the three points take (each at most three lines). */
function pointsHeight(doc: Doc, content: PosterContent, say: Say): number {
  pointStyle(doc);
  const heights = content.points.map((p) =>
    Math.min(Math.max(doc.heightOfString(say(p), { width: INNER - POINT_INDENT }), 24), 54),
  );
  return heights.reduce((sum, h) => sum + h + POINT_GAP, 0) - POINT_GAP;
}

/** The three numbered lines on anonymity and tracking codes. */
function pointsBlock(doc: Doc, content: PosterContent, say: Say, top: number): void {
  let y = top;
  content.points.forEach((point, i) => {
    doc.circle(MARGIN + 13, y + 9, 12).fill(RED);
    doc
      .font("bold")
      .fontSize(13)
      .fillColor("#ffffff")
      .text(String(i + 1), MARGIN + 1, y + 1.5, { width: 24, align: "center", lineBreak: false });
    pointStyle(doc).text(say(point), MARGIN + POINT_INDENT, y, {
      width: INNER - POINT_INDENT,
      height: 54,
      ellipsis: true,
    });
    y = Math.max(Math.min(doc.y, y + 54), y + 24) + POINT_GAP;
  });
}

/** A rule, the area's phone (when set) and the emergency number. */
function contactBlock(doc: Doc, content: PosterContent, say: Say, top: number): void {
  doc
    .moveTo(MARGIN, top)
    .lineTo(A4.width - MARGIN, top)
    .lineWidth(1)
    .strokeColor(LINE)
    .stroke();
  let y = top + 12;
  if (content.phone) {
    doc
      .font("bold")
      .fontSize(20)
      .fillColor(INK)
      .text(say(content.phone), MARGIN, y, { width: INNER, align: "center", lineBreak: false });
    y += 32;
  }
  doc
    .font("bold")
    .fontSize(14)
    .fillColor(RED)
    .text(say(content.emergency), MARGIN, y, { width: INNER, align: "center", lineBreak: false });
}

function footer(doc: Doc, text: string): void {
  doc.font("regular").fontSize(9).fillColor(GREY);
  doc.text(text, MARGIN, A4.height - FOOTER_SPACE + 8, {
    width: INNER,
    align: "center",
    lineBreak: false,
    height: 12,
    ellipsis: true,
  });
}

/** The largest size up to `max` at which `text` fits on one line of `width`. */
function fitSize(doc: Doc, text: string, max: number, width: number): number {
  let size = max;
  while (size > 14 && doc.fontSize(size).widthOfString(text) > width) size -= 1;
  return size;
}
