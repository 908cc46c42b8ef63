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
