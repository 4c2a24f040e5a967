/**
 * Draws the two Teams app icons (committed under deploy/teams/) from one vector-like shape so they
 * stay consistent: a sawtooth factory roofline with a chimney.
 *
 *   npx tsx scripts/teams-icons.ts
 *
 * Teams wants a 192x192 full-colour icon and a 32x32 outline icon that is white on a transparent
 * background (any other colour is rejected at upload), so the outline writes white pixels whose
 * alpha carries the anti-aliasing.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

type Rgb = readonly [number, number, number];

/** Bleu France, the French state's brand blue. */
export const ICON_BLUE: Rgb = [0x00, 0x00, 0x91];
const WHITE: Rgb = [0xff, 0xff, 0xff];
/** Rouge Marianne, used for the ground line only. */
const RED: Rgb = [0xe1, 0x00, 0x0f];

/** The shape in a unit box (0..1, y pointing down). Bounding box: x 0.14..0.86, y 0.16..0.80. */
const LEFT = 0.14;
const RIGHT = 0.86;
const EAVES = 0.5;
const RIDGE = 0.32;
const BASE = 0.8;
const TEETH = 3;
const CHIMNEY = { x0: 0.72, x1: 0.8, y0: 0.16 };
const WINDOW = { y0: 0.6, y1: 0.7, width: 0.1 };

function inWindow(x: number, y: number): boolean {
  if (y < WINDOW.y0 || y > WINDOW.y1) return false;
  const span = (RIGHT - LEFT) / TEETH;
  for (let i = 0; i < TEETH; i++) {
    const cx = LEFT + span * (i + 0.5);
    if (Math.abs(x - cx) <= WINDOW.width / 2) return true;
  }
  return false;
}

function inFactory(x: number, y: number): boolean {
  if (x >= CHIMNEY.x0 && x <= CHIMNEY.x1 && y >= CHIMNEY.y0 && y <= EAVES) return true;
  if (x < LEFT || x > RIGHT || y > BASE) return false;
  if (inWindow(x, y)) return false;
  if (y >= EAVES) return true;
  // Each tooth rises from the eaves on its left to the ridge, then drops vertically: a north-light roof.
  const span = (RIGHT - LEFT) / TEETH;
  const t = ((x - LEFT) % span) / span;
  const roofY = EAVES - (EAVES - RIDGE) * t;
  return y >= roofY;
}

function inGroundLine(x: number, y: number): boolean {
  return y >= 0.84 && y <= 0.87 && x >= LEFT - 0.04 && x <= RIGHT + 0.04;
}

/** Fraction of a pixel covered by `inside`, from an n x n grid of samples (cheap anti-aliasing). */
function coverage(inside: (x: number, y: number) => boolean, px: number, py: number, size: number, map: (v: number) => number): number {
  const n = 6;
  let hits = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const x = map((px + (i + 0.5) / n) / size);
      const y = map((py + (j + 0.5) / n) / size);
      if (inside(x, y)) hits++;
    }
  }
  return hits / (n * n);
}

const mix = (a: number, b: number, t: number): number => Math.round(a + (b - a) * t);

export function drawColorIcon(size = 192): PNG {
  const png = new PNG({ width: size, height: size });
  const identity = (v: number): number => v;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const white = coverage(inFactory, x, y, size, identity);
      const red = coverage(inGroundLine, x, y, size, identity);
      const i = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) {
        const withRed = mix(ICON_BLUE[c]!, RED[c]!, red);
        png.data[i + c] = mix(withRed, WHITE[c]!, white);
      }
      png.data[i + 3] = 255;
    }
  }
  return png;
}

export function drawOutlineIcon(size = 32): PNG {
  const png = new PNG({ width: size, height: size });
  // The outline is shown tiny, so the shape is zoomed to fill the box (bounding box 0.14..0.86 -> ~0.03..0.97).
  const zoom = (v: number): number => 0.5 + (v - 0.5) * 0.76;
  const shiftY = (v: number): number => zoom(v) - 0.02;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const n = 6;
      let hits = 0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const u = zoom((x + (i + 0.5) / n) / size);
          const v = shiftY((y + (j + 0.5) / n) / size);
          if (inFactory(u, v)) hits++;
        }
      }
      const i = (y * size + x) * 4;
      png.data[i] = 255;
      png.data[i + 1] = 255;
      png.data[i + 2] = 255;
      png.data[i + 3] = Math.round((255 * hits) / (n * n));
    }
  }
  return png;
}

export function writeIcons(dir: string): { color: string; outline: string } {
  const color = path.join(dir, 'color.png');
  const outline = path.join(dir, 'outline.png');
  writeFileSync(color, PNG.sync.write(drawColorIcon()));
  writeFileSync(outline, PNG.sync.write(drawOutlineIcon()));
  return { color, outline };
}

if (require.main === module) {
  const out = writeIcons(path.resolve(__dirname, '..', 'deploy', 'teams'));
  console.log(`Wrote ${path.relative(process.cwd(), out.color)} and ${path.relative(process.cwd(), out.outline)}`);
}
