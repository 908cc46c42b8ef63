import sharp from 'sharp';

// Each image is read once: libvips' cache of decoded images would only hold memory.
sharp.cache(false);

/** An image larger than this many pixels is refused before it is decoded (a decompression bomb). */
export const MAX_IMAGE_PIXELS = 50_000_000;
/** The longest side of a thumbnail. */
const THUMBNAIL_PX = 320;

export interface ReencodedImage {
  width: number;
  height: number;
  size: number;
}

/**
 * Writes `input` again as the same format to `output`: turned upright by its EXIF orientation,
 * then without any metadata at all — no GPS position above all (sharp keeps none unless asked).
 * Its pixel count is read from the header and checked before any decoding.
 */
export async function reencodeImage(
  input: string,
  output: string,
  contentType: 'image/jpeg' | 'image/png' | 'image/webp',
): Promise<ReencodedImage> {
  const image = sharp(input, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' }).rotate();
  const encoded =
    contentType === 'image/jpeg'
      ? image.jpeg({ quality: 85 })
      : contentType === 'image/png'
        ? image.png({ compressionLevel: 9 })
        : image.webp({ quality: 85 });
  const info = await encoded.toFile(output);
  return { width: info.width, height: info.height, size: info.size };
}

/** A JPEG thumbnail of an image already re-encoded (so already without metadata). */
export async function writeThumbnail(input: string, output: string): Promise<number> {
  const info = await sharp(input, { limitInputPixels: MAX_IMAGE_PIXELS })
    .resize(THUMBNAIL_PX, THUMBNAIL_PX, { fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 75 })
    .toFile(output);
  return info.size;
}

/** A blurred region is shrunk to at most this many pixels across before it is enlarged again. */
const REDACTION_PX = 6;

/**
 * The public copy of an image already re-encoded (so without metadata): a JPEG, each region in
 * `redactions` (fractions of the image) shrunk to a few pixels and enlarged again — a face or a
 * house number becomes a smear with nothing left to sharpen back.
 */
export async function writePublicCopy(
  input: string,
  output: string,
  redactions: readonly { x: number; y: number; w: number; h: number }[],
): Promise<void> {
  const { width = 0, height = 0 } = await sharp(input, {
    limitInputPixels: MAX_IMAGE_PIXELS,
  }).metadata();
  const patches = await Promise.all(
    redactions.map(async (region) => {
      const left = Math.min(width - 1, Math.floor(region.x * width));
      const top = Math.min(height - 1, Math.floor(region.y * height));
      const box = {
        left,
        top,
        width: Math.max(1, Math.min(width - left, Math.ceil(region.w * width))),
        height: Math.max(1, Math.min(height - top, Math.ceil(region.h * height))),
      };
      const scale = REDACTION_PX / Math.max(box.width, box.height);
      const small = await sharp(input, { limitInputPixels: MAX_IMAGE_PIXELS })
        .extract(box)
        .resize(
          Math.max(1, Math.round(box.width * scale)),
          Math.max(1, Math.round(box.height * scale)),
          { fit: 'fill' },
        )
        .png()
        .toBuffer();
      const smeared = await sharp(small)
        .resize(box.width, box.height, { fit: 'fill' })
        // Smooths the enlargement's ringing; the shrinking already took every detail away.
        .blur(Math.min(10, Math.max(0.5, Math.min(box.width, box.height) / 40)))
        .png()
        .toBuffer();
      return { input: smeared, left: box.left, top: box.top };
    }),
  );
  await sharp(input, { limitInputPixels: MAX_IMAGE_PIXELS })
    .flatten({ background: '#ffffff' })
    .composite(patches)
    .jpeg({ quality: 85 })
    .toFile(output);
}
