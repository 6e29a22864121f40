import { execFile } from 'node:child_process';

/** The font setup charts render with, found once per process. */
export interface ChartFonts {
  /** CSS font-family list for Vega's config. */
  family: string;
  /** A family that has Chinese glyphs, or null when none was found. */
  cjkFamily: string | null;
  /** A warning that CJK text may not render, naming the package to install; null when a CJK font was found. */
  warning: string | null;
}

const PREFERRED = ['WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC'];
const INSTALL_HINT =
  'Chinese labels may show as empty boxes because no CJK font was found; install one, for example "apt-get install fonts-wqy-microhei" on Debian or Ubuntu.';

let cached: Promise<ChartFonts> | undefined;

function listChineseFamilies(): Promise<string[] | null> {
  return new Promise((resolve) => {
    execFile('fc-list', [':lang=zh', 'family'], { timeout: 5000 }, (error, stdout) => {
      if (error) {
        resolve(null);
        return;
      }
      const families = stdout
        .split('\n')
        .flatMap((line) => line.split(','))
        .map((name) => name.trim())
        .filter((name) => name.length > 0);
      resolve(families);
    });
  });
}

/**
 * Chooses the chart fonts from the families fontconfig lists for Chinese, or
 * from null where fontconfig is missing (macOS, Windows). resvg still loads
 * the system fonts there, which usually include a CJK one, so no warning is
 * given in that case.
 */
export function chooseFonts(families: readonly string[] | null): ChartFonts {
  if (families === null) return { family: 'sans-serif', cjkFamily: null, warning: null };
  const cjkFamily = PREFERRED.find((name) => families.includes(name)) ?? families[0] ?? null;
  if (cjkFamily === null) return { family: 'sans-serif', cjkFamily: null, warning: INSTALL_HINT };
  return { family: `${cjkFamily}, sans-serif`, cjkFamily, warning: null };
}

/** Finds the chart fonts through fontconfig, once per process. */
export function chartFonts(): Promise<ChartFonts> {
  cached ??= listChineseFamilies().then(chooseFonts);
  return cached;
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]/;

/** Tells whether a text has Chinese, Japanese or Korean characters. */
export function hasCjk(text: string): boolean {
  return CJK.test(text);
}
