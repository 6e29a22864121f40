import { z } from 'zod';
import { ToolError } from '../../../shared/errors.ts';

const cell = z.union([z.number(), z.string(), z.null()]);

const seriesBlock = z.record(z.string(), z.array(cell));
const unitsBlock = z.record(z.string(), z.string());

/** Body of the forecast, archive and air-quality endpoints; unknown fields are kept. */
export const weatherResponseSchema = z.looseObject({
  latitude: z.number(),
  longitude: z.number(),
  elevation: z.number().nullable().optional(),
  timezone: z.string().optional(),
  timezone_abbreviation: z.string().optional(),
  utc_offset_seconds: z.number().optional(),
  current: z.record(z.string(), cell).optional(),
  current_units: unitsBlock.optional(),
  hourly: seriesBlock.optional(),
  hourly_units: unitsBlock.optional(),
  daily: seriesBlock.optional(),
  daily_units: unitsBlock.optional(),
  minutely_15: seriesBlock.optional(),
  minutely_15_units: unitsBlock.optional(),
});
export type WeatherResponse = z.infer<typeof weatherResponseSchema>;

const geocodingResultSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  latitude: z.number(),
  longitude: z.number(),
  elevation: z.number().nullable().optional(),
  feature_code: z.string().optional(),
  country_code: z.string().optional(),
  country: z.string().optional(),
  admin1: z.string().optional(),
  admin2: z.string().optional(),
  admin3: z.string().optional(),
  admin4: z.string().optional(),
  timezone: z.string().optional(),
  population: z.number().optional(),
});
export type GeocodingResult = z.infer<typeof geocodingResultSchema>;

/** The search endpoint leaves `results` out entirely when nothing matched. */
const geocodingSearchSchema = z.looseObject({
  results: z.array(geocodingResultSchema).optional(),
});

/** Columns of one time block (hourly, daily, minutely_15) with their units. */
export interface Series {
  /** Unix seconds when the request asked for `timeformat=unixtime`, local ISO text otherwise. */
  time: (number | string)[];
  columns: Record<string, (number | string | null)[]>;
  units: Record<string, string>;
}

function invalidShape(endpoint: string, detail: string): ToolError {
  return new ToolError(
    'UPSTREAM_ERROR',
    `Open-Meteo ${endpoint} sent an unexpected response: ${detail}.`,
    {
      hint: 'Retry once; if it persists, the API may have changed and the server needs an update.',
    },
  );
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`)
    .join('; ');
}

export function parseWeatherResponse(body: unknown, endpoint: string): WeatherResponse {
  const result = weatherResponseSchema.safeParse(body);
  if (!result.success) throw invalidShape(endpoint, describeIssues(result.error));
  return result.data;
}

/**
 * Reads one time block, checking that every column is as long as `time`.
 * Null cells stay null: a value the model did not produce is missing, not 0.
 */
export function readSeries(
  block: Record<string, (number | string | null)[]> | undefined,
  units: Record<string, string> | undefined,
  endpoint: string,
): Series | undefined {
  if (!block) return undefined;
  const time = block.time;
  if (!time) throw invalidShape(endpoint, 'a time block has no "time" column');

  const columns: Series['columns'] = {};
  for (const [name, values] of Object.entries(block)) {
    if (name === 'time') continue;
    if (values.length !== time.length) {
      throw invalidShape(
        endpoint,
        `column "${name}" has ${values.length} values for ${time.length} times`,
      );
    }
    columns[name] = values;
  }

  const stamps = time.filter((value): value is number | string => value !== null);
  if (stamps.length !== time.length) throw invalidShape(endpoint, 'a "time" value is null');
  return { time: stamps, columns, units: { ...units } };
}

export function parseGeocodingSearch(body: unknown): GeocodingResult[] {
  const result = geocodingSearchSchema.safeParse(body);
  if (!result.success) throw invalidShape('geocoding', describeIssues(result.error));
  return result.data.results ?? [];
}

export function parseGeocodingRecord(body: unknown): GeocodingResult {
  const result = geocodingResultSchema.safeParse(body);
  if (!result.success) throw invalidShape('geocoding', describeIssues(result.error));
  return result.data;
}
