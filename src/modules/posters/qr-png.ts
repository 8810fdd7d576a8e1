/**
 * A QR code as a PNG: 8-bit greyscale, no alpha, no interlacing. That kind of PNG goes into the PDF
 * as it is (pdfkit copies its compressed rows), so the code printed is exactly the code encoded.
 */
import { crc32, deflateSync } from "node:zlib";
import QRCode from "qrcode";

/** Pixels per QR module: sharp when an A4 printer enlarges it to ~5 mm modules. */
const SCALE = 10;
/** The white border the QR standard asks for, in modules. */
const QUIET_ZONE = 4;

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** Encodes `link` (error correction Q: a poster gets dirty and torn) as a PNG. */
export function qrPng(link: string): { png: Buffer; modules: number } {
  const { modules } = QRCode.create(link, { errorCorrectionLevel: "Q" });
  const size = (modules.size + 2 * QUIET_ZONE) * SCALE;
  // Each row: filter byte 0 (none), then one byte per pixel (0 black, 255 white).
  const rows = Buffer.alloc((size + 1) * size, 255);
  for (let y = 0; y < size; y++) {
    rows[y * (size + 1)] = 0;
    const row = Math.floor(y / SCALE) - QUIET_ZONE;
    if (row < 0 || row >= modules.size) continue;
    for (let x = 0; x < size; x++) {
      const col = Math.floor(x / SCALE) - QUIET_ZONE;
      if (col >= 0 && col < modules.size && modules.data[row * modules.size + col]) rows[y * (size + 1) + 1 + x] = 0;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 0, 0, 0, 0], 8); // bit depth 8, greyscale, deflate, adaptive filtering, no interlace
  const png = pngFile(header, deflateSync(rows));
  return { png, modules: modules.size };
}

/** A PNG file from its IHDR contents and its zlib-compressed rows (IDAT). */
export function pngFile(header: Uint8Array, compressedRows: Uint8Array): Buffer {
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", compressedRows),
    chunk("IEND", new Uint8Array()),
  ]);
}
