import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ImageData } from './conversation.ts';

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/svg+xml': 'svg',
};

/** Writes each image to `directory` and returns the paths, named after the tool that made them. */
export async function saveImages(
  images: readonly ImageData[],
  directory: string,
  toolName: string,
): Promise<string[]> {
  if (images.length === 0) return [];
  await mkdir(directory, { recursive: true });

  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const paths: string[] = [];
  for (const image of images) {
    const extension = EXTENSIONS[image.mimeType] ?? 'bin';
    // Parallel calls of one tool can finish in the same millisecond.
    const unique = randomBytes(3).toString('hex');
    const path = join(directory, `${toolName}-${stamp}-${unique}.${extension}`);
    await writeFile(path, Buffer.from(image.data, 'base64'));
    paths.push(path);
  }
  return paths;
}
