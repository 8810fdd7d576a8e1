/**
 * Reads a poster PDF as a checker would: page count and size with pdf-lib, and the QR codes a phone
 * would scan, decoded (jsQR) from the images the PDF itself embeds — not from what the renderer
 * says it drew. No poppler needed: the poster's QR images are greyscale PNG data that the PDF keeps
 * as it is (FlateDecode with PNG predictors), so each becomes a PNG again with a new header.
 */
import jsQRModule from "jsqr";
import { PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream } from "pdf-lib";
import { PNG } from "pngjs";
import { pngFile } from "../../src/modules/posters/qr-png.js";

/** jsqr is CommonJS typed as an ES module: its default import is the function itself at run time. */
const jsQR = ((jsQRModule as unknown as { default?: typeof jsQRModule.default }).default ??
  jsQRModule) as unknown as typeof jsQRModule.default;

export interface PdfFacts {
  readonly pages: number;
  readonly width: number;
  readonly height: number;
  readonly title: string | undefined;
  readonly fonts: readonly string[];
  /** What each embedded image decodes to as a QR code (null when it is no QR code). */
  readonly qrCodes: readonly (string | null)[];
}

const number = (dict: PDFDict, key: string) => (dict.lookup(PDFName.of(key)) as PDFNumber | undefined)?.asNumber();

/** Wraps an image stream's compressed rows in a PNG (greyscale or RGB, 8 bits, PNG predictors). */
function imageAsPng(stream: PDFRawStream): Buffer {
  const { dict } = stream;
  const width = number(dict, "Width") ?? 0;
  const height = number(dict, "Height") ?? 0;
  const colorSpace = dict.lookup(PDFName.of("ColorSpace"))?.toString();
  const params = dict.lookup(PDFName.of("DecodeParms"));
  const predictor = params instanceof PDFDict ? number(params, "Predictor") : undefined;
  if (number(dict, "BitsPerComponent") !== 8 || predictor !== 15)
    throw new Error(`image ${width}×${height} is not 8-bit PNG-predicted data`);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, colorSpace === "/DeviceGray" ? 0 : 2, 0, 0, 0], 8);
  return pngFile(header, stream.contents);
}

/** The text a QR code in a PNG holds, or null. */
export function decodeQrPng(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return (
    jsQR(
      new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength),
      image.width,
      image.height,
    )?.data ?? null
  );
}

export async function readPosterPdf(bytes: Uint8Array): Promise<PdfFacts> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const page = pdf.getPage(0);
  const images: PDFRawStream[] = [];
  const fonts: string[] = [];
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    const dict = object instanceof PDFRawStream ? object.dict : object instanceof PDFDict ? object : undefined;
    if (object instanceof PDFRawStream && dict?.lookup(PDFName.of("Subtype"))?.toString() === "/Image")
      images.push(object);
    if (dict?.lookup(PDFName.of("Type"))?.toString() === "/FontDescriptor")
      fonts.push(dict.lookup(PDFName.of("FontName"))?.toString() ?? "");
  }
  return {
    pages: pdf.getPageCount(),
    width: page.getWidth(),
    height: page.getHeight(),
    title: pdf.getTitle(),
    fonts,
    qrCodes: images.map((image) => decodeQrPng(imageAsPng(image))),
  };
}
